"""What a link on a news site probably is, from its URL alone: article, listing, or neither.

A crawl of a site without a profile must decide before fetching whether a page is worth fetching
and whether its capture belongs to an article (the WARC middleware defers an article's raw
exchange to the pipeline). News URLs are telling: articles carry a date, a long slug or a numeric
id; listings are the home page, sections, tags, authors and numbered pages. These are heuristics,
so the page itself gets a second look (see `pages.py`).
"""

from __future__ import annotations

import enum
import re
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

# Article-shaped paths: a dated path with a slug after the date, a long slug, or a long number.
GENERIC_ARTICLE_PATH = (
    r"(?:/\d{4}/\d{1,2}/(?:\d{1,2}/)?(?!\d+/?$)[^/]+"        # /2026/05/12/slug, /2026/05/slug
    r"|\d{4}-\d{2}-\d{2}[^/]*/?$"                           # /news/2026-05-12-slug
    r"|(?:^|[/\-_])\d{5,}(?:\.s?html?|\.php)?/?$"            # /news/12345, /slug-12345.html
    r"|/[^/]*[a-z0-9]+(?:[\-_][a-z0-9]+){3,}[^/]*/?$)"       # a slug of four or more words
)

# Paths that are never articles on any news site: archives, people, static and account pages.
LISTING_SEGMENTS = ("tag", "tags", "topic", "topics", "thema", "themen", "category",
                    "categories", "kategorie", "section", "sections", "ressort", "rubrik",
                    "author", "authors", "autor", "autoren", "page", "seite", "archive",
                    "archives", "archiv", "series", "dossier")
STATIC_WORDS = ("about", "ueber", "uber", "über", "contact", "kontakt", "imprint", "impressum",
                "privacy", "datenschutz", "team", "redaktion", "staff", "masthead", "mediadaten",
                "terms", "agb", "legal", "cookie", "cookies", "disclaimer", "advertise",
                "werbung", "jobs", "careers", "faq", "help", "login", "log-in", "sign-in",
                "signin", "logout", "register", "signup", "sign-up", "account", "subscribe",
                "subscription", "abo", "newsletter", "shop", "cart", "search", "suche")
_STATIC = "|".join(STATIC_WORDS)
# Listings: followed by the crawl, never archived as articles.
LISTING_PATHS = (
    rf"^/(?:{'|'.join(LISTING_SEGMENTS)})(?:/|$)",
    r"/(?:page|seite)/\d+/?$",
)
# Never fetched by the crawl: feeds (read as feeds), CMS internals, static and account pages
# (a segment of at most three words with a static word: "about-us", not "contact-lenses-sell-out").
SKIP_PATHS = (
    r"/(?:feed|rss|atom)(?:/|\.xml|$)",
    r"^/(?:wp-admin|wp-json|wp-content|wp-includes|cdn-cgi|static|assets|media|uploads)/",
    rf"^/(?:{_STATIC})(?:/|$)",
    rf"^/(?!(?:[^/\-_]*[\-_]){{3}})(?:[^/]*[\-_])?(?:{_STATIC})(?:[\-_][^/]*)?/?$",
)
GENERIC_NOT_ARTICLE_PATHS = LISTING_PATHS + SKIP_PATHS

# Links to these files are never pages.
ASSET_EXTENSIONS = frozenset((
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff", "pdf",
    "zip", "gz", "tgz", "rar", "7z", "mp3", "mp4", "m4a", "ogg", "webm", "mov", "avi", "wav",
    "css", "js", "mjs", "json", "xml", "rss", "atom", "txt", "csv", "woff", "woff2", "ttf",
    "eot", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "epub", "apk", "exe", "dmg"))

# Query parameters of pagination (listings), of single items (articles), and of search/actions.
PAGE_PARAMS = frozenset(("page", "pg", "paged", "p_page", "offset", "start", "seite"))
ID_PARAMS = frozenset(("id", "article", "articleid", "article_id", "story", "storyid", "aid",
                       "p", "postid", "post_id", "nid"))
SKIP_PARAMS = frozenset(("s", "q", "query", "search", "replytocom", "share", "print", "action",
                         "login", "redirect_to", "format", "output", "lang", "sort", "filter"))

_URL_DATE = re.compile(r"(?:^|/)((?:19|20)\d{2})[/\-](\d{1,2})[/\-](\d{1,2})(?=/|-|$)")


class UrlKind(enum.Enum):
    ARTICLE = "article"
    LISTING = "listing"
    SKIP = "skip"


def classify_path(path: str, article_path: str = GENERIC_ARTICLE_PATH,
                  not_article_paths: tuple[str, ...] = GENERIC_NOT_ARTICLE_PATHS) -> UrlKind:
    """Article if the path matches the article rule, skip if it is an asset or a static page,
    else a listing (home, sections, tags, numbered pages, short paths worth a look)."""
    if _extension(path) in ASSET_EXTENSIONS:
        return UrlKind.SKIP
    lowered = path.lower()
    if any(re.search(p, lowered) for p in SKIP_PATHS):
        return UrlKind.SKIP
    if any(re.search(p, lowered) for p in not_article_paths):
        return UrlKind.LISTING
    if re.search(article_path, lowered):
        return UrlKind.ARTICLE
    return UrlKind.LISTING


def classify_url(url: str, article_path: str = GENERIC_ARTICLE_PATH,
                 not_article_paths: tuple[str, ...] = GENERIC_NOT_ARTICLE_PATHS) -> UrlKind:
    """`classify_path` refined by the query string: ``?page=2`` is a listing, ``?id=123`` an
    article, ``?q=…`` a search (skipped)."""
    parts = urlsplit(url)
    params = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    if params.keys() & SKIP_PARAMS:
        return UrlKind.SKIP
    kind = classify_path(parts.path or "/", article_path, not_article_paths)
    if kind is UrlKind.SKIP:
        return kind
    if params.keys() & PAGE_PARAMS:
        return UrlKind.LISTING
    if any(k in ID_PARAMS and v.isdigit() for k, v in params.items()):
        return UrlKind.ARTICLE
    return kind


def date_in_url(url: str) -> datetime | None:
    """The publication day a URL spells out (``/2026/05/12/``, ``2026-05-12-slug``), if any:
    the only date a crawled link carries, so ``since`` can be honoured before fetching."""
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    try:
        return datetime(*(int(g) for g in match.groups()), tzinfo=timezone.utc)
    except ValueError:
        return None


def _extension(path: str) -> str:
    last = path.rstrip("/").rpartition("/")[2]
    return last.rpartition(".")[2].lower() if "." in last else ""
