"""Small tree helpers shared by the stages (text length, link density, safe removal)."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

_WS = re.compile(r"\s+")
BLOCK_TAGS = frozenset(("p", "div", "section", "article", "main", "aside", "header", "footer",
                        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
                        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
                        "blockquote", "pre", "figure", "figcaption", "hr", "br", "address",
                        "details", "summary", "center", "form", "fieldset"))
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def norm(text: str | None) -> str:
    """Whitespace collapsed, trimmed."""
    return " ".join(text.split()) if text else ""


def text_of(el: HtmlElement) -> str:
    """Normalized text of an element (itertext, so nested blocks do not glue words)."""
    return norm(" ".join(el.itertext()))


def head_text(el: HtmlElement, limit: int = 80) -> str:
    """The first ``limit``-odd characters of an element's text, without walking all of it."""
    parts: list[str] = []
    size = 0
    for chunk in el.itertext():
        parts.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return norm(" ".join(parts))


def inside(el: HtmlElement, tags: frozenset[str], marks: re.Pattern[str]) -> bool:
    """Whether an ancestor of ``el`` (below <body>) is one of ``tags`` or has a class/id that
    ``marks`` matches: the page furniture a metadata reader must not take a line from."""
    for anc in el.iterancestors():
        if anc.tag == "body":
            return False
        if anc.tag in tags:
            return True
        attrs = f"{anc.get('class', '')} {anc.get('id', '')}"
        if attrs.strip() and marks.search(attrs):
            return True
    return False


def text_longer_than(el: HtmlElement, limit: int) -> bool:
    """Whether the element's text (whitespace aside) exceeds ``limit`` characters; reads no
    further than it must."""
    size = 0
    for chunk in el.itertext():
        size += len(chunk.strip())
        if size > limit:
            return True
    return False


def prose_length(el: HtmlElement) -> int:
    """Characters of paragraph text under ``el`` (the measure of 'how much article')."""
    return sum(len(norm(" ".join(p.itertext()))) for p in el.iter("p"))


def unlinked_length(el: HtmlElement) -> int:
    """Characters of text under ``el`` outside links: what a reader reads there rather than
    follows (menus and link lists have next to none)."""
    return max(0, len(text_of(el)) - sum(len(text_of(a)) for a in el.iter("a")))


def link_density(el: HtmlElement, text: str | None = None) -> float:
    """Share of the element's text that sits inside links."""
    text = text if text is not None else text_of(el)
    if not text:
        return 0.0
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return min(1.0, linked / len(text))


def drop(el: HtmlElement) -> bool:
    """Remove ``el`` and its subtree, keeping its tail text; False if it has no parent."""
    if el.getparent() is None:
        return False
    el.drop_tree()
    return True


def _site(host: str | None) -> str:
    """The last two labels of a host name: enough to tell 'this site' from 'elsewhere'."""
    return ".".join((host or "").lower().split(".")[-2:])


def same_site(href: str | None, page_url: str) -> bool:
    """True if ``href`` (relative or absolute) points into the site of ``page_url``."""
    if not href:
        return False
    parts = urlsplit(urljoin(page_url, href.strip()))
    return parts.scheme in ("http", "https") and _site(parts.hostname) == _site(urlsplit(page_url).hostname)
