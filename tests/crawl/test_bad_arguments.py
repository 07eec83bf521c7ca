"""A mistake on the command line is one line and exit status 2: no traceback, no "Task exception
was never retrieved", nothing started (the real `scrapy crawl`, in a subprocess)."""

from __future__ import annotations

import pytest
from tests.support.crawl import archive, scrapy

CASES = {
    "unknown edition": (["decoder", "-a", "edition=xx"], "unknown edition 'xx'"),
    "since not a date": (["decoder", "-a", "since=yesterday"], "since must be YYYY-MM-DD"),
    "limit not a number": (["decoder", "-a", "limit=abc"], "limit must be a whole number"),
    "unknown argument": (["decoder", "-a", "limt=5"], "unknown spider argument 'limt'"),
    "news without url": (["news"], "give the site's address"),
    "file url": (["news", "-a", "url=file:///etc/passwd"], "url must be an http(s) URL"),
    "workers not a number": (["decoder", "-s", "ARCHIVER_EXTRACT_WORKERS=abc"],
                             "ARCHIVER_EXTRACT_WORKERS must be a whole number"),
    "depth not a number": (["news", "-a", "url=http://127.0.0.1:1/", "-s",
                            "ARCHIVER_NEWS_MAX_DEPTH=abc"], "ARCHIVER_NEWS_MAX_DEPTH must be"),
    "unknown spider": (["nosuch"], "no spider called 'nosuch'; spiders: articles, decoder, news"),
}


@pytest.mark.parametrize("args, message", CASES.values(), ids=CASES.keys())
def test_a_bad_argument_is_one_line_and_exit_2(args, message, tmp_path):
    done = scrapy("crawl", *args, "-s", f"ARCHIVE_DIR={tmp_path}", timeout=60)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "Task exception" not in done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert not list(tmp_path.iterdir())                # nothing started, nothing written


@pytest.mark.parametrize("args, message", [
    (["add"], "give at least one URL"),
    (["add", "file:///etc/passwd"], "url must be an http(s) URL"),
    (["add", "http://127.0.0.1:1/a-story-here/", "-s", "DOWNLOAD_DELAY=soon"],
     "DOWNLOAD_DELAY must be a number"),
], ids=["no url", "file url", "bad setting"])
def test_archive_add_refuses_bad_arguments_without_a_traceback(args, message, tmp_path):
    done = archive(*args, "-o", str(tmp_path / "out"), timeout=60)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "Task exception" not in done.stderr
    assert message in done.stderr
    assert not (tmp_path / "out").exists()
