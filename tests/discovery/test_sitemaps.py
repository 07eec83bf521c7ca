"""Sitemaps and sitemap indexes: parse_sitemap."""

import gzip
from datetime import date
import pytest
from archiver.discovery import SitemapKind, parse_sitemap
from archiver.discovery.sitemaps import NotASitemap

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
