"""Clean first: remove what is never the article before readability scores the page.

Why before: readability scores text density, so an upsell box or a comment thread inside the
article container is kept whole; removed beforehand, it cannot be. A smaller tree is also
cheaper to score. Rules are data (rules.py); a site profile adds selectors, labels, phrases.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache

from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from . import rules
from .phrases import PhraseRules
from .tokens import is_keep, kind_of
from .treeutil import drop, prose_length

_SEMANTIC_BODY = ("article", "main")
_NEVER_DROP = frozenset(("html", "body", "article", "main"))


def clean_tree(root: HtmlElement, profile=None, when: date | None = None) -> Counter:
    """Remove boilerplate from ``root`` in place; returns counts of what went, by kind."""
    removed: Counter = Counter()
    _drop_tags(root)
    if profile is not None:
        _drop_profile_selectors(root, profile, when, removed)
    total = prose_length(root) or 1
    _drop_by_attributes(root, total, removed)
    PhraseRules.for_profile(profile).apply(root, removed)
    return removed


def _drop_tags(root: HtmlElement) -> None:
    """Scripts, forms, frames, navigation, hidden elements: never text a reader sees."""
    for el in list(root.iter(*rules.DROP_TAGS)):
        if el.tag == "form" and prose_length(el) > 1000:
            el.drop_tag()          # ASP.NET-style pages wrap the whole body in one form
        else:
            drop(el)
    for el in list(root.xpath("//*[@hidden or contains(translate(@style,' ',''),'display:none')]")):
        drop(el)


@lru_cache(maxsize=256)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css)


def _drop_profile_selectors(root: HtmlElement, profile, when: date | None, removed: Counter) -> None:
    """The site's own never-the-article selectors for captures of this date."""
    for selector_set in profile.selectors_for(when):
        for css in selector_set.remove:
            for el in _selector(css)(root):
                if el.tag not in _NEVER_DROP and drop(el):
                    removed["site"] += 1


def _inside_article(el: HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc.tag in _SEMANTIC_BODY or is_keep(anc.get("class", "")) or anc.get("itemprop") == "articleBody":
            return True
    return False


def _in_figure(el: HtmlElement) -> bool:
    return any(a.tag == "figure" for a in el.iterancestors())


def _attribute_kind(el: HtmlElement) -> str | None:
    """The boilerplate kind an element's tag, role, class or id announces, if any."""
    role = el.get("role")
    if role and role.lower() in rules.ROLE_KINDS:
        return rules.ROLE_KINDS[role.lower()]
    for attr in ("class", "id"):
        kind = kind_of(el.get(attr, ""))
        if kind:
            return kind
    if el.tag in rules.CHROME_TAGS and not _inside_article(el):
        return "footer" if el.tag == "footer" else ("related" if el.tag == "aside" else "nav")
    return None


def _protected(el: HtmlElement, kind: str, total: int) -> bool:
    """Never drop the article with its wrapper: semantic roots, body markers, most of the prose."""
    if el.tag in _NEVER_DROP or el.get("itemprop") == "articleBody":
        return True
    if is_keep(el.get("class", "")) or is_keep(el.get("id", "")):
        return True
    if kind != "comments" and el.find(".//h1") is not None and el.tag not in rules.CHROME_TAGS:
        return True
    return prose_length(el) > 0.4 * total


def _drop_by_attributes(root: HtmlElement, total: int, removed: Counter) -> None:
    """Walk top-down, never into what was dropped (so nothing is counted twice)."""
    stack = [root]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        kind = _attribute_kind(el)
        if kind == "caption" and (el.tag == "figcaption" or _in_figure(el)):
            kind = None            # kept in the html; textify leaves captions out of the text
        if kind and not _protected(el, kind, total) and drop(el):
            removed[kind] += 1
            continue
        stack.extend(reversed(el))


def profile_body(root: HtmlElement, profile, when: date | None) -> HtmlElement | None:
    """The site's article-body element for captures of this date, if it holds prose."""
    if profile is None:
        return None
    for selector_set in profile.selectors_for(when):
        for css in selector_set.body:
            for el in _selector(css)(root):
                if prose_length(el) >= 200:
                    return el
    return None
