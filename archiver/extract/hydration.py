"""The article a client-rendered page ships only in its script data.

Some sites send an empty page shell and the article as data for the script that renders it:
Next.js's ``__NEXT_DATA__``, Nuxt's state, React Query or Apollo caches
(``window.__STATE__ = {...}``), a JSON-LD ``articleBody``. A reader's browser runs the script
and shows the article; an archive that reads only the markup would refuse the page as empty.
When the markup holds no article, the longest string in the page's scripts that is article
markup (paragraphs) or prose, and that shares words with the headline, is taken as the body.
"""

from __future__ import annotations

import json
import re

import lxml.html
from lxml.html import HtmlElement

from .parse import script_texts
from .treeutil import norm, text_of

MIN_CHARS = 400          # shorter strings are labels, teasers, settings
MIN_WORDS = 60
_STRING = re.compile(r'"((?:[^"\\]|\\.){%d,})"' % MIN_CHARS, re.S)
_PARAGRAPH = re.compile(r"<p[\s>]", re.I)
_WORD = re.compile(r"\w{2,}")
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”»]?(?:\s|$)")


def body_from_scripts(raw: str, title: str | None) -> HtmlElement | None:
    """A ``div`` with the article found in script data, or None."""
    best: tuple[int, HtmlElement] | None = None
    for script in script_texts(raw):              # linear, whatever the page holds
        for literal in _STRING.findall(script):
            body = _as_body(literal)
            if body is None:
                continue
            words = len(_WORD.findall(text_of(body)))
            if words >= MIN_WORDS and _about(body, title) and (best is None or words > best[0]):
                best = (words, body)
    return best[1] if best else None


def _as_body(literal: str) -> HtmlElement | None:
    """The JSON string as an element: parsed markup if it holds paragraphs, else its lines."""
    try:
        value = json.loads(f'"{literal}"')
    except ValueError:
        return None
    if _PARAGRAPH.search(value):
        try:
            return lxml.html.fragment_fromstring(value, create_parent="div")
        except (ValueError, lxml.etree.ParserError):
            return None
    if "<" in value or len(_SENTENCE_END.findall(value)) < 3:
        return None              # markup of some other kind, or not prose
    body = lxml.html.fragment_fromstring("<div></div>")
    for line in filter(None, (norm(x) for x in value.split("\n"))):
        p = lxml.html.Element("p")
        p.text = line
        body.append(p)
    return body


def _about(body: HtmlElement, title: str | None) -> bool:
    """The text shares at least two words of the headline (any, when there is none)."""
    if not title:
        return True
    text = text_of(body).lower()
    words = {w for w in _WORD.findall(title.lower()) if len(w) > 2 or not w.isascii()}
    return sum(1 for w in words if w in text) >= min(2, len(words))
