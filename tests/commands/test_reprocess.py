"""`archive reprocess` on WARC files written by other tools against a local server:
warcio's capture_http and Debian's `wget --warc-file`."""

from __future__ import annotations

import gzip
import re
import subprocess
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import main
from tests.support.ci import require_tool
from tests.support.records import jsonl_records
from tests.support.server import LoopbackServer, write_chunked

PARAGRAPH = ("<p>Researchers in Zurich taught a robot arm to fold shirts, towels and trousers "
             "after watching a few hundred human demonstrations recorded in the lab.</p>")
ARTICLE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{t}</title></head>'
           '<body><nav><a href="/">Home</a></nav><div class="ad-banner">BUY CHEAP GPUS NOW</div>'
           "<article><h1>{t}</h1>" + PARAGRAPH * 8 + "</article><footer>© 2024</footer></body></html>")
PAGES = {
    "/robots-fold-laundry/": ("text/html; charset=utf-8", ARTICLE.format(t="Robots fold laundry")),
    "/chunked-article/": ("text/html; charset=utf-8", ARTICLE.format(t="A chunked article")),
    "/about/": ("text/html; charset=utf-8", "<html><body><p>About us.</p></body></html>"),
    "/style.css": ("text/css", "body { color: black }"),
}


class Site(BaseHTTPRequestHandler):
    """Plain pages with Content-Length; /chunked-article/ gzip-encoded and chunked (HTTP/1.1)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path not in PAGES:
            self._send(404, "text/plain", b"not found")
            return
        ctype, text = PAGES[self.path]
        if self.path == "/chunked-article/":
            body = gzip.compress(text.encode("utf-8"))
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            write_chunked(self.wfile, body, 100)
            return
        self._send(200, ctype, text.encode("utf-8"))

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with LoopbackServer(Site) as server:
        yield server.url


URLS = ["/robots-fold-laundry/", "/chunked-article/", "/about/", "/style.css", "/missing"]


def capture_with_warcio(base: str, path: Path) -> Path:
    from warcio.capture_http import capture_http
    with capture_http(str(path)):
        for url in URLS:
            try:
                urllib.request.urlopen(base + url, timeout=10).read()
            except urllib.error.HTTPError:
                pass
    return path


def capture_with_wget(base: str, directory: Path) -> Path:
    """A WARC written by Debian's wget (the suite's rule when it is missing: tests.support.ci)."""
    wget = require_tool("wget")
    stem = directory / "wget"
    subprocess.run([wget, "-q", "--tries=1", f"--warc-file={stem}", "-O", "/dev/null",
                    *[base + u for u in URLS]], cwd=directory, check=False, timeout=60)
    return stem.with_suffix(".warc.gz")


def reprocess(inputs: list[Path], out: Path, *extra: str):
    return CliRunner().invoke(main, ["reprocess", *map(str, inputs), "-o", str(out), *extra])


def check_output(result, out: Path, base: str) -> None:
    assert result.exit_code == 0, result.output
    assert "2 articles written" in result.stderr
    assert "not HTML" in result.stderr and "HTTP status 404" in result.stderr
    assert "not an article: " in result.stderr
    records = jsonl_records(out)
    assert sorted(r["url"] for r in records) == [base + "/chunked-article/",
                                                 base + "/robots-fold-laundry/"]
    for record in records:
        assert "fold shirts" in record["text"] and "BUY CHEAP" not in record["text"]
        assert record["warc"]["file"] in {p.name for p in out.glob("*.warc.gz")}
    listed = CliRunner().invoke(main, ["replay", str(out), "--jsonl"])
    crawl = "".join(p.read_text("utf-8") for p in sorted(out.glob("*.jsonl")))
    assert listed.stdout == crawl
    raw = CliRunner().invoke(main, ["replay", str(out), base + "/chunked-article/", "-f", "raw"])
    assert raw.stdout.startswith("<!doctype html>")     # stored chunked + gzip, shown decoded


def test_reprocess_warcio_capture(site: str, tmp_path: Path):
    warc = capture_with_warcio(site, tmp_path / "capture.warc.gz")
    out = tmp_path / "out"
    check_output(reprocess([warc], out), out, site)


def test_reprocess_wget_warc_with_two_workers(site: str, tmp_path: Path):
    warc = capture_with_wget(site, tmp_path)
    assert warc.is_file()
    out = tmp_path / "out"
    check_output(reprocess([warc], out, "--jobs", "2"), out, site)
    checked = CliRunner().invoke(main, ["check", str(out)])   # wget's chunked bodies de-chunked
    assert checked.exit_code == 0, checked.output


def test_reprocess_rejects_unknown_site_and_bad_input(tmp_path: Path):
    (tmp_path / "x.warc.gz").write_text("no")
    result = reprocess([tmp_path / "x.warc.gz"], tmp_path / "out")
    assert result.exit_code == 1 and "not a WARC file" in result.stderr
    result = reprocess([tmp_path], tmp_path / "out", "--site", "nope")
    assert result.exit_code == 2 and "unknown site" in result.stderr


def test_check_judges_foreign_warcs_by_warc_rules_not_our_profile(site: str, tmp_path: Path):
    """wget's WARC is valid WARC with its own conventions: clean by framing and digests."""
    warc = capture_with_wget(site, tmp_path)
    result = CliRunner().invoke(main, ["check", str(warc)])
    assert result.exit_code == 0, result.output
    assert "not written by archiver" in result.output
    data = bytearray(gzip.decompress(warc.read_bytes()))
    at = data.index(b"\r\n\r\n", data.index(b"WARC-Type: response")) + 4
    at = data.index(b"\r\n\r\n", at) + 10                     # inside the HTTP body
    data[at] ^= 0x01
    records = re.split(rb"(?=WARC/1\.[01]\r\n)", bytes(data))   # back to one member a record
    warc.write_bytes(b"".join(gzip.compress(r) for r in records if r))
    result = CliRunner().invoke(main, ["check", str(warc)])
    problems = [line for line in result.output.splitlines() if line.startswith("PROBLEM")]
    assert result.exit_code == 1 and problems
    assert all("digest" in line.lower() for line in problems), problems
