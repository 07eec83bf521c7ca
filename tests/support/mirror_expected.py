"""What a correct crawl + extraction of the mirror must produce, derived from the mirror's data.

For every article: its URL (real base; `to_mirror` maps it onto a running mirror), metadata, and
the plain texts that must appear in the cleaned text, in order; plus the strings that must NOT
appear (page chrome of its language, the page's Key Points, lead-image caption and credit, source
line, comments, byline, and the other articles the page teases).
Texts are plain: inline markup dropped, entities decoded, whitespace collapsed to single spaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from decoder_mirror.chrome import display_date
from decoder_mirror.content import BASES, EDITIONS, markup_of, public_posts
from decoder_mirror.model import Post, plain
from decoder_mirror.parts import teaser_posts
from decoder_mirror.site import site
from decoder_mirror.texts import chrome_strings, t
from decoder_mirror.uploads import best_figure_url, figure_decoys

# Single words and short strings ("Ad", "Subscribe", "Kommentare") could be ordinary words in an
# article: they are checked as whole lines only. Longer multi-word chrome is checked as substring.
_MIN_PHRASE = 8
_FORCE_PHRASES = {"en": ("DEC_D_Incontent", "DEC_D_"), "de": ("Anzeige", "DEC_D_Incontent", "DEC_D_")}


def _is_phrase(s: str) -> bool:
    return len(s) >= _MIN_PHRASE and " " in s


@cache
def boilerplate_phrases(lang: str) -> tuple[str, ...]:
    """Chrome texts that must not occur anywhere (as substrings) in a cleaned article."""
    return tuple(dict.fromkeys([*_FORCE_PHRASES[lang],
                                *(s for s in chrome_strings(lang) if _is_phrase(s))]))


@cache
def boilerplate_lines(lang: str) -> tuple[str, ...]:
    """Short chrome texts ("Ad", "Plus", "Log In") that must not be a line/paragraph of their own."""
    return tuple(dict.fromkeys(s for s in chrome_strings(lang) if not _is_phrase(s)))


BOILERPLATE = {lang: boilerplate_phrases(lang) for lang in ("en", "de")}


def boilerplate_in(text: str, lang: str, extra: tuple[str, ...] = (),
                   extra_lines: tuple[str, ...] = ()) -> list[str]:
    """The boilerplate found in a cleaned text (empty list: clean)."""
    lines = {ln.strip() for ln in text.splitlines()}
    found = [s for s in (*boilerplate_phrases(lang), *extra) if s in text]
    found += [s for s in (*boilerplate_lines(lang), *extra_lines) if s in lines]
    return found


@dataclass(frozen=True)
class ExpectedArticle:
    id: int
    edition: str                          # "en" | "de"
    url: str                              # canonical URL, real base
    title: str
    authors: tuple[str, ...]
    published: str                        # ISO 8601 with offset
    modified: str
    language: str                         # ISO 639-1
    declared_language: str                # <html lang>, e.g. "en-US"
    paywalled: bool
    section: str
    tags: tuple[str, ...]
    description: str
    image: dict                           # {url, caption, credit}
    required: tuple[str, ...]             # lead, paragraphs, subheads, list items, quotes: in order
    paragraphs: tuple[str, ...]           # the <p>-level texts among `required`
    subheads: tuple[str, ...]
    list_items: tuple[str, ...]
    table_cells: tuple[str, ...]
    code: str | None                      # <pre><code> text, newlines kept
    quote_citations: tuple[str, ...]
    figure_captions: tuple[str, ...]      # in-body "caption | Image: credit" (may be kept or not)
    sources: tuple[dict, ...]             # [{name, url}]
    source_line: str | None               # as printed, e.g. "Sources: Paper | GitHub"
    excluded: tuple[str, ...]             # page-specific strings never in the cleaned text
    excluded_lines: tuple[str, ...]       # page-specific short strings never a line of their own
    markup: str                           # "classic" | "current"
    in_sitemap: bool
    in_feed: bool
    feed_shortlink: bool                  # the feed links it only as /?p=ID
    twin_url: str | None                  # the other edition's version
    images: tuple[str, ...] = ()          # what a crawl archives: lead, then figures (best source)
    image_decoys: tuple[str, ...] = ()    # named by the article, never fetched (other renditions,
                                          # fallbacks, the counting pixel)

    @property
    def path(self) -> str:
        return self.url[len(BASES[self.edition]):]

    @property
    def shortlink(self) -> str:
        return f"{BASES[self.edition]}/?p={self.id}"

    def mirror_url(self, bases: Mapping[str, str] | object) -> str:
        return to_mirror(self.url, bases)

    def boilerplate_in(self, text: str) -> list[str]:
        """Chrome of the language plus this page's own non-article strings found in `text`."""
        return boilerplate_in(text, self.language, self.excluded, self.excluded_lines)


def to_mirror(url: str, bases: Mapping[str, str] | object) -> str:
    """Map a real the-decoder.com/.de URL onto mirror bases ({"en": …, "de": …} or a Mirror;
    a Mirror also maps the outside image hosts)."""
    if not isinstance(bases, Mapping):
        return bases.to_mirror(url)    # a running decoder_mirror.Mirror
    for code, real in BASES.items():
        if url == real or url.startswith((real + "/", real + "?")):
            return bases[code].rstrip("/") + url[len(real):]
    return url


