"""Article or not: a consent wall, a bot challenge, a login wall, an error or listing page gives
a reason instead of an article, so it is never archived as if it were one.

Walls and challenges are only called when little article text survived extraction: many real
articles carry a cookie banner or a recaptcha in their comment form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

from .article import NotAnArticle
from .consent import is_consent_wall
from .metadata import Meta
from .treeutil import link_density, norm, text_of

MIN_WORDS = 25          # fewer words than this is no article
ARTICLE_RUN = 3         # consecutive prose paragraphs: article-like main text
PROSE_CHARS = 80
WALL_SHARE = 0.5
SHORT_WORDS = 120       # below this, wall/challenge markers decide
TEASER_WORDS = 45       # a listing has fewer words per teaser link than this

CHALLENGE = ("cf-challenge", "challenge-form", "cf_chl_", "g-recaptcha", "h-captcha", "hcaptcha",
             "px-captcha", "captcha-delivery", "_incapsula_resource", "are you a robot",
             "verify you are human", "verify you are a human", "checking your browser",
             "just a moment...", "unusual traffic", "bot detection", "ich bin kein roboter",
             "sind sie ein roboter", "enable javascript and cookies to continue", "captcha")
CONSENT = ("accept all", "alle akzeptieren", "agree and continue", "zustimmen und weiter",
           "einwilligen", "tout accepter", "aceptar todo", "accetta tutto", "we value your privacy",
           "your privacy choices", "manage consent", "consent", "zustimmung", "cookie")
LOGIN = ("sign in to continue", "log in to continue", "login to continue", "sign in to read",
         "log in to read", "please log in", "please sign in", "create a free account to continue",
         "anmelden, um weiterzulesen", "bitte melden sie sich an", "einloggen", "sign in", "log in")
ERROR_TITLE = re.compile(r"^(?:error\s*)?(?:404|410|403|500|503)\b|page not found|"
                         r"seite nicht gefunden|nicht gefunden|page (?:does not|doesn't) exist|"
                         r"^not found$|page introuvable|página no encontrada|^error$|^fehler$", re.I)
_RUN_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words; each CJK character counts as one (those scripts do not separate words)."""
    cjk = len(_CJK.findall(text))
    return cjk + len(_WORD.findall(_CJK.sub(" ", text) if cjk else text))


@dataclass
class PageSignals:
    """What the raw page shows before cleaning: headings, teasers, marker words."""

    title: str
    h1: str
    teasers: int
    has_password: bool
    lowered: str          # lowercased raw markup: marker words are searched in it


def page_signals(root: HtmlElement, raw: str, article_typed: bool) -> PageSignals:
    """Read before cleaning. Teasers are only counted where a listing is possible at all."""
    title_el = next(root.iter("title"), None)
    h1 = next(root.iter("h1"), None)
    return PageSignals(
        title=norm(title_el.text_content()) if title_el is not None else "",
        h1=text_of(h1) if h1 is not None else "",
        teasers=0 if article_typed else count_teasers(root),
        has_password=bool(root.xpath("//input[@type='password']")),
        lowered=raw[:300_000].lower(),
    )


def count_teasers(root: HtmlElement) -> int:
    """Distinct links of teaser cards: a heading with a link in it or in its small card."""
    hrefs: set[str] = set()
    for heading in root.iter("h2", "h3", "h4"):
        card = heading
        for _ in range(3):
            links = [a.get("href") for a in card.iter("a") if (a.get("href") or "#")[0] != "#"]
            if links:
                hrefs.add(links[0])
                break
            card = card.getparent()
            if card is None or len(text_of(card)) > 600:
                break
    return len(hrefs)


