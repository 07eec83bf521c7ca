"""`archive serve` shows hostile archived pages inert, checked in headless chromium.

The archive is written as a tampered or foreign archive could be: the stored "clean" HTML is the
hostile page itself, not our sanitizer's output, so the reader's own sanitizing and its CSP are
what stand between the page and the browser. Every payload tries to set ``data-pwned`` on the
root element (or a window global); the test loads the article, its raw capture and the listing,
clicks the links, and checks nothing ran.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from archiver.extract.article import Article
from archiver.library.library import Library
from archiver.warc.archive import WarcArchive
from archiver.warc.exchange import Exchange
from tests.support.reader import chromium, serve_reader

PWN = "document.documentElement.setAttribute('data-pwned','{}');window.__pwned='{}'"
PAYLOADS = [
    "<script>{}</script>",
    '<img src="x" onerror="{}">',
    '<svg onload="{}"><circle r="1"/></svg>',
    '<details open ontoggle="{}"><summary>s</summary>d</details>',
    '<a id="js" href="javascript:{}">click me</a>',
    '<iframe src="javascript:parent.{}"></iframe>',
    '<iframe srcdoc="&lt;script&gt;parent.{}&lt;/script&gt;"></iframe>',
    '<object data="javascript:{}"></object><embed src="javascript:{}">',
    '<div style="width: expression({}); background: url(javascript:{})">css</div>',
    '<style>body {{ background: url("javascript:{}") }}</style>',
    '<math><mtext><table><mglyph><style><img src=x onerror="{}">',
    '<form action="javascript:{}"><button id="go">go</button></form>',
    '<video><source onerror="{}"></video>',
    '<meta http-equiv="refresh" content="0;url=javascript:{}">',
    '<base href="javascript:{}//">',
]
URL = "https://example.org/news/hostile-page-full-of-scripts/"


def hostile_html() -> str:
    parts = []
    for n, template in enumerate(PAYLOADS):
        code = PWN.format(n, n).replace('"', "&quot;")
        parts.append(template.replace("{}", code))
    return ('<h1>Hostile</h1><p>A page that tries everything.</p>' + "\n".join(parts)
            + '<p><a id="plain" href="https://example.org/">plain link</a></p>')


def write_hostile_archive(directory: Path) -> None:
    html = hostile_html()
    raw = f"<!doctype html><html><body onload=\"{PWN.format('body', 'body')}\">{html}</body></html>"
    body = raw.encode()
    exchange = Exchange(url=URL, method="GET", request_target="/news/hostile-page-full-of-scripts/",
                        request_headers=[(b"Host", b"example.org")], request_body=b"",
                        protocol="HTTP/1.1", status=200, reason="OK",
                        response_headers=[(b"Content-Type", b"text/html; charset=utf-8"),
                                          (b"Content-Length", str(len(body)).encode())],
                        body=body, ip_address="127.0.0.1",
                        date=datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc))
    article = Article(url=URL, canonical_url=URL, title="Hostile <script>x</script> title",
                      authors=["<img src=x onerror=alert(1)>"], published="2024-05-01T08:00:00Z",
                      language="en", language_confidence=0.99, declared_language="en",
                      text="Hostile. A page that tries everything.", html=html, word_count=6)
    archive = WarcArchive(directory, repair=False, host="test")
    archive.write_article(article, exchange, site="decoder", fetched_at="2024-05-01T08:00:00Z",
                          http_status=200)
    archive.close()


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[str]:
    write_hostile_archive(tmp_path / "archive")
    with serve_reader(tmp_path / "archive") as url:
        yield url


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as driver:
        yield driver


def assert_inert(browser) -> None:
    script = ("return [document.documentElement.getAttribute('data-pwned'), "
              "window.__pwned || null, document.querySelectorAll('iframe,object,embed,script,"
              "[onerror],[onload],[ontoggle]').length]")
    assert browser.execute_script(script) == [None, None, 0]


def test_payloads_reach_the_reader_unsanitized(tmp_path):
    """The fixture is as hostile as claimed: the stored HTML still holds every payload."""
    write_hostile_archive(tmp_path)
    library = Library([tmp_path], print)
    [entry] = library.versions(URL)
    stored = library.record(entry)["html"]
    assert stored.count("data-pwned") == len(PAYLOADS) + 2    # object+embed, div has two


def test_nothing_executes_in_chromium(reader, browser):
    from selenium.webdriver.common.by import By

    browser.get(reader + "/")
    assert_inert(browser)
    [link] = [a for a in browser.find_elements(By.CSS_SELECTOR, "ol.articles li a")]
    link.click()
    assert "/a/" in browser.current_url
    article_url = browser.current_url
    assert_inert(browser)
    assert "A page that tries everything." in browser.find_element(By.TAG_NAME, "body").text
    for element in browser.find_elements(By.CSS_SELECTOR, "article .body a, article .body button"):
        element.click()                       # a surviving javascript: link would run now
        assert_inert(browser)
        browser.get(article_url)
    browser.get(article_url + "/raw")         # the raw page: text/plain in a sandbox
    assert_inert(browser)
    assert "onerror" in browser.find_element(By.TAG_NAME, "body").text     # shown, not run


def test_csp_forbids_script_and_unknown_paths_are_404(reader):
    import http.client
    from urllib.parse import urlsplit

    port = urlsplit(reader).port
    for path, status in (("/", 200), ("/a/../../etc/passwd", 404), ("/a/%2e%2e/%2e%2e/x", 404),
                         ("/a/00000000-0000-0000-0000-000000000000", 404), ("/..%2f..%2f", 404)):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        assert response.status == status, path
        csp = response.getheader("Content-Security-Policy") or ""
        assert "script-src" not in csp and "default-src 'none'" in csp, path
        conn.close()


def test_control_without_sanitizer_and_csp_the_payloads_do_run(reader, browser, monkeypatch):
    """Proof that the check above can fail: switch both defences off and the page runs code."""
    from selenium.webdriver.common.by import By

    from archiver.library import web

    monkeypatch.setattr(web, "sanitize", lambda html: html)
    monkeypatch.setattr(web.Reply, "headers", lambda self: [
        ("Content-Type", self.ctype), ("Content-Length", str(len(self.body)))])
    browser.get(reader + "/")
    browser.find_element(By.CSS_SELECTOR, "ol.articles li a").click()
    assert browser.execute_script("return document.documentElement.getAttribute('data-pwned')")
