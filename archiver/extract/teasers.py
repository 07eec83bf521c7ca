"""Grids of teaser cards ("More from the region"), told by their structure.

A list of other articles is a run of look-alike cards, each opening with a headline that links
to another page of the same site, often with a summary paragraph under it. The summaries read
like prose, and ten of them can outweigh a short article; their class names are whatever the
design system calls a card. The structure does not change with the names: three or more
sibling cards of one kind, most of them led by a linked headline to another page of this
site (or made of little but that link).
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from .treeutil import same_site, text_of

MIN_CARDS = 3
CARD_MAX = 700           # characters: a teaser, not a section of an article
_HEADS = ("h2", "h3", "h4", "h5", "h6")
# What a card is made of (a run of paragraphs is prose; one-link paragraphs are repair.py's).
_CARD_TAGS = frozenset(("div", "li", "article", "section", "figure", "aside"))


def is_teaser_grid(el: HtmlElement, url: str) -> bool:
    """``el`` holds a run of sibling cards that link to other pages of the site."""
    if len(el) < MIN_CARDS:
        return False
    kinds = Counter((c.tag, c.get("class")) for c in el if c.tag in _CARD_TAGS)
    if not kinds:
        return False
    (tag, cls), count = kinds.most_common(1)[0]
    if count < MIN_CARDS:
        return False
    cards = [c for c in el if c.tag == tag and c.get("class") == cls]
    led = sum(1 for c in cards if _is_teaser_card(c, url))
    return led >= MIN_CARDS and led >= 0.75 * len(cards)


def _is_teaser_card(card: HtmlElement, url: str) -> bool:
    text = text_of(card)
    if not text or len(text) > CARD_MAX:
        return False
    head = next(card.iter(*_HEADS), None)
    link = next((head.iter("a") if head is not None else card.iter("a")), None)
    if link is None or not _other_page(link.get("href"), url):
        return False
    label = text_of(link)
    if len(label) < 15:                  # a headline, not an icon or "more"
        return False
    # A card opens with its linked headline; without a heading, the link is most of it (an
    # item that goes on in prose after its link is a news digest's item, not a teaser).
    return head is not None or (text.startswith(label) and len(label) >= 0.6 * len(text))


def _other_page(href: str | None, url: str) -> bool:
    """A link to another page of this site (not an anchor on this page)."""
    if not href or href.startswith("#") or not same_site(href, url):
        return False
    target, here = urlsplit(urljoin(url, href)), urlsplit(url)
    return (target.path.rstrip("/"), target.query) != (here.path.rstrip("/"), here.query)
