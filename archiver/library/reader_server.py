"""The HTTP server behind `archive serve`: only for the names it was bound to, never stuck.

- Host header: a web page anywhere can make the browser on this machine send requests to
  127.0.0.1 under a name of its own (DNS rebinding) and read the answers. The reader answers only
  to the names and addresses it was bound to (for a loopback address: also ``localhost``); any
  other Host gets 421 Misdirected Request.
- Connections: each is served in a thread of its own, and each socket read times out
  (``CONNECTION_TIMEOUT``), so a half-open connection blocks nobody; at most ``MAX_CONNECTIONS``
  are served at once (more are closed at once). The application (one SQLite index) still
  serves one request at a time, behind a lock; only the network waits are concurrent.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

logger = logging.getLogger(__name__)
CONNECTION_TIMEOUT = 15.0
MAX_CONNECTIONS = 64
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
WsgiApp = Callable[[dict, Callable[..., object]], Iterable[bytes]]


class ReaderHandler(WSGIRequestHandler):
    """One access-log line per request on stderr, without reverse DNS lookups; reads time out."""

    timeout = CONNECTION_TIMEOUT

    def address_string(self) -> str:
        return self.client_address[0]


class ReaderServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], handler: type = ReaderHandler) -> None:
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, handler)

    def process_request(self, request: socket.socket, client_address: object) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)       # too many at once: this one is closed
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went silent or away is not an error worth a traceback."""
        import sys
        exc = sys.exc_info()[1]
        if isinstance(exc, (TimeoutError, ConnectionError, socket.timeout)):
            return
        logger.warning("reader: request from %s failed: %s", client_address, exc)


def allowed_hosts(bound: str) -> set[str]:
    """Host header values (without port) the reader answers to when bound to ``bound``."""
    names = {bound.lower().strip("[]")}
    try:
        address = ipaddress.ip_address(bound.strip("[]"))
    except ValueError:
        address = None
        try:
            names |= {info[4][0] for info in socket.getaddrinfo(bound, None)}
        except OSError:
            pass
    if bound.lower() == "localhost" or (address is not None and address.is_loopback):
        names |= LOOPBACK_NAMES
    if address is not None and address.is_unspecified:
        names |= LOOPBACK_NAMES | {socket.gethostname().lower(), socket.getfqdn().lower()}
    return names


def is_loopback(bound: str) -> bool:
    try:
        return ipaddress.ip_address(bound.strip("[]")).is_loopback
    except ValueError:
        return bound.lower() == "localhost"


def host_of(header: str) -> str:
    """The name in a Host header: ``[::1]:8099`` -> ``::1``, ``Example.org:80`` -> ``example.org``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostGuard:
    """WSGI wrapper: 421 unless the Host header names the server; the app behind a lock."""

    def __init__(self, app: WsgiApp, names: set[str], bound_unspecified: bool = False) -> None:
        self.app, self.names, self.any_ip = app, names, bound_unspecified
        self.lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        if host is not None and not self._allowed(host_of(host)):
            body = b"Misdirected request: this reader answers only to the address it serves on.\n"
            start_response("421 Misdirected Request", [("Content-Type", "text/plain"),
                                                       ("Content-Length", str(len(body)))])
            return [body]
        with self.lock:
            return list(self.app(environ, start_response))

    def _allowed(self, name: str) -> bool:
        if name in self.names:
            return True
        if self.any_ip:      # bound to every address: any IP literal (no name can be rebound)
            try:
                ipaddress.ip_address(name)
                return True
            except ValueError:
                return False
        return False


def make_reader_server(host: str, port: int, app: WsgiApp) -> ReaderServer:
    server = ReaderServer((host, port))
    try:
        unspecified = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        unspecified = False
    server.set_app(HostGuard(app, allowed_hosts(host), unspecified))
    return server
