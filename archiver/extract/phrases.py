"""Text rules: blocks whose words say they are not the article (ad labels, upsells, ...).

Class names change with every redesign; the words a reader sees ("Anzeige", "Subscribe now")
change far less. A block is removed when its whole text is a label ("Ad", "Tags", "Share"), when
it is short and starts with a boilerplate phrase, ends with a tagline, or is only a byline, a
date line or a pager. A removed boilerplate heading or label takes its small box with it.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from . import rules
from .treeutil import HEADINGS, drop, head_text, link_density, text_of

_CANDIDATES = frozenset(("p", "div", "section", "aside", "span", "a", "li", "strong", "b", "em",
                         "small", "figcaption", "header", "footer", "ul", "ol", "time", "dl")
                        + HEADINGS)
_LEAF_BLOCKS = frozenset(("p", "li", "figcaption") + HEADINGS)
_LINKY_KINDS = ("related", "share", "comments")
# Lines that describe what follows (a byline, a time, a credit): they go alone, never with the
# box they open, which may be a live blog's entry or a section of the article.
_LINE_KINDS = frozenset(("meta", "credits"))
_SECTION_KINDS = frozenset(("site", "upsell", "paywall", "newsletter", "related", "comments"))
_LINE_TAGS = frozenset(("p", "div", "span", "strong", "b"))
_BOX_MAX = 1200
_BOX_PARAGRAPH = 40      # two paragraphs of a sentence or more: article, not a box
_LEAD_PUNCT = "([«\"'“„‹ —–-•|"
_PAGER = re.compile(r"^(?:[\d\s«»‹›<>|.…/–-]|next|prev|previous|weiter|zurück)+$", re.I)
_SHORTCODE = re.compile(r"^\[\w+[^\]]*\].*\[/\w+\]$")
# Template markers left in the text: $$ARTICLEAD$$, {{ad_slot}}, [[teaser]], %%AD%%.
PLACEHOLDER = re.compile(r"^(?:\$\$\w+\$\$|\{\{[^}]*\}\}|\[\[[^\]]*\]\]|%%\w+%%)$")
_YEAR_OR_TIME = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.]\d{2}\b")
_WORDS = re.compile(r"[^\W\d_]+")


_CACHE: dict[int, tuple[object, "PhraseRules"]] = {}


class PhraseRules:
    """Generic phrase lists plus a profile's labels and phrases, matched case-insensitively."""

    def __init__(self, labels: dict[str, str], prefixes: tuple[tuple[str, str], ...]) -> None:
        self.labels = labels
        self.by_start: dict[str, list[tuple[str, str]]] = {}
        for phrase, kind in prefixes:       # longest first within each bucket
            self.by_start.setdefault(phrase[:2], []).append((phrase, kind))

    @staticmethod
    def for_profile(profile) -> "PhraseRules":
        """Built once per profile object (profiles hold dicts, so they are not hashable)."""
        cached = _CACHE.get(id(profile))
        if cached is not None and cached[0] is profile:
            return cached[1]
        if len(_CACHE) > 64:
            _CACHE.clear()
        rules_ = PhraseRules._build(profile)
        _CACHE[id(profile)] = (profile, rules_)
        return rules_

    @staticmethod
    def _build(profile) -> "PhraseRules":
        labels = {label: kind for kind, ls in rules.LABELS.items() for label in ls}
        labels.update((label, "ad") for label in rules.AD_LABELS)
        prefixes = [(p, kind) for kind, ps in rules.PHRASES.items() for p in ps]
        if profile is not None:
            labels.update((label.lower(), "ad") for label in profile.ad_labels)
            prefixes += [(p.lower(), "site") for ps in profile.boilerplate_phrases.values() for p in ps]
            prefixes += [(p.lower(), "paywall") for p in profile.paywall_phrases]
        prefixes.sort(key=lambda pk: -len(pk[0]))
        return PhraseRules(labels, tuple(prefixes))

    def kind(self, head: str) -> str | None:
        """The boilerplate kind of a block whose text starts with ``head`` (lowercased)."""
        head = head.lstrip(_LEAD_PUNCT)
        if head in self.labels:
            return self.labels[head]
        for phrase, kind in self.by_start.get(head[:2], ()):
            if head.startswith(phrase):
                return kind
        return None

    def is_boilerplate(self, el: HtmlElement) -> bool:
        """Whether the text rules would call this block boilerplate (byline, label, prompt)."""
        head = head_text(el, 90).lower()
        return bool(head) and (self.kind(head) is not None or _short_block_kind(text_of(el)) is not None)

    def apply(self, root: HtmlElement, removed: Counter) -> None:
        """Top-down: long containers are skipped, the short block that holds the phrase goes."""
        stack = [root]
        while stack:
            el = stack.pop()
            if el is not root and el.getparent() is None:
                continue                      # taken with a section already
            if isinstance(el.tag, str) and el.tag in _CANDIDATES and self._remove(el, removed):
                continue
            stack.extend(reversed(el))

    def _remove(self, el: HtmlElement, removed: Counter) -> bool:
        head = head_text(el, 90).lower()
        if not head:
            return False
        kind = self.kind(head)
        text: str | None = None
        if kind is None and (len(head) < 90 or el.tag in _LEAF_BLOCKS):  # cheap to read whole
            text = text_of(el)
            kind = _short_block_kind(text)
        if kind is None:
            return False
        if text is None:
            text = text_of(el)
        if len(text) > rules.PHRASE_BLOCK_MAX:
            return False
        if kind in _LINKY_KINDS and len(text) > 80 and link_density(el, text) < 0.3:
            return False
        whole_label = text.lower().lstrip(_LEAD_PUNCT) in self.labels
        leads_box = el.getparent() is not None and _first_child(el.getparent()) is el
        boxed = kind not in _LINE_KINDS and (el.tag in HEADINGS or whole_label or leads_box)
        target = _box_of(el) if boxed else el
        opens = kind in _SECTION_KINDS and target is el and (el.tag in HEADINGS or len(text) <= 80)
        section = _section_of(el) if opens else []
        if drop(target):
            removed[kind] += 1 + sum(drop(s) for s in section)
            return True
        return False


