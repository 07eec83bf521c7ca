"""A fault-injecting news site on 127.0.0.1: every page is a way for a server or page to be broken.

Routes are plain functions ``(handler) -> None`` that write whatever bytes they like, including
nothing at all, a reset connection or a 50 MB stream. Every request is logged with its headers
and arrival time so tests can see what the crawler did (and did not) ask for.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import NamedTuple

from tests.support.server import LoopbackServer

Route = Callable[["FaultHandler"], None]
PARAGRAPH = ("The committee published its findings on the regional water supply on Tuesday, "
             "after a year of hearings with engineers, farmers and city officials. ")


class Hit(NamedTuple):
    path: str
    host: str
    headers: dict[str, str]
    at: float


def article_html(title: str, paragraphs: int = 8, charset: str = "utf-8", extra: str = "") -> str:
    body = "".join(f"<p>{PARAGRAPH} {title} part {i}.</p>\n" for i in range(paragraphs))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta property="og:type" content="article"></head><body><article><h1>{title}</h1>'
            f'<time datetime="2024-05-01T10:00:00Z">1 May 2024</time>{extra}{body}'
            f'</article></body></html>')


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FaultSite

    def do_GET(self) -> None:  # noqa: N802
        site = self.server
        site.log(Hit(self.path, self.headers.get("Host", ""), dict(self.headers.items()),
                     time.monotonic()))
        route = site.routes.get(self.path.split("?")[0]) or site.not_found
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass        # the crawler hung up, as it should on an oversized body

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    # --- small writers for routes ----------------------------------------------------------
    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             headers: list[tuple[str, str]] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers or []:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream(self, chunks, content_type: str = "text/html; charset=utf-8") -> None:
        """A body of unknown length, ended by closing the connection."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for chunk in chunks:
            self.wfile.write(chunk)

    def reset(self) -> None:
        """Close with RST instead of FIN: the client sees 'connection reset by peer'."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True


class FaultSite(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(FaultHandler)
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self.release = threading.Event()      # set on stop: frees routes that hang on purpose

    def handle_error(self, request: object, client_address: object) -> None:
        pass        # a client hanging up mid-request is part of the game here

    def stop(self) -> None:
        self.release.set()
        super().stop()

    def log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path.split("?")[0] == path]

    def not_found(self, h: FaultHandler) -> None:
        h.send(404, b"<html><body><h1>Not found</h1></body></html>")

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             status: int = 200, headers: list[tuple[str, str]] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda h: h.send(status, data, content_type, headers)


def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed to about a thousandth of that."""
    return gzip.compress(b"\0" * size, compresslevel=9)