def check_article(signals: PageSignals, meta: Meta, text: str, words: int,
                  body: HtmlElement | None = None) -> None:
    """Raise NotAnArticle(reason) unless the page looks like one article.

    When in doubt, it is an article: refusing one loses it. With almost no text, the whole
    page's markers name the reason; with some text, that text must be *about* the wall (most
    of its blocks), since a real short article may sit beside a cookie banner or mention one.
    """
    if _is_error(signals, meta, words):
        raise NotAnArticle("error_page", signals.title or signals.h1)
    if _is_listing(signals, meta, words, body):
        raise NotAnArticle("listing", f"{signals.teasers} teasers, {words} words")
    if words >= MIN_WORDS and is_consent_wall(text, words, (signals.title, signals.h1)):
        raise NotAnArticle("consent_wall", f"{words} words")
    if words < MIN_WORDS:
        raise NotAnArticle(_wall(signals, signals.lowered) or "empty", f"{words} words")
    if words < SHORT_WORDS:
        reason = _text_wall(text)
        if reason:
            raise NotAnArticle(reason, f"{words} words")


def _is_error(signals: PageSignals, meta: Meta, words: int) -> bool:
    titled = any(ERROR_TITLE.search(t) for t in (signals.title, signals.h1) if t)
    return titled and (not meta.is_article_typed or words < SHORT_WORDS)


def _wall(signals: PageSignals, lowered: str) -> str | None:
    """What the page's markup announces, when next to no text survived."""
    if any(m in lowered for m in CHALLENGE):
        return "challenge"
    if signals.has_password:
        return "login_wall"
    if any(m in lowered for m in CONSENT):
        return "consent_wall"
    if any(m in lowered for m in LOGIN):
        return "login_wall"
    return None


def _text_wall(text: str) -> str | None:
    """A short text that is itself a challenge or login prompt: most of its blocks say so."""
    blocks = [b.lower() for b in text.split("\n") if b.strip()]
    for reason, markers in (("challenge", CHALLENGE), ("login_wall", LOGIN)):
        if blocks and sum(any(m in b for m in markers) for b in blocks) >= WALL_SHARE * len(blocks):
            return reason
    return None


def _is_listing(signals: PageSignals, meta: Meta, words: int, body: HtmlElement | None) -> bool:
    """A page of teasers *and* without article-like main text (see ``prose_run``)."""
    if meta.is_article_typed and words >= MIN_WORDS:
        return False
    if body is not None and prose_run(body) >= ARTICLE_RUN:
        return False
    if meta.is_listing_typed and signals.teasers >= 1:
        return True          # the page says it is a collection and shows teaser cards
    return signals.teasers >= 6 and words < TEASER_WORDS * signals.teasers


def prose_run(body: HtmlElement) -> int:
    """The longest run of consecutive prose paragraphs in the body.

    An article's text reads on from paragraph to paragraph; a listing's summaries stand one
    or two at a time between the linked headlines of their teasers. Pictures and captions do
    not break a run (a photo gallery article is still an article).
    """
    best = run = 0
    for el in body.iter(*_RUN_BLOCKS):
        if el.tag == "p":
            text = text_of(el)
            if len(text) >= PROSE_CHARS and link_density(el, text) < 0.3:
                run += 1
                best = max(best, run)
                continue
            if not text:
                continue
        run = 0
    return max(best, _line_run(body))


def _line_run(body: HtmlElement) -> int:
    """The longest run of prose lines between <br>s in one element: a post written as lines
    (blog templates, older CMSes) instead of paragraphs reads on just the same."""
    best = 0
    for el in body.iter():
        if not isinstance(el.tag, str) or sum(1 for c in el if c.tag == "br") < 2:
            continue
        run = 0
        for line, linked in _br_lines(el):
            if len(line) >= PROSE_CHARS and linked < 0.3 * len(line):
                run += 1
                best = max(best, run)
            elif line:
                run = 0
    return best


def _br_lines(el: HtmlElement) -> Iterator[tuple[str, int]]:
    """The lines of ``el``'s text between its <br> children, each with its characters in links."""
    parts, linked = [el.text or ""], 0
    for child in el:
        if child.tag == "br":
            yield norm(" ".join(parts)), linked
            parts, linked = [], 0
        else:
            inner = text_of(child)
            linked += len(inner) if child.tag == "a" else 0
            parts.append(inner)
        parts.append(child.tail or "")
    yield norm(" ".join(parts)), linked
