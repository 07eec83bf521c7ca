"""Sitemaps and sitemap indexes (sitemaps.org, incl. gzip-compressed .xml.gz files).

Scrapy's own `Sitemap` iterparses the document and clears elements as it goes, so a sitemap of
100,000 URLs is walked without building its whole tree.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from .entries import Entry, parse_date

GZIP_MAGIC = b"\x1f\x8b"


class SitemapKind(enum.Enum):
    INDEX = "sitemapindex"
    URLSET = "urlset"


class NotASitemap(ValueError):
    """The body is neither a urlset nor a sitemap index (HTML error page, garbage, empty)."""


def sitemap_body(body: bytes, max_size: int = 64 * 1024 * 1024) -> bytes:
    """The XML of a sitemap, gunzipped when the file itself is gzip (bounded against bombs)."""
    if body[:2] == GZIP_MAGIC:
        try:
            return gunzip(body, max_size=max_size)
        except (_DecompressionMaxSizeExceeded, OSError, EOFError) as exc:
            raise NotASitemap(f"bad gzip sitemap: {exc}") from exc
    return body


def parse_sitemap(body: bytes) -> tuple[SitemapKind, Iterator[Entry]]:
    """The kind of sitemap and a lazy iterator over its entries (loc + lastmod)."""
    xml = sitemap_body(body)
    if not xml.strip():
        raise NotASitemap("empty sitemap")
    try:
        sitemap = Sitemap(xml)
    except Exception as exc:  # lxml raises several types on garbage; all mean the same here
        raise NotASitemap(f"unparseable sitemap: {exc}") from exc
    try:
        kind = SitemapKind(sitemap.type)
    except ValueError:
        raise NotASitemap(f"root element is <{sitemap.type}>") from None
    return kind, _entries(sitemap)


def _entries(sitemap: Sitemap) -> Iterator[Entry]:
    try:
        for item in sitemap:
            loc = (item.get("loc") or "").strip()
            if loc:
                yield Entry(loc, parse_date(item.get("lastmod") or item.get("publication_date")),
                            item.get("title"))
    except Exception:  # a document that breaks off halfway: keep what was read
        return
