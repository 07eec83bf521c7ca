"""Clean first: remove what is never the article before readability scores the page.

Why before: readability scores text density, so an upsell box or a comment thread inside the
article container is kept whole; removed beforehand, it cannot be. A smaller tree is also
cheaper to score. Rules are data (rules.py); a site profile adds selectors, labels, phrases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from . import rules
from .lead import prose_after
from .phrases import PhraseRules
from .boxtext import BoxText
from .consent import is_consent_panel, sized_like_a_panel
from .promo import is_promo_box, sized_like_a_box
from .teasers import CARD_MAX, is_teaser_grid
from .tokens import is_keep, kind_of
from .treeutil import drop, link_density, prose_length, text_of, unlinked_length

KEPT = "data-archiver-kept"     # set on what was kept despite a box's name (read by body.py)
HIDDEN = "data-archiver-hidden"  # hidden content kept as the article, unless paywalled
_SEMANTIC_BODY = ("article", "main")
SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_NEVER_DROP = frozenset(("html", "body", "article", "main"))


def clean_tree(root: HtmlElement, profile=None, when: date | None = None,
               headline: HtmlElement | None = None, url: str = "",
               paywalled: bool = False) -> Counter:
    """Remove boilerplate from ``root`` in place; returns counts of what went, by kind.

    ``headline`` (headline.find_headline) is never removed with a box: what holds it is the
    article. ``url`` tells links to other pages of the site (teaser grids) from the rest.
    ``paywalled``: the page says so itself (JSON-LD, the profile's marker); then text it hides
    is hidden behind the paywall, and stays out.
    """
    removed: Counter = Counter()
    _drop_tags(root, removed)
    if profile is not None:
        _drop_profile_selectors(root, profile, when, removed)
    loose = prose_length(root) < LOOSE_PAGE
    guard = _Guard(root, _measure(root, loose) or 1, headline, prose_after(root, headline), url,
                   loose)
    _drop_by_attributes(root, guard, removed)
    _drop_by_words(root, guard, removed, _paywall_phrases(profile))
    PhraseRules.for_profile(profile).apply(root, removed)
    if paywalled or removed["paywall"]:
        hidden = sum(drop(el) for el in list(root.iter()) if el.get(HIDDEN))
        if hidden:
            removed["paywall"] += hidden
    for el in root.iter():
        el.attrib.pop(HIDDEN, None)
    return removed


def _drop_tags(root: HtmlElement, removed: Counter) -> None:
    """Scripts, forms, frames, navigation, hidden elements: never text a reader sees.

    Three kinds of element look like that and hold the article: a ``<form>`` that wraps the
    whole page (ASP.NET), a ``<template shadowrootmode>`` (declarative shadow DOM, rendered by
    the browser without a script), and an element hidden only until a script shows it (React's
    streamed ``<div hidden id="S:0">``). Both hold most of the page's prose; a form is unwrapped, and
    hidden content is kept unless it is hidden behind a paywall (then it goes, and the record
    is flagged).
    """
    total = prose_length(root) or 1
    for el in list(root.iter(*rules.DROP_TAGS)):
        if el.tag == "form" and prose_length(el) > min(1000, MOST * total):
            el.drop_tag()
        elif el.tag == "template" and (el.get("shadowrootmode") or el.get("shadowroot")):
            el.drop_tag()          # declarative shadow DOM: the browser shows it as the page
        else:
            drop(el)
    for el in list(root.xpath("//*[@hidden or contains(translate(@style,' ',''),'display:none')]")):
        if el.getparent() is None:
            continue
        if prose_length(el) <= MOST * total:
            drop(el)
        elif _behind_paywall(el):
            removed["paywall"] += drop(el)
        else:
            el.set(HIDDEN, "1")    # kept; gone after all if the page turns out paywalled


def _behind_paywall(el: HtmlElement) -> bool:
    """Hidden content the page marks as for subscribers (class/id words of the upsell kind)."""
    return any(kind_of(e.get("class", "")) == "upsell" or kind_of(e.get("id", "")) == "upsell"
               for e in (el, *el.iterancestors()))


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


@dataclass
class _Guard:
    """What a class name may not remove: the article, told by content and position."""

    root: HtmlElement                   # the page
    total: int                          # prose characters of the page
    headline: HtmlElement | None
    lead: list[HtmlElement]             # the first prose blocks after the headline
    url: str = ""
    loose: bool = False                 # next to no <p> prose: text outside links measures
    _families: dict = field(default_factory=dict, repr=False)   # (tag, class) -> prose

    def holds_headline(self, el: HtmlElement) -> bool:
        return self.headline is not None and _holds(el, self.headline)

    def holds_article_start(self, el: HtmlElement) -> bool:
        """The headline or the first prose after it (the lead, the body's first paragraphs)."""
        return self.holds_headline(el) or any(_holds(el, block) for block in self.lead)

    def family_prose(self, el: HtmlElement) -> int:
        """Prose of every element of the page with ``el``'s tag and class, ``el`` among them
        (0 without a class): an article cut into "widgets", grid cells or text modules, or
        every metered paragraph marked ``p.paywall``, each in a wrapper of its own or not.
        Measured once per family, when the first of it is judged (the walk is top-down, so
        before any of the family went)."""
        cls = el.get("class")
        if not cls:
            return 0
        key = (el.tag, cls)
        if key not in self._families:
            self._families[key] = sum(_measure(x, self.loose)
                                      for x in self._members.get(key, [el]))
        return self._families[key]

    @cached_property
    def _members(self) -> dict[tuple[str, str], list[HtmlElement]]:
        """Every element with a class, grouped by (tag, class): one walk of the page."""
        members: dict[tuple[str, str], list[HtmlElement]] = {}
        for x in self.root.iter():
            if isinstance(x.tag, str) and x.get("class"):
                members.setdefault((x.tag, x.get("class")), []).append(x)
        return members

    def protects(self, el: HtmlElement, kind: str) -> bool:
        """Semantic roots, body markers, the headline, most of the prose (alone or as one of
        a family of like elements: an article split into "widgets", grid cells, text modules or
        metered paragraphs all carrying one class)."""
        if el.tag in _NEVER_DROP or el.get("itemprop") == "articleBody":
            return True
        if is_keep(el.get("class", "")) or is_keep(el.get("id", "")):
            return True
        if self.holds_headline(el):
            return True
        if kind in _LEAD_SAFE and any(_holds(el, block) for block in self.lead):
            return True
        if kind != "comments" and el.find(".//h1") is not None and el.tag not in rules.CHROME_TAGS:
            return True
        if _subheading(el):
            return True
        if self.loose and kind in NEVER_ARTICLE:
            return False                # text outside links is weaker evidence than paragraphs
        if _measure(el, self.loose) > MOST * self.total:
            return True
        return kind not in NEVER_ARTICLE and self.family_prose(el) > MOST * self.total


# Kinds a box right after the headline may be named as and still hold the lead ("teaser").
_LEAD_SAFE = frozenset(("related", "meta", "author_box", "breadcrumb"))
# Kinds whose boxes never hold the article, however much prose they have.
NEVER_ARTICLE = frozenset(("comments",))
MOST = 0.4               # share of the page's prose that is "the article"
# Below this many characters of <p> text, paragraphs do not measure the page: its text is written
# as lines between <br>s or in bare <div>s (Blogger's "widget Blog" posts, older CMSes), so the
# guard measures the text outside links instead; otherwise a box named "widget" that holds the
# whole post would go, because nothing on the page counts as prose.
LOOSE_PAGE = 300


def _holds(el: HtmlElement, target: HtmlElement) -> bool:
    return el is target or any(a is el for a in target.iterancestors())


def _subheading(el: HtmlElement) -> bool:
    """A heading between two paragraphs of prose is the article's subheading, whatever its
    class says (``h2.widget-title`` between body paragraphs)."""
    if el.tag not in SUBHEADINGS or link_density(el) > 0.5:
        return False
    before, after = el.getprevious(), el.getnext()
    return all(s is not None and s.tag == "p" and len(text_of(s)) >= 80 for s in (before, after))


def _measure(el: HtmlElement, loose: bool) -> int:
    """How much of the article ``el`` may hold: its paragraph text, or on a loose page (see
    LOOSE_PAGE) its text outside links."""
    return unlinked_length(el) if loose else prose_length(el)


def _drop_by_attributes(root: HtmlElement, guard: _Guard, removed: Counter) -> None:
    """Walk top-down, never into what was dropped (so nothing is counted twice)."""
    stack = [root]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        kind = _attribute_kind(el)
        if kind == "caption" and (el.tag == "figcaption" or _in_figure(el)):
            kind = None            # kept in the html; textify leaves captions out of the text
        if kind and guard.protects(el, kind):
            el.set(KEPT, kind)
        elif kind and drop(el):
            removed[kind] += 1
            continue
        stack.extend(reversed(el))


def _paywall_phrases(profile) -> tuple[str, ...]:
    """Prompts that stand where the rest of a cut article would be (generic and the site's)."""
    own = tuple(p.lower() for p in profile.paywall_phrases) if profile is not None else ()
    return tuple(rules.PHRASES["paywall"]) + own


def _drop_by_words(root: HtmlElement, guard: _Guard, removed: Counter,
                   paywall_phrases: tuple[str, ...] = ()) -> None:
    """Boxes told by their words, outermost first: subscription offers (promo.py) and
    cookie/privacy-settings panels (consent.py). A consent panel is not protected by its
    size: a CMP layer of purposes can outweigh a short article, and is never the article (its
    start excepted: a how-to about privacy settings speaks the same language). An offer that
    says the rest is for subscribers ("to continue reading…") counts as a paywall prompt. An
    offer is never taken from the start of the article (an article about a price deal says
    "5.99 euros a month" in its lead)."""
    text = BoxText(root)
    stack: list[tuple[HtmlElement, bool, bool]] = [(root, True, True)]
    while stack:
        el, selling, consenting = stack.pop()
        if not isinstance(el.tag, str):
            continue
        size = text.size(el)
        if selling and sized_like_a_box(el, size):
            said = text.sales(el)
            selling = len(said) >= 2        # what is inside says no more than the whole
            if (is_promo_box(el, size, said) and not guard.protects(el, "upsell")
                    and not guard.holds_article_start(el)):
                lowered = text_of(el).lower()
                cut = any(phrase in lowered for phrase in paywall_phrases)
                removed["paywall" if cut else "upsell"] += drop(el)
                continue
        if consenting and sized_like_a_panel(el, size):
            said_consent = text.consent(el)
            consenting = said_consent[2] > 0
            if (is_consent_panel(el, *said_consent) and not guard.holds_headline(el)
                    and drop(el)):
                removed["consent"] += 1
                continue
        if is_teaser_grid(el, guard.url):
            removed["related"] += _drop_cards(el, guard)
            if el.getparent() is None:
                continue
        stack.extend((child, selling, consenting) for child in reversed(el))


def _drop_cards(grid: HtmlElement, guard: _Guard) -> int:
    """The teaser cards of a grid; the grid with them if nothing but a title is left."""
    dropped = 0
    for card in [c for c in grid if isinstance(c.tag, str) and not guard.holds_article_start(c)]:
        if len(text_of(card)) <= CARD_MAX:
            dropped += drop(card)
    if dropped and len(text_of(grid)) <= 100 and not guard.holds_article_start(grid):
        drop(grid)
    return dropped


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
