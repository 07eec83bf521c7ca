"""The HTTP side of the mirror: request handler, base rewriting, gzip, conditional requests.

The handler is deliberately dumb: it resolves the path against the rendered `Site`, rewrites the
real base URLs to the mirror's, and answers like nginx in front of WordPress would (gzip when
asked, ETag/Last-Modified, 304s, HEAD without body). Every request is logged on its server.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Mapping
from datetime import timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple, Protocol
from urllib.parse import quote, urlsplit

from .site import Resource


class LoggedRequest(NamedTuple):
    method: str
    path: str                        # path with query, as requested
    headers: dict[str, str]


class Served(Protocol):
    """What the handler asks of the server it answers for (a `MirrorServer`)."""

    def _log(self, entry: LoggedRequest) -> None: ...

    def resolve(self, method: str, path: str, query: str = "", body: bytes = b"") -> Resource: ...

    def rewrite(self, body: bytes) -> bytes: ...


class MirrorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    mirror: Served


def rewrite_pairs(rewrites: Mapping[str, str]) -> list[tuple[bytes, bytes]]:
    """(old, new) byte pairs for every form a base URL takes in HTML, JSON and XML."""
    pairs: list[tuple[bytes, bytes]] = []
    for real, served in rewrites.items():
        if real == served:
            continue
        pairs += [(real, served), (quote(real, safe=""), quote(served, safe="")),
                  (real.replace("/", "\\/"), served.replace("/", "\\/"))]
    for real, served in rewrites.items():       # protocol-relative last: after the full forms
        if real != served:
            pairs.append(("//" + urlsplit(real).netloc, "//" + urlsplit(served).netloc))
    return [(a.encode(), b.encode()) for a, b in pairs]


def accepts_gzip(header: str | None) -> bool:
    """True if an Accept-Encoding header admits gzip (explicitly or via '*', q > 0)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip()
        if name.strip().lower() in ("gzip", "x-gzip", "*"):
            return not (q.startswith("q=") and float(q[2:] or 0) == 0)
    return False


class MirrorRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: MirrorHTTPServer

    def version_string(self) -> str:
        return "nginx"

    def do_GET(self) -> None:       # noqa: N802 (http.server naming)
        self._serve(send_body=True)

    def do_HEAD(self) -> None:      # noqa: N802
        self._serve(send_body=False)

    def do_POST(self) -> None:      # noqa: N802
        self._serve(send_body=True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet by design
        pass

    def _serve(self, send_body: bool) -> None:
        mirror = self.server.mirror
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        mirror._log(LoggedRequest(self.command, self.path, dict(self.headers.items())))
        parts = urlsplit(self.path)
        res = mirror.resolve(self.command, parts.path or "/", parts.query, payload)
        body = mirror.rewrite(res.body) if _is_text(res) else res.body
        etag = f'"{hashlib.sha1(body).hexdigest()[:20]}"'
        if res.status == 200 and self._not_modified(res, etag):
            self._head(304, [("ETag", etag)])
            return
        headers = [("Content-Type", res.content_type)]
        if res.location:
            headers.append(("Location", mirror.rewrite(res.location.encode()).decode()))
        if res.status == 200:
            headers.append(("ETag", etag))
        if res.last_modified is not None:
            headers.append(("Last-Modified", _http_date(res)))
        if _is_text(res):
            headers.append(("Vary", "Accept-Encoding"))
            if body and accepts_gzip(self.headers.get("Accept-Encoding")):
                body = gzip.compress(body, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        self._head(res.status, headers)
        if send_body and body:
            self.wfile.write(body)

    def _not_modified(self, res: Resource, etag: str) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [x.strip() for x in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims and res.last_modified is not None:
            try:
                return res.last_modified.replace(microsecond=0) <= parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
        return False

    def _head(self, status: int, headers: list[tuple[str, str]]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status == 304:
            self.send_header("Content-Length", "0")
        self.end_headers()


def _is_text(res: Resource) -> bool:
    ct = res.content_type
    return ct.startswith("text/") or "xml" in ct or "json" in ct or "javascript" in ct


def _http_date(res: Resource) -> str:
    return format_datetime(res.last_modified.astimezone(timezone.utc), usegmt=True)
