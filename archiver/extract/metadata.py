"""Metadata with a clear precedence: JSON-LD, then OpenGraph/meta tags, then the markup.

Read from the untouched tree, before cleaning removes bylines and figures. The title, the
authors and the dates each have their own module (``titles``, ``authors``/``bylines``,
``dates``/``datelines``); this one gathers what the page states and hands it to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from . import authors, jsonld
from .bylines import printed_bylines
from .datelines import marked_date, printed_date
from .dates import date_in_url, dayfirst_for, first_date, parse_printed_date
from .titles import choose_title, date_in_title, decode, site_in_title, site_keys
from .treeutil import norm

# Meta tags that name authors, most specific first (OpenGraph, Parse.ly, Sailthru, Dublin Core,
# the New York Times' "byl", Cxense's parsed author).
AUTHOR_META = ("author", "article:author", "og:article:author", "parsely-author",
               "sailthru.author", "dc.creator", "dcterms.creator", "byl", "cxenseparse:author")
# Meta tags that state the publication date, in the same order of trust.
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                  "parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date",
                  "published_time", "article.published", "date", "dc.date", "dc.date.issued",
                  "dcterms.issued", "dcterms.created", "dc.date.created")


@dataclass
class Meta:
    """Everything the page says about itself, before the body is looked at."""

    canonical_url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    declared_language: str | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    site_name: str | None = None
    publisher: str | None = None          # the site's own name (og:site_name, JSON-LD publisher)
    accessible_for_free: bool | None = None
    is_article_typed: bool = False
    is_listing_typed: bool = False


def read_meta(root: HtmlElement) -> dict[str, list[str]]:
    """<meta> values by lowercased property/name/itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = el.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), []).append(value.strip())
    return found


def extract_meta(root: HtmlElement, url: str, profile=None, fetched_at: datetime | None = None) -> Meta:
    """Everything the page says about itself; ``fetched_at`` bounds the dates (none later)."""
    meta = read_meta(root)
    nodes = jsonld.load_nodes(root)
    index = jsonld.by_id(nodes)
    art = jsonld.article_node(nodes) or {}
    first = lambda *keys: next((meta[k][0] for k in keys if k in meta), None)  # noqa: E731
    m = Meta()
    m.site_name = decode(first("og:site_name", "application-name"))
    publishers = [n for n in (decode(p) for p in jsonld.publisher_names(art, nodes, index)) if n]
    app_name = decode(first("application-name"))
    keys = site_keys([m.site_name, app_name, *publishers], url)
    m.canonical_url = _canonical(root, url, first("og:url"))
    title_tag = _title(root)
    m.title = choose_title(
        _profile_strip(jsonld.text(art.get("headline")), profile),
        _profile_strip(first("og:title"), profile), _profile_strip(first("twitter:title"), profile),
        _profile_strip(title_tag, profile), root, keys)
    m.publisher = choose_publisher([m.site_name, *publishers, app_name, site_in_title(title_tag, m.title)])
    m.authors = _authors(root, art, index, meta, frozenset(authors.site_keys_of(
        m.site_name, m.publisher, app_name, *publishers)) | frozenset(keys))
    m.declared_language = _declared_language(root, first("og:locale"), art)
    page = jsonld.page_node(nodes) or {}
    m.published = first_date(_published_candidates(root, url, art, page, first, title_tag,
                                                    dayfirst_for(m.declared_language, url)), fetched_at)
    m.modified = first_date([jsonld.text(art.get("dateModified")), jsonld.text(page.get("dateModified")),
                             first("article:modified_time"),
                             first("og:updated_time", "datemodified", "dcterms.modified")], fetched_at)
    m.description = decode(jsonld.text(art.get("description")) or first("og:description", "description",
                                                                        "twitter:description"))
    m.section = decode(jsonld.text(art.get("articleSection")) or first("article:section"))
    m.tags = _tags(meta.get("article:tag", []), art.get("keywords"))
    image = jsonld.resolve(jsonld.as_list(art.get("image"))[:1][0] if art.get("image") else None, index)
    m.image_url = _abs(url, first("og:image", "og:image:url", "twitter:image") or jsonld.text(image))
    m.accessible_for_free = jsonld.is_free(art) if art else None
    m.is_article_typed = bool(art) or first("og:type") == "article" or "article:published_time" in meta
    m.is_listing_typed = any(jsonld.types_of(n) & jsonld.LISTING_TYPES for n in nodes)
    return m


