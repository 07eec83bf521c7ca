"""Verify WARC-Block-Digest and WARC-Payload-Digest, in whatever encoding the writer chose."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime

from .reader import Record


def digest_matches(value: str, data: bytes) -> bool | None:
    """True/False, or None when the algorithm is unknown (not ours to judge)."""
    algorithm, _, encoded = value.partition(":")
    try:
        digest = hashlib.new(algorithm.lower().replace("-", ""), data).digest()
    except ValueError:
        return None
    encoded = encoded.strip()
    return encoded.upper() in (base64.b32encode(digest).decode(), digest.hex().upper()) \
        or encoded == base64.b64encode(digest).decode()


def payload_of(record: Record) -> bytes:
    """The payload: the HTTP entity for response/request records, else the whole block."""
    split = record.http_split()
    return split[1] if split else record.block


def digest_problems(record: Record) -> list[str]:
    problems = []
    if not record.complete:      # too big to keep: digested while it was read
        return [f"{record.type}: {header} does not match"
                for header, ok in record.streamed_digests.items()
                if ok is False and not (record.type == "revisit" and "Payload" in header)]
    for header, data in (("WARC-Block-Digest", record.block),
                         ("WARC-Payload-Digest", None)):
        value = record.get(header)
        if value is None or (record.type == "revisit" and header == "WARC-Payload-Digest"):
            continue    # a revisit's payload digest is the earlier capture's: its payload is not here
        if digest_matches(value, payload_of(record) if data is None else data) is False:
            problems.append(f"{record.type}: {header} does not match")
    return problems


def parse_date(value: str | None) -> datetime | None:
    """WARC-Date with or without fractions of a second (WARC 1.0 and 1.1)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