def _source_line(post: Post) -> str | None:
    if not post.sources:
        return None
    names = " | ".join(n for n, _ in post.sources)
    return f"{post.source_label} {names}" if post.source_label else names


def _excluded(post: Post) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ed = EDITIONS[post.edition]
    teased = {p.id: p for group in teaser_posts(ed, post) for p in group}.values()
    strings = [*post.key_points, post.image.credit, *(c.text for c in post.comments),
               *(p.title for p in teased), *(p.description for p in teased),
               display_date(post.published, post.edition)]
    if post.image.caption:
        strings.append(post.image.caption)
    names = [ed.author(a).name for a in post.authors]
    strings += [str(t(post.edition, "linkedin")).format(name=n) for n in names]
    line = _source_line(post)
    if line and post.source_label:
        strings.append(line)
    lines = [*names, ed.section(post.section).name, *(c.author for c in post.comments)]
    if line and not post.source_label:
        lines.append(line)
    return tuple(dict.fromkeys(strings)), tuple(dict.fromkeys(lines))


def _expected(post: Post) -> ExpectedArticle:
    ed = EDITIONS[post.edition]
    required, paragraphs, subheads, items, cells, cites, captions = [], [], [], [], [], [], []
    code = None
    for b in post.blocks:
        kind = b[0]
        if kind in ("lead", "p", "quote"):
            required.append(plain(b[1])), paragraphs.append(plain(b[1]))
            if kind == "quote":
                cites.append(b[2])
        elif kind == "h2":
            required.append(b[1]), subheads.append(b[1])
        elif kind == "ul":
            for x in b[1]:
                required.append(plain(x)), items.append(plain(x))
        elif kind == "table":
            cells += [*b[1], *(c for row in b[2] for c in row)]
        elif kind == "code":
            code = b[2]
        elif kind == "figure":
            captions.append(f"{b[2]} | {b[3]}")
    excluded, excluded_lines = _excluded(post)
    twin = next((p for e in EDITIONS.values() for p in e.posts if p.id == post.twin), None)
    return ExpectedArticle(
        id=post.id, edition=post.edition, url=ed.url(post.path), title=post.title,
        authors=tuple(ed.author(a).name for a in post.authors), published=post.published,
        modified=post.modified, language=post.edition, declared_language=ed.html_lang,
        paywalled=post.plus, section=ed.section(post.section).name, tags=post.tags,
        description=post.description,
        image={"url": ed.url(post.image.path), "caption": post.image.caption,
               "credit": post.image.credit},
        required=tuple(required), paragraphs=tuple(paragraphs), subheads=tuple(subheads),
        list_items=tuple(items), table_cells=tuple(cells), code=code,
        quote_citations=tuple(cites), figure_captions=tuple(captions),
        sources=tuple({"name": n, "url": u} for n, u in post.sources),
        source_line=_source_line(post), excluded=excluded, excluded_lines=excluded_lines,
        markup=markup_of(post), in_sitemap=post.in_sitemap, in_feed=post.in_feed,
        feed_shortlink=post.feed_shortlink,
        twin_url=EDITIONS[twin.edition].url(twin.path) if twin else None,
        images=(ed.url(post.image.path), *(best_figure_url(ed, b) for b in post.blocks
                                           if b[0] == "figure")),
        image_decoys=tuple(u for b in post.blocks for u in (
            figure_decoys(ed, b) if b[0] == "figure" else (b[1],) if b[0] == "pixel" else ())))


@cache
def expected_articles(edition: str | None = None) -> tuple[ExpectedArticle, ...]:
    """Every article a full crawl must archive (robots-disallowed pages excluded), newest first."""
    codes = (edition,) if edition else tuple(EDITIONS)
    return tuple(_expected(p) for c in codes for p in public_posts(c))


def expected_by_url(url: str) -> ExpectedArticle | None:
    """The expectation for a real or mirror URL of an article (query and fragment ignored)."""
    path = urlsplit(url).path or "/"
    return next((e for e in expected_articles() if e.path == path), None)   # slugs are unique


def disallowed_paths(edition: str) -> tuple[str, ...]:
    """robots.txt-disallowed paths (besides /wp-admin/) that hold article-like pages: a polite
    crawl never requests them, though the post sitemap lists them."""
    return EDITIONS[edition].disallowed


def not_article_paths(edition: str) -> tuple[str, ...]:
    """Every HTML page the edition serves (200) that is not an article: home, hubs, listing
    pages, tag, author, static and account pages. None may become a record."""
    articles = {p.path for p in EDITIONS[edition].posts}
    res = site(edition).resources
    return tuple(sorted(p for p, r in res.items()
                        if r.content_type.startswith("text/html") and p not in articles))


__all__ = ["BOILERPLATE", "ExpectedArticle", "boilerplate_in", "boilerplate_lines",
           "boilerplate_phrases", "disallowed_paths", "expected_articles", "expected_by_url",
           "not_article_paths", "to_mirror"]
