"""Plain text from the clean article tree: a blank line between blocks, one line per heading,
list item or table row, line breaks kept inside a block. Captions and credits of pictures stay
in the HTML and out of the text.

lxml's ``text_content()`` glues blocks together ("end.Next"); walking start/end events joins
text per block instead, without recursion (trees can be 2,000 levels deep).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from .treeutil import BLOCK_TAGS

_LINE_KINDS = {"li": "li", "dt": "li", "dd": "li", "tr": "tr"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_SKIP = frozenset(("script", "style", "noscript", "template", "figcaption"))


class _Blocks:
    """Collects inline text and closes a block at each block boundary."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, str]] = []
        self.buf: list[str] = []
        self.lines: list[str] = []      # open li/dt/dd/tr elements: their blocks are lines

    def add(self, text: str | None) -> None:
        if text:
            self.buf.append(text)

    def flush(self, pre: bool = False) -> None:
        raw = "".join(self.buf)
        self.buf = []
        if pre:
            text = raw.strip("\n")
        else:
            lines = (_SPACES.sub(" ", line).strip() for line in raw.split("\n"))
            text = "\n".join(line for line in lines if line)
        if text.strip():
            kind = _LINE_KINDS[self.lines[-1]] if self.lines else "p"
            self.blocks.append(("- " + text if kind == "li" else text, kind))


def to_text(root: HtmlElement) -> str:
    """The element's text as blocks: headings, list items and rows on their own lines."""
    out = _Blocks()
    pre = skip = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if skip or tag in _SKIP or (tag == "figure" and _is_media_figure(el)):
                skip += 1
                continue
            if tag in ("td", "th"):
                if "".join(out.buf).strip():
                    out.add(" | ")
            elif tag == "br":
                out.add("\n")
            elif tag in BLOCK_TAGS:
                out.flush(pre > 0)
                if tag in _LINE_KINDS:
                    out.lines.append(tag)
            pre += tag == "pre"
            out.add(el.text if pre else _inline(el.text))
            continue
        if skip:
            skip -= 1
            if not skip:
                out.add(_inline(el.tail))
            continue
        if tag == "pre":
            pre -= 1
            out.flush(True)
        elif tag in BLOCK_TAGS and tag not in ("td", "th", "br"):
            out.flush(pre > 0)
            if tag in _LINE_KINDS and out.lines:
                out.lines.pop()
        if el is not root:
            out.add(el.tail if pre else _inline(el.tail))
    out.flush()
    return _join(out.blocks)


def _is_media_figure(el: HtmlElement) -> bool:
    """A figure around a picture or video: its text is caption and credit, not article text
    (a figure around code or a quotation is read)."""
    return next(el.iter("img", "picture", "video", "iframe", "svg", "audio"), None) is not None


def _inline(text: str | None) -> str | None:
    """Inline whitespace (newlines included) becomes one space; <br> alone breaks lines."""
    return _SPACES.sub(" ", text.replace("\n", " ")) if text else text


def _join(blocks: list[tuple[str, str]]) -> str:
    parts: list[str] = []
    prev = ""
    for text, kind in blocks:
        if parts:
            parts.append("\n" if kind == prev and kind in ("li", "tr") else "\n\n")
        parts.append(text)
        prev = kind
    return "".join(parts)
