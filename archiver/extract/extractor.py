"""extract_article: one page in, one clean Article out (or NotAnArticle).

The stages, in order, each for a reason:
1. decode once (declared charset, HTTP header wins) and parse once (lxml, depth-safe); each
   picture set to its best source (srcset, <picture>), the one the archive keeps;
2. read metadata and the lead figure from the untouched tree (cleaning removes bylines);
3. clean with generic rules plus the site profile (smaller tree, no boilerplate to score);
4. readability picks the container, the body is rebuilt from our tree with its structure;
5. repair: duplicated title, source line to ``sources``, leftover boilerplate;
6. gate: walls, challenges, errors and listings raise NotAnArticle;
7. text, language on a sample, sanitized HTML.
"""

from __future__ import annotations

from datetime import datetime

from archiver.sites import SiteProfile, get_site, site_for_url

from .article import Article, NotAnArticle, without_controls
from .attribution import GENERIC_SOURCE_PREFIXES, lead_image, pull_bare_links, pull_sources
from .body import find_body
from .clean import clean_tree, profile_body
from .decode import decode_html
from .hydration import body_from_scripts
from .headline import find_headline, headline_scope
from .gate import MIN_WORDS, check_article, count_words, page_signals
from .language import detect_language
from .metadata import extract_meta
from .parse import parse_html
from .phrases import PhraseRules
from .repair import repair_body
from .sanitize import absolutize, sanitize
from .srcset import promote_best_sources
from .textify import to_text


def extract_article(html: str | bytes, url: str, *, site: str | SiteProfile | None = None,
                    fetched_at: datetime | None = None, encoding: str | None = None) -> Article:
    """The article on the page at ``url``; raises NotAnArticle(reason) for anything else.

    ``site`` names a site profile; None uses the profile registered for the URL's host (as the
    spiders do), and the generic rules where there is none.
    """
    profile = get_site(site) if site is not None else site_for_url(url)
    raw = decode_html(html, encoding)
    if "<" not in raw[:5000]:
        raise NotAnArticle("not_html" if raw.strip() else "empty")
    root = parse_html(raw)
    promote_best_sources(root, url)
    meta = extract_meta(root, url, profile, fetched_at)
    image = lead_image(root, meta.image_url, url)
    signals = page_signals(root, raw, meta.is_article_typed)
    paywall_marked = _paywall_marked(root, profile)
    when = fetched_at.date() if fetched_at else None
    headline = find_headline(root, meta.title)
    says_paywalled = _paywalled(meta.accessible_for_free, paywall_marked, {}, profile)
    removed = clean_tree(root, profile, when, headline, url, paywalled=says_paywalled)
    prefixes = tuple(profile.source_prefixes) if profile else ()
    sources = pull_sources(_article_scope(root), prefixes + GENERIC_SOURCE_PREFIXES)
    body = _body(root, raw, url, meta.title, profile, when, headline, removed)
    sources = sources or pull_bare_links(body, url)
    text = to_text(body)
    words = count_words(text)
    try:
        check_article(signals, meta, text, words, body)
    except NotAnArticle as refused:
        refused.title, refused.meta = meta.title, meta
        raise
    language, confidence = detect_language(text, meta.declared_language)
    absolutize(body, url)
    return without_controls(Article(
        url=url, canonical_url=meta.canonical_url, title=meta.title, publisher=meta.publisher,
        authors=meta.authors,
        published=meta.published, modified=meta.modified, language=language,
        language_confidence=confidence, declared_language=meta.declared_language,
        description=meta.description, section=meta.section, tags=meta.tags, image=image,
        sources=sources, text=text, html=sanitize(body), word_count=words,
        paywalled=_paywalled(meta.accessible_for_free, paywall_marked, removed, profile),
        removed=dict(sorted(removed.items())),
    ))


def _body(root, raw: str, url: str, title: str | None, profile, when, headline, removed):
    """The article body from the cleaned tree; from the page's script data when the markup
    holds none (a client-rendered page, hydration.py)."""
    scope = profile_body(root, profile, when)
    if scope is None:
        scope = headline_scope(root, headline)
    body = find_body(root, url, scope, headline, PhraseRules.for_profile(profile).is_boilerplate)
    repair_body(body, url, title, profile, removed)
    if count_words(to_text(body)) < MIN_WORDS:
        shipped = body_from_scripts(raw, title)
        if shipped is not None:
            body = shipped
            removed.update(clean_tree(body, profile, when))
            repair_body(body, url, title, profile, removed)
    return body


def _article_scope(root):
    """Where attribution lines are looked for: the <article> if the page has exactly one."""
    articles = list(root.iter("article"))
    return articles[0] if len(articles) == 1 else root


def _paywall_marked(root, profile) -> bool:
    """The site's own paywall markers (a "Plus" label): present on the page, read before cleaning.

    Selectors name the marker where its markup is known; a label text (``paywall_labels``)
    finds it where the markup changed, but only in the headline's neighbourhood, so a menu
    entry of the same name elsewhere on the page does not count.
    (A profile's ``paywall_phrases`` join the generic "to continue reading" prompts of the phrase
    rules: removing one counts as ``removed["paywall"]`` and marks the article paywalled.)
    """
    if profile is None:
        return False
    if any(root.cssselect(css) for css in profile.paywall_selectors):
        return True
    return bool(profile.paywall_labels) and _label_near_headline(root, profile.paywall_labels)


def _label_near_headline(root, labels: tuple[str, ...], levels: int = 3) -> bool:
    """An element whose whole text is one of ``labels``, in the article's header: before the
    <h1>, within a few levels of it (teasers after the article may carry the same label)."""
    headline = next(root.iter("h1"), None)
    scope = headline
    for _ in range(levels):
        if scope is None or scope.getparent() is None:
            break
        scope = scope.getparent()
    if scope is None or scope is headline:
        return False
    for el in scope.iter():
        if el is headline:
            return False
        if (el.tag in _LABEL_TAGS and len(el) == 0 and (el.text or "").strip() in labels
                and not any(a.tag == "nav" for a in el.iterancestors())):
            return True
    return False


_LABEL_TAGS = {"span", "a", "div", "strong", "b", "em", "small", "p", "li"}


def _paywalled(free: bool | None, marked: bool, removed, profile) -> bool:
    trust = profile.trust_accessible_for_free if profile else True
    return bool((free is False and trust) or marked or removed.get("paywall"))
