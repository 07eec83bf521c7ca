"""Find the article body: readability-lxml picks the container, then we repair its choices.

readability is good at *where* the article is and too eager about *what* inside it to drop:
headings with a negative class, link-rich lists, tables and figures vanish. So each element of
the cleaned tree is numbered, readability runs on it (no re-parse: it takes the element and
deep-copies it), and the body is rebuilt from our own tree, keeping what readability kept plus
the structural elements of the article (headings, lists, tables, code, quotes, figures) that
it dropped inside the kept containers, unless they look like link lists.
"""

from __future__ import annotations

import copy
import logging
import re
from functools import cached_property

import lxml.html
from lxml.html import HtmlElement
from readability import Document
from readability.readability import Unparseable, clean

from .assemble import like_parts
from .clean import KEPT, MOST, NEVER_ARTICLE
from .gate import ARTICLE_RUN, prose_run
from .lead import find_lead
from .tokens import is_keep, kind_of, runs
from .treeutil import link_density, prose_length, same_site, text_of
from .wrappers import collapse_wrappers

MARK = "data-aid"
_RESTORE = frozenset(("h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "pre", "code",
                      "blockquote", "figure", "figcaption", "img", "picture", "p", "li", "tr",
                      "td", "th", "tbody", "thead", "em", "strong", "b", "i", "a", "span", "sup",
                      "sub", "br", "q", "cite", "source", "caption", "dt", "dd", "u", "s", "mark",
                      "small", "abbr", "time", "del", "ins"))
_STRUCTURE = frozenset(("h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "pre",
                        "blockquote", "figure"))
_POSITIVE = frozenset(("article", "body", "content", "entry", "hentry", "main", "post", "text",
                       "story", "blog", "article-body", "articlebody", "post-content",
                       "entry-content", "story-body", "article-content", "article-text"))
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_COMMAS = re.compile(r"[,、，،]")
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)


class _Readability(Document):
    """readability-lxml without its "unlikely candidates" pass.

    That pass drops every element whose class or id merely contains words such as "sidebar",
    "header", "extra" or "community" (``sidebar-grid__container``, ``article-header``), article
    or not. The cleaner has already removed boxes by whole class tokens, guarded by content and
    position (clean.py); readability does not get to remove the article by a substring.
    """

    def _parse(self, input):
        """A copy of our tree (readability edits what it is given) without lxml's Cleaner.

        readability parses strings itself and runs lxml's Cleaner over what it is given; the
        tree here was parsed once and cleaned already (scripts, styles, comments, hidden
        elements are gone), so a plain copy does.
        """
        return copy.deepcopy(input)

    def remove_unlikely_candidates(self) -> None:
        """Off; and so is its retry ("ruthless" then not): ``retry_length=0``."""
        return None

    def class_weight(self, e) -> int:
        """readability's weight, except for what the cleaner kept despite a box's name.

        readability matches its words inside any name ("sidebar" in
        ``sidebar-grid__container``) and penalises, then drops, what carries them. The cleaner
        keeps a box-named element only when content or position says it holds the article
        (clean.py marks it ``KEPT``): such an element gets +25 for a whole word that names the
        article ("article-body", "story") and no penalty. So does an element whose name says
        it is the article body ("entry-content sidebar": the layout's word is not a verdict).
        """
        if e.get(KEPT) is None and not (is_keep(e.get("class", "")) or is_keep(e.get("id", ""))):
            weight = super().class_weight(e)
            return 0 if weight < 0 and self._holds_most(e) else weight
        return sum(25 for value in (e.get("class"), e.get("id"))
                   if value and not _POSITIVE.isdisjoint(runs(value)))

    def _holds_most(self, e) -> bool:
        """Whether ``e`` holds most of the page's prose (and is not named a comment thread):
        then a word of its name ("promo", "sidebar", "widget") is no reason to drop it."""
        if {kind_of(e.get("class", "")), kind_of(e.get("id", ""))} & NEVER_ARTICLE:
            return False
        return self._prose_total > 0 and prose_length(e) > MOST * self._prose_total

    @cached_property
    def _prose_total(self) -> int:
        """The page's prose, measured when the first penalty is weighed (summary has parsed)."""
        return prose_length(self.html)

    def select_best_candidate(self, candidates: dict):
        best = super().select_best_candidate(candidates)
        self._best = best["elem"] if best else None
        return best

    def get_preserved_elements(self, node) -> dict:
        """The best candidate survives readability's own clean-up.

        Its "conditional cleaning" removes any div with more than 20 % of its text in links,
        the chosen container too (a place-name list linked word by word, a body with many
        inline links): readability would throw away what it just chose. What is inside the
        container is still cleaned.
        """
        allowed = super().get_preserved_elements(node)
        best = getattr(self, "_best", None)
        if best is not None:
            allowed[best] = True
        return allowed

    def score_paragraphs(self) -> dict:
        """readability's paragraph scoring, fair to every script.

        readability counts a paragraph's ASCII commas and its length in characters; a Chinese or
        Japanese paragraph has neither (its commas are "、" and "，", and one character carries
        what takes a Latin-script word), so its article lost to any English promo box. Here
        those commas count, and a CJK character counts as three.
        """
        candidates: dict = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent = elem.getparent()
            if parent is None:
                continue
            grand = parent.getparent()
            text = clean(elem.text_content() or "")
            length = len(text) + 2 * len(_CJK.findall(text))
            if length < self.min_text_length:
                continue
            for node in (parent, grand):
                if node is not None and node not in candidates:
                    candidates[node] = self.score_node(node)
                    ordered.append(node)
            score = 1 + len(_COMMAS.split(text)) + min(length / 100, 3)
            candidates[parent]["content_score"] += score
            if grand is not None:
                candidates[grand]["content_score"] += score / 2.0
        for elem in ordered:
            candidates[elem]["content_score"] *= 1 - self.get_link_density(elem)
        return candidates


