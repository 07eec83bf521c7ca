"""Dates the page's markup and text give, for pages whose metadata states none.

In order of trust: a ``<time>`` or microdata date marked as the publication date; the first
``<time datetime>`` of the article that is not marked as an update and not part of a teaser,
comment or navigation; a dateline printed in the article's head ("17. Feb. 2026",
"Datum 28.04.2023", "Published: April 28, 2023"). A date marked or labelled as an update
("Updated", "Aktualisiert", ``dateModified``) is never taken for the publication date.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .dates import parse_date, parse_printed_date
from .treeutil import inside, text_of

_PUBLISHED = re.compile(r"publish|pubdate|posted|created|erstellt|veroeffentlicht|date-?pub", re.I)
_MODIFIED = re.compile(r"modif|update|aktualis|edited|revised", re.I)
_OTHERS = re.compile(r"comment|teaser|related|recommend|sidebar|popular|more-from|newsletter|"
                     r"footer|menu|breadcrumb", re.I)
_SKIP_TAGS = frozenset(("nav", "footer", "aside", "a", "figure", "blockquote", "form"))


def marked_date(root: HtmlElement) -> str | None:
    """A ``<time datetime>`` or microdata ``datePublished`` of the article, as written."""
    body = root.find("body")
    if body is None:
        return None
    # microdata, HTML's old pubdate, and hAtom's <abbr class="published" title="ISO date">
    for el in body.xpath(".//*[@itemprop='datePublished' or @pubdate] | .//abbr[@title and "
                         "contains(concat(' ', normalize-space(@class), ' '), ' published ')]"):
        value = el.get("datetime") or el.get("content") or el.get("title") or text_of(el)
        if parse_date(value) and _in_article(el):
            return value
    fallback = None
    for el in body.iter("time"):
        value = el.get("datetime")
        if not value or parse_date(value) is None or not _in_article(el):
            continue
        marks = f"{el.get('class', '')} {el.get('itemprop', '')} {_parent_marks(el)}"
        if _MODIFIED.search(marks):
            continue
        if _PUBLISHED.search(marks):
            return value
        fallback = fallback or value
    return fallback


def _parent_marks(el: HtmlElement) -> str:
    parent = el.getparent()
    return f"{parent.get('class', '')} {parent.get('id', '')}" if parent is not None else ""


def _in_article(el: HtmlElement) -> bool:
    """Not in navigation, a teaser, a comment or the footer."""
    return not inside(el, _SKIP_TAGS, _OTHERS)


def printed_date(root: HtmlElement, dayfirst: bool | None = None) -> str | None:
    """A dateline printed as text in the article's head, before the prose: the last resort
    for pages without a machine-readable date (mirrors that drop the JSON-LD, fact boxes)."""
    article = next(root.iter("article"), None)
    scope = article if article is not None else root.find("body")
    if scope is None:
        return None
    for el in scope.iter():
        if not isinstance(el.tag, str):
            continue
        text = text_of(el) if el.tag == "p" or (el.tag in _DATELINE_TAGS and len(el) < 6) else ""
        if el.tag == "p" and len(text) > 80:
            return None                  # the body has started: a date there is not the byline
        tail = (el.tail or "").strip()   # "<h1>…</h1> Posted: 28.04.2023" (loose text)
        for candidate in (text, tail):
            if 6 <= len(candidate) <= 60 and _in_article(el):
                when = parse_printed_date(candidate, dayfirst)
                if when is not None:
                    return when.isoformat()
    return None


_DATELINE_TAGS = frozenset(("span", "div", "time", "small", "li", "dd", "td", "b", "strong", "em"))
