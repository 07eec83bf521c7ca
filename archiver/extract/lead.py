"""The lead (standfirst, dek, summary): part of the article, though it sits outside its body.

Publishers put the lead in the article header, beside the headline, and the paragraphs in a
body container below; readability takes the container and leaves the lead behind. The lead is
found by position: the prose between the headline and the first element of the body, as a
reader sees it. Bylines, datelines, captions, link lists and labels in that stretch are not
prose and are passed over.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .treeutil import BLOCK_TAGS, head_text, link_density, text_longer_than, text_of

MIN_CHARS = 50           # a lead is a sentence, not a label
MIN_CJK = 20
MAX_BLOCKS = 3           # more than this between headline and body is not a lead
MAX_CHARS = 1200
_TEXT_BLOCKS = frozenset(("p", "div", "h2", "h3", "h4", "span", "section", "strong"))
_NOT_PROSE = frozenset(("figure", "figcaption", "blockquote", "ul", "ol", "table", "a", "time",
                        "address", "button", "label", "nav", "aside", "footer"))
_MEDIA = frozenset(("img", "picture", "video"))
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORDS = re.compile(r"\w+")


def find_lead(root: HtmlElement, headline: HtmlElement | None, start: HtmlElement | None,
              is_boilerplate) -> list[HtmlElement]:
    """Leaf text blocks after ``headline`` and before ``start`` (the body's first element)
    that read as prose; ``is_boilerplate(el)`` tells bylines and labels apart."""
    if headline is None or start is None or _holds(start, headline):
        return []
    found: list[HtmlElement] = []
    for el in _between(root, headline, start):
        if _is_prose_block(el) and not is_boilerplate(el):
            found.append(el)
            if len(found) > MAX_BLOCKS:
                return []
    if sum(len(text_of(el)) for el in found) > MAX_CHARS:
        return []
    return found


def prose_after(root: HtmlElement, headline: HtmlElement | None, count: int = MAX_BLOCKS
                ) -> list[HtmlElement]:
    """The first ``count`` prose blocks after the headline: the lead, or the body's start.

    Read before cleaning, so that a lead whose box has a misleading class ("teaser", which is
    the German word for a standfirst) is not cleaned away as a teaser card.
    """
    if headline is None:
        return []
    found: list[HtmlElement] = []
    inside = set(headline.iter())
    started = False
    for el in root.iter():
        if el is headline:
            started = True
        elif started and el not in inside and isinstance(el.tag, str) and _is_prose_block(el):
            found.append(el)
            if len(found) == count:
                break
    return found


def _between(root: HtmlElement, first: HtmlElement, last: HtmlElement):
    """Elements after ``first``'s subtree and before ``last``, in document order (the
    ancestors of ``last`` are passed over: they contain the body)."""
    skip = set(first.iter()) | set(last.iterancestors())
    started = False
    for el in root.iter():
        if el is first:
            started = True
        elif el is last:
            return
        elif started and isinstance(el.tag, str) and el not in skip:
            yield el


def _is_prose_block(el: HtmlElement) -> bool:
    if el.tag not in _TEXT_BLOCKS or len(head_text(el, MIN_CHARS)) < MIN_CJK:
        return False
    if any(c.tag in BLOCK_TAGS for c in el.iterdescendants()):
        return False
    parent = el.getparent()
    if parent is None or any(a.tag in _NOT_PROSE for a in el.iterancestors()):
        return False
    text = text_of(el)
    if _is_caption(el, parent, text):
        return False
    cjk = len(_CJK.findall(text))
    if len(text) < MIN_CHARS and cjk < MIN_CJK:
        return False
    if not cjk and len(_WORDS.findall(text)) < 8:
        return False
    return link_density(el, text) < 0.2


def _is_caption(el: HtmlElement, parent: HtmlElement, text: str) -> bool:
    """The text of a box that holds an image and nothing else to read is the image's caption."""
    limit = len(text) + 40
    for box in (parent, parent.getparent()):
        if box is not None and not text_longer_than(box, limit):
            return next(box.iter(*_MEDIA), None) is not None
    return False


def _holds(el: HtmlElement, target: HtmlElement) -> bool:
    return el is target or any(a is el for a in target.iterancestors())