def find_body(root: HtmlElement, url: str, scope: HtmlElement | None = None,
              headline: HtmlElement | None = None, is_boilerplate=lambda el: False) -> HtmlElement:
    """A new ``div`` holding copies of the article's elements from ``root`` (cleaned tree):
    the lead between ``headline`` and the body first, then what readability chose."""
    scope = root if scope is None else scope
    collapse_wrappers(scope)
    elements = _number(scope)
    kept, tops = _readability(scope, elements)
    article = headline_article(headline, scope)
    if article is not None and tops and not _overlap(article, [elements[t] for t in tops]):
        kept, tops = _readability(article, elements)   # it chose something beside the article
    body = lxml.html.fragment_fromstring("<div></div>")
    if tops:
        tops = sorted(tops + _more_parts(elements, tops, kept))   # in the order a reader meets them
        start = tops[0]
        for lead in find_lead(root, headline, None if start is None else elements[start], is_boilerplate):
            body.append(_as_paragraph(lead))
        for top in tops:
            body.append(_rebuild(elements[top], kept, set(tops) - {top}, url))
    for el in body.iter():
        el.attrib.pop(MARK, None)
        el.attrib.pop(KEPT, None)
    for el in scope.iter():
        el.attrib.pop(MARK, None)
        el.attrib.pop(KEPT, None)
    return body


def _readability(scope: HtmlElement, elements: list[HtmlElement]) -> tuple[set[int], list[int]]:
    """The numbers of the elements readability keeps in ``scope``, and of its top ones."""
    try:
        summary = _Readability(scope, url=None, min_text_length=25,
                               retry_length=0).summary(html_partial=True)
    except (Unparseable, AssertionError, ValueError):   # readability gives up on odd trees
        return set(), []
    if not summary:
        return set(), []
    kept_tree = lxml.html.fragment_fromstring(summary, create_parent="div")
    kept = {int(v) for v in kept_tree.xpath(f"//@{MARK}")}
    return kept, _tops(kept_tree, elements, kept)


