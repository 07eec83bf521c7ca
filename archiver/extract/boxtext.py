"""What each element's text says, read as little as possible.

The word rules (promo.py, consent.py) judge boxes at every level of nesting, outermost first.
The length of every element's text comes from one post-order walk; what a box *says* is read
only for boxes small enough to be judged, and each text block's verdict is kept, so nested boxes
do not read their blocks again.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from .consent import speaks_consent
from .promo import families
from .treeutil import text_of

BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "label", "dt", "dd", "blockquote",
          "figcaption")


class BoxText:
    """Text sizes of a tree, and cached verdicts on its blocks."""

    def __init__(self, root: HtmlElement) -> None:
        self.sizes = _sizes(root)
        self._consent: dict[HtmlElement, int] = {}

    def size(self, el: HtmlElement) -> int:
        return self.sizes.get(el, 0)

    def sales(self, el: HtmlElement) -> set[str]:
        """Kinds of sales talk in the element's text (read once per call: small boxes only)."""
        return families(text_of(el))

    def consent(self, el: HtmlElement) -> tuple[int, int, int]:
        """(blocks, characters in blocks, characters of blocks that speak consent)."""
        blocks = chars = consent = 0
        for block in el.iter(*BLOCKS):
            size = self.sizes.get(block, 0)
            if not size:
                continue
            blocks += 1
            chars += size
            if block not in self._consent:
                self._consent[block] = size if speaks_consent(text_of(block)) else 0
            consent += self._consent[block]
        return blocks, chars, consent


def _sizes(root: HtmlElement) -> dict[HtmlElement, int]:
    """Characters of text under every element (whitespace runs not counted)."""
    sizes: dict[HtmlElement, int] = {}
    for _, el in etree.iterwalk(root, events=("end",)):
        if not isinstance(el.tag, str):
            continue
        own = _stripped_len(el.text) + sum(_stripped_len(c.tail) for c in el)
        sizes[el] = own + sum(sizes.get(c, 0) for c in el)
    return sizes


def _stripped_len(text: str | None) -> int:
    return len(text.strip()) if text else 0