def choose_publisher(names: list[str | None]) -> str | None:
    """The site's own name, as most of its sources state it (og:site_name, the JSON-LD
    publisher, application-name, the <title>'s suffix; on a tie, the first): a site that
    puts a section in og:site_name ("Security") still names itself elsewhere. A bare host name
    ("stern.de", even "https://www.example.com") only when no source gives another, and then
    without its scheme and ``www.``."""
    names = [n for n in names if n and len(n) <= 100]
    named = [n for n in names if not _bare_host(n)]
    if named:
        votes = [authors.key(n) for n in named]
        return max(named, key=lambda n: (votes.count(authors.key(n)), -named.index(n)))
    if not names:
        return None
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", names[0]).rstrip("/") or None


def _bare_host(name: str) -> bool:
    """"stern.de", "https://www.example.com": a host, not a name ("MacRumors.com" is a name)."""
    return bool(_DOMAIN_LIKE.match(name)) and (name == name.lower() or name.lower().startswith(("http", "www.")))


_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/?$", re.I)


def _profile_strip(title: str | None, profile) -> str | None:
    """The profile's own title suffixes (" - THE DECODER") taken off first."""
    title = norm(title) if title else None
    for suffix in (profile.title_suffixes if profile and title else ()):
        if title.lower().endswith(suffix.lower()):
            return title[: -len(suffix)].strip()
    return title


def _published_candidates(root: HtmlElement, url: str, art: dict[str, Any], page: dict[str, Any],
                          first, title_tag, dayfirst: bool | None):
    """Publication dates in order of trust, each read only if the ones before gave none: the
    publisher's statements (JSON-LD, meta tags), the markup (<time>, microdata), then what is
    printed (a dateline, a date in the title) and the URL."""
    yield jsonld.text(art.get("datePublished"))
    yield jsonld.text(page.get("datePublished"))
    yield from (first(k) for k in PUBLISHED_META)
    yield marked_date(root)
    yield printed_date(root, dayfirst)
    yield _title_date(decode(first("og:title")) or title_tag)
    yield _url_date(url)


def _title_date(title: str | None) -> str | None:
    when = parse_printed_date(date_in_title(title) or "")
    return when.isoformat() if when else None


def _url_date(url: str) -> str | None:
    when = date_in_url(url)
    return when.isoformat() if when else None


def _abs(base: str, href: str | None) -> str | None:
    return urljoin(base, href.strip()) if href and href.strip() else None


def _canonical(root: HtmlElement, url: str, og_url: str | None) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return _abs(url, link.get("href"))
    return _abs(url, og_url)


def _title(root: HtmlElement) -> str | None:
    title = next(root.iter("title"), None)
    return norm(title.text_content()) or None if title is not None else None


def _authors(root: HtmlElement, art: dict[str, Any], index, meta, keys: frozenset[str]) -> list[str]:
    """Persons (else organisations) from JSON-LD, the meta tags and the printed byline."""
    sources = [[name for value, is_org in jsonld.author_values(art.get("author"), index)
                for name in _typed(authors.split_names(value, site_keys=keys), is_org)]] if art else []
    sources += [[n for v in meta.get(k, []) for n in authors.split_names(v, site_keys=keys)]
                for k in AUTHOR_META]
    return authors.choose(sources, lambda: printed_bylines(root, keys))


def _typed(names: list[authors.Name], is_org: bool) -> list[authors.Name]:
    """A JSON-LD Organization stays an organisation whatever its name looks like."""
    return [authors.Name(n.text, authors.ORG) for n in names] if is_org else names


def _declared_language(root: HtmlElement, og_locale: str | None, art: dict[str, Any]) -> str | None:
    lang = root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    for value in (lang, og_locale, jsonld.text(art.get("inLanguage")) if art else None):
        if value and value.strip():
            return value.strip()
    return None


def _tags(meta_tags: list[str], keywords: Any) -> list[str]:
    tags = list(meta_tags)
    for kw in jsonld.as_list(keywords):
        if isinstance(kw, str):
            tags += kw.split(",")
    seen: dict[str, str] = {}
    for tag in tags:
        tag = norm(tag)
        if tag:
            seen.setdefault(tag.lower(), tag)
    return list(seen.values())
