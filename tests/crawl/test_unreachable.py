"""A crawl that cannot reach its site fails: exit status 1 and one line saying why."""

from __future__ import annotations

from tests.support.crawl import archive, levels, run_crawl
from tests.support.mirror import mirror_args
from tests.support.server import closed_port


def test_an_unreachable_site_is_one_error_line_and_exit_1(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}"
    done = run_crawl("news", tmp_path, {"url": f"{url}/"}, {"RETRY_TIMES": 0}, timeout=120,
                     check=False)
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "Task exception" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if "] ERROR: " in line]
    assert errors == [errors[0]] and f"Could not reach {url} (connection refused)" in errors[0]
    assert "WARNING" not in levels(done.stderr)
    assert "Dumping Scrapy stats" not in done.stderr
    assert not list(tmp_path.glob("*.jsonl"))


def test_one_unreachable_edition_fails_the_crawl(tmp_path):
    from decoder_mirror import serve_mirror

    dead = f"http://127.0.0.1:{closed_port()}"
    with serve_mirror() as mirror:
        done = run_crawl("decoder", tmp_path, mirror_args(mirror, de_url=dead), {"RETRY_TIMES": 0},
                         timeout=120, check=False)
    assert done.returncode == 1, done.stderr[-3000:]
    assert f"ERROR: Could not reach {dead} (connection refused)" in done.stderr
    assert "archived   8 articles (en 8)" in done.stderr       # the summary of what did work


def test_archive_add_of_an_unreachable_url_fails(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/a-story-that-is-not-there/"
    done = archive("add", url, "-o", str(tmp_path), "-s", "RETRY_TIMES=0", timeout=120)
    assert done.returncode == 1, done.stderr[-3000:]
    assert done.stdout.split() == ["failed", url, "connection", "refused"]
    assert "Traceback" not in done.stderr