def headline_article(headline: HtmlElement | None, scope: HtmlElement) -> HtmlElement | None:
    """The nearest container of the headline whose text reads on (three paragraphs of prose
    in a row): the article the headline opens, as a reader finds it."""
    if headline is None:
        return None
    for anc in headline.iterancestors():
        if anc.tag in ("body", "html"):
            return None
        if prose_run(anc) >= ARTICLE_RUN:
            return anc if anc is scope or any(a is scope for a in anc.iterancestors()) else None
    return None


def _overlap(article: HtmlElement, chosen: list[HtmlElement]) -> bool:
    """Whether any chosen element is in the article, or holds it."""
    for el in chosen:
        if el is article or any(a is article for a in el.iterancestors()):
            return True
        if any(a is el for a in article.iterancestors()):
            return True
    return False


def _more_parts(elements: list[HtmlElement], tops: list[int], kept: set[int]) -> list[int]:
    """The other parts of a body that readability took one part of (assemble.py); each is
    taken whole (``kept`` grows by their elements)."""
    if not tops:
        return []
    main = max(tops, key=lambda t: len(text_of(elements[t])))
    inside = {int(d.get(MARK)) for t in tops for d in elements[t].iter() if d.get(MARK) is not None}
    more = []
    for part in like_parts(elements[main]):
        number = int(part.get(MARK))
        if number not in inside:
            more.append(number)
            kept.update(int(d.get(MARK)) for d in part.iter() if d.get(MARK) is not None)
    return more


def _number(scope: HtmlElement) -> list[HtmlElement]:
    elements = [el for el in scope.iter() if isinstance(el.tag, str)]
    for i, el in enumerate(elements):
        el.set(MARK, str(i))
    return elements


def _tops(kept_tree: HtmlElement, elements: list[HtmlElement], kept: set[int]) -> list[int]:
    """Numbers of the summary's elements that are not where they were in our tree.

    The outermost kept elements, and those readability moved (0.9 merges article segments and
    editorial leads into the best candidate): each is rebuilt from our tree on its own.
    """
    tops: list[int] = []
    for el in kept_tree.iter():
        mark = el.get(MARK)
        if mark is None:
            continue
        there = next((a.get(MARK) for a in el.iterancestors() if a.get(MARK) is not None), None)
        here = next((a.get(MARK) for a in elements[int(mark)].iterancestors()
                     if a.get(MARK) is not None and int(a.get(MARK)) in kept), None)
        if there is None or there != here:
            tops.append(int(mark))
    return tops


def _as_paragraph(el: HtmlElement) -> HtmlElement:
    """A copy of a lead block as a paragraph (it may be an h2 or a div in the header)."""
    clone = copy.deepcopy(el)
    clone.tag = "p"
    clone.tail = None
    return clone


def _rebuild(original: HtmlElement, kept: set[int], elsewhere: set[int], url: str) -> HtmlElement:
    """A copy of ``original`` without what readability dropped (or moved), structure restored."""
    clone = copy.deepcopy(original)
    stack = [clone]
    while stack:
        el = stack.pop()
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            mark = child.get(MARK)
            if mark is not None and int(mark) in elsewhere:
                child.drop_tree()
            elif mark is not None and int(mark) in kept:
                stack.append(child)
            elif not _worth_restoring(child, url):
                child.drop_tree()
    return clone


def _worth_restoring(el: HtmlElement, url: str) -> bool:
    """A dropped element comes back if it is article structure, not a link list or empty.

    A list of links to other sites is a reading list (content); to the same site, a teaser list.
    """
    if el.tag not in _STRUCTURE:
        return False
    if el.tag == "figure":
        return el.find(".//img") is not None or bool(text_of(el))
    text = text_of(el)
    if not text:
        return False
    limit = 0.5 if el.tag in ("ul", "ol", "dl", "table") else 0.6
    if link_density(el, text) <= limit:
        return True
    return el.tag in ("ul", "ol") and not any(same_site(a.get("href"), url) for a in el.iter("a"))
