"""Discovery parsers: sitemaps, sitemap indexes, feeds, URL keys and mirror rebasing."""

import gzip
from datetime import date

import pytest

from archiver.discovery import SitemapKind, parse_feed, parse_sitemap
from archiver.discovery.feeds import NotAFeed
from archiver.discovery.sitemaps import NotASitemap
from archiver.discovery.urls import Rebaser, canonical_key, is_http_url

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <url><loc>https://example.org/a/</loc><lastmod>2026-05-01T10:00:00+02:00</lastmod></url>
 <url><loc>https://example.org/b/</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.org/post-sitemap.xml</loc><lastmod>2026-01-02</lastmod></sitemap>
</sitemapindex>"""


def test_urlset_entries_carry_lastmod():
    kind, entries = parse_sitemap(URLSET)
    entries = list(entries)
    assert kind is SitemapKind.URLSET
    assert [e.url for e in entries] == ["https://example.org/a/", "https://example.org/b/"]
    assert entries[0].when.isoformat() == "2026-05-01T10:00:00+02:00"
    assert entries[1].when is None


def test_index_and_gzip_sitemap():
    kind, entries = parse_sitemap(gzip.compress(INDEX))
    assert kind is SitemapKind.INDEX
    assert [e.url for e in entries] == ["https://example.org/post-sitemap.xml"]


@pytest.mark.parametrize("body", [b"", b"<html><body>404</body></html>", b"\x1f\x8bgarbage"])
def test_not_a_sitemap(body):
    with pytest.raises(NotASitemap):
        parse_sitemap(body)


def test_since_keeps_undated_and_late_entries():
    _, entries = parse_sitemap(URLSET)
    kept = [e.url for e in entries if e.on_or_after(date(2026, 6, 1))]
    assert kept == ["https://example.org/b/"]


def test_rss_items_with_dates_and_guid_fallback():
    rss = b"""<rss version="2.0"><channel><title>x</title>
    <item><title>One</title><link>https://example.org/one/</link>
      <pubDate>Tue, 05 Aug 2026 10:00:00 +0000</pubDate></item>
    <item><title>Two</title><guid isPermaLink="true">https://example.org/two/</guid></item>
    <item><title>No link</title><guid isPermaLink="false">https://example.org/?p=3</guid></item>
    </channel></rss>"""
    entries = parse_feed(rss)
    assert [e.url for e in entries] == ["https://example.org/one/", "https://example.org/two/"]
    assert entries[0].when.date() == date(2026, 8, 5)


def test_atom_entries():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
    <entry><title>A</title><link rel="alternate" href="/a/"/><updated>2026-03-01T00:00:00Z</updated></entry>
    </feed>"""
    (entry,) = parse_feed(atom, base_url="https://example.org/feed")
    assert entry.url == "https://example.org/a/"
    assert entry.when.year == 2026


def test_feed_garbage_is_reported():
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><p>not a feed</p></html>")
    with pytest.raises(NotAFeed):
        parse_feed(b"   ")


def test_feed_does_not_resolve_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<rss><channel><item><title>&x;</title><link>https://e.org/a/</link></item>'
           '</channel></rss>').encode()
    (entry,) = parse_feed(xxe)
    assert "TOP-SECRET" not in (entry.title or "")


def test_canonical_key_folds_link_variants():
    key = canonical_key("https://example.org/story/")
    for variant in ("http://www.example.org/story", "https://EXAMPLE.org/story/#comments",
                    "https://example.org/story/?utm_source=x&utm_medium=y",
                    "https://example.org/story?fbclid=abc"):
        assert canonical_key(variant) == key
    assert canonical_key("https://example.org/?p=12") != canonical_key("https://example.org/?p=13")


def test_only_http_urls():
    assert is_http_url("https://example.org/a")
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x/y", "/relative", ""):
        assert not is_http_url(bad)


def test_rebaser_maps_real_hosts_onto_mirror():
    rebase = Rebaser({"https://the-decoder.com": "http://127.0.0.1:8001"})
    assert rebase("https://the-decoder.com/sitemap_index.xml") == "http://127.0.0.1:8001/sitemap_index.xml"
    assert rebase("https://www.the-decoder.com/?p=5") == "http://127.0.0.1:8001/?p=5"
    assert rebase("https://the-decoder.com.evil.org/x") == "https://the-decoder.com.evil.org/x"
    assert rebase("https://the-decoder.de/x/") == "https://the-decoder.de/x/"


def test_fetch_urls_lose_tracking_parameters_and_fragments_only():
    from archiver.discovery.urls import without_tracking

    assert without_tracking("https://e.org/a/?utm_source=rss&utm_medium=feed#top") == "https://e.org/a/"
    assert without_tracking("https://e.org/?p=12&utm_campaign=x") == "https://e.org/?p=12"
    assert without_tracking("https://e.org/list?page=2&b=1") == "https://e.org/list?page=2&b=1"
