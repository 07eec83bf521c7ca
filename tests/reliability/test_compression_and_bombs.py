"""Content codings and decompression bombs.

- The crawl asks for gzip and deflate only, the codings every WARC validator reads; a server
  that sends br or zstd anyway is stored decoded, and `warcio check` passes on the files.
- reprocess, replay --format raw and serve decode br, zstd, gzip and deflate (zlib and raw) in
  other tools' WARC files.
- A WARC member that inflates to 320 MB, and a gzip body that inflates to 512 MB,
  are read streaming: `archive check`, `replay` and a crawl starting on such an archive stay
  within a small, fixed amount of memory (peak RSS measured by the kernel for each process).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import zlib
from datetime import datetime, timezone
from pathlib import Path

import brotli
import pytest
from tests.reliability.fault_site import FaultHandler, FaultSite, article_html

from archiver.extract.article import Article
from archiver.warc.compose import (conversion_record, json_record, request_record,
                                   response_record, warcinfo_record)
from archiver.warc.content import _zstd_module
from archiver.warc.exchange import Exchange
from archiver.warc.reader import Record, iter_records
from tests.support.crawl import ROOT, SMALL_BOUNDS, archive_check, crawl_command, run_crawl
from tests.support.records import jsonl_records

zstd = _zstd_module()
PARAGRAPH = "Ein Bericht über Wasser, Brücken und Straßen in der Stadt. "
MEMORY_BOUND_MB = 250        # a Python process with lxml and Scrapy loaded is about 100 MB


def encoded(coding: str, data: bytes) -> bytes:
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    return {"gzip": gzip.compress, "br": brotli.compress, "zstd": zstd.compress,
            "deflate": zlib.compress,
            "raw-deflate": lambda d: raw_deflate.compress(d) + raw_deflate.flush(),
            "gzip, br": lambda d: brotli.compress(gzip.compress(d))}[coding](data)


# --- the crawl asks only for what validators read ------------------------------------------------

def test_crawl_asks_for_gzip_and_deflate_and_stores_what_validators_read(tmp_path):
    site = FaultSite()
    pages = {}
    for coding in ("gzip", "deflate", "br", "zstd"):
        path = f"/news/2024/05/01/a-story-sent-with-{coding}-coding/"
        body = article_html(f"Sent with {coding}", extra=f"<p>{PARAGRAPH}</p>").encode()
        pages[coding] = path

        def route(h: FaultHandler, coding=coding, body=body) -> None:
            # gzip and deflate only when asked; br and zstd whatever was asked (as some do)
            asked = h.headers.get("Accept-Encoding", "")
            if coding in ("gzip", "deflate") and coding not in asked:
                h.send(200, body)
            else:
                h.send(200, encoded(coding, body), headers=[("Content-Encoding", coding)])
        site.routes[path] = route
    site.page("/", "<html><body>" + "".join(f'<a href="{p}">{c}</a>' for c, p in pages.items())
              + "</body></html>")
    site.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    site.start()
    try:
        run_crawl("news", tmp_path, {"url": site.url + "/"}, SMALL_BOUNDS)
    finally:
        site.stop()
    assert {h.headers.get("Accept-Encoding") for h in site.hits} == {"gzip, deflate"}
    titles = {r["title"] for r in jsonl_records(tmp_path)}
    assert titles == {f"Sent with {c}" for c in pages}
    responses = [r for p in tmp_path.glob("*.warc.gz") for r in iter_records(p)
                 if isinstance(r, Record) and r.type == "response"]
    stored = {}
    for record in responses:
        head = record.http_split()[0].decode("latin-1").lower()
        for line in head.split("\r\n"):
            if line.startswith("content-encoding:"):
                stored[record.get("WARC-Target-URI")] = line.split(":", 1)[1].strip()
    assert set(stored.values()) == {"gzip", "deflate"}               # br, zstd: stored decoded
    br = next(r for r in responses if r.get("WARC-Target-URI").endswith("with-br-coding/"))
    assert b"x-archive-orig-content-encoding: br" in br.http_split()[0].lower()
    assert b"Sent with br" in br.http_split()[1]
    for path in tmp_path.glob("*.warc.gz"):
        checked = subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", "-v", str(path)],
                                 capture_output=True, text=True)
        assert checked.returncode == 0 and "Traceback" not in checked.stderr, checked.stderr
        assert "digest fail" not in checked.stdout
    done = archive_check(tmp_path)
    assert done.returncode == 0, done.stdout[-3000:]


# --- other tools' WARC files ------------------------------------------------------------------

FOREIGN_CODINGS = ["br", "zstd", "gzip", "deflate", "raw-deflate", "gzip, br"]


def foreign_warc(path: Path, bodies: dict[str, bytes], chunked: bool = False) -> None:
    """A WARC file as another tool writes it (warcinfo of wget, request before response,
    bodies as sent), one response per content coding."""
    now = datetime(2024, 5, 2, 8, 0, tzinfo=timezone.utc)
    with path.open("wb") as out:
        out.write(warcinfo_record(path.name, [("software", "Wget/1.21.3")], now).to_gzip())
        for n, (coding, body) in enumerate(bodies.items()):
            url = f"http://news.example.org/2024/05/0{n + 1}/a-story-coded-{n}/"
            page = Exchange(url=url, method="GET", request_target=url.split(".org")[1],
                            request_headers=[(b"Host", b"news.example.org")], request_body=b"",
                            protocol="HTTP/1.1", status=200, reason="OK",
                            response_headers=[(b"Content-Type", b"text/html; charset=utf-8"),
                                              (b"Content-Encoding",   # raw: still "deflate"
                                               coding.removeprefix("raw-").encode()),
                                              (b"Content-Length", str(len(body)).encode())],
                            body=body, ip_address="192.0.2.1", date=now)
            rid = f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>"
            out.write(request_record(page, rid).to_gzip())
            out.write(response_record(page, rid).to_gzip())


def test_reprocess_replay_and_serve_decode_every_coding_of_other_tools(tmp_path):
    html = {c: article_html(f"Coded {c}", extra=f"<p>{PARAGRAPH}</p>").encode()
            for c in FOREIGN_CODINGS}
    foreign_warc(tmp_path / "wget.warc.gz", {c: encoded(c, html[c]) for c in FOREIGN_CODINGS})
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "archiver.cli", "reprocess",
                           str(tmp_path / "wget.warc.gz"), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{len(FOREIGN_CODINGS)} articles written" in done.stderr, done.stderr
    records = jsonl_records(out)
    assert sorted(r["title"] for r in records) == sorted(f"Coded {c}" for c in FOREIGN_CODINGS)
    assert all(PARAGRAPH.strip() in r["text"] for r in records)
    from tests.support.reader import serve_reader
    from urllib.request import urlopen
    from click.testing import CliRunner

    from archiver.cli import main
    with serve_reader(out) as reader:
        for record in records:
            raw = CliRunner().invoke(main, ["replay", str(out), record["url"], "--format", "raw"])
            assert raw.exit_code == 0 and record["title"] in raw.output, raw.output
            assert "Straßen" in raw.output
            rid = record["warc"]["response_id"].strip("<>").removeprefix("urn:uuid:")
            served = urlopen(f"{reader}/a/{rid}/raw").read().decode("utf-8")
            assert record["title"] in served and "Straßen" in served


# --- decompression bombs --------------------------------------------------------------------------

BOMB = 320 * 1024 * 1024     # the old reader held it twice: 640 MB


def _sha1(chunks) -> str:
    digest = hashlib.sha1()
    for chunk in chunks:
        digest.update(chunk)
    return "sha1:" + base64.b32encode(digest.digest()).decode()


def bomb_warc(path: Path, url: str, size: int = BOMB) -> None:
    """An archiver-made file whose article's response record inflates to ``size`` bytes: a
    gzip member of about 0.3 MB holding one record of zeros, then the article's other records."""
    now = datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)
    rid = "<urn:uuid:00000000-0000-0000-0000-0000000000bb>"
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % size)
    zero = b"\0" * (1 << 20)
    block = _sha1([head] + [zero] * (size >> 20))
    payload = _sha1([zero] * (size >> 20))
    warc_head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: {rid}\r\n"
                 f"WARC-Date: 2024-05-01T10:00:00.000000Z\r\nWARC-Target-URI: {url}\r\n"
                 "WARC-IP-Address: 127.0.0.1\r\nContent-Type: application/http;msgtype=response"
                 f"\r\nWARC-Block-Digest: {block}\r\nWARC-Payload-Digest: {payload}\r\n"
                 f"Content-Length: {len(head) + size}\r\n\r\n").encode()
    record = {"url": url, "title": "A bomb", "language": "en", "published": "2024-05-01",
              "fetched_at": "2024-05-01T10:00:00Z",
              "warc": {"file": path.name.removesuffix(".open"), "response_id": rid,
                       "conversion_id": "<urn:uuid:00000000-0000-0000-0000-0000000000bc>"}}
    later = datetime(2024, 5, 1, 10, 0, 2, tzinfo=timezone.utc)
    page = Exchange(url=url, method="GET", request_target="/bomb/",
                    request_headers=[(b"Host", b"127.0.0.1")], request_body=b"",
                    protocol="HTTP/1.1", status=200, reason="OK", response_headers=[],
                    body=b"", ip_address="127.0.0.1", date=now)
    with path.open("wb") as out:
        out.write(warcinfo_record(path.name.removesuffix(".open"),
                                  [("software", "archiver/0.1.0")], now).to_gzip())
        member = zlib.compressobj(9, zlib.DEFLATED, 31)
        out.write(member.compress(warc_head) + member.compress(head))
        for _ in range(size >> 20):
            out.write(member.compress(zero))
        out.write(member.compress(b"\r\n\r\n") + member.flush())
        out.write(request_record(page, rid).to_gzip())
        out.write(conversion_record(url, "<p>bomb</p>", rid, later,
                                    record["warc"]["conversion_id"]).to_gzip())
        out.write(json_record(record, rid, later).to_gzip())


