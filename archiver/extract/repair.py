"""Repair what readability leaves: the title repeated at the top, boilerplate it kept.

Readability keeps the headline when it sits in the article container (it is not body text: the
record has it as ``title``), and it does not know phrases, so the text rules run once more on
the much smaller body.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urljoin

from lxml.html import HtmlElement

from .phrases import PLACEHOLDER, PhraseRules
from .treeutil import HEADINGS, drop, norm, same_site, text_of


CAPTION_MAX = 300
LABEL_MAX = 30
_LABEL_ENDS = ":|»>–—-•›"
_NOT_CAPTION = ("h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre")


def repair_body(body: HtmlElement, url: str, title: str | None, profile, removed: Counter) -> None:
    _drop_title(body, title)
    PhraseRules.for_profile(profile).apply(body, removed)
    removed["related"] += _drop_teasers(body, url)
    if not removed["related"]:
        del removed["related"]
    _drop_placeholders(body)
    _image_boxes_as_figures(body)
    _drop_empty(body)


def _is_teaser_link(block: HtmlElement, home: str) -> bool:
    """A block that is one link to another page of the same site, and nothing else but a short
    label before it ("READ MORE | …", "Lesen Sie auch: …", in any language)."""
    links = list(block.iter("a"))
    if len(links) != 1 or not links[0].get("href"):
        return False
    text, label = text_of(block), text_of(links[0])
    if len(text) < 15 or not label:
        return False
    if len(label) < 0.9 * len(text) and not _labelled_link(text, label):
        return False
    href = urljoin(home, links[0].get("href"))
    return same_site(href, home) and href.split("#")[0].rstrip("/") != home.split("#")[0].rstrip("/")


def _labelled_link(text: str, label: str) -> bool:
    """``text`` is a short label, a separator, then the link's text (and nothing after it)."""
    head, found, tail = text.partition(label)
    head = head.rstrip()
    return (bool(found) and not tail.strip(" .") and 0 < len(head) <= LABEL_MAX
            and head[-1] in _LABEL_ENDS and len(label) >= 15)


def _drop_teasers(body: HtmlElement, url: str) -> int:
    """Paragraphs and lists made only of links to other pages of the site: 'read this next'
    (one bulleted link to another article of the site included)."""
    count = 0
    for block in list(body.iter("p", *HEADINGS)):
        if block.getparent() is not None and _is_teaser_link(block, url):
            count += drop(block)
    for lst in list(body.iter("ul", "ol")):
        items = [li for li in lst if li.tag == "li"]
        if items and lst.getparent() is not None and all(_is_teaser_link(li, url) for li in items):
            count += drop(lst)
    return count


def _same(a: str, b: str) -> bool:
    a, b = norm(a).lower().strip(" .:"), norm(b).lower().strip(" .:")
    return bool(a) and (a == b or (len(a) > 20 and (a in b or b in a)))


def _drop_title(body: HtmlElement, title: str | None) -> None:
    """Remove every h1, and a leading heading that repeats the title."""
    for h1 in list(body.iter("h1")):
        drop(h1)
    if not title:
        return
    for heading in list(body.iter(*HEADINGS))[:2]:
        if _same(text_of(heading), title):
            drop(heading)


def _image_boxes_as_figures(body: HtmlElement) -> None:
    """A ``div`` that holds a picture and a line of text is a figure: the line is its caption
    or credit (kept in the HTML, left out of the text like any figure's caption)."""
    for box in list(body.iter("div")):
        if box.getparent() is None or next(box.iter("img", "picture"), None) is None:
            continue
        text = text_of(box)
        if text and len(text) <= CAPTION_MAX and next(box.iter(*_NOT_CAPTION), None) is None:
            box.tag = "figure"


def _drop_placeholders(body: HtmlElement) -> None:
    """Loose template markers between blocks ("$$ARTICLEAD$$" where an ad was to go)."""
    for el in body.iter():
        if el.text and PLACEHOLDER.match(el.text.strip()):
            el.text = None
        if el.tail and PLACEHOLDER.match(el.tail.strip()):
            el.tail = None


def _drop_empty(body: HtmlElement) -> None:
    """Blocks left without text or media after removals."""
    for el in list(body.iter("p", "div", "section", "li", "ul", "ol", "span")):
        if el.getparent() is None or el.find(".//img") is not None:
            continue
        if not text_of(el) and el.find(".//br") is None:
            drop(el)
