"""An article's image records in its WARC file (order, links, revisits, nothing twice), and the
host rules of image requests (only the hosts the article names; their robots.txt)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy import Request

from archiver.extract.article import Article
from archiver.middlewares.allowed_hosts import AllowedHostsMiddleware, OffsiteRefused
from archiver.middlewares.image_hosts import ImageHostsMiddleware, image_hosts
from archiver.request_meta import EXTRA_HOSTS_KEY
from archiver.warc.archive import WarcArchive
from archiver.warc.exchange import Exchange
from archiver.warc.images import ArticleImages, ImageCapture, StoredPayload
from archiver.warc.reader import Record, iter_records
from decoder_mirror.imagefiles import png

WHEN = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
PNG = png(32, 18, (120, 60, 30))


def exchange(url: str, body: bytes, status: int = 200, kind: bytes = b"image/png",
             headers: list | None = None) -> Exchange:
    return Exchange(url=url, method="GET", request_target="/" + url.split("/", 3)[-1],
                    request_headers=[(b"Host", b"x.org")], request_body=b"", protocol="HTTP/1.1",
                    status=status, reason="OK",
                    response_headers=[(b"Content-Type", kind), *(headers or []),
                                      (b"Content-Length", str(len(body)).encode())],
                    body=body, ip_address="127.0.0.1", date=WHEN)


def write(directory: Path, images: list[ImageCapture]) -> list[Record]:
    archive = WarcArchive(directory, repair=False, host="test")
    for image in images:
        for hop in image.exchanges:
            archive.defer(hop)                # as the capture middleware holds them
    page = exchange("https://x.org/story/", b"<html><p>story</p></html>", kind=b"text/html")
    article = Article(url=page.url, title="Story", html="<p>story</p>", language="en")
    archive.write_article(article, page, site=None, fetched_at="2026-03-01T08:00:00Z",
                          http_status=200, images=ArticleImages(captures=images))
    archive.close()
    return [r for p in sorted(directory.glob("*.warc.gz")) for r in iter_records(p)]


def test_images_follow_the_article_in_the_same_write_and_are_not_written_again(tmp_path):
    hop = exchange("https://x.org/old.png", b"", status=301,
                   headers=[(b"Location", b"https://x.org/new.png")])
    moved = ImageCapture("https://x.org/old.png", [hop, exchange("https://x.org/new.png", PNG)])
    plain = ImageCapture("https://x.org/b.png", [exchange("https://x.org/b.png", PNG[:-1] + b"!")])
    records = write(tmp_path, [moved, plain])
    kinds = [(r.type, (r.get("WARC-Target-URI") or "").rsplit("/", 1)[-1]) for r in records]
    assert kinds == [("warcinfo", ""), ("response", ""), ("request", ""), ("conversion", ""),
                     ("metadata", ""), ("metadata", ""),
                     ("response", "old.png"), ("request", "old.png"),
                     ("response", "new.png"), ("request", "new.png"),
                     ("response", "b.png"), ("request", "b.png")]
    for response, request in zip(records[6::2], records[7::2]):
        assert request.get("WARC-Concurrent-To") == response.id
    assert moved.final.record_id == records[8].id
    check = subprocess.run([sys.executable, "-m", "archiver.cli", "check", str(tmp_path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_stored_payload_is_written_as_a_revisit(tmp_path):
    stored = StoredPayload("<urn:uuid:11111111-2222-3333-4444-555555555555>",
                           "https://a.org/x.png", "2026-02-01T00:00:00.000000Z", "sha1:ABC")
    image = ImageCapture("https://b.org/x.png", [exchange("https://b.org/x.png", PNG)],
                         revisit_of=stored)
    records = write(tmp_path, [image])
    revisit = records[6]
    assert revisit.type == "revisit" and revisit.http_split()[1] == b""
    assert revisit.get("WARC-Refers-To") == stored.record_id
    assert revisit.get("WARC-Refers-To-Target-URI") == "https://a.org/x.png"
    assert revisit.get("WARC-Refers-To-Date") == stored.date
    assert revisit.get("WARC-Truncated") == "length"
    assert records[7].type == "request" and records[7].get("WARC-Concurrent-To") == revisit.id
    assert image.stored() == stored


def guard(allowed: list[str]) -> AllowedHostsMiddleware:
    crawler = SimpleNamespace(spider=SimpleNamespace(allowed_domains=allowed),
                              stats=SimpleNamespace(inc_value=lambda *a, **k: None))
    return AllowedHostsMiddleware(crawler)


def test_an_image_request_may_reach_the_hosts_its_article_names_and_no_other():
    check = guard(["the-decoder.com"])
    named = {EXTRA_HOSTS_KEY: ("i0.wp.com",)}
    check.process_request(Request("https://i0.wp.com/the-decoder.com/a.png", meta=named))
    check.process_request(Request("https://the-decoder.com/wp-content/a.png", meta=named))
    for url in ("https://cdn.i0.wp.com/a.png", "https://tracker.example/p.gif"):
        with pytest.raises(OffsiteRefused):
            check.process_request(Request(url, meta=named))
    with pytest.raises(OffsiteRefused):
        check.process_request(Request("https://i0.wp.com/the-decoder.com/a.png"))


def test_the_robots_txt_of_an_image_host_may_be_fetched():
    crawler = SimpleNamespace()
    image_hosts(crawler).add("i0.wp.com")
    middleware, check = ImageHostsMiddleware(crawler), guard(["the-decoder.com"])
    robots = Request("https://i0.wp.com/robots.txt", meta={"dont_obey_robotstxt": True})
    middleware.process_request(robots)
    assert robots.meta["allow_offsite"] is True
    check.process_request(robots)
    for other in (Request("https://i0.wp.com/other.png", meta={"dont_obey_robotstxt": True}),
                  Request("https://elsewhere.org/robots.txt", meta={"dont_obey_robotstxt": True}),
                  Request("https://i0.wp.com/robots.txt")):
        middleware.process_request(other)
        with pytest.raises(OffsiteRefused):
            check.process_request(other)


def test_a_cut_image_is_no_capture_when_the_state_is_rebuilt(tmp_path):
    """The crawl state rebuilt from the WARC files knows the whole image, not the cut one, so a
    later crawl fetches the cut one again instead of calling it archived."""
    from archiver.images.ledger import ImageLedger
    from archiver.state import ArchiveState
    from archiver.state.from_warcs import captures_in

    cut = exchange("https://x.org/big.png", PNG[:20])
    cut.truncated = "length"
    write(tmp_path, [ImageCapture("https://x.org/big.png", [cut]),
                     ImageCapture("https://x.org/small.png",
                              [exchange("https://x.org/small.png", PNG)])])
    found = captures_in(sorted(tmp_path.glob("*.warc.gz")))
    assert any(c.url == "https://x.org/small.png" for c in found.values())
    assert not any(c.url == "https://x.org/big.png" for c in found.values())
    ledger = ImageLedger(ArchiveState(tmp_path))          # a state built from the files
    assert ledger.holds("https://x.org/small.png") and not ledger.holds("https://x.org/big.png")
