"""Crash safety: leftover .open files are cut, checked and renamed; nothing finished is lost."""

from __future__ import annotations

import json
import os
import signal
from datetime import datetime, timezone
from pathlib import Path

from archiver.extract.article import Article
from archiver.warc import Exchange, WarcArchive
from archiver.warc.check import check_paths
from archiver.warc.repair import repair_directory
from tests.support.records import json_lines
from tests.warc.capture_app import start_capture_app

DATE = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)


def exchange(n: int) -> Exchange:
    return Exchange(url=f"http://127.0.0.1:9/a/{n}", method="GET", request_target=f"/a/{n}",
                    request_headers=[(b"Host", b"127.0.0.1:9")], request_body=b"",
                    protocol="HTTP/1.1", status=200, reason="OK",
                    response_headers=[(b"Content-Length", b"4")], body=b"page",
                    ip_address="127.0.0.1", date=DATE)


def write_articles(archive: WarcArchive, count: int) -> None:
    for n in range(count):
        article = Article(url=f"http://127.0.0.1:9/a/{n}", title=f"T{n}", html="<p>clean</p>")
        archive.write_article(article, exchange(n), site=None, fetched_at=DATE.isoformat(),
                              http_status=200)


def crash(archive: WarcArchive) -> Path:
    """Simulate SIGKILL: the descriptor goes away (lock released), nothing else happens."""
    os.close(archive._fd)
    return archive.directory / (archive.file_name + ".open")


def test_cut_member_is_removed_and_file_renamed(tmp_path):
    archive = WarcArchive(tmp_path)
    write_articles(archive, 2)
    leftover = crash(archive)
    good_size = leftover.stat().st_size
    whole = exchange(9)
    from archiver.warc.compose import response_record
    leftover.open("ab").write(response_record(whole, "<urn:uuid:x>").to_gzip()[:-20])
    [result] = WarcArchive(tmp_path).repaired
    assert result.outcome == "repaired" and result.cut_bytes > 0
    final = tmp_path / archive.file_name
    assert final.stat().st_size == good_size and not leftover.exists()
    report = check_paths([tmp_path])
    assert report.ok, [str(p) for p in report.problems]
    assert report.articles == 2 and report.jsonl_lines == 2


def test_missing_and_partial_jsonl_lines_are_restored_from_the_warc(tmp_path):
    archive = WarcArchive(tmp_path)
    write_articles(archive, 3)
    crash(archive)
    [jsonl] = tmp_path.glob("*.jsonl")
    lines = jsonl.read_text().splitlines()
    jsonl.write_text(lines[0] + "\n" + lines[1][:15])      # killed mid-way, twice over
    repair_directory(tmp_path)
    restored = json_lines(jsonl.read_text())
    assert [r["url"][-1] for r in restored] == ["0", "1", "2"]
    assert check_paths([tmp_path]).ok


def test_file_held_by_a_live_writer_is_left_alone(tmp_path):
    archive = WarcArchive(tmp_path)
    write_articles(archive, 1)
    [result] = repair_directory(tmp_path)
    assert result.outcome == "locked"
    assert (tmp_path / (archive.file_name + ".open")).exists()
    archive.close()


def test_unsalvageable_file_is_renamed_invalid_not_deleted(tmp_path):
    junk = tmp_path / "ARCHIVER-20240101000000-00000-h-1.warc.gz.open"
    junk.write_bytes(b"\x1f\x8b\x08garbage")
    [result] = repair_directory(tmp_path)
    assert result.outcome == "invalid"
    assert (tmp_path / "ARCHIVER-20240101000000-00000-h-1.warc.gz.invalid").read_bytes() \
        == b"\x1f\x8b\x08garbage"


def test_sigkill_mid_crawl_then_restart(site, tmp_path):
    base = site.url
    proc = start_capture_app(tmp_path, [f"{base}/article/1", f"{base}/article/2", f"{base}/hang"])
    archived = []
    for line in proc.stdout:                  # wait on the crawl's own words, not on time
        if line.startswith("ARCHIVED"):
            archived.append(line.split()[1])
        if len(archived) == 2:
            break
    assert site.hanging.wait(30)               # third request in flight: crawl is mid-run
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    [leftover] = tmp_path.glob("*.warc.gz.open")
    leftover.open("ab").write(b"\x1f\x8b\x08\x00torn write")   # a member cut by the kill
    out, err = start_capture_app(tmp_path, [f"{base}/article/3"]).communicate(timeout=60)
    assert "ARCHIVED" in out, err[-2000:]
    assert "WARC crash repair" in err and not list(tmp_path.glob("*.open"))
    report = check_paths([tmp_path])
    assert report.ok, [str(p) for p in report.problems]
    assert report.articles == 3
    urls = [json.loads(l)["url"] for p in tmp_path.glob("*.jsonl") for l in p.read_text().splitlines()]
    assert sorted(urls) == sorted(archived + [f"{base}/article/3"])


def test_check_during_a_live_crawl_reports_no_problems(tmp_path):
    """A cron'd `archive check` while a crawler writes: its .open file is skipped, and so are
    the JSON lines that point at that file (they are not broken, the file is not renamed yet)."""
    archive = WarcArchive(tmp_path)
    write_articles(archive, 2)
    report = check_paths([tmp_path])
    assert report.ok, [str(p) for p in report.problems]
    assert report.jsonl_lines == 2
    assert any("being written by a running crawler" in note for note in report.notes)
    report = check_paths([tmp_path], repair=True)
    assert report.ok, [str(p) for p in report.problems]
    assert (tmp_path / (archive.file_name + ".open")).exists()
    archive.close()
    report = check_paths([tmp_path])
    assert report.ok and report.articles == 2 and report.jsonl_lines == 2
