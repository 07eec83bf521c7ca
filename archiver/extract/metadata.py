"""Metadata with a clear precedence: JSON-LD, then OpenGraph/meta tags, then the markup.

Read from the untouched tree, before cleaning removes bylines and figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from . import jsonld
from .dates import first_date, parse_printed_date
from .treeutil import norm, text_of

_BY = re.compile(r"^\s*(by|von|par|por|di|door|av)\s+", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|\band\b|\bund\b|&|\|)\s*", re.I)
_TITLE_SEPS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")


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
    meta = read_meta(root)
    nodes = jsonld.load_nodes(root)
    index = jsonld.by_id(nodes)
    art = jsonld.article_node(nodes) or {}
    first = lambda *keys: next((meta[k][0] for k in keys if k in meta), None)  # noqa: E731
    m = Meta()
    m.site_name = first("og:site_name", "application-name")
    m.canonical_url = _canonical(root, url, first("og:url"))
    m.title = strip_site_name(
        jsonld.text(art.get("headline")) or first("og:title", "twitter:title") or _h1(root) or _title(root),
        m.site_name, profile)
    m.authors = _authors(root, art, index, meta, m.site_name)
    m.published = first_date([jsonld.text(art.get("datePublished")), first("article:published_time"),
                              first("datepublished", "date", "dc.date", "dcterms.created", "pubdate",
                                    "parsely-pub-date", "sailthru.date"),
                              _time(root), _printed_date(root)], fetched_at)
    m.modified = first_date([jsonld.text(art.get("dateModified")), first("article:modified_time"),
                             first("og:updated_time", "datemodified", "dcterms.modified")], fetched_at)
    m.declared_language = _declared_language(root, first("og:locale"), art)
    m.description = jsonld.text(art.get("description")) or first("og:description", "description",
                                                                 "twitter:description")
    m.section = jsonld.text(art.get("articleSection")) or first("article:section")
    m.tags = _tags(meta.get("article:tag", []), art.get("keywords"))
    image = jsonld.resolve(jsonld.as_list(art.get("image"))[:1][0] if art.get("image") else None, index)
    m.image_url = _abs(url, first("og:image", "og:image:url", "twitter:image") or jsonld.text(image))
    m.accessible_for_free = jsonld.is_free(art) if art else None
    m.is_article_typed = bool(art) or first("og:type") == "article" or "article:published_time" in meta
    m.is_listing_typed = any(jsonld.types_of(n) & jsonld.LISTING_TYPES for n in nodes)
    return m


def _abs(base: str, href: str | None) -> str | None:
    return urljoin(base, href.strip()) if href and href.strip() else None


def _canonical(root: HtmlElement, url: str, og_url: str | None) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return _abs(url, link.get("href"))
    return _abs(url, og_url)


def _h1(root: HtmlElement) -> str | None:
    h1 = next(root.iter("h1"), None)
    return text_of(h1) or None if h1 is not None else None


def _title(root: HtmlElement) -> str | None:
    title = next(root.iter("title"), None)
    return norm(title.text_content()) or None if title is not None else None


def _time(root: HtmlElement) -> str | None:
    for el in root.iter("time"):
        if el.get("datetime"):
            return el.get("datetime")
    return None


def _printed_date(root: HtmlElement) -> str | None:
    """A byline date printed as text ("17. Feb. 2026") in the article's head, before the prose:
    the last resort for pages without a machine-readable date (mirrors that drop the JSON-LD)."""
    article = next(root.iter("article"), None)
    for el in (article if article is not None else root).iter("span", "div", "time", "p", "small", "li"):
        text = text_of(el)
        if el.tag == "p" and len(text) > 80:
            return None                      # the body has started: a date there is not the byline
        if len(text) <= 40:
            when = parse_printed_date(text)
            if when is not None:
                return when.isoformat()
    return None


def strip_site_name(title: str | None, site_name: str | None, profile=None) -> str | None:
    """The title without a trailing (or leading) "| Site Name"."""
    if not title:
        return None
    title = norm(title)
    for suffix in (profile.title_suffixes if profile else ()):
        if title.lower().endswith(suffix.lower()):
            return title[: -len(suffix)].strip()
    if site_name:
        for sep in _TITLE_SEPS:
            if title.lower().endswith((sep + site_name).lower()):
                return title[: -len(sep + site_name)].strip()
            if title.lower().startswith((site_name + sep).lower()):
                return title[len(site_name + sep):].strip()
    return title


def _authors(root: HtmlElement, art: dict[str, Any], index, meta, site_name: str | None) -> list[str]:
    candidates = jsonld.names(art.get("author"), index) if art else []
    if not candidates:
        candidates = [n for v in meta.get("author", []) + meta.get("article:author", [])
                      if not v.startswith("http") for n in _SPLIT_NAMES.split(v)]
    if not candidates:
        candidates = _byline_links(root)
    return clean_names(candidates, site_name, _publisher_names(art, index))


def _publisher_names(art: dict[str, Any], index) -> set[str]:
    publisher = jsonld.resolve(art.get("publisher"), index) if art else None
    return {publisher["name"].lower()} if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) else set()


def _byline_links(root: HtmlElement) -> list[str]:
    links = root.xpath("//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]")
    if not links:
        article = next(root.iter("article"), None)
        links = article.xpath(".//a[contains(@href, '/author/')]") if article is not None else []
    return [text_of(a) for a in links[:6]]


def clean_names(names: list[str], site_name: str | None, orgs: set[str]) -> list[str]:
    """Names without "By", without the site or publisher, without duplicates."""
    skip = {n.lower() for n in orgs} | ({site_name.lower()} if site_name else set())
    seen: dict[str, str] = {}
    for name in names:
        name = norm(_BY.sub("", norm(name)))
        if name and len(name) <= 80 and name.lower() not in skip and not name.startswith("http"):
            seen.setdefault(name.lower(), name)
    return list(seen.values())


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
