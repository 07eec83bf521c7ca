"""WARC 1.1 records as bytes: headers, digests, one gzip member each.

We write records ourselves rather than through warcio's writer so that the bytes are exactly
what our layout says: header values kept as Scrapy gave them (warcio re-encodes non-ASCII
header values), no payload digest on metadata records, and WARC/1.1 dates with microseconds.
warcio is still the reference reader that the tests validate these bytes with.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

WARC_VERSION = b"WARC/1.1"
HTTP_RESPONSE = "application/http;msgtype=response"
HTTP_REQUEST = "application/http;msgtype=request"
WARC_FIELDS = "application/warc-fields"
CONVERSION_TYPE = "text/html; charset=utf-8"
JSON_TYPE = "application/json"
# Fixed compression level: gzip's default (9) costs a lot of CPU for ~3 % smaller files.
GZIP_LEVEL = 6


def new_record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def warc_date(moment: datetime) -> str:
    """WARC 1.1 date: UTC, microseconds (section 5.4 allows fractions of a second)."""
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sha1_digest(data: bytes) -> str:
    """The digest format every WARC tool understands: ``sha1:`` + base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_fields(fields: list[tuple[str, str]]) -> bytes:
    """An application/warc-fields block: one ``name: value`` line per field.

    Line breaks inside a value would start a new (bogus) field, so they are folded to spaces.
    """
    lines = (f"{name}: {' '.join(str(value).split())}" for name, value in fields)
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


@dataclass
class WarcRecord:
    """One record to be written. ``payload_offset`` marks where the payload starts in ``block``
    (after the HTTP head for response/request records); None means: write no payload digest."""

    type: str
    record_id: str
    date: datetime
    content_type: str
    block: bytes
    target_uri: str | None = None
    payload_offset: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)

    def header_lines(self) -> list[tuple[str, str]]:
        out = [("WARC-Type", self.type), ("WARC-Record-ID", self.record_id),
               ("WARC-Date", warc_date(self.date))]
        if self.target_uri is not None:
            out.append(("WARC-Target-URI", self.target_uri))
        out += self.headers
        out.append(("Content-Type", self.content_type))
        out.append(("WARC-Block-Digest", sha1_digest(self.block)))
        if self.payload_offset is not None:
            out.append(("WARC-Payload-Digest", sha1_digest(self.block[self.payload_offset:])))
        out.append(("Content-Length", str(len(self.block))))
        return out

    def to_bytes(self) -> bytes:
        head = b"".join(f"{k}: {v}\r\n".encode("utf-8") for k, v in self.header_lines())
        return WARC_VERSION + b"\r\n" + head + b"\r\n" + self.block + b"\r\n\r\n"

    def to_gzip(self) -> bytes:
        """One complete gzip member: a reader can seek to it and a cut file loses only it."""
        return gzip.compress(self.to_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
