"""The mirror's data model: posts as declarations, rendered later by the templates.

Keeping posts declarative (tuples of blocks, not HTML pages) lets the templates render the same
post in two markups, lets the feed reuse the body, and lets the tests
(tests/support/mirror_expected.py) derive the exact plain texts a correct extraction must produce
from the very data the pages were rendered from.

Body blocks (first item names the kind):
  ("lead", html)                       bold lead paragraph
  ("p", html)                          paragraph (inline <a>, <em>, <strong> allowed)
  ("h2", text)                         subhead
  ("ul", (html, ...))                  bullet list
  ("quote", html, cite)                block quote with attribution
  ("table", (head, ...), ((cell, ...), ...))
  ("code", language, text)             <pre><code> block
  ("figure", upload_path, caption, credit)   in-body figure, captioned "caption | credit"
  ("figure", upload_path, caption, credit, variant)   the same with "srcset", "webp" or "cdn"
                                        markup (uploads.py says what each one serves)
  ("pixel", url)                       a 1x1 counting pixel inside the text (not an image of
                                        the article: a crawl must not fetch it)
  ("ad", n)                            ad label + slot DEC_D_Incontent-n; n=None: bare label
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

Block = tuple


@dataclass(frozen=True)
class Author:
    slug: str
    name: str
    linkedin: str
    avatar: str                      # upload path of the avatar image

    @property
    def path(self) -> str:
        return f"/author/{self.slug}/"


@dataclass(frozen=True)
class Section:
    slug: str
    name: str
    path: str                        # category hub path, e.g. /artificial-intelligence-news/ai-research/


@dataclass(frozen=True)
class LeadImage:
    path: str                        # /wp-content/uploads/YYYY/MM/name.png
    credit: str                      # "Midjourney prompted by THE DECODER", "Image: Kestrel AI"
    caption: str | None = None       # editorial caption shown before the credit, if any
    width: int = 1200
    height: int = 675


@dataclass(frozen=True)
class Comment:
    author: str
    ago: str                         # "3 months ago" as wpDiscuz shows it
    text: str


@dataclass(frozen=True)
class Post:
    """One post of one edition. `blocks` is what the page serves (a Plus post's teaser only)."""

    id: int
    edition: str                     # "en" | "de"
    slug: str
    title: str
    authors: tuple[str, ...]         # author slugs
    published: str                   # ISO 8601 with offset, as WordPress/Yoast print it
    modified: str
    section: str                     # section slug
    tags: tuple[str, ...]
    image: LeadImage
    key_points: tuple[str, ...]
    blocks: tuple[Block, ...]
    sources: tuple[tuple[str, str], ...] = ()   # (name, url)
    source_label: str | None = None  # "Source:", "Sources:", "Quelle:"; None: bare links
    plus: bool = False               # member-only: page stops after the teaser, upsell follows
    twin: int | None = None          # post id of the same story in the other edition
    in_sitemap: bool = True
    in_feed: bool = True
    feed_shortlink: bool = False     # the feed item links /?p=ID instead of the permalink
    comments: tuple[Comment, ...] = ()
    path_override: str | None = None  # a page outside the flat slug scheme (robots-disallowed)

    @property
    def path(self) -> str:
        return self.path_override or f"/{self.slug}/"

    @property
    def published_dt(self) -> datetime:
        return datetime.fromisoformat(self.published)

    @property
    def modified_dt(self) -> datetime:
        return datetime.fromisoformat(self.modified)

    @property
    def description(self) -> str:
        """The teaser: Yoast's meta description and the feed excerpt are the bold lead."""
        return plain(next(b[1] for b in self.blocks if b[0] == "lead"))


@dataclass(frozen=True)
class StaticPage:
    path: str
    title: str
    paragraphs: tuple[str, ...]
    kind: str = "static"             # "static" | "account"
    modified: str = "2025-01-08T10:00:00+00:00"


@dataclass(frozen=True)
class Edition:
    code: str                        # "en" | "de"
    base: str                        # real base URL, no trailing slash
    html_lang: str                   # "en-US"
    locale: str                      # "en_US"
    hub: Section                     # the top category hub
    sections: tuple[Section, ...]
    authors: tuple[Author, ...]
    posts: tuple[Post, ...]
    static_pages: tuple[StaticPage, ...]
    disallowed: tuple[str, ...] = ()  # robots.txt Disallow paths besides /wp-admin/
    tagline: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def other(self) -> str:
        return "de" if self.code == "en" else "en"

    def url(self, path: str) -> str:
        return self.base + path

    def section(self, slug: str) -> Section:
        return next(s for s in (self.hub, *self.sections) if s.slug == slug)

    def author(self, slug: str) -> Author:
        return next(a for a in self.authors if a.slug == slug)

    def post(self, post_id: int) -> Post | None:
        return next((p for p in self.posts if p.id == post_id), None)


# --- text helpers ------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_WS = re.compile(r"\s+")


def plain(fragment: str) -> str:
    """The text a reader sees in an inline HTML fragment: tags dropped, entities decoded."""
    return _WS.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()


def slugify(name: str) -> str:
    """WordPress-like slug (de_DE locale: umlauts become ae/oe/ue, ß becomes ss)."""
    s = name.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def esc(text: str) -> str:
    return html.escape(text, quote=True)
