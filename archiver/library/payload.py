"""The HTTP response inside a WARC response record, decoded the way a browser would see it.

WARC files keep bodies as received: still chunked (wget stores the wire bytes) and still
compressed. Replay and reprocessing want the page itself, so undo both, then the charset.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from warcio.bufferedreaders import BufferedReader, ChunkedDataReader
from warcio.statusandheaders import StatusAndHeadersParser

from archiver.warc.reader import Record

_DECODERS = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate", "br": "br"}


@dataclass
class HttpResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes                        # de-chunked and decompressed

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


def parse_response(record: Record) -> HttpResponse | None:
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
    return HttpResponse(status, headers, decode_body(payload, headers))


def decode_body(payload: bytes, headers: list[tuple[str, str]]) -> bytes:
    """Undo Transfer-Encoding: chunked and Content-Encoding; the stored bytes if that fails."""
    lookup = {k.lower(): v.lower().strip() for k, v in headers}
    decomp = _DECODERS.get(lookup.get("content-encoding", ""))
    chunked = "chunked" in lookup.get("transfer-encoding", "")
    reader_cls = ChunkedDataReader if chunked else BufferedReader
    try:
        return reader_cls(io.BytesIO(payload), decomp_type=decomp).read()
    except Exception:  # noqa: BLE001 — damaged compression: show what was stored
        return payload


def dechunk(payload: bytes) -> bytes:
    """The body without chunked framing (still Content-Encoded), as our profile stores bodies."""
    try:
        return ChunkedDataReader(io.BytesIO(payload)).read()
    except Exception:  # noqa: BLE001 — not validly chunked: keep what was stored
        return payload
