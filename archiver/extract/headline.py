"""The headline: where the article starts, and so where its body must be.

Names of classes are a guess at what a box is; position is not. The article's body follows its
headline, and on a page that appends further articles (infinite scroll, "next story") each
article has a headline of its own: the one that repeats the page's title is this page's. The
cleaner never drops an element that holds the headline, and the body is looked for in the
container that the headline opens.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .treeutil import norm, prose_length, text_of

_CONTAINERS = ("article", "main", "section", "div")
SCOPE_SHARE = 0.25        # the headline's article holds at least this share of the page's prose
MIN_PARAGRAPHS = 3


def find_headline(root: HtmlElement, title: str | None) -> HtmlElement | None:
    """The h1 that repeats the title (or the page's only h1); None when there is no such h1."""
    h1s = [h for h in root.iter("h1") if text_of(h)]
    if not h1s:
        return None
    if title:
        wanted = _key(title)
        for h1 in h1s:
            got = _key(text_of(h1))
            if got and (got == wanted or (len(got) > 15 and (got in wanted or wanted in got))):
                return h1
    return h1s[0] if len(h1s) == 1 else None


def headline_scope(root: HtmlElement, headline: HtmlElement | None) -> HtmlElement | None:
    """The article the headline opens, on a page that holds more than one article.

    Only where the page has another h1 outside that container (another article's headline):
    then the container is the nearest ancestor of the headline that also holds a fair share of
    the page's prose. On a page with one article nothing is narrowed.
    """
    if headline is None:
        return None
    others = [h for h in root.iter("h1") if h is not headline and text_of(h)]
    if not others:
        return None
    total = prose_length(root) or 1
    for anc in headline.iterancestors(*_CONTAINERS):
        if anc.tag in ("body", "html"):
            return None
        if any(_inside(h, anc) for h in others):
            return None          # the container already holds another article's headline
        if prose_length(anc) >= SCOPE_SHARE * total and _paragraphs(anc) >= MIN_PARAGRAPHS:
            return anc
    return None


def _paragraphs(el: HtmlElement) -> int:
    """Paragraphs of prose in ``el``: a header with a long lead is not yet the article."""
    return sum(1 for p in el.iter("p") if len(text_of(p)) >= 80)


def _inside(el: HtmlElement, container: HtmlElement) -> bool:
    return any(a is container for a in el.iterancestors())


def _key(text: str) -> str:
    return norm(text).lower().strip(" .:-–—«»\"'“”„")
