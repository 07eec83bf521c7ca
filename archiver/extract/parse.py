"""Parse once: one lxml tree per page, every later stage works on it.

libxml2 stops building the tree at a nesting depth of 2048 (with ``huge_tree``) and silently
drops what lies deeper, so a page built to nest deeper would lose its article. When the parser
reports that limit, the markup is flattened (over-deep wrapper tags dropped, text kept) and
parsed again.
"""

from __future__ import annotations

import re

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
_RAW_TEXT = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.I | re.S)


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


def _parse(text: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """Parse with a fresh parser (parsers are not thread-safe); True if the depth limit hit."""
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True,
                                  remove_pis=True, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def flatten_deep_nesting(text: str, max_depth: int = MAX_DEPTH) -> str:
    """``text`` with opening/closing tags deeper than ``max_depth`` removed (their text stays).

    A streaming tag balancer: cheap, and only run on the rare page that hits the parser limit.
    """
    text = _RAW_TEXT.sub("", text)
    out: list[str] = []
    stack: list[tuple[str, bool]] = []   # (tag name, dropped?)
    pos = 0
    for match in _TAG.finditer(text):
        out.append(text[pos:match.start()])
        pos = match.end()
        closing, name, selfclose = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or selfclose:
            out.append(match.group(0))
        elif not closing:
            dropped = len(stack) >= max_depth
            stack.append((name, dropped))
            if not dropped:
                out.append(match.group(0))
        else:
            keep = True
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    keep = not stack[i][1]
                    del stack[i:]
                    break
            if keep:
                out.append(match.group(0))
    out.append(text[pos:])
    return "".join(out)
