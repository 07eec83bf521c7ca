"""Assemble a body that no single container holds: the entries of a live blog, the items of a
timeline, an article cut into repeated modules.

readability credits a paragraph to its parent and grandparent. When each part of an article
sits in its own wrapper (``entry > header + div.entry-content > p``), the container of all the
parts is too far up to be credited, and readability takes one part. A reader sees the parts as
one text: siblings of the same kind, each holding a container like the chosen one. Those
containers are the rest of the body.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .treeutil import link_density, text_of

LEVELS = 3               # how far above the chosen container the repeated parts may begin
PROSE_CHARS = 80


def like_parts(chosen: HtmlElement) -> list[HtmlElement]:
    """Containers like ``chosen`` (same tag and class) in the siblings of its nearest ancestor
    that repeats, and the prose that introduces the run of parts (a live blog's lead entry);
    in document order, empty when nothing repeats."""
    signature = (chosen.tag, chosen.get("class"))
    if not signature[1]:
        return []
    part = chosen
    for _ in range(LEVELS):
        parent = part.getparent()
        if parent is None:
            return []
        siblings = [s for s in parent if s is not part and _same_kind(s, part)]
        found = [c for s in siblings for c in _containers(s, signature) if _has_prose(c)]
        if found:
            return _introduction(parent) + found
        part = parent
    return []


def _introduction(run: HtmlElement) -> list[HtmlElement]:
    """The siblings with prose right before the element that holds the run of parts."""
    intro = []
    for sib in run.itersiblings(preceding=True):
        if not isinstance(sib.tag, str) or not _has_prose(sib):
            break
        intro.insert(0, sib)
    return intro


def _same_kind(a: HtmlElement, b: HtmlElement) -> bool:
    return a.tag == b.tag and a.get("class") == b.get("class")


def _containers(el: HtmlElement, signature: tuple[str, str | None]) -> list[HtmlElement]:
    """``el`` itself or its outermost descendants with the signature."""
    if (el.tag, el.get("class")) == signature:
        return [el]
    found = []
    for d in el.iterdescendants(signature[0]):
        if d.get("class") == signature[1] and not any(f in d.iterancestors() for f in found):
            found.append(d)
    return found


def _has_prose(el: HtmlElement) -> bool:
    """A paragraph of prose, not a list of links."""
    for p in el.iter("p"):
        text = text_of(p)
        if len(text) >= PROSE_CHARS and link_density(p, text) < 0.3:
            return True
    return False
