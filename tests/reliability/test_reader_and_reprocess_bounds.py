"""Nobody gets in, nothing runs away: the reader (`archive serve`) answers only to the names it
is bound to, serves connections concurrently with a timeout, warns off loopback and never links
to a scheme other than http(s); `archive reprocess` caps its workers at the CPU count, uses one
pool for the whole run, and refuses an output directory inside its own input.
"""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import main
from archiver.extract.article import Article
from archiver.library import reader_server
from archiver.library.library import Library
from archiver.library.web import ReaderApp
from archiver.warc.archive import WarcArchive
from tests.support.crawl import ROOT
from tests.support.exchanges import exchange
from tests.support.records import jsonl_records


def small_archive(directory: Path, count: int = 1, url: str | None = None) -> Path:
    archive = WarcArchive(directory)
    for n in range(count):
        page_url = url or f"https://example.org/story-number-{n}/"
        page = exchange(page_url, body=(b"<html><head><title>Story</title></head><body><article>"
                                        b"<h1>Story</h1>" + b"<p>A paragraph of the story, "
                                        b"long enough to be one.</p>" * 12 + b"</article></body>"
                                        b"</html>"))
        article = Article(url=page_url, title=f"Story {n}", language="en",
                          published="2024-05-01", html="<p>A story.</p>",
                          sources=[{"name": "Evil", "url": "javascript:alert(2)"}])
        archive.write_article(article, page, site=None, fetched_at=page.date.isoformat(),
                              http_status=200)
    archive.close()
    return directory


@contextmanager
def served(directory: Path, host: str = "127.0.0.1") -> Iterator[tuple[str, int]]:
    """The real reader server (the one `archive serve` runs), in a thread."""
    server = reader_server.make_reader_server(host, 0, ReaderApp(Library([directory], print)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield host, server.server_port
    finally:
        server.shutdown()
        server.server_close()


def get(port: int, path: str = "/", host_header: str | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host_header} if host_header is not None else {}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


# --- the reader ---------------------------------------------------------------------------------

def test_reader_answers_only_to_the_names_it_is_bound_to(tmp_path):
    with served(small_archive(tmp_path)) as (_, port):
        assert get(port, host_header=f"127.0.0.1:{port}")[0] == 200
        assert get(port, host_header=f"localhost:{port}")[0] == 200
        status, body = get(port, host_header=f"attacker.example:{port}")   # DNS rebinding
        assert status == 421 and "Story" not in body
        assert get(port, "/static/reader.css", host_header="evil.test")[0] == 421


def test_a_half_open_connection_blocks_nobody_and_is_closed_after_the_timeout(tmp_path,
                                                                              monkeypatch):
    monkeypatch.setattr(reader_server.ReaderHandler, "timeout", 1.0)
    with served(small_archive(tmp_path)) as (_, port):
        stalled = socket.create_connection(("127.0.0.1", port))
        stalled.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")     # never finished
        started = time.monotonic()
        assert get(port, host_header=f"127.0.0.1:{port}")[0] == 200     # served meanwhile
        assert time.monotonic() - started < 5
        stalled.settimeout(10)
        assert stalled.recv(1024) == b""          # the server hung up on the silent client
        stalled.close()


def test_reader_never_links_to_a_scheme_other_than_http(tmp_path):
    small_archive(tmp_path, url="javascript:alert(document.domain)//")
    with served(tmp_path) as (_, port):
        _, listing = get(port, host_header=f"127.0.0.1:{port}")
        rid = re.search(r'href="/a/([0-9a-f-]+)"', listing).group(1)
        status, page = get(port, f"/a/{rid}", host_header=f"127.0.0.1:{port}")
    assert status == 200
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith(("/", "http://", "https://")) for h in hrefs), hrefs
    assert "javascript:" not in " ".join(hrefs)


def test_serve_warns_in_one_line_when_not_on_loopback(tmp_path):
    small_archive(tmp_path)
    done = subprocess.run([sys.executable, "-m", "archiver.cli", "serve", str(tmp_path),
                           "--host", "192.0.2.1", "--port", "0"],      # TEST-NET: never bound
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    lines = done.stderr.strip().splitlines()
    assert lines[0] == ("warning: 192.0.2.1 is not a loopback address: anyone who can reach it "
                        "can read this archive (the reader has no authentication)")
    assert done.returncode == 1 and lines[-1].startswith("Error: cannot listen on 192.0.2.1:0")
    assert reader_server.is_loopback("127.0.0.1") and reader_server.is_loopback("localhost")
    assert not reader_server.is_loopback("0.0.0.0")


def test_archive_serve_on_loopback_answers_and_refuses_a_foreign_host(tmp_path):
    small_archive(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "archiver.cli", "serve", str(tmp_path),
                             "--port", "0"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1))
        assert "warning" not in line
        assert get(port, host_header=f"127.0.0.1:{port}")[0] == 200
        assert get(port, host_header="rebound.example")[0] == 421
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# --- reprocess ----------------------------------------------------------------------------------

def test_reprocess_caps_jobs_at_the_cpu_count_and_says_so(tmp_path):
    from archiver.commands.reprocess import cpu_count
    small_archive(tmp_path / "in")
    done = CliRunner().invoke(main, ["reprocess", str(tmp_path / "in"), "-o",
                                     str(tmp_path / "out"), "--jobs", "10000"])
    assert done.exit_code == 0, done.output
    cpus = cpu_count()
    assert (f"note: --jobs 10000 is more than the {cpus} CPU{'s' * (cpus != 1)} here; "
            f"using {cpus}") in done.output


def test_reprocess_uses_one_pool_for_the_whole_run(tmp_path, monkeypatch):
    from archiver.library import reprocess as module
    made = []
    real = module.ProcessPoolExecutor

    def counting(*args, **kwargs):
        made.append(kwargs.get("max_workers", args[0] if args else None))
        return real(*args, **kwargs)
    monkeypatch.setattr(module, "ProcessPoolExecutor", counting)
    monkeypatch.setattr("archiver.commands.reprocess.cpu_count", lambda: 2)
    for n in range(6):
        small_archive(tmp_path / "in" / f"part-{n}")
    done = CliRunner().invoke(main, ["reprocess", str(tmp_path / "in"), "-o",
                                     str(tmp_path / "out"), "--jobs", "2"])
    assert done.exit_code == 0, done.output
    assert made == [2]                            # six input files, one pool
    assert len(jsonl_records(tmp_path / "out")) == 6


@pytest.mark.parametrize("inside", [".", "clean", "clean/deeper"])
def test_reprocess_refuses_an_output_inside_its_own_input(tmp_path, inside):
    source = small_archive(tmp_path / "in")
    before = sorted(p.name for p in source.rglob("*"))
    done = subprocess.run([sys.executable, "-m", "archiver.cli", "reprocess", str(source),
                           "-o", str(source / inside)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"Error: -o {source / inside} is inside the input {source}")
    assert sorted(p.name for p in source.rglob("*")) == before       # nothing written
