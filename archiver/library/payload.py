"""The HTTP response inside a WARC response record, decoded the way a browser would see it.

WARC files keep bodies as received: still chunked (wget stores the wire bytes) and still
compressed (gzip, deflate, br, zstd). Replay and reprocessing want the page itself, so undo both,
then the charset, never inflating more than ``MAX_BODY`` bytes (archiver.warc.content).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from warcio.bufferedreaders import ChunkedDataReader
from warcio.statusandheaders import StatusAndHeadersParser

from archiver.warc.content import ContentDecodingError, decode_content
from archiver.warc.reader import Record

MAX_BODY = 16 * 1024 * 1024     # a page: DOWNLOAD_MAXSIZE bounds what a crawl stores


@dataclass
class HttpResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes                        # de-chunked and decompressed
    complete: bool = True              # False: the record or its decoded body was too big, cut

    def header(self, name: str, default: str = "") -> str:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), default)

    @property
    def mime(self) -> str:
        return self.header("Content-Type").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.header("Content-Type").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


def parse_response(record: Record, max_body: int = MAX_BODY) -> HttpResponse | None:
    """The decoded HTTP response of a response record; None when the block is not HTTP."""
    split = record.http_split()
    if split is None:
        return None
    head, payload = split
    try:
        parsed = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0"]).parse(
            io.BytesIO(head))
        status = int((parsed.statusline or "0").split()[0])
    except Exception:  # noqa: BLE001 — a malformed head is just "not HTTP" to us
        return None
    headers = [(k, v) for k, v in parsed.headers]
    body, whole = decode_body_bounded(payload, headers, max_body)
    return HttpResponse(status, headers, body, whole and record.complete)


def decode_body(payload: bytes, headers: list[tuple[str, str]],
                max_size: int = MAX_BODY) -> bytes:
    """Undo Transfer-Encoding: chunked and Content-Encoding, at most ``max_size`` bytes of it;
    damaged or unknown compression: the stored bytes."""
    return decode_body_bounded(payload, headers, max_size)[0]


def decode_body_bounded(payload: bytes, headers: list[tuple[str, str]],
                        max_size: int = MAX_BODY) -> tuple[bytes, bool]:
    """`decode_body`, and whether the body is whole (False: cut at ``max_size``)."""
    lookup = {k.lower(): v.strip() for k, v in headers}
    if "chunked" in lookup.get("transfer-encoding", "").lower():
        payload = dechunk(payload)
    try:
        return decode_content(payload, lookup.get("content-encoding"), max_size)
    except ContentDecodingError:
        return payload, True


def dechunk(payload: bytes) -> bytes:
    """The body without chunked framing (still Content-Encoded), as our WARC layout stores bodies."""
    try:
        return ChunkedDataReader(io.BytesIO(payload)).read()
    except Exception:  # noqa: BLE001 — not validly chunked: keep what was stored
        return payload
