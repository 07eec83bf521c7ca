"""A real Scrapy crawl of the mock site, judged by real validators and by reading the records."""

from __future__ import annotations

import gzip
import json
import subprocess
import zlib
from pathlib import Path

from click.testing import CliRunner

from archiver.cli import main
from archiver.warc.check import check_paths
from archiver.warc.digests import parse_date
from archiver.warc.reader import Record, iter_records
from tests.support.ci import require_tool
from tests.support.records import json_lines
from tests.warc.capture_app import run_capture_app
from tests.warc.warc_mock_site import AD_MARKER, article_html


def warcs(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.warc.gz"))


def records(directory: Path) -> list[Record]:
    return [r for path in warcs(directory) for r in iter_records(path)]


def response_for(directory: Path, url_end: str) -> Record:
    return next(r for r in records(directory) if r.type == "response"
                and r.get("WARC-Target-URI").endswith(url_end))


def test_warcio_check_passes_every_digest(crawled):
    warcio = require_tool("warcio")
    for path in warcs(crawled):
        out = subprocess.run([warcio, "check", "-v", str(path)], capture_output=True, text=True)
        assert out.returncode == 0, out.stdout + out.stderr
        assert out.stdout.count("digest pass") == sum(1 for _ in iter_records(path))
        assert "fail" not in out.stdout


def test_gzip_t_and_archive_check_pass(crawled):
    for path in warcs(crawled):
        assert subprocess.run([require_tool("gzip"), "-t", str(path)]).returncode == 0
    report = check_paths([crawled])
    assert report.ok, [str(p) for p in report.problems]
    assert report.articles == 3 and report.jsonl_lines == 3
    assert not list(crawled.glob("*.open"))


def test_body_is_stored_as_received(crawled):
    for end in ("/article/2", "/article/3"):      # 2 came chunked, 3 with Content-Length
        head, body = response_for(crawled, end).http_split()
        assert b"Content-Encoding: gzip" in head
        assert b"Transfer-Encoding" not in head
        assert f"Content-Length: {len(body)}\r\n".encode() in head
        assert head.count(b"X-Repeated:") == 2
        assert gzip.decompress(body) == article_html(int(end[-1]))


def test_capture_details(crawled):
    robots = response_for(crawled, "/robots.txt")
    assert robots.get("WARC-IP-Address") == "127.0.0.1"
    redirect = response_for(crawled, "/redirect")
    assert redirect.http_split()[0].startswith(b"HTTP/1.1 301 Moved Permanently\r\n")
    assert response_for(crawled, "/missing").http_split()[0].startswith(b"HTTP/1.1 404 ")
    search = next(r for r in records(crawled) if r.type == "request"
                  and "/search?" in r.get("WARC-Target-URI"))
    assert search.http_split()[0].startswith(b"GET /search?q=a+b&x=1 HTTP/1.1\r\nHost: 127.0.0.1:")
    for end in ("/big", "/big-known"):
        big = response_for(crawled, end)
        assert big.get("WARC-Truncated") == "length"
        assert len(big.http_split()[1]) <= 1000 + 700


def test_article_records_in_order_and_linked(crawled):
    recs = [r for r in records(crawled) if r.type != "warcinfo"]
    conversions = [i for i, r in enumerate(recs) if r.type == "conversion"]
    assert len(conversions) == 3
    for i in conversions:
        response, request, conversion, fields, blob = recs[i - 2:i + 3]
        assert [r.type for r in (response, request, fields, blob)] == \
            ["response", "request", "metadata", "metadata"]
        assert request.get("WARC-Concurrent-To") == response.id
        assert request.get("WARC-Date") == response.get("WARC-Date")
        assert conversion.get("WARC-Target-URI") == response.get("WARC-Target-URI")
        assert AD_MARKER not in conversion.block.decode() and "<article>" in conversion.block.decode()
        assert fields.get("WARC-Target-URI") is None and fields.get("WARC-Payload-Digest") is None
        assert b"creator: A. Author\r\n" in fields.block and b"title: Article " in fields.block
        record = json.loads(blob.block)
        assert record["warc"]["response_id"] == response.id
        assert record["warc"]["conversion_id"] == conversion.id
        assert {r.get("WARC-Refers-To") for r in (conversion, fields, blob)} == {response.id}


def test_jsonl_lines_link_into_the_warc(crawled):
    [jsonl] = crawled.glob("*.jsonl")
    lines = json_lines(jsonl.read_text("utf-8"))
    ids = {r.id for r in records(crawled)}
    assert [l["url"].rsplit("/", 2)[-2:] for l in lines] == [["article", "1"], ["article", "2"], ["article", "3"]]
    for line in lines:
        assert line["warc"]["file"] == warcs(crawled)[0].name
        assert {line["warc"]["response_id"], line["warc"]["conversion_id"]} <= ids


def test_warcinfo_opens_the_file(crawled):
    info = next(iter_records(warcs(crawled)[0]))
    assert info.type == "warcinfo" and info.get("WARC-Filename") == warcs(crawled)[0].name
    text = info.block.decode()
    for line in ("format: WARC File Format 1.1", "robots: classic", "operator: test operator",
                 "http-header-user-agent: archiver-test/1.0", "software: archiver/"):
        assert line in text


def _flip_body_byte(path: Path) -> None:
    """Flip one byte inside article 2's body and re-gzip that member: only digests can tell."""
    data = path.read_bytes()
    target = next(r for r in iter_records(path) if r.type == "response"
                  and r.get("WARC-Target-URI").endswith("/article/2"))
    member = bytearray(zlib.decompress(data[target.offset:target.end], 31))
    member[-10] ^= 0x01
    path.write_bytes(data[:target.offset] + gzip.compress(bytes(member)) + data[target.end:])


def test_flipped_body_byte_fails_warcio_and_archive_check(crawled_copy):
    [path] = warcs(crawled_copy)
    _flip_body_byte(path)
    out = subprocess.run([require_tool("warcio"), "check", "-v", str(path)], capture_output=True, text=True)
    assert out.returncode != 0 and "digest failed" in out.stdout
    result = CliRunner().invoke(main, ["check", str(crawled_copy)])
    assert result.exit_code == 1
    assert "WARC-Payload-Digest does not match" in result.output
    assert f"{path}: offset " in result.output


def test_flipped_compressed_byte_fails_gzip_t_and_archive_check(crawled_copy):
    [path] = warcs(crawled_copy)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert subprocess.run([require_tool("gzip"), "-t", str(path)], capture_output=True).returncode != 0
    report = check_paths([path])
    assert not report.ok
    assert report.records["warcinfo"] == 1      # reading went on past the damage


def test_cdxj_indexer_indexes_the_files(crawled):
    out = subprocess.run([require_tool("cdxj-indexer"), *map(str, warcs(crawled))],
                         capture_output=True, text=True, check=True).stdout
    lines = [json.loads(line.split(" ", 2)[2]) for line in out.splitlines()]
    urls = {l["url"].split("/", 3)[3]: l for l in lines if "url" in l}   # JSON metadata: no URL
    assert urls["article/2"]["status"] == "200" and urls["redirect"]["status"] == "301"


def test_rotation_keeps_articles_whole(site, tmp_path):
    run_capture_app(tmp_path, [f"{site.url}/article/{n}" for n in range(1, 6)], WARC_MAX_SIZE=1500)
    files = warcs(tmp_path)
    assert len(files) >= 5
    for path in files:
        recs = list(iter_records(path))
        assert recs[0].type == "warcinfo"
        assert recs[0].get("WARC-Filename") == path.name
    report = check_paths([tmp_path])
    assert report.ok, [str(p) for p in report.problems]   # Refers-To across files would show
    assert report.articles == 5
    assert sum(len(p.read_text().splitlines()) for p in tmp_path.glob("*.jsonl")) == 5


def test_warc_date_is_when_the_request_went_out(site, tmp_path):
    """WARC-Date is the capture start: the moment the request is sent, not the moment it
    entered the downloader and began waiting out DOWNLOAD_DELAY in its slot's queue."""
    paths = [f"/article/{n}" for n in (21, 22, 23)]
    run_capture_app(tmp_path, [site.url + p for p in paths], DOWNLOAD_DELAY=1,
              RANDOMIZE_DOWNLOAD_DELAY=False)
    arrived = {path: when for path, when in site.arrivals if path in paths}
    assert len(arrived) == 3
    for path in paths:
        date = parse_date(response_for(tmp_path, path).get("WARC-Date")).timestamp()
        assert -0.05 <= arrived[path] - date <= 0.4, (path, arrived[path] - date)
