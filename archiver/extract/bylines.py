"""Bylines printed on the page: where a reader sees who wrote the article.

Many pages name their authors only in visible text ("By Jane Doe", "Von Max Muster", "Par …",
"Di …", "Por …"), or name more of them there than in their metadata. The byline is found by
the markup conventions pages use for it, none of them tied to one site:

- ``rel="author"`` links and ``itemprop="author"`` (microdata);
- elements whose class or id says byline/author (``byline``, ``article-author``, ``autor``);
- a label element ("Autor", "Author", "Von") followed by the names, as fact boxes print it;
- links to author pages (``/author/jane-doe/``) in the article, for pages with no other mark.

Author boxes of comments, quotes, teasers and related articles say who wrote something else and
are skipped. The text is read piece by piece (one piece per element), so "Lifestyle Writer" or
a date in a neighbouring element is never glued to a name.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .authors import Name, clean, is_label, split_names
from .treeutil import inside

_ATTR = re.compile(r"byline|author|autor|auteur|autore|verfasser|writer|reporter|creator|avtor", re.I)
# Author elements that are not the byline (an avatar, a bio, a social link) ...
_NOT_BYLINE = re.compile(
    r"comment|kommentar|quote|zitat|teaser|related|recommend|avatar|image|img|photo|foto|"
    r"\bbio\b|biography|description|desc\b|social|follow|newsletter|reply", re.I)
# ... and boxes around bylines that say who wrote something else: comments, quotes, teasers.
_OTHERS = re.compile(r"comment|kommentar|quote|zitat|teaser|related|recommend|more-from|"
                     r"popular|sidebar|newsletter|reply", re.I)
_SKIP_TAGS = frozenset(("nav", "footer", "aside", "figure", "figcaption", "blockquote", "form",
                        "script", "style", "noscript", "template", "button", "select", "textarea"))
_AUTHOR_PATH = re.compile(r"/(?:author|authors|autor|autoren|auteur|auteurs|autore|autori|"
                          r"journalist|journalisten|redakteur|reporter)/[^/?#]+", re.I)
_LABEL_TAGS = frozenset(("strong", "b", "dt", "th", "span", "label"))
_MAX_TEXT = 250
_MAX_ELEMENTS = 12


def printed_bylines(root: HtmlElement, site_keys: frozenset[str]) -> list[Name]:
    """The names of the page's byline: all ``rel=author``/``itemprop=author`` markup together,
    else the first byline element that names anyone (an agency alone is a byline too).

    Elements nested in each other are one byline: the outermost is read, once.
    """
    names = [n for el in _explicit(root) for n in _names_in(el, site_keys)]
    if names:
        return names
    read: set[HtmlElement] = set()
    for el in _candidates(root):
        if el in read or any(a in read for a in el.iterancestors()):
            continue
        read.add(el if not isinstance(el, _Labelled) else el.label)
        names = _names_in(el, site_keys)
        if names:
            return names
    return [n for el in _author_links(root) for n in _names_in(el, site_keys)]


def _author_links(root: HtmlElement) -> list[HtmlElement]:
    """Links to an author's page (``/author/jane-doe/``, ``/autor/…``) in the article: the
    byline of pages (WordPress themes and others) that mark it up no other way."""
    article = next(root.iter("article"), None)
    scope = article if article is not None else root.find("body")
    if scope is None:
        return []
    return [a for a in scope.iter("a") if _AUTHOR_PATH.search(a.get("href") or "") and _usable(a)
            ][:_MAX_ELEMENTS]


def _explicit(root: HtmlElement) -> list[HtmlElement]:
    """``rel="author"`` links and ``itemprop="author"`` elements (outermost only)."""
    els = root.xpath("//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]"
                     " | //*[@itemprop='author']")
    chosen = set(els)
    return [el for el in els if _usable(el) and not any(a in chosen for a in el.iterancestors())
            ][:_MAX_ELEMENTS]


def _candidates(root: HtmlElement):
    """Byline elements (by class or id) and labelled names, in document order."""
    yielded = 0
    for el in root.iter():
        if yielded >= _MAX_ELEMENTS:
            return
        attrib = el.attrib
        if "class" in attrib or "id" in attrib:
            attrs = f"{attrib.get('class', '')} {attrib.get('id', '')}"
            if _ATTR.search(attrs) and not _NOT_BYLINE.search(attrs) and _usable(el):
                yielded += 1
                yield el
                continue
        if el.tag in _LABEL_TAGS and len(el) == 0 and is_label(el.text or "") and _usable(el):
            yielded += 1
            yield _Labelled(el)


class _Labelled:
    """The names after a label element: its tail and the following siblings' text."""

    def __init__(self, label: HtmlElement) -> None:
        self.label = label

    def pieces(self) -> list[str]:
        parts = [self.label.tail or ""]
        for sib in self.label.itersiblings():
            parts += list(sib.itertext())
            if sum(len(p) for p in parts) > _MAX_TEXT:
                break
            parts.append(sib.tail or "")
        return [p for p in parts if clean(p)]

    def iterancestors(self):
        return self.label.iterancestors()


def _usable(el: HtmlElement) -> bool:
    """Not in page chrome or someone else's box, and short enough to be a byline."""
    if inside(el, _SKIP_TAGS, _OTHERS) or el.tag in _SKIP_TAGS:
        return False
    size = 0
    for chunk in el.itertext():
        size += len(chunk)
        if size > _MAX_TEXT:
            return False
    return True


def _names_in(el, site_keys: frozenset[str]) -> list[Name]:
    """Names in a byline element's text pieces; a lone label piece ("By") joins the next."""
    pieces = el.pieces() if isinstance(el, _Labelled) else _pieces(el)
    names: list[Name] = []
    pending = ""
    for piece in pieces:
        if is_label(piece):
            pending = clean(piece)          # only a label so far: the names follow
            continue
        names += split_names(_undouble(clean(pending + " " + piece)), printed=True,
                             site_keys=site_keys)
        pending = ""
    return names


def _pieces(el: HtmlElement) -> list[str]:
    """The element's text, cut where a block, a line break, a date or a role/title element
    starts or ends; inline markup (a name in a link, a surname in a span) stays joined."""
    out: list[str] = [""]

    def walk(node: HtmlElement) -> None:
        cut = node.tag in _BLOCKS or bool(_APART.search(node.get("class", "")))
        if cut:
            out.append("")
        out[-1] += " " + (node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            out[-1] += " " + (child.tail or "")
        if cut:
            out.append("")

    walk(el)
    return [p for p in (clean(p) for p in out) if p]


_BLOCKS = frozenset(("div", "p", "li", "ul", "ol", "dl", "dt", "dd", "br", "h1", "h2", "h3",
                     "h4", "h5", "h6", "section", "header", "footer", "time", "table", "tr",
                     "td", "th", "figure", "address"))
_APART = re.compile(r"date|time|role|job|position|title|bio|desc|info|meta|label|prefix", re.I)


def _undouble(text: str) -> str:
    """A name printed twice in one element (a visible and a screen-reader copy) read once."""
    words = text.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text
