"""Subscription and upsell boxes recognised by what they say, not by what they are called.

A box that sells the publication ("With a subscription you read ad-free…", "Full access to
every article – 20 % off", "Jetzt abonnieren") carries utility classes on many sites
(``not-prose rounded-2xl p-6``) or names of its own that no list of class words knows. What it
says (in English, German, French, Spanish, Italian, and the words for subscription and price in
Japanese, Chinese and Korean) is far more stable: a price or discount, a subscription word, ad-free reading, full or
unlimited access, a call to support the newsroom. A small box that says two of these things
is a promotion when it also asks for the sale (a "Subscribe now" link, a link to the offer),
or says three of them; one of them alone is not (an article may well mention a subscription
price, and an article about streaming prices two of them, but it does not link to a checkout).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .treeutil import text_of

BOX_MAX = 1200           # characters: a box, not a section of the article
NEUTRAL_MIN = 80         # a paragraph this long with little sales talk is not part of the pitch
LINE_MAX = 300           # a single paragraph must be short, and carry a link, to count
_BOX_TAGS = frozenset(("div", "section", "aside", "p", "ul"))
_PATTERNS = {
    "subscribe": r"\bsubscri(?:be|bed|ber|bers|bing|ption|ptions)\b|\babonn\w*|\babo\b|-abo\b"
                 r"|\babo-|\bsuscr\w+|\babbona\w+|\bmembership\b|\bbecome a member\b"
                 r"|\bmitglied werden\b|\bdigital-?abo\w*|購読|有料会員|有料記事|会員登録|订阅|訂閱|구독",
    "price": r"[€$£]\s?\d|\d(?:[.,]\d{1,2})?\s?(?:€|eur\b|euro\b|usd\b|chf\b|£)"
             r"|\bper (?:month|week|year)\b|\ba month\b|/\s?(?:month|mo|monat)\b|\bpro monat\b"
             r"|\bim monat\b|\bmonatlich\b|\bmtl\.|\bpar mois\b|\bal mes\b|\bal mese\b|\brabatt\b"
             r"|\bdiscount\b|\d+\s?% off\b|\bfree trial\b|\bkostenlos testen\b|\bgratis testen\b"
             r"|\bprobeabo\b|\bgratismonat\b|\d+\s?円|月額|\d+\s?元",
    "ad_free": r"\bad-?free\b|\bads-free\b|\bno ads\b|\bwithout ads\b|\bfewer ads\b|\bwerbefrei\b"
               r"|\bohne werbung\b|\bkeine [\w-]*werbe\w*|\bwerbereduziert\b|\bsans publicit[ée]\b"
               r"|\bsin publicidad\b|\bsenza pubblicit[àa]\b|\bad banners?\b",
    "access": r"\bfull access\b|\bunlimited (?:digital |online )?(?:access|reading)\b"
              r"|\bunbegrenzt\w*|\b(?:vollen|voller|unbegrenzten|vollständigen) (?:zugang|zugriff)\b"
              r"|\bzugang zu allen\b|\bevery article\b|\ball (?:our )?articles\b|\balle artikel\b"
              r"|\bacc[èe]s illimit[ée]\b|\bacceso ilimitado\b|\baccesso illimitato\b"
              r"|\bunlock\w*\b|\bread on\b|\bcontinue reading\b|\bkeep reading\b"
              r"|\bsubscribers only\b|\bfor subscribers\b|\bexclusive (?:articles|content|access)\b"
              r"|\bfür abonnenten\b|\bplus-artikel\b|\bweiterlesen mit\b|読み放題|続きを読む"
              r"|会員限定",
    "account": r"\bcreate (?:an|a free|your) account\b|\bsign in to (?:continue|read|unlock)\b"
               r"|\blog ?in to (?:continue|read)\b|\bregister (?:now|for free|to)\b"
               r"|\b(?:kostenlos|jetzt) registrieren\b|\bregistrieren sie sich\b|\banmelden,? um\b"
               r"|\bcréez (?:un|votre) compte\b",
    "support": r"\bsupport (?:us|our|independent|quality|local|free)\b|\bdonate\b|\bspenden sie\b"
               r"|\bunterstütze[n]? (?:sie )?(?:uns|unser\w*|unabhängigen|freien)\b"
               r"|\bjetzt unterstützen\b|\bsoutenez[- ]nous\b|\bsoutenez (?:notre|le)\b",
    "journalism": r"\bjournalism\b|\bjournalismus\b|\bjournalisme\b|\bperiodismo\b"
                  r"|\bgiornalismo\b",
}
# Literal pieces, one of which every match of a family contains (lowercase): most text has
# none of them, and a substring test is far cheaper than the pattern.
_ANCHORS = {
    "subscribe": ("subscri", "abo", "suscr", "abbona", "member", "mitglied", "購読", "有料",
                  "会員", "订阅", "訂閱", "구독"),
    "price": ("€", "$", "£", "eur", "usd", "chf", "month", "week", "year", "/mo", "/ mo",
              "monat", "mtl.", "mois", "al mes", "rabatt", "discount", "% off", "trial", "testen",
              "probeabo", "円", "月額", "元"),
    "ad_free": ("ad-free", "adfree", "ads-free", "no ads", "without ads", "fewer ads", "werbe",
                "publicit", "pubblicit", "ad banner"),
    "access": ("access", "unbegrenzt", "zugang", "zugriff", "every article", "articles",
               "alle artikel", "accès", "acces", "unlock", "read on", "reading", "subscribers",
               "exclusive", "abonnenten", "plus-artikel", "weiterlesen mit", "読み放題", "続きを読む",
               "会員限定"),
    "account": ("account", "sign in", "log in", "login", "register", "registrier", "anmelden",
                "compte"),
    "support": ("support", "donate", "spenden", "unterstütz", "soutenez"),
    "journalism": ("journalis", "periodismo", "giornalismo"),
}
_FAMILIES = {name: (_ANCHORS[name], re.compile(rx, re.I)) for name, rx in _PATTERNS.items()}


_CTA_TEXT = re.compile(r"\b(?:subscri\w*|abonn\w*|abo\b|testen|try\b|join\b|register|sign up"
                       r"|unlock|upgrade|get access|angebot|offer|donate|spenden|support us"
                       r"|s'abonner|suscr\w+|abbona\w+|jetzt\b)", re.I)
_CTA_HREF = re.compile(r"subscri|abo(?:nn|\b|-|/)|/plus\b|/offer|/angebot|checkout|/shop\b|/join\b"
                       r"|/register|/premium|/membership|/donat|/spende|/support\b", re.I)


def families(text: str) -> set[str]:
    """Which kinds of sales talk ``text`` contains."""
    lowered = text.lower()
    return {name for name, (anchors, rx) in _FAMILIES.items()
            if any(a in lowered for a in anchors) and rx.search(text)}


def _asks_for_sale(el: HtmlElement) -> bool:
    """A short link that leads to the offer or says "subscribe", "testen", "join", …"""
    for a in el.iter("a"):
        label = text_of(a)
        if (label and len(label) <= 40 and _CTA_TEXT.search(label)) or _CTA_HREF.search(a.get("href") or ""):
            return True
    return False


def sized_like_a_box(el: HtmlElement, size: int) -> bool:
    """Small enough (``size``: characters of text) to be judged as a promotion at all."""
    return el.tag in _BOX_TAGS and 0 < size <= (LINE_MAX if el.tag == "p" else BOX_MAX)


def is_promo_box(el: HtmlElement, size: int, said: set[str]) -> bool:
    """A small box (or a short line) whose words sell the publication; ``size`` and ``said``
    are the length of its text and the kinds of sales talk in it (boxtext.BoxText)."""
    if not sized_like_a_box(el, size) or len(said) < 2:
        return False
    if len(said) == 2 and not _asks_for_sale(el):
        return False
    return _mostly_sales(el, size)


def _mostly_sales(el: HtmlElement, size: int) -> bool:
    """At most half of the box is paragraphs that read as something else (long, with less
    than two kinds of sales talk): a container that holds article paragraphs beside a
    promotion is not the promotion (the promotion is found inside it)."""
    other = 0
    for block in el.iter("p", "li"):
        text = text_of(block)
        if len(text) >= NEUTRAL_MIN and len(families(text)) < 2:
            other += len(text)
    return other <= size / 2
