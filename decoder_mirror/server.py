"""Serve the mirror over HTTP on loopback: one `MirrorServer` per edition, `serve_mirror()` for both.

Pages are stored with the real base URLs; each response is rewritten so that both real bases
(plain, percent-encoded, JSON-escaped and protocol-relative forms) point at the mirror servers.
That keeps the stored pages identical to what the real site would serve and lets a crawl of the
mirror follow cross-edition links without ever leaving 127.0.0.1.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from .content import BASES
from .handler import LoggedRequest, MirrorHTTPServer, MirrorRequestHandler, rewrite_pairs
from .site import Resource, site, third_party_resources
from .uploads import THIRD_PARTY_BASES


class MirrorNotStarted(RuntimeError):
    """The server's address is asked for before start() bound a port."""


class MirrorServer:
    """One edition ("en" or "de") served on host:port (port 0: a free port) in a daemon thread.

    ``rewrites`` maps real base URLs to served ones; by default the edition's own base maps to
    this server. `Mirror` sets both bases on both servers so cross-edition links stay local.
    """

    def __init__(self, edition: str = "en", host: str = "127.0.0.1", port: int = 0, *,
                 rewrites: Mapping[str, str] | None = None) -> None:
        if edition not in BASES:
            raise ValueError(f"unknown edition {edition!r}; expected one of {sorted(BASES)}")
        self.edition, self.host, self.port = edition, host, port
        self._extra_rewrites = dict(rewrites or {})
        self._pairs: list[tuple[bytes, bytes]] = []
        self._httpd: MirrorHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._log_entries: list[LoggedRequest] = []

    # --- lifecycle ---------------------------------------------------------------------------
    def bind(self) -> "MirrorServer":
        """Bind the socket (so the URL is known) without serving yet."""
        if self._httpd is None:
            site(self.edition)                       # render before the first request
            self._httpd = MirrorHTTPServer((self.host, self.port), MirrorRequestHandler)
            self._httpd.mirror = self
            self.port = self._httpd.server_address[1]
            self.set_rewrites({BASES[self.edition]: self.url, **self._extra_rewrites})
        return self

    def start(self) -> "MirrorServer":
        self.bind()
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever,
                                            name=f"mirror-{self.edition}", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            if self._thread is not None:
                self._httpd.shutdown()
                self._thread.join(timeout=5)
            self._httpd.server_close()
        self._httpd = self._thread = None

    def __enter__(self) -> "MirrorServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def resolve(self, method: str, path: str, query: str = "", body: bytes = b"") -> Resource:
        return site(self.edition).resolve(method, path, query, body)

    # --- addresses and rewriting -------------------------------------------------------------
    @property
    def url(self) -> str:
        """Base URL of this server, e.g. http://127.0.0.1:41234 (no trailing slash)."""
        if self._httpd is None:
            raise MirrorNotStarted(f"mirror {self.edition!r} is not bound; call start() first")
        return f"http://{self.host}:{self.port}"

    @property
    def real_base(self) -> str:
        return BASES[self.edition]

    def set_rewrites(self, rewrites: Mapping[str, str]) -> None:
        self.rewrites = dict(rewrites)
        self._pairs = rewrite_pairs(self.rewrites)

    def rewrite(self, body: bytes) -> bytes:
        for old, new in self._pairs:
            body = body.replace(old, new)
        return body

    # --- request log ---------------------------------------------------------------------------
    def _log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log_entries.append(entry)

    @property
    def requests(self) -> list[LoggedRequest]:
        """A copy of the requests served so far, in arrival order."""
        with self._lock:
            return list(self._log_entries)

    def requested_paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def was_requested(self, path: str) -> bool:
        """True if `path` was requested, with or without a query string."""
        return any(p == path or p.startswith(path + "?") for p in self.requested_paths())

    def clear_requests(self) -> None:
        with self._lock:
            self._log_entries.clear()


class ThirdPartyServer(MirrorServer):
    """The outside hosts the articles name for images (an image CDN, a counting pixel), served
    from one more loopback address: 127.0.0.2 when the editions are on 127.0.0.1, so that it is
    another host to the crawler, not only another port (Linux routes all of 127/8 to loopback)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__("en", "127.0.0.2" if host == "127.0.0.1" else host, port)
        self.edition = "third-party"
        self._fallback = host
        self.resources = dict(third_party_resources())     # a test may change its copy

    def bind(self) -> "ThirdPartyServer":
        if self._httpd is None:
            try:
                self._httpd = MirrorHTTPServer((self.host, self.port), MirrorRequestHandler)
            except OSError:                  # no 127.0.0.2 here: the editions' address
                self.host = self._fallback
                self._httpd = MirrorHTTPServer((self.host, self.port), MirrorRequestHandler)
            self._httpd.mirror = self
            self.port = self._httpd.server_address[1]
        return self

    @property
    def real_base(self) -> str:
        return THIRD_PARTY_BASES[0]

    def resolve(self, method: str, path: str, query: str = "", body: bytes = b"") -> Resource:
        return self.resources.get(path) or Resource(404, "text/plain; charset=utf-8", b"not found")


class Mirror:
    """Both editions, each on its own port, cross-linked through the rewrites, and the outside
    hosts their articles name for images on a third server."""

    def __init__(self, host: str = "127.0.0.1", en_port: int = 0, de_port: int = 0) -> None:
        self.en = MirrorServer("en", host, en_port)
        self.de = MirrorServer("de", host, de_port)
        self.third_party = ThirdPartyServer(host)

    def start(self) -> "Mirror":
        self.en.bind(), self.de.bind(), self.third_party.bind()
        for server in (self.en, self.de):
            server.set_rewrites(self.bases_map)
        self.en.start(), self.de.start(), self.third_party.start()
        return self

    def stop(self) -> None:
        self.en.stop(), self.de.stop(), self.third_party.stop()

    def __enter__(self) -> "Mirror":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def en_url(self) -> str:
        return self.en.url

    @property
    def de_url(self) -> str:
        return self.de.url

    @property
    def bases(self) -> dict[str, str]:
        """Edition code -> mirror base ({"en": "http://127.0.0.1:…", "de": …})."""
        return {"en": self.en_url, "de": self.de_url}

    @property
    def bases_map(self) -> dict[str, str]:
        """Real base -> mirror base (the outside image hosts included)."""
        outside = {base: self.third_party.url for base in THIRD_PARTY_BASES}
        return {**{BASES[code]: url for code, url in self.bases.items()}, **outside}

    def server(self, edition: str) -> MirrorServer:
        return {"en": self.en, "de": self.de}[edition]

    def to_mirror(self, url: str) -> str:
        """A real the-decoder.com/.de URL mapped onto this mirror."""
        for real, served in self.bases_map.items():
            if url == real or url.startswith(real + "/") or url.startswith(real + "?"):
                return served + url[len(real):]
        return url

    def clear_requests(self) -> None:
        self.en.clear_requests(), self.de.clear_requests(), self.third_party.clear_requests()


@contextmanager
def serve_mirror(host: str = "127.0.0.1", en_port: int = 0, de_port: int = 0) -> Iterator[Mirror]:
    """Serve both editions for the duration of a `with` block; yields the running `Mirror`."""
    mirror = Mirror(host, en_port, de_port).start()
    try:
        yield mirror
    finally:
        mirror.stop()
