"""`archive serve`: a small WSGI reader for an archive — a searchable list and article pages.

Security, because archived pages are untrusted: article HTML is re-sanitized with nh3 on every
view; every response carries a Content-Security-Policy without any script source (the UI needs
no JavaScript: search is a plain GET form); the raw capture is sent as text/plain inside a CSP
sandbox with nosniff; articles are addressed by their record id, looked up in the index, so no
request path ever becomes a file path. Images come from the archive only
(``/image/<record id>``, see pictures.py): the reader makes no request to any other host.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape
from importlib import resources
from urllib.parse import parse_qs, urlencode

from archiver.errors import ArchiveError
from archiver.images.size import sniff_type

from .library import Entry, Filters, Library
from .pictures import IMAGE_TYPES, lead_figure, localize
from .render import byline, captured, sanitize
from .webversions import versions_section

CSP = ("default-src 'none'; img-src 'self' data:; style-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
RAW_CSP = "sandbox; default-src 'none'"
IMAGE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'"   # an SVG opened directly
PAGE_SIZE = 100
_ARTICLE = re.compile(r"^/a/([0-9a-fA-F-]{8,64})(/raw)?$")
_IMAGE = re.compile(r"^/image/([0-9a-fA-F-]{8,64})$")
StartResponse = Callable[..., object]


class Reply:
    def __init__(self, status: str, body: str | bytes, ctype: str = "text/html; charset=utf-8",
                 csp: str | None = None, cache: str = "no-store") -> None:
        self.status, self.ctype, self.csp, self.cache = status, ctype, csp or CSP, cache
        self.body = body.encode("utf-8") if isinstance(body, str) else body

    def headers(self) -> list[tuple[str, str]]:
        return [("Content-Type", self.ctype), ("Content-Length", str(len(self.body))),
                ("Content-Security-Policy", self.csp), ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"),
                ("Cache-Control", self.cache)]


class ReaderApp:
    """The WSGI application; one Library, used by one request at a time."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.css = resources.files(__package__).joinpath("static/reader.css").read_text("utf-8")

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        reply = self.route(environ)
        start_response(reply.status, reply.headers())
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [reply.body]

    def route(self, environ: dict) -> Reply:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return Reply("405 Method Not Allowed", page("Not allowed", "<p>Read only.</p>"))
        path = environ.get("PATH_INFO") or "/"
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            if path == "/":
                return Reply("200 OK", self.listing(query))
            if path == "/static/reader.css":
                return Reply("200 OK", self.css, "text/css; charset=utf-8")
            if (image := _IMAGE.match(path)) is not None:
                return self.image(image.group(1).lower())
            match = _ARTICLE.match(path)
            entry = self.library.get(match.group(1).lower()) if match else None
            if entry is None:
                return not_found()
            if match.group(2):
                return self.raw(entry)
            return Reply("200 OK", self.article(entry, query.get("from")))
        except ArchiveError as exc:
            return Reply("500 Internal Server Error", page("Unreadable", f"<p>{escape(str(exc))}</p>"))

    def listing(self, query: dict[str, str]) -> str:
        filters = Filters(lang=query.get("lang") or None, site=query.get("site") or None,
                          publisher=query.get("publisher") or None,
                          since=_day(query.get("since")), until=_day(query.get("until")),
                          search=query.get("q") or None)
        latest = query.get("all") != "1"        # one row per article unless every capture
        total = self.library.count(filters, latest=latest, revisits=True)
        start = max(0, _int(query.get("page")) - 1) * PAGE_SIZE
        shown = self.library.entries(filters, limit=PAGE_SIZE, offset=start, latest=latest,
                                     revisits=True)
        items = "".join(list_item(e) for e in shown) or '<li class="none">No articles match.</li>'
        more = ""
        if start + PAGE_SIZE < total:
            nxt = urlencode({**query, "page": start // PAGE_SIZE + 2})
            more = f'<p class="more"><a href="/?{escape(nxt)}">More articles</a></p>'
        body = (search_form(query, self.languages(), self.sites()) +
                f'<p class="count">{total} {"articles" if latest else "captures"}</p>'
                f'<ol class="articles">{items}</ol>{more}')
        return page("Archive", body)

    def languages(self) -> list[str]:
        return self.library.distinct("language")

    def sites(self) -> list[str]:
        return self.library.distinct("site")

    def article(self, entry: Entry, compare_with: str | None = None) -> str:
        record = self.library.record(entry)
        meta = "".join(f'<p class="meta">{escape(line)}</p>' for line in byline(record)[:-1])
        original = (f'<a href="{escape(entry.url)}" rel="noopener noreferrer nofollow">Original</a>'
                    if is_web_url(entry.url) else "Original address not a web link")
        links = (f'<p class="links">{original} · <a href="/a/{entry.rid}/raw">Raw capture</a> · '
                 f'captured {escape(captured(entry.fetched_at))} UTC</p>')
        html = sanitize(localize(sanitize(record.get("html") or ""), self.library.image_id))
        title = escape(record.get("title") or entry.url)
        section = escape(record.get("section") or "")
        body = (f'<nav><a href="/">← All articles</a></nav><article lang="'
                f'{escape(record.get("language") or "")}"><header>'
                f'<p class="kicker">{section}</p><h1>{title}</h1>{badges(entry)}{meta}{links}'
                f'</header>{lead_figure(record.get("image"), self.library.image_id)}'
                f'<div class="body">{html}</div>'
                f'{sources(record)}{versions_section(self.library, entry, compare_with)}'
                "</article>")
        return page(record.get("title") or entry.url, body)

    def image(self, rid: str) -> Reply:
        """An archived image, by record id; only image types, never HTML or script."""
        response = self.library.image(rid)
        kind = response.mime if response is not None else ""
        if response is None or kind not in IMAGE_TYPES:
            kind = sniff_type(response.body) if response is not None else None
            if kind not in IMAGE_TYPES:
                return not_found()
        return Reply("200 OK", response.body, kind, IMAGE_CSP, "private, max-age=86400")

    def raw(self, entry: Entry) -> Reply:
        from archiver.extract.decode import decode_html
        response = self.library.raw(entry)
        text = decode_html(response.body, response.charset)
        if not response.complete:
            text += f"\n\n[the capture is too large to show whole: its first {len(response.body)} bytes]\n"
        return Reply("200 OK", text, "text/plain; charset=utf-8", RAW_CSP)


def is_web_url(url: str | None) -> bool:
    """Only http(s) links leave the reader: a hostile WARC can name ``javascript:`` or ``data:``
    as an article's URL (the CSP would stop the script, but the link must not exist at all)."""
    from urllib.parse import urlsplit
    if not url or any(ord(c) < 33 for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def page(title: str, body: str) -> str:
    return ('<!doctype html><html><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><link rel="stylesheet" href="/static/reader.css">'
            f'</head><body><main>{body}</main></body></html>')


def not_found() -> Reply:
    return Reply("404 Not Found", page("Not found", '<p>No such article. <a href="/">All '
                                       "articles</a></p>"))


def sources(record: dict) -> str:
    """The attribution line, linked where the page linked it."""
    items = []
    for source in record.get("sources") or []:
        name, url = escape(source.get("name") or source.get("url") or ""), source.get("url")
        items.append(f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{name}</a>'
                     if is_web_url(url) else name)
    return f'<footer class="sources">Sources: {" · ".join(items)}</footer>' if items else ""


def badges(entry: Entry) -> str:
    out = f'<span class="badge lang">{escape(entry.language or "?")}</span>'
    if entry.paywalled:
        out += '<span class="badge paywall">paywall</span>'
    return out


def list_item(entry: Entry) -> str:
    return (f'<li class="article">{badges(entry)}<time>{escape(entry.date or "")}</time> '
            f'<a href="/a/{entry.rid}">{escape(entry.title or entry.url)}</a>'
            f'<span class="site">{escape(entry.site or "")}</span>'
            f'<span class="captured">captured {escape(captured(entry.fetched_at))}</span></li>')


def search_form(query: dict[str, str], languages: list[str], sites: list[str]) -> str:
    def select(name: str, values: list[str], label: str) -> str:
        options = "".join(f'<option value="{escape(v)}"{" selected" * (query.get(name) == v)}>'
                          f"{escape(v)}</option>" for v in values)
        return f'<select name="{name}" aria-label="{label}"><option value="">{label}</option>{options}</select>'

    def date(name: str) -> str:
        return (f'<input type="date" name="{name}" aria-label="{name}" '
                f'value="{escape(query.get(name, ""))}">')

    return ('<form class="search" method="get" action="/"><h1><a href="/">Archive</a></h1>'
            f'<input type="search" name="q" placeholder="Search title and text" '
            f'value="{escape(query.get("q", ""))}">'
            f'{select("lang", languages, "any language")}{select("site", sites, "any site")}'
            f'{date("since")}{date("until")}<label class="all"><input type="checkbox" name="all" '
            f'value="1"{" checked" * (query.get("all") == "1")}> every capture</label>'
            '<button type="submit">Search</button></form>')


def _day(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 7 else 1