# Runs a module as ``python -m`` would, and at exit writes the process's own peak RSS (VmHWM:
# since its exec, so not the test runner's memory, which fork+exec would carry into ru_maxrss).
PEAK_WRAPPER = """
import atexit, os, runpy, sys
def peak():
    with open("/proc/self/status") as status:
        kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    with open(os.environ["PEAK_FILE"], "w") as out:
        out.write(str(kb))
atexit.register(peak)
module = sys.argv.pop(1)
sys.argv[0] = module
runpy.run_module(module, run_name="__main__", alter_sys=True)
"""


def peak_mb(cmd: list[str], timeout: float = 300) -> tuple[int, float, str]:
    """(exit status, peak RSS in MB, stderr) of ``python -m MODULE ...``, as the kernel counted
    the process's own memory."""
    assert cmd[:2] == [sys.executable, "-m"]
    peak = Path(os.environ.get("TMPDIR", "/tmp")) / f"peak-{os.getpid()}"
    done = subprocess.run([sys.executable, "-c", PEAK_WRAPPER, *cmd[2:]], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          timeout=timeout, env={**os.environ, "PEAK_FILE": str(peak)})
    kb = int(peak.read_text())
    peak.unlink()
    return done.returncode, kb / 1024, done.stderr


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("bomb")
    bomb_warc(directory / "ARCHIVER-20240501100000-00000-bomb-1.warc.gz",
              "http://127.0.0.1:9/bomb/")
    return directory


