"""One `scrapy crawl news` of a site where every article is broken in its own way.

The crawl must finish (exit 0, no traceback), archive what is an article, keep the rest as raw
captures or nothing, count and log each case, never leave the host, never send a cookie, and
leave an archive that passes `archive check`. One crawl serves every test of this module.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tests.reliability.fault_site import FaultHandler, FaultSite, article_html, gzip_bomb

from archiver.warc.reader import Record, iter_records
from tests.support.crawl import SMALL_BOUNDS, archive_check, run_crawl, stats_of
from tests.support.records import jsonl_records

P = "/news/"
ARTICLES = {   # path -> a phrase its archived text must contain
    "malformed-unclosed-markup-story": "committee published its findings",
    "ten-thousand-levels-deep-story": "committee published its findings",
    "cp1252-declared-as-utf8-story": "café déjà naïve – “quoted”",
    "latin9-declared-as-utf8-story": "café déjà vu",
    "utf8-declared-as-latin9-story": "café € œuvre",
    "bom-utf8-without-declaration-story": "café € œuvre",
    "rate-limited-retry-after-story": "committee published its findings",
    "overloaded-503-retry-after-story": "committee published its findings",
    "sets-a-session-cookie-story": "committee published its findings",
}
NOT_ARTICLES = ["fifty-megabyte-stream-story", "binary-served-as-html-story",
                "empty-body-served-story", "all-boilerplate-no-article-story",
                "removed-article-now-gone-story", "missing-article-not-found-story",
                "server-error-always-500-story", "never-answers-timeout-story",
                "connection-reset-by-peer-story", "redirect-loop-forever-story",
                "offsite-redirect-elsewhere-story", "gzip-bomb-compressed-story",
                "pdf-document-not-html-story"]


def _first_then(site: FaultSite, path: str, status: int, retry_after: str, page: bytes):
    def route(h: FaultHandler) -> None:
        if len(site.hits_for(path)) == 1:
            h.send(status, b"busy", headers=[("Retry-After", retry_after)])
        else:
            h.send(200, page)
    site.routes[path] = route


def _hang(site: FaultSite):
    return lambda h: site.release.wait(timeout=10)


def build(site: FaultSite) -> None:
    url, ok = site.url, lambda t: article_html(t).encode()
    paths = [P + name + "/" for name in [*ARTICLES, *NOT_ARTICLES]]
    site.page("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {url}/sitemap_index.xml\n"
                             f"Sitemap: {url}/broken-sitemap.xml\n", "text/plain")
    site.page("/", f'<html><head><link rel="alternate" type="application/rss+xml" '
                   f'href="{url}/feed/"></head><body><p>Home</p></body></html>')
    site.page("/feed/", b"\x00 this is { not a feed", "application/rss+xml")
    site.page("/broken-sitemap.xml", b"\x00\x01 not xml <<<>>> at all", "text/xml")
    site.page("/sitemap_index.xml", "<?xml version='1.0'?><sitemapindex xmlns="
              "'http://www.sitemaps.org/schemas/sitemap/0.9'>"
              f"<sitemap><loc>{url}/sitemap_index.xml</loc></sitemap>"
              f"<sitemap><loc>{url}/sitemap-articles.xml</loc></sitemap></sitemapindex>", "text/xml")
    hostile = ["file:///etc/passwd", "ftp://127.0.0.1/news/an-ftp-url-in-sitemap/",
               "javascript:alert(1)//news/a-script-url-here/"]
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in [*(url + p for p in paths), *hostile])
    site.page("/sitemap-articles.xml", "<?xml version='1.0'?><urlset xmlns="
              f"'http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>", "text/xml")
    a = lambda name: P + name + "/"  # noqa: E731
    broken = article_html("Broken").replace("</p>", "").replace("</article></body></html>", "")
    site.page(a("malformed-unclosed-markup-story"), broken + "<div><span><b><p <p>> <table><tr><td>")
    site.page(a("ten-thousand-levels-deep-story"),
              article_html("Deep").replace("<article>", "<div>" * 10_000 + "<article>")
              .replace("</article>", "</article>" + "</div>" * 10_000))
    site.routes[a("fifty-megabyte-stream-story")] = lambda h: h.stream(
        b"<p>" + b"x" * 65_530 + b"</p>" for _ in range(800))
    site.page(a("cp1252-declared-as-utf8-story"),
              article_html("cp1252", extra="<p>café déjà naïve – “quoted”</p>").encode("cp1252"))
    site.page(a("latin9-declared-as-utf8-story"),
              article_html("latin9", extra="<p>café déjà vu</p>").encode("iso8859-15"))
    site.page(a("utf8-declared-as-latin9-story"),
              article_html("utf8", charset="iso-8859-15", extra="<p>café € œuvre</p>").encode(),
              content_type="text/html; charset=ISO-8859-15")
    site.page(a("bom-utf8-without-declaration-story"), b"\xef\xbb\xbf" + article_html(
        "bom", extra="<p>café € œuvre</p>").replace('<meta charset="utf-8">', "").encode(),
              content_type="text/html")
    site.page(a("binary-served-as-html-story"), random.Random(1).randbytes(50_000))
    site.page(a("empty-body-served-story"), b"")
    site.page(a("all-boilerplate-no-article-story"), "<html><body><nav>Home News Sport</nav>"
              "<div class='cookie'>We use cookies. Accept all.</div><footer>© 2024 Example "
              "Media. All rights reserved. Imprint Privacy</footer></body></html>")
    site.page(a("removed-article-now-gone-story"), b"gone", status=410)
    site.page(a("server-error-always-500-story"), b"oops", status=500)
    site.routes[a("never-answers-timeout-story")] = _hang(site)
    site.routes[a("connection-reset-by-peer-story")] = FaultHandler.reset
    site.page(a("redirect-loop-forever-story"), b"", status=302,
              headers=[("Location", a("redirect-loop-back-again-story"))])
    site.page(a("redirect-loop-back-again-story"), b"", status=302,
              headers=[("Location", a("redirect-loop-forever-story"))])
    offsite = url.replace("127.0.0.1", "localhost") + a("offsite-target-page-story")
    site.page(a("offsite-redirect-elsewhere-story"), b"", status=302, headers=[("Location", offsite)])
    site.page(a("offsite-target-page-story"), ok("Offsite"))
    site.page(a("gzip-bomb-compressed-story"), gzip_bomb(20 * 1024 * 1024),
              headers=[("Content-Encoding", "gzip")])
    site.page(a("pdf-document-not-html-story"), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
              content_type="application/pdf")
    _first_then(site, a("rate-limited-retry-after-story"), 429, "1", ok("Rate"))
    _first_then(site, a("overloaded-503-retry-after-story"), 503, "3600", ok("Overloaded"))
    site.page(a("sets-a-session-cookie-story"), ok("Cookie"),
              headers=[("Set-Cookie", "session=secret123; Path=/")])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    site = FaultSite()
    build(site)
    site.start()
    archive = tmp_path_factory.mktemp("hostile")
    try:
        log = run_crawl("news", archive, {"url": site.url + "/"}, SMALL_BOUNDS, timeout=90).stderr
    finally:
        site.stop()
    records = {r["url"].removeprefix(site.url): r for r in jsonl_records(archive)}
    yield {"site": site, "archive": archive, "log": log, "stats": stats_of(log),
           "records": records}


def _warc_records(archive: Path) -> list[Record]:
    return [r for p in archive.glob("*.warc.gz") for r in iter_records(p) if isinstance(r, Record)]


@pytest.mark.parametrize("name", ARTICLES)
def test_broken_but_real_article_is_archived_with_its_text(hostile, name):
    record = hostile["records"].get(P + name + "/")
    assert record is not None, sorted(hostile["records"])
    assert ARTICLES[name] in record["text"]
    assert "\ufffd" not in record["text"] and "Ã" not in record["text"]


@pytest.mark.parametrize("name", NOT_ARTICLES)
def test_broken_page_is_not_an_article(hostile, name):
    assert P + name + "/" not in hostile["records"]


def test_crawl_goes_on_and_archive_stays_valid(hostile):
    done = archive_check(hostile["archive"])
    assert done.returncode == 0, done.stdout[-3000:]
    assert hostile["stats"]["finish_reason"] == "finished"


def test_oversized_page_is_archived_truncated(hostile):
    cut = [r for r in _warc_records(hostile["archive"])
           if (r.get("WARC-Target-URI") or "").endswith("fifty-megabyte-stream-story/")]
    assert cut and cut[0].type == "response" and cut[0].get("WARC-Truncated") == "length"
    assert len(cut[0].block) <= 1024 * 1024 + 64 * 1024 + 1000     # bounded by DOWNLOAD_MAXSIZE


def test_non_html_is_archived_raw_not_extracted(hostile):
    raw = [r for r in _warc_records(hostile["archive"])
           if (r.get("WARC-Target-URI") or "").endswith("pdf-document-not-html-story/")]
    assert raw and raw[0].type == "response" and raw[0].block.endswith(b"endobj\n")
    assert hostile["stats"]["archiver/not_article/not_html"] == 1
    assert "Not an article (not_html: application/pdf), archived raw only" in hostile["log"]


def test_retry_after_is_honoured_and_bounded(hostile):
    site, stats = hostile["site"], hostile["stats"]
    first, second = site.hits_for(P + "rate-limited-retry-after-story/")
    assert second.at - first.at >= 0.9                       # asked for 1 s
    first, second = site.hits_for(P + "overloaded-503-retry-after-story/")
    assert 0.9 <= second.at - first.at < 10                  # asked for an hour, capped at 1 s
    assert stats["archiver/retry_after/waits"] == 2
    assert "with Retry-After 3600 s: waiting 1.0 s" in hostile["log"]


def test_failures_are_counted_and_logged(hostile):
    stats, log = hostile["stats"], hostile["log"]
    assert stats["archiver/discovery/article_failed"] >= 6    # 404 410 500 timeout reset loop
    for name in ("removed-article-now-gone-story", "missing-article-not-found-story",
                 "server-error-always-500-story", "never-answers-timeout-story",
                 "connection-reset-by-peer-story", "redirect-loop-forever-story",
                 "gzip-bomb-compressed-story"):
        assert f"{name}/" in log, name
    assert any(k.startswith("archiver/not_article/") for k in stats)


def test_offsite_redirect_not_followed(hostile):
    assert not [h for h in hostile["site"].hits if h.host.startswith("localhost")]
    assert hostile["stats"]["archiver/refused/offsite"] >= 1


def test_bad_discovery_files_and_hostile_urls(hostile):
    stats = hostile["stats"]
    assert stats["archiver/discovery/bad_sitemap"] == 1
    assert stats["archiver/discovery/bad_feed"] == 1
    assert stats["archiver/discovery/discovery_cycle"] == 1
    assert len(hostile["site"].hits_for("/sitemap_index.xml")) == 1
    assert stats["archiver/not_article/binary"] == 1
    assert stats["archiver/discovery/refused_scheme"] == 3
    targets = {r.get("WARC-Target-URI") or "" for r in _warc_records(hostile["archive"])}
    assert not [t for t in targets if t and not t.startswith("http://127.0.0.1:")]


def test_no_cookie_or_credentials_sent(hostile):
    hits = hostile["site"].hits
    assert len(hits) > 20
    assert not [h for h in hits if {"cookie", "authorization", "proxy-authorization"}
                & {k.lower() for k in h.headers}]
