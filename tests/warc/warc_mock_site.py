"""A tiny news site on 127.0.0.1 for capture tests: gzip pages, chunked pages, a redirect, a
404, a query string, an oversized page and a page that never answers (for the kill test)."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler

from tests.support.server import LoopbackServer, write_chunked

AD_MARKER = "BUY-NOW-AD-MARKER"


def article_html(number: int) -> bytes:
    return (f"<!doctype html><html lang='en'><head><title>Article {number}</title></head><body>"
            f"<div class='ad'>{AD_MARKER}</div><article><h1>Article {number}</h1>"
            f"<p>Paragraph one of article {number}.</p><p>Ünïcode paragraph two.</p>"
            f"</article></body></html>").encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "MockSite"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        path = self.path
        self.server.seen.append(path)
        self.server.arrivals.append((path, time.time()))
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path.startswith("/article/"):
            number = int(path.rsplit("/", 1)[1])
            body = gzip.compress(article_html(number), mtime=0)
            return self._send(200, body, "text/html; charset=utf-8", gzip_=True,
                              chunked=number % 2 == 0)
        if path == "/redirect":
            return self._send(301, b"", "text/html", extra=[("Location", "/article/1")])
        if path.startswith("/search?"):
            return self._send(200, b"<html><body>results</body></html>", "text/html")
        if path == "/big":
            return self._send(200, b"x" * 100_000, "text/plain", chunked=True)
        if path == "/big-known":
            return self._send(200, b"y" * 100_000, "text/plain")
        if path == "/hang":
            self.server.hanging.set()
            self.server.release.wait(30)
            return self._send(200, b"late", "text/plain")
        return self._send(404, b"<html>not found</html>", "text/html")

    def _send(self, status: int, body: bytes, ctype: str, *, gzip_: bool = False,
              chunked: bool = False, extra: list[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("X-Repeated", "one")
        self.send_header("X-Repeated", "two")
        for name, value in extra:
            self.send_header(name, value)
        if gzip_:
            self.send_header("Content-Encoding", "gzip")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            write_chunked(self.wfile, body, 700)
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


class MockSite(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(Handler)
        self.seen: list[str] = []
        self.arrivals: list[tuple[str, float]] = []   # (path, when the request came in)
        self.hanging = threading.Event()
        self.release = threading.Event()

    def stop(self) -> None:
        self.release.set()          # a request hanging on purpose must not hold shutdown()
        super().stop()
