"""The loopback server base every mock site of the tests is built on.

A ThreadingHTTPServer bound to 127.0.0.1 (or another loopback address) on a port the OS picks,
served from a daemon thread while a ``with`` block (or start()/stop()) runs: ports are never
fixed, nothing outside loopback is ever used, and every server a test starts is stopped by it.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import BinaryIO


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:41234 (no trailing slash)."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> LoopbackServer:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_chunked(wfile: BinaryIO, body: bytes, size: int) -> None:
    """Send ``body`` with chunked transfer coding in pieces of ``size`` bytes (the headers,
    ``Transfer-Encoding: chunked`` among them, already ended)."""
    for start in range(0, len(body), size):
        piece = body[start:start + size]
        wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
    wfile.write(b"0\r\n\r\n")
