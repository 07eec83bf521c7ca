"""Collapse wrapper chains, so that readability sees the container that holds the article.

Component frameworks wrap every block in layers of single-child ``div``s
(``<div><div><div><p>…</p></div></div></div>`` per paragraph). readability credits a
paragraph's score to its parent and grandparent only; behind three wrappers, the container
that holds all the paragraphs gets nothing, and one wrapper with one paragraph wins. A wrapper
that holds exactly one element and no text of its own adds no structure: it is merged with its
child (classes and ids kept, so class weights still count), and the chain becomes one element;
around a paragraph, heading, list or figure the wrapper goes and the block stands for itself
(readability also judges a ``div`` by stricter rules than a ``p``: a paragraph that is mostly
one link would be dropped for its wrapper's link density).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .treeutil import BLOCK_TAGS

_MERGEABLE = frozenset(("div", "section", "article", "main", "span"))
_RANK = {"article": 3, "main": 2, "section": 1, "div": 0, "span": -1}   # a block beats a span
_KEEP_ATTRS = ("id", "itemprop", "role")
_PLAIN = frozenset(("div", "span", "section"))     # wrappers without meaning of their own
# Blocks that stand for themselves (an inline child keeps its wrapper: the wrapper is what puts
# it on a line of its own).
_BLOCKS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
                     "blockquote", "pre", "figure"))
# Children that make an element a container rather than a paragraph (a line break does not).
_CONTAINER_CHILDREN = BLOCK_TAGS - {"br", "hr"}


def collapse_wrappers(scope: HtmlElement) -> None:
    """Merge every single-child wrapper below ``scope`` into its child, in place."""
    for el in list(scope.iter(*_MERGEABLE)):
        if el is scope or el.getparent() is None:
            continue
        child = _only_child(el)
        if child is None:
            continue
        if child.tag in _MERGEABLE:
            _merge(el, child)
        elif el.tag in _PLAIN and child.tag in _BLOCKS:
            el.drop_tag()        # <div><p>…</p></div>: the paragraph stands for itself


def _only_child(el: HtmlElement) -> HtmlElement | None:
    """The one child element of ``el`` if ``el`` has no text of its own besides it."""
    if len(el) != 1 or (el.text and el.text.strip()):
        return None
    child = el[0]
    if not isinstance(child.tag, str) or (child.tail and child.tail.strip()):
        return None
    return child


def _holds_blocks(el: HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _CONTAINER_CHILDREN for c in el)


def _merge(outer: HtmlElement, inner: HtmlElement) -> None:
    """Keep the inner element (its children are the content), with the outer's attributes
    added: classes joined, ids and markers kept where the inner has none, the stronger tag."""
    classes = " ".join(c for c in (outer.get("class"), inner.get("class")) if c)
    if classes:
        inner.set("class", classes)
    for name in _KEEP_ATTRS:
        if outer.get(name) is not None and inner.get(name) is None:
            inner.set(name, outer.get(name))
    if _RANK[outer.tag] > _RANK[inner.tag]:
        # A paragraph written as a <div> (or a <span>) stays a div: readability reads a div
        # without blocks inside as a paragraph, a <section> or <article> not at all.
        inner.tag = outer.tag if _holds_blocks(inner) else "div"
    inner.tail = outer.tail
    outer.addprevious(inner)
    outer.getparent().remove(outer)
