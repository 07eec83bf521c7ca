"""One edition as a table of resources, and WordPress's routing rules over it.

Everything is rendered once (with the real base URLs) and kept; the server only looks up, rewrites
bases and compresses. Routing follows WordPress: `/?p=ID` and missing trailing slashes redirect
(301), unknown query parameters are ignored, unknown paths get the theme's 404 page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from urllib.parse import parse_qs

from .article import article_page
from .cards import classic_card
from .content import edition, public_posts
from .discovery import MISSING_SITEMAPS, SITEMAP_XSL, feed, robots_txt, sitemaps
from .imagefiles import PIXEL_GIF, picture
from .model import slugify
from .pages import PER_PAGE, all_pages, not_found_page
from .uploads import edition_uploads, third_party_uploads

HTML = "text/html; charset=UTF-8"
XML = "text/xml; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Resource:
    status: int
    content_type: str
    body: bytes
    last_modified: datetime | None = None
    location: str | None = None          # absolute URL with the real base, for redirects


_ASSETS = {
    "/wp-content/themes/decoder/style.css": ("text/css; charset=UTF-8", b"body{margin:0}\n"),
    "/wp-content/themes/decoder/dist/app.css": ("text/css; charset=UTF-8", b".sr-only{position:absolute}\n"),
    "/wp-content/themes/decoder/dist/app.js": ("application/javascript; charset=UTF-8",
                                               b"/* decoder theme */\n"),
    "/wp-content/themes/decoder/assets/logo.svg": (
        "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg" width="180" height="28">'
                         b'<text y="20">THE DECODER</text></svg>\n'),
}


class Site:
    """All resources of one edition, with WordPress-like resolution of request paths."""

    def __init__(self, code: str) -> None:
        self.edition = ed = edition(code)
        res: dict[str, Resource] = {}
        for post in ed.posts:
            res[post.path] = Resource(200, HTML, article_page(ed, post).encode(),
                                      post.modified_dt)
        for path, html in all_pages(ed).items():
            res[path] = Resource(200, HTML, html.encode())
        newest = max(p.modified_dt for p in public_posts(code))
        res["/robots.txt"] = Resource(200, TEXT, robots_txt(ed).encode())
        for name, xml in sitemaps(ed).items():
            res["/" + name] = Resource(200, XML, xml.encode(), newest)
        res["/main-sitemap.xsl"] = Resource(200, XML, SITEMAP_XSL.encode())
        res["/feed/"] = Resource(200, RSS, feed(ed).encode(), newest)
        for tag in {x for p in public_posts(code) for x in p.tags}:
            res[f"/tag/{slugify(tag)}/feed/"] = Resource(200, RSS, feed(ed, tag).encode(), newest)
        for path, (kind, width, height) in edition_uploads(ed).items():
            res[path] = Resource(200, kind, picture(path, kind, width, height))
        for path, (kind, body) in _ASSETS.items():
            res[path] = Resource(200, kind, body)
        self.resources = res
        self.not_found = Resource(404, HTML, not_found_page(ed).encode())
        self.missing = {"/" + n for n in MISSING_SITEMAPS[code]}

    def resolve(self, method: str, path: str, query: str = "", body: bytes = b"") -> Resource:
        ed = self.edition
        if path == "/wp-admin/admin-ajax.php":
            return self._ajax(method, body)
        if path.startswith("/wp-admin"):
            return Resource(302, HTML, b"", location=ed.url("/sign-in/"))
        if path == "/" and "p" in parse_qs(query):
            return self._shortlink(parse_qs(query)["p"][0])
        if path in self.missing:
            return self.not_found
        if path in self.resources:
            return self.resources[path]
        if not path.endswith("/") and path + "/" in self.resources:
            return Resource(301, HTML, b"", location=ed.url(path + "/" + (f"?{query}" if query else "")))
        return self.not_found

    def _shortlink(self, value: str) -> Resource:
        post = self.edition.post(int(value)) if value.isdigit() else None
        if post is None:
            return self.not_found
        return Resource(301, HTML, b"", location=self.edition.url(post.path))

    def _ajax(self, method: str, body: bytes) -> Resource:
        """Theme's "load more" endpoint: POST action=load_more&page=N -> JSON with card HTML."""
        form = parse_qs(body.decode("utf-8", "replace"))
        if method != "POST" or form.get("action", [""])[0] != "load_more":
            return Resource(400, HTML, b"0")    # what admin-ajax.php answers to unknown actions
        page = int(form.get("page", ["2"])[0] or 2)
        posts = public_posts(self.edition.code)[(page - 1) * PER_PAGE:page * PER_PAGE]
        html = "".join(classic_card(self.edition, p) for p in posts)
        data = {"success": True, "data": {"html": html, "more": page * PER_PAGE < len(
            public_posts(self.edition.code))}}
        return Resource(200, "application/json; charset=UTF-8",
                        json.dumps(data, ensure_ascii=False).encode())


@cache
def site(code: str) -> Site:
    """The rendered edition (built once per process: rendering is pure)."""
    return Site(code)


@cache
def third_party_resources() -> dict[str, Resource]:
    """What the outside image hosts serve (by path): the CDN's copies and the counting pixel."""
    from .content import EDITIONS
    out = {"/robots.txt": Resource(200, TEXT, b"User-agent: *\nAllow: /\n")}
    for path, spec in third_party_uploads(tuple(EDITIONS.values())).items():
        out[path] = (Resource(200, "image/gif", PIXEL_GIF) if spec == "pixel"
                     else Resource(200, spec[0], picture(path, *spec)))
    return out
