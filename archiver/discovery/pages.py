"""What a fetched HTML page says about itself: feeds it advertises, links, article or listing.

The URL is a guess (see `links.py`); the page settles it. Publishers mark articles for search
engines and social networks (``og:type=article``, JSON-LD ``NewsArticle``,
``article:published_time``); a listing is a page without such marks that links many articles.
Pure functions over HTML text, parsed once into a `Page`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree, html

from archiver.extract.dates import parse_date


FEED_TYPES = frozenset(("application/rss+xml", "application/atom+xml", "application/feed+xml",
                        "application/rdf+xml"))
ARTICLE_TYPES = frozenset(("article", "newsarticle", "reportagenewsarticle",
                           "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
                           "backgroundnewsarticle", "askpublicnewsarticle", "blogposting",
                           "liveblogposting", "report", "scholarlyarticle", "techarticle"))
LISTING_TYPES = frozenset(("collectionpage", "itemlist", "searchresultspage", "profilepage",
                           "website"))
# A page without article marks that links this many distinct article URLs is a listing.
MIN_TEASERS = 5


class PageKind(enum.Enum):
    ARTICLE = "article"
    LISTING = "listing"
    PAGE = "page"          # declares itself a plain web page (og:type=website, JSON-LD WebPage)
    UNKNOWN = "unknown"


@dataclass
class Page:
    """One parsed HTML page and the URL it was fetched from (the base for relative links)."""

    url: str
    root: html.HtmlElement | None

    @classmethod
    def parse(cls, text: str, url: str) -> Page:
        try:
            root = html.document_fromstring(text) if text.strip() else None
        except (etree.ParserError, ValueError):
            root = None
        return cls(url, root)

    @property
    def base(self) -> str:
        hrefs = self.root.xpath("//base/@href") if self.root is not None else []
        return urljoin(self.url, hrefs[0].strip()) if hrefs else self.url


def feed_links(page: Page) -> list[str]:
    """Feeds the page advertises with ``<link rel="alternate" type="application/rss+xml">``
    (or Atom), absolute, in document order, without repeats."""
    if page.root is None:
        return []
    found = []
    for link in page.root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href:
            found.append(urljoin(page.base, href))
    return list(dict.fromkeys(found))


def page_links(page: Page) -> list[str]:
    """Every ``<a href>`` target, absolute and without fragment, in document order, once each;
    links marked ``rel=nofollow`` and non-http schemes are left out."""
    if page.root is None:
        return []
    base, found = page.base, []
    for anchor in page.root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or "nofollow" in (anchor.get("rel") or "").lower().split():
            continue
        parts = urlsplit(urljoin(base, href))
        if parts.scheme in ("http", "https"):
            found.append(urlunsplit(parts._replace(fragment="")))
    return list(dict.fromkeys(found))


def page_kind(page: Page, is_article_url: Callable[[str], bool]) -> PageKind:
    """ARTICLE when the page marks itself as one (JSON-LD type, og:type, article:published_time);
    LISTING when it does not and links at least MIN_TEASERS article-shaped URLs, or declares
    itself a collection; PAGE when it declares another type (an "about us" page); UNKNOWN
    otherwise (no marks at all: an unmarked article, an error page, a wall)."""
    if page.root is None:
        return PageKind.UNKNOWN
    types = set(jsonld_types(page.root))
    og_type = (_meta(page.root, "og:type") or "").lower()
    if types & ARTICLE_TYPES or og_type == "article" or _meta(page.root, "article:published_time"):
        return PageKind.ARTICLE
    teasers = {u for u in page_links(page) if is_article_url(u)}
    if len(teasers) >= MIN_TEASERS or types & (LISTING_TYPES - {"website"}):
        return PageKind.LISTING
    return PageKind.PAGE if og_type or types else PageKind.UNKNOWN


def published_date(page: Page) -> datetime | None:
    """When the page says it was published (``article:published_time``, JSON-LD
    ``datePublished``): lets ``since`` skip an article found by crawling, whose URL has no date."""
    if page.root is None:
        return None
    found = _meta(page.root, "article:published_time")
    found = found or next(_jsonld_values(page.root, "datePublished"), None)
    return parse_date(found)


def jsonld_types(root: html.HtmlElement) -> Iterator[str]:
    """The lower-cased ``@type`` of every JSON-LD object on the page (``@graph`` included)."""
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from _types(data)


def _jsonld_values(root: html.HtmlElement, key: str) -> Iterator[str]:
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            yield from _values(json.loads(script.text or ""), key)
        except ValueError:
            continue


def _values(data: object, key: str) -> Iterator[str]:
    if isinstance(data, list):
        for item in data:
            yield from _values(item, key)
    elif isinstance(data, dict):
        if isinstance(data.get(key), str):
            yield data[key]
        yield from _values(data.get("@graph"), key)


def _types(data: object) -> Iterator[str]:
    if isinstance(data, list):
        for item in data:
            yield from _types(item)
    elif isinstance(data, dict):
        kind = data.get("@type")
        for name in kind if isinstance(kind, list) else [kind]:
            if isinstance(name, str):
                yield name.lower()
        yield from _types(data.get("@graph"))


def _meta(root: html.HtmlElement, name: str) -> str | None:
    for meta in root.iter("meta"):
        if name in (meta.get("property"), meta.get("name")):
            return (meta.get("content") or "").strip() or None
    return None
