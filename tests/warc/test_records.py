"""Unit tests of record building and capture, with fixed record IDs and dates."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from archiver.middlewares.warc_capture import WarcCaptureMiddleware
from archiver.warc import Exchange, WarcArchive
from archiver.warc.compose import article_records, warcinfo_record
from archiver.warc.files import host_token, jsonl_path, warc_name

DATE = datetime(2024, 5, 1, 12, 0, 0, 500000, tzinfo=timezone.utc)
LINKS = {"file": "F.warc.gz", "response_id": "<urn:uuid:r>", "conversion_id": "<urn:uuid:c>"}


def sample() -> Exchange:
    return Exchange(url="http://example.test/a?b=1", method="GET", request_target="/a?b=1",
                    request_headers=[(b"Host", b"example.test")], request_body=b"",
                    protocol="HTTP/1.1", status=200, reason="OK",
                    response_headers=[(b"Content-Length", b"4")], body=b"page",
                    ip_address="192.0.2.1", date=DATE)


def test_response_record_bytes():
    response = article_records(LINKS, sample(), "<p>x</p>", [], {}, now=DATE)[0]
    assert response.to_bytes() == (
        b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:r>\r\n"
        b"WARC-Date: 2024-05-01T12:00:00.500000Z\r\nWARC-Target-URI: http://example.test/a?b=1\r\n"
        b"WARC-IP-Address: 192.0.2.1\r\nContent-Type: application/http;msgtype=response\r\n"
        b"WARC-Block-Digest: sha1:5Z34RBUTVYS6GBL7D6NCHL7G3OTD3ZM3\r\n"
        b"WARC-Payload-Digest: sha1:OZYBHTQO4D3NPIDVQ6IS5ORRATH2VPAV\r\n"
        b"Content-Length: 42\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\npage\r\n\r\n")


def test_article_records_read_back_with_warcio():
    recs = article_records(LINKS, sample(), "<p>x</p>", [("title", "T\nwith break"),
                                                          ("creator", "A"), ("creator", "B")],
                           {"warc": LINKS}, now=DATE)
    stream = io.BytesIO(b"".join(r.to_gzip() for r in recs))
    read = list(ArchiveIterator(stream, check_digests=True))
    assert [r.rec_type for r in read] == ["response", "request", "conversion", "metadata", "metadata"]
    conversion = read[2]
    assert conversion.rec_headers.get_header("WARC-Date") == "2024-05-01T12:00:01.500000Z"
    assert conversion.rec_headers.get_header("WARC-Refers-To") == "<urn:uuid:r>"
    fields = read[3]
    assert fields.rec_headers.get_header("WARC-Payload-Digest") is None
    assert fields.rec_headers.get_header("WARC-Target-URI") is None
    assert recs[3].block == b"title: T with break\r\ncreator: A\r\ncreator: B\r\n"
    assert read[1].rec_headers.get_header("WARC-Date") == "2024-05-01T12:00:00.500000Z"


def test_warcinfo_names_the_file():
    info = warcinfo_record("F.warc.gz", [("software", "s")], DATE, "<urn:uuid:i>")
    assert b"WARC-Filename: F.warc.gz\r\n" in info.to_bytes()
    assert info.block.startswith(b"format: WARC File Format 1.1\r\nconformsTo: https://iipc")


def test_names_follow_annex_c_and_differ_per_process():
    assert warc_name("P", DATE, 3, "h-1") == "P-20240501120000-00003-h-1.warc.gz"
    assert host_token("my_host", 12) == "my-host-12" and host_token("a", 1) != host_token("a", 2)
    assert jsonl_path(__import__("pathlib").Path("/x/P-1-00000-h.warc.gz.open")).name == "P-1-00000-h.jsonl"


def test_from_scrapy_keeps_raw_headers_and_query():
    request = Request("http://127.0.0.1:8080/s?q=a+b#frag", headers={"Accept": "text/html"})
    response = HtmlResponse(request.url, status=200, body=b"\x1f\x8bzz", request=request,
                            headers=[(b"Set-Cookie", b"a=1"), (b"Set-Cookie", b"b=2"),
                                     (b"Transfer-Encoding", b"chunked"),
                                     (b"Content-Encoding", b"gzip"), (b"Content-Length", b"99")],
                            ip_address=__import__("ipaddress").ip_address("127.0.0.1"),
                            protocol="HTTP/1.1")
    ex = Exchange.from_scrapy(request, response)
    assert ex.request_block().startswith(b"GET /s?q=a+b HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
    assert ex.response_headers.count((b"Set-Cookie", b"a=1")) == 1
    assert (b"Set-Cookie", b"b=2") in ex.response_headers
    assert all(name.lower() != b"transfer-encoding" for name, _ in ex.response_headers)
    assert (b"Content-Length", b"4") in ex.response_headers and ex.body == b"\x1f\x8bzz"
    assert ex.ip_address == "127.0.0.1" and not ex.truncated


def test_middleware_defers_articles_writes_others_skips_cache(tmp_path):
    crawler = get_crawler(settings_dict={"ARCHIVE_DIR": str(tmp_path)})
    mw = WarcCaptureMiddleware.from_crawler(crawler)
    archive = WarcArchive.for_crawler(crawler)
    article = Request("http://127.0.0.1/a", meta={"archiver_article": True})
    mw.process_request(article)
    mw.process_response(article, HtmlResponse(article.url, body=b"x", request=article))
    assert isinstance(article.meta["warc_exchange"], Exchange)
    assert archive.file_name is None                      # nothing written yet
    other = Request("http://127.0.0.1/feed")
    mw.process_response(other, HtmlResponse(other.url, body=b"x", request=other))
    cached = Request("http://127.0.0.1/c")
    mw.process_response(cached, HtmlResponse(cached.url, body=b"x", flags=["cached"], request=cached))
    archive.close()                                       # the unclaimed article goes out too
    [path] = tmp_path.glob("*.warc.gz")
    uris = [r.rec_headers.get_header("WARC-Target-URI")
            for r in ArchiveIterator(path.open("rb")) if r.rec_type == "response"]
    assert uris == ["http://127.0.0.1/feed", "http://127.0.0.1/a"]
