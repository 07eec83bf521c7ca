"""Sitemaps and sitemap indexes (sitemaps.org, incl. gzip-compressed .xml.gz files).

Scrapy's own `Sitemap` iterparses the document and clears elements as it goes, so a sitemap of
100,000 URLs is walked without building its whole tree. Google News sitemaps nest the date and
title one level down (``<news:news><news:publication_date>``), which Scrapy's flat reading loses;
`_NewsSitemap` reads them before the element is cleared.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from archiver.extract.dates import parse_date

from .discovered import DiscoveredUrl

GZIP_MAGIC = b"\x1f\x8b"


NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


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


def parse_sitemap(body: bytes) -> tuple[SitemapKind, Iterator[DiscoveredUrl]]:
    """The kind of sitemap and a lazy iterator over its entries (loc + lastmod)."""
    xml = sitemap_body(body)
    if not xml.strip():
        raise NotASitemap("empty sitemap")
    try:
        sitemap = _NewsSitemap(xml)
    except Exception as exc:  # lxml raises several types on garbage; all mean the same here
        raise NotASitemap(f"unparseable sitemap: {exc}") from exc
    try:
        kind = SitemapKind(sitemap.type)
    except ValueError:
        raise NotASitemap(f"root element is <{sitemap.type}>") from None
    return kind, _entries(sitemap)


def _entries(sitemap: Sitemap) -> Iterator[DiscoveredUrl]:
    try:
        for item in sitemap:
            loc = (item.get("loc") or "").strip()
            if loc:
                yield DiscoveredUrl(loc, parse_date(item.get("lastmod") or item.get("publication_date")),
                            item.get("title") or None)
    except Exception:  # a document that breaks off halfway: keep what was read
        return


class _NewsSitemap(Sitemap):
    """Scrapy's Sitemap plus the ``news:news`` block of Google News sitemaps (date and title)."""

    __slots__ = ()

    def _process_sitemap_element(self, elem):  # Scrapy >= 2.13's per-<url> hook
        news = _news_fields(elem)          # read first: the parent clears the children
        item = super()._process_sitemap_element(elem)
        if item is not None:
            item.pop("news", None)
            item.update({k: v for k, v in news.items() if v and not item.get(k)})
        return item


def _news_fields(url_elem) -> dict[str, str]:
    """``publication_date`` and ``title`` of a ``<news:news>`` child, if there is one."""
    for child in url_elem:
        if child.tag == f"{{{NEWS_NS}}}news":
            return {_localname(c.tag): (c.text or "").strip() for c in child
                    if _localname(c.tag) in ("publication_date", "title")}
    return {}


def _localname(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
