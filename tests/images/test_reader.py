"""The reader shows an archived article with its images from the archive, and asks no other
host for anything: a headless Chromium records every request the page makes (DevTools
performance log) while the mirror the images came from is still running, so a hot-link would
both load and be seen."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from archiver.library import web
from archiver.library.library import Library
from archiver.library.pictures import localize, missing_link
from tests.support.reader import chromium, requested_urls, serve_reader


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium(performance_log=True) as driver:
        yield driver


def article_links(reader: str) -> list[str]:
    with urllib.request.urlopen(reader + "/") as reply:
        return re.findall(r'href="(/a/[0-9a-f-]+)"', reply.read().decode())


def the_page(reader: str, browser, path: str) -> dict:
    """Load an article page; its images, and every URL the browser requested for it."""
    requested_urls(browser)                   # drop what came before
    browser.get(reader + path)
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.src, i.complete, i.naturalWidth])")
    return {"images": images, "requested": requested_urls(browser),
            "text": browser.find_element("tag name", "body").text}


def outside(reader: str, urls: list[str]) -> list[str]:
    """Network requests to anywhere but the reader (the browser's own chrome:// pages and
    data: URLs are not network requests)."""
    origin = urlsplit(reader).netloc
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).netloc != origin]


def test_every_article_shows_its_images_from_the_archive_only(image_crawl, browser):
    with serve_reader(image_crawl.dir) as reader:
        pages = [the_page(reader, browser, path) for path in article_links(reader)]
    assert len(pages) == len(image_crawl.records)
    shown = 0
    for page in pages:
        assert outside(reader, page["requested"]) == []
        assert page["images"], "the lead image is shown above every article"
        for src, complete, width in page["images"]:
            assert src.startswith(reader + "/image/") and complete and width > 0, src
        shown += len(page["images"])
    assert shown == sum(len(r["images"]) for r in image_crawl.records)
    assert any("Image not archived" in p["text"] for p in pages) is False


def test_control_the_log_sees_a_hot_link(image_crawl, browser, monkeypatch):
    """With the rewrite and the CSP of old (``img-src *``), the same pages hot-link the mirror,
    and the performance log shows it: the check above can fail."""
    monkeypatch.setattr(web, "localize", lambda html, lookup: html)
    monkeypatch.setattr(web, "lead_figure", lambda image, lookup: "")
    monkeypatch.setattr(web, "CSP", web.CSP.replace("img-src 'self' data:", "img-src * data:"))
    with serve_reader(image_crawl.dir) as reader:
        record = next(r for r in image_crawl.records if len(r["images"]) > 1)
        path = next(p for p in article_links(reader) if record["title"] in
                    urllib.request.urlopen(reader + p).read().decode())
        page = the_page(reader, browser, path)
    hot = outside(reader, page["requested"])
    assert hot and all(u in {i["url"] for i in record["images"]} for u in hot)
    assert any(width > 0 for _, _, width in page["images"])


def test_image_route_and_headers(image_crawl):
    with serve_reader(image_crawl.dir) as reader:
        with urllib.request.urlopen(reader + article_links(reader)[0]) as reply:
            html = reply.read().decode()
            csp = reply.headers["Content-Security-Policy"]
        assert "img-src 'self' data:" in csp and "img-src *" not in csp
        image = re.search(r'src="(/image/[0-9a-f-]+)"', html).group(1)
        with urllib.request.urlopen(reader + image) as reply:
            body, kind = reply.read(), reply.headers["Content-Type"]
            assert reply.headers["X-Content-Type-Options"] == "nosniff"
            assert "sandbox" in reply.headers["Content-Security-Policy"]
        assert kind in ("image/png", "image/jpeg", "image/webp") and len(body) > 0
        for bad in ("/image/00000000-0000-0000-0000-000000000000", "/image/../../etc/passwd",
                    "/image/" + "a" * 100):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(reader + bad)
            assert err.value.code == 404


def test_a_revisit_is_served_with_the_payload_it_points_at(image_crawl):
    library = Library([image_crawl.dir], print)
    revisit = next(r for r in image_crawl.warc_records() if r.type == "revisit")
    rid = library.image_id(revisit.get("WARC-Target-URI"))
    original = library.image_id(revisit.get("WARC-Refers-To-Target-URI"))
    assert rid and original and rid != original
    assert library.image(rid).body == library.image(original).body
    assert library.image(rid).mime.startswith("image/")


def test_an_image_not_archived_is_a_link_and_a_pixel_is_dropped():
    html = ('<p>Text</p><figure><img src="https://cdn.example/a.png" alt="A chart">'
            '<figcaption>Chart | Image: X</figcaption></figure>'
            '<img src="https://vg08.met.vgwort.de/na/abc" width="1" height="1">'
            '<img src="https://example.org/held.png">')
    out = localize(html, lambda url: "0a1b2c3d" if url.endswith("held.png") else None)
    assert "https://cdn.example/a.png" in out and "<img" in out
    assert re.findall(r"<img[^>]*>", out) == ['<img src="/image/0a1b2c3d">']
    assert missing_link("https://cdn.example/a.png", "A chart") in out
    assert "vgwort" not in out and "<figcaption>Chart | Image: X</figcaption>" in out