def _short_block_kind(text: str) -> str | None:
    """Kinds recognised from the whole text of a short block: tagline, byline, date, pager."""
    lowered = text.lower()
    for kind, endings in rules.SUFFIXES.items():
        if lowered.endswith(endings) and len(text) <= 300:
            return kind
    if len(text) <= rules.BYLINE_MAX and _is_byline(lowered):
        return "meta"
    if _is_dateline(lowered):
        return "meta"
    if _PAGER.match(lowered) or _SHORTCODE.match(text) or PLACEHOLDER.match(text):
        return "nav"
    return None


def _is_byline(lowered: str) -> bool:
    first, _, rest = lowered.partition(" ")
    return first in rules.BYLINE_WORDS and bool(rest) and not rest.rstrip().endswith((".", "!", "?"))


def _is_dateline(lowered: str) -> bool:
    """A short line of a date or time and date words only ("Updated 1:39 am EST, Nov 20, 2019")."""
    if len(lowered) > rules.DATELINE_MAX or not _YEAR_OR_TIME.search(lowered):
        return False
    words = [w for w in _WORDS.findall(lowered) if w not in rules.DATE_WORDS]
    return len(words) <= 1


def _section_of(title: HtmlElement) -> list[HtmlElement]:
    """The list a boilerplate title introduces when they are flat siblings, not a box.

    "Key Points" + <ul>, "AI News Without the Hype" + a line + <ul> of benefits: without a
    wrapper, the title goes and its list would stay as body text. Only lists are taken (with
    at most one short line before them); anything else ends the section, so a false title
    never takes article prose with it.
    """
    taken: list[HtmlElement] = []
    pending: HtmlElement | None = None
    for sib in title.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag in ("ul", "ol") and _short_items(sib):
            taken += [pending, sib] if pending is not None else [sib]
            pending = None
        elif pending is None and not taken and sib.tag in _LINE_TAGS and len(text_of(sib)) <= 80:
            pending = sib
        else:
            break
    return taken


def _short_items(lst: HtmlElement) -> bool:
    items = [li for li in lst if li.tag == "li"]
    return bool(items) and all(len(text_of(li)) <= 150 for li in items) and len(text_of(lst)) <= _BOX_MAX


def _first_child(el: HtmlElement) -> HtmlElement | None:
    return next((c for c in el if isinstance(c.tag, str)), None)


def _box_of(block: HtmlElement) -> HtmlElement:
    """A small box that a boilerplate heading, label or first block opens goes with it.

    Small: few children, little text, at most one paragraph of a sentence or more (an article
    body, even one cut into short paragraphs, has more), and no article or headline inside.
    """
    parent = block.getparent()
    if parent is None or parent.tag in ("body", "article", "main") or parent.get("itemprop") == "articleBody":
        return block
    if len(parent) > 12 or len(text_of(parent)) > _BOX_MAX:
        return block
    if parent.find(".//article") is not None or parent.find(".//h1") is not None:
        return block
    paragraphs = sum(1 for c in parent.iter("p") if _is_sentence(text_of(c)))
    return parent if paragraphs < 2 else block


def _is_sentence(text: str) -> bool:
    """A paragraph of prose: longer than a label, or a short sentence ("Nobody was hurt.")."""
    return len(text) > _BOX_PARAGRAPH or (len(text) >= 20 and text.endswith((".", "!", "?", "…")))
