"""What the WARC files (the archive of record) say the state is: the crawl state rebuilt.

Every successful (2xx) response record with its whole body is a capture of its URL; the latest
one per URL wins. A revisit record confirms its payload at a later date without replacing the
record it refers to.
Damaged records are skipped (``archive check`` reports them): the state is a cache of what is
readable.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from archiver.discovery.urls import canonical_key
from archiver.errors import NotAWarc
from archiver.state.capture import Capture
from archiver.warc.digests import parse_date
from archiver.warc.reader import Record, iter_records

logger = logging.getLogger(__name__)


def captures_in(paths: Iterable[Path]) -> dict[str, Capture]:
    found: dict[str, Capture] = {}
    for path in paths:
        try:
            for record in iter_records(path, digests=False):
                if isinstance(record, Record):
                    _take(record, path.name, found)
        except NotAWarc as exc:
            logger.warning("State rebuild skips %s: %s", path, exc)
    return found


def _take(record: Record, file: str, found: dict[str, Capture]) -> None:
    url, when = record.get("WARC-Target-URI"), parse_date(record.get("WARC-Date"))
    if not url or when is None or record.type not in ("response", "revisit"):
        return
    if record.type == "response" and record.get("WARC-Truncated"):
        return               # a body cut at a size bound is no capture of the URL (an image too big)
    head = _http_head(record)
    if head is None or not 200 <= head[0] < 300:
        return
    key = canonical_key(url)
    known = found.get(key)
    if record.type == "revisit":
        if known is not None and when > known.captured:
            known.captured = when
        return
    if known is None or when >= _record_date(known):
        found[key] = Capture(url=url, captured=max(when, known.captured) if known else when,
                             payload_digest=record.get("WARC-Payload-Digest"),
                             record_id=record.id, record_date=record.get("WARC-Date"), file=file,
                             etag=head[1].get("etag"), last_modified=head[1].get("last-modified"))


def _http_head(record: Record) -> tuple[int, dict[str, str]] | None:
    """(status, lower-cased headers) of a response or revisit record's HTTP head."""
    split = record.http_split()
    if split is None:
        cut = record.block.find(b"\r\n\r\n")
        if not record.block.startswith(b"HTTP/") or cut < 0:
            return None
        split = (record.block[:cut + 4], b"")
    lines = split[0].decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ")[1])
    except (IndexError, ValueError):
        return None
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return status, headers


def _record_date(capture: Capture) -> datetime:
    return parse_date(capture.record_date) or capture.captured

