"""The Harbour Courier: a mock news site on a non-WordPress platform, served on 127.0.0.1.

Files under ``harbour/site/`` are pages of our own making. URL path -> file: ``/`` and paths ending in
``/`` add ``index``; a query string is appended after ``__``; paths without an extension add
``.html``. ``{{BASE}}`` in any file becomes the server's own base URL, so robots.txt, sitemaps
and feeds can name absolute URLs on whatever free port the server got.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.server import LoopbackServer

HERE = Path(__file__).parent / "harbour"
SITE_DIR = HERE / "site"
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
         ".atom": "application/atom+xml; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


def file_for(target: str) -> Path:
    """The file that answers a request target (path and query)."""
    parts = urlsplit(target)
    path = parts.path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index"
    if parts.query:
        path += f"__{parts.query}"
    if "." not in path.rpartition("/")[2]:
        path += ".html"
    return SITE_DIR / path


def harbour_page(target: str, base: str) -> str:
    """The page that answers ``target`` on a site served at ``base``."""
    return file_for(target).read_text(encoding="utf-8").replace("{{BASE}}", base)


class HarbourSite(LoopbackServer):
    """The site on a free port of 127.0.0.1 (``with HarbourSite() as site:``)."""

    def __init__(self) -> None:
        super().__init__(Handler)
        self.requests: Counter = Counter()      # request target -> times requested
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    server: HarbourSite

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        with self.server.lock:
            self.server.requests[self.path] += 1
        path = file_for(self.path)
        if SITE_DIR not in path.resolve().parents or not path.is_file():
            self.send_error(404)
            return
        body = harbour_page(self.path, self.server.url).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def expected_site() -> dict:
    """What the mock site holds: its articles (title, authors, paragraphs) and its traps."""
    return json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
