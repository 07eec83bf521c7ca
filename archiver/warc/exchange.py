"""One raw HTTP exchange as it went over the wire, rebuilt from what Scrapy keeps of it.

Scrapy (via Twisted) has already removed chunking and hides hop-by-hop headers, so the stored
exchange cannot be byte-identical to the wire: we keep every header value Scrapy saw, drop
``Transfer-Encoding`` (the body is no longer chunked) and state ``Content-Length`` as the length
of the body we store. The body stays exactly as received, still compressed when the server
compressed it, so that replay tools serve the page as it was served.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from archiver.request_meta import START_META_KEY

HeaderList = list[tuple[bytes, bytes]]

# Headers Scrapy never lets through unchanged; see module docstring.
_DROPPED_RESPONSE_HEADERS = {b"transfer-encoding", b"content-length"}
# Scrapy response flags that mean the body we hold is not the whole body, and the WARC-Truncated
# reason for each (WARC 1.1 section 5.14).
TRUNCATION_FLAGS = {"download_stopped": "length", "dataloss": "disconnect"}


@dataclass
class Exchange:
    """Request and response of one fetch, ready to become a WARC response + request pair."""

    url: str
    method: str
    request_target: str
    request_headers: HeaderList
    request_body: bytes
    protocol: str
    status: int
    reason: str
    response_headers: HeaderList
    body: bytes
    ip_address: str | None
    date: datetime
    truncated: bool | str = False     # True means "length"; a str is the WARC-Truncated reason
    record_id: str | None = None      # set once the response record is written

    @classmethod
    def from_scrapy(cls, request: Any, response: Any) -> Exchange:
        """Build the exchange from a Scrapy request and the response as the downloader gave it."""
        body = bytes(response.body)
        return cls(
            url=response.url,
            method=request.method.upper(),
            request_target=request_target(request.url),
            request_headers=_request_headers(request),
            request_body=bytes(request.body or b""),
            protocol=getattr(response, "protocol", None) or "HTTP/1.1",
            status=int(response.status),
            reason=reason_phrase(int(response.status)),
            response_headers=response_header_list(response.headers, len(body)),
            body=body,
            ip_address=str(response.ip_address) if response.ip_address else known_ip(response.url),
            date=capture_start(request),
            truncated=_truncation(response.flags),
        )

    @property
    def truncation_reason(self) -> str | None:
        """The WARC-Truncated value, or None when the body is complete."""
        if not self.truncated:
            return None
        return "length" if self.truncated is True else str(self.truncated)

    def response_head(self) -> bytes:
        """Status line and headers of the HTTP response, ending with the blank line."""
        line = f"{self.protocol} {self.status} {self.reason}".rstrip().encode("latin-1")
        return _head(line, self.response_headers)

    def request_block(self) -> bytes:
        """The HTTP request as sent: request line (with query), Host, every header, body."""
        line = f"{self.method} {self.request_target} {self.protocol}".encode("latin-1")
        return _head(line, self.request_headers) + self.request_body


def request_target(url: str) -> str:
    """Origin-form request target: path and query, as in the request line (no fragment)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def reason_phrase(status: int) -> str:
    """Scrapy does not keep the server's reason phrase; the standard one is the honest guess."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def response_header_list(headers: Any, body_length: int) -> HeaderList:
    """Every value of every header, minus Transfer-Encoding, with Content-Length = stored body."""
    out: HeaderList = []
    for name, values in headers.items():
        if name.lower() in _DROPPED_RESPONSE_HEADERS:
            continue
        out.extend((name, value) for value in values)
    out.append((b"Content-Length", str(body_length).encode()))
    return out


def known_ip(url: str) -> str | None:
    """The server's address when Scrapy did not attach one to the response (a download stopped
    at the headers): an IP literal in the URL, else what Scrapy's DNS cache resolved."""
    host = urlsplit(url).hostname or ""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    from scrapy.resolver import dnscache
    cached = dnscache.get(host)
    return str(cached) if cached else None


def capture_start(request: Any) -> datetime:
    """When the download started: stamped by the capture middleware, else derived from latency."""
    start = request.meta.get(START_META_KEY)
    if isinstance(start, datetime):
        return start
    latency = float(request.meta.get("download_latency") or 0.0)
    return datetime.now(timezone.utc) - timedelta(seconds=latency)


def _request_headers(request: Any) -> HeaderList:
    """Host first (Twisted adds it unless given), then every header the request carried."""
    out: HeaderList = []
    if b"Host" not in request.headers:
        out.append((b"Host", _host_value(request.url)))
    for name, values in request.headers.items():
        out.extend((name, value) for value in values)
    body = request.body or b""
    if (body or request.method.upper() == "POST") and b"Content-Length" not in request.headers:
        out.append((b"Content-Length", str(len(body)).encode()))
    return out


def _host_value(url: str) -> bytes:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port and parts.port != default:
        host = f"{host}:{parts.port}"
    return host.encode("idna") if not host.isascii() else host.encode()


def _truncation(flags: list[str] | None) -> bool | str:
    for flag in flags or ():
        if flag in TRUNCATION_FLAGS:
            return TRUNCATION_FLAGS[flag]
    return False


def _head(first_line: bytes, headers: HeaderList) -> bytes:
    lines = [first_line] + [name + b": " + value for name, value in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n"


# Content codings every WARC validator we name (warcio check, pywb, cdxj-indexer) can read.
VALIDATOR_CODINGS = {"gzip", "x-gzip", "deflate"}
ORIG_ENCODING_HEADER = b"X-Archive-Orig-Content-Encoding"


def readable_by_validators(exchange: Exchange, max_size: int) -> Exchange:
    """The exchange as it may be stored: a body in a coding the validators cannot read (br and
    zstd, which we never ask for, sent anyway) is stored decoded (bounded by ``max_size``; a cut
    body is marked ``WARC-Truncated: length``), with the server's header kept as
    ``X-Archive-Orig-Content-Encoding`` (the pywb/warcio convention for rewritten headers)."""
    from .content import ContentDecodingError, codings, decode_content

    values = [v for n, v in exchange.response_headers if n.lower() == b"content-encoding"]
    value = b", ".join(values)
    if not codings(value) or all(c in VALIDATOR_CODINGS for c in codings(value)):
        return exchange
    try:
        body, complete = decode_content(exchange.body, value, max_size or 1 << 62)
    except ContentDecodingError:
        return exchange          # an unknown coding: kept as received, there is nothing better
    headers = [(ORIG_ENCODING_HEADER if n.lower() == b"content-encoding" else n, v)
               for n, v in exchange.response_headers if n.lower() != b"content-length"]
    headers.append((b"Content-Length", str(len(body)).encode()))
    return replace(exchange, body=body, response_headers=headers,
                   truncated=exchange.truncated or (False if complete else "length"))