def test_a_bomb_is_checked_in_bounded_memory(bomb):
    path = next(bomb.glob("*.warc.gz"))
    assert path.stat().st_size < 2 * 1024 * 1024
    status, peak, err = peak_mb([sys.executable, "-m", "archiver.cli", "check", str(path)])
    assert peak < MEMORY_BOUND_MB, (peak, err)
    assert status == 0 or "does not match" not in err       # digests verified while streaming


def test_a_bomb_is_listed_and_replayed_in_bounded_memory(bomb):
    cli = [sys.executable, "-m", "archiver.cli", "replay", str(bomb)]
    status, peak, err = peak_mb(cli)
    assert status == 0 and peak < MEMORY_BOUND_MB, (status, peak, err)
    status, peak, err = peak_mb([*cli, "http://127.0.0.1:9/bomb/", "--format", "raw"])
    assert status == 0 and peak < MEMORY_BOUND_MB, (status, peak, err)
    assert "too large to show whole" in err


def test_a_crawl_starts_on_an_archive_holding_bombs_in_bounded_memory(bomb, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(next(bomb.glob("*.warc.gz")), archive)
    bomb_warc(archive / "ARCHIVER-20240501100001-00000-bomb-2.warc.gz.open",
              "http://127.0.0.1:9/other-bomb/")          # a leftover to repair on start
    site = FaultSite()
    site.page("/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain")
    site.start()
    try:
        status, peak, err = peak_mb(crawl_command("news", archive, {"url": site.url + "/"},
                                                  SMALL_BOUNDS))
    finally:
        site.stop()
    assert status == 0 and "Traceback" not in err, err[-3000:]
    assert peak < MEMORY_BOUND_MB, peak
    assert "bomb-2.warc.gz.open: repaired" in err
    assert (archive / "ARCHIVER-20240501100001-00000-bomb-2.warc.gz").exists()


def test_a_gzip_body_that_inflates_to_half_a_gigabyte_is_replayed_bounded(tmp_path):
    from archiver.warc.archive import WarcArchive
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = member.compress(b"<html><body>" + b" " * (1 << 20))
    body += b"".join(member.compress(b" " * (1 << 20)) for _ in range(511)) + member.flush()
    url = "https://example.org/gzip-bomb-story/"
    page = Exchange(url=url, method="GET", request_target="/gzip-bomb-story/",
                    request_headers=[(b"Host", b"example.org")], request_body=b"",
                    protocol="HTTP/1.1", status=200, reason="OK",
                    response_headers=[(b"Content-Type", b"text/html"),
                                      (b"Content-Encoding", b"gzip"),
                                      (b"Content-Length", str(len(body)).encode())],
                    body=body, ip_address="127.0.0.1", date=datetime.now(timezone.utc))
    archive = WarcArchive(tmp_path)
    archive.write_article(Article(url=url, title="Gzip bomb", html="<p>x</p>"), page, site=None,
                          fetched_at=page.date.isoformat(), http_status=200)
    archive.close()
    status, peak, err = peak_mb([sys.executable, "-m", "archiver.cli", "replay", str(tmp_path),
                                 url, "--format", "raw"])
    assert status == 0 and peak < MEMORY_BOUND_MB, (status, peak, err)
    status, peak, err = peak_mb([sys.executable, "-m", "archiver.cli", "reprocess",
                                 str(tmp_path), "-o", str(tmp_path.parent / "re")])
    assert status == 0 and peak < MEMORY_BOUND_MB, (status, peak, err)
    assert "too large" in err
