"""Parse once: one lxml tree per page, every later stage works on it.

libxml2 stops building the tree at a nesting depth of 2048 (with ``huge_tree``) and silently
drops what lies deeper, so a page built to nest deeper would lose its article. When the parser
reports that limit, the markup is flattened (over-deep wrapper tags dropped, text kept) and
parsed again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from .article import NotAnArticle

MAX_DEPTH = 200          # wrapper tags deeper than this are dropped when flattening
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# Characters lxml refuses in text it is given back (C0 controls, surrogates, non-characters):
# a page carrying them would fail the first time a cleaning step edits a text node.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
RAW_TEXT_TAGS = ("script", "style", "template")


def parse_html(text: str) -> lxml.html.HtmlElement:
    """The document's root element; raises NotAnArticle("not_html") if nothing parses."""
    text = _NOT_XML.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        raise NotAnArticle("empty", "no content")
    root, too_deep = _parse(text)
    if too_deep:
        root, _ = _parse(flatten_deep_nesting(text))
    if root is None:
        raise NotAnArticle("not_html", "no parsable markup")
    if root.find("body") is None:
        raise NotAnArticle("empty", "no body")
    return root


# Every element of our trees is a plain HtmlElement, chosen in C: lxml.html's own lookup asks a
# Python function for each element it hands out (to make <form>, <input>, <label> special,
# which the extraction never uses), and that call alone was ~8 % of the extraction's time.
_PLAIN_HTML = etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement,
                                              comment=lxml.html.HtmlComment,
                                              pi=lxml.html.HtmlProcessingInstruction,
                                              entity=lxml.html.HtmlEntity)


def _parse(text: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """Parse with a fresh parser (parsers are not thread-safe); True if the depth limit hit."""
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True,
                              default_doctype=False)
    parser.set_element_class_lookup(_PLAIN_HTML)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def flatten_deep_nesting(text: str, max_depth: int = MAX_DEPTH) -> str:
    """``text`` with opening/closing tags deeper than ``max_depth`` removed (their text stays).

    A streaming tag balancer, linear in the size of the page whatever it holds: a closing tag
    finds its opening one through an index by tag name (a run of ``</b>`` that close nothing
    costs one lookup each, not a walk down the stack), and raw-text elements are skipped with
    one forward search each (`drop_raw_text`). Only run on the rare page that hits the limit.
    """
    text = drop_raw_text(text)
    out: list[str] = []
    stack: list[tuple[str, bool]] = []   # (tag name, dropped?)
    where: dict[str, list[int]] = {}     # tag name -> its positions in the stack
    pos = 0
    for match in _TAG.finditer(text):
        out.append(text[pos:match.start()])
        pos = match.end()
        closing, name, selfclose = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or selfclose:
            out.append(match.group(0))
        elif not closing:
            dropped = len(stack) >= max_depth
            where.setdefault(name, []).append(len(stack))
            stack.append((name, dropped))
            if not dropped:
                out.append(match.group(0))
        else:
            positions = where.get(name)
            if not positions:
                out.append(match.group(0))       # closes nothing: the parser ignores it too
                continue
            start = positions[-1]
            keep = not stack[start][1]
            for other, _ in stack[start:]:       # each entry is popped once: linear overall
                where[other].pop()
            del stack[start:]
            if keep:
                out.append(match.group(0))
    out.append(text[pos:])
    return "".join(out)


def drop_raw_text(text: str) -> str:
    """``text`` without script, style and template elements. One forward pass; an element that
    is never closed runs to the end of the page, as it does in a browser."""
    out, pos = [], 0
    for start, end, _ in raw_text_elements(text, RAW_TEXT_TAGS):
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def script_texts(text: str) -> Iterator[str]:
    """The content of every closed ``<script>`` element, in one forward pass (a regex such as
    ``<script[^>]*>(.*?)</script>`` scans to the end of the page from every unclosed tag:
    minutes on a page of 45,000 of them)."""
    for start, end, content in raw_text_elements(text, ("script",)):
        if content is not None:
            yield content


def raw_text_elements(text: str, names: tuple[str, ...]) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, content) of each raw-text element named; content None when it is never
    closed (it then runs to the end). Linear: every search moves forward, and the next place of
    each tag name is remembered until passed."""
    lower = text.lower()
    ahead: dict[str, int] = {}
    pos = 0
    while True:
        found = [(_next_open(lower, name, pos, ahead), name) for name in names]
        found = [(at, name) for at, name in found if at >= 0]
        if not found:
            return
        start, name = min(found)
        head_end = lower.find(">", start)
        if head_end < 0:
            yield start, len(text), None
            return
        close = lower.find("</" + name, head_end + 1)
        if close < 0:
            yield start, len(text), None
            return
        end = lower.find(">", close)
        end = len(text) if end < 0 else end + 1
        yield start, end, text[head_end + 1:close]
        pos = end


def _next_open(lower: str, name: str, pos: int, ahead: dict[str, int]) -> int:
    """Where the next ``<name`` tag (not ``<names…``) starts at or after ``pos``, or -1."""
    at = ahead.get(name, -2)
    if at != -1 and at < pos:
        at = pos - 1
        while True:
            at = lower.find("<" + name, at + 1)
            if at < 0 or not (lower[at + 1 + len(name):at + 2 + len(name)].isalnum()
                              or lower[at + 1 + len(name):at + 2 + len(name)] in ("-", "_")):
                break
        ahead[name] = at
    return at
