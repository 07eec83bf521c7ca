"""Read WARC files member by member, reporting damage with file and offset and going on.

warcio's ArchiveIterator stops at the first damaged record and does not notice a file cut off
mid-member; checking and crash repair need to know exactly where each gzip member starts and
ends, and to keep reading after a bad one. Records are small here (pages, not videos), so each
member is decompressed whole.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

GZIP_MAGIC = b"\x1f\x8b\x08"
CHUNK = 1 << 16


class CorruptRecord(Exception):
    """A gzip member or WARC record that cannot be read; ``offset`` is where it starts."""

    def __init__(self, path: str, offset: int, reason: str) -> None:
        super().__init__(f"{path}:{offset}: {reason}")
        self.path, self.offset, self.reason = path, offset, reason


class NotAWarc(Exception):
    """The file is not a gzip-compressed WARC file."""


RECOMPRESS_HINT = "recompress it record by record first: warcio recompress IN OUT.warc.gz"


def not_gzip_reason(head: bytes) -> str:
    """Why a file without a gzip header is refused. An uncompressed WARC (``wget
    --no-warc-compression``, some other tools) is valid WARC: say how to make it readable."""
    if head.startswith(b"WARC/"):
        return f"an uncompressed WARC file; {RECOMPRESS_HINT}"
    return "not a gzip-compressed WARC file"


@dataclass
class Record:
    """One parsed WARC record. ``offset``/``end``: its gzip member's place in the file."""

    path: str
    offset: int
    end: int
    version: str
    headers: list[tuple[str, str]]
    block: bytes
    problems: list[str] = field(default_factory=list)   # filled in by checkers

    def get(self, name: str, default: str | None = None) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), default)

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def type(self) -> str:
        return self.get("WARC-Type", "") or ""

    @property
    def id(self) -> str:
        return self.get("WARC-Record-ID", "") or ""

    def http_split(self) -> tuple[bytes, bytes] | None:
        """(HTTP head incl. blank line, payload) for response/request records, else None."""
        if not (self.get("Content-Type") or "").startswith("application/http"):
            return None
        cut = self.block.find(b"\r\n\r\n")
        return None if cut < 0 else (self.block[:cut + 4], self.block[cut + 4:])


def iter_members(stream: BinaryIO, path: str = "") -> Iterator[tuple[int, int, bytes] | CorruptRecord]:
    """Yield (start, end, data) per gzip member, or a CorruptRecord and resync after it."""
    buf, base = b"", 0      # buf: bytes read but not yet used, starting at file offset base
    while True:
        if not buf:
            buf = stream.read(CHUNK)
            if not buf:
                return
        result = _one_member(stream, buf, base, path)
        if isinstance(result, CorruptRecord):
            yield result
            if result.reason == CUT_OFF:
                return
            buf, base = _resync(stream, base)
            continue
        end, data, buf = result
        yield base, end, data
        base = end


CUT_OFF = "gzip member cut off (file truncated)"


def _one_member(stream: BinaryIO, buf: bytes, base: int,
                path: str) -> tuple[int, bytes, bytes] | CorruptRecord:
    """Decompress the member starting at ``base``: (end offset, data, unused bytes after it)."""
    decomp, out, fed, data = zlib.decompressobj(31), [], 0, buf
    try:
        while True:
            out.append(decomp.decompress(data))
            fed += len(data)
            if decomp.eof:
                rest = decomp.unused_data
                return base + fed - len(rest), b"".join(out), rest
            data = stream.read(CHUNK)
            if not data:
                return CorruptRecord(path, base, CUT_OFF)
    except zlib.error as exc:
        return CorruptRecord(path, base, f"bad gzip member: {exc}")


def _resync(stream: BinaryIO, base: int) -> tuple[bytes, int]:
    """Find the next gzip header after the damaged member that starts at ``base``."""
    offset, tail, keep = base + 1, b"", len(GZIP_MAGIC) - 1
    stream.seek(offset)
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return b"", offset
        window = tail + chunk
        hit = window.find(GZIP_MAGIC)
        if hit >= 0:
            stream.seek(offset + hit)
            return stream.read(CHUNK), offset + hit
        offset += len(window) - keep
        tail = window[-keep:]


def parse_record(data: bytes, path: str, start: int, end: int) -> Record:
    """Parse one uncompressed record; CorruptRecord if its framing is wrong."""
    head_end = data.find(b"\r\n\r\n")
    if not data.startswith(b"WARC/") or head_end < 0:
        raise CorruptRecord(path, start, "not a WARC record")
    lines = data[:head_end].decode("utf-8", "replace").split("\r\n")
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:]]
    if any(len(h) != 2 for h in headers):
        raise CorruptRecord(path, start, "malformed WARC header line")
    record = Record(path, start, end, lines[0], list(headers), b"")  # type: ignore[arg-type]
    try:
        length = int(record.get("Content-Length", "") or "")
    except ValueError:
        raise CorruptRecord(path, start, "missing or bad Content-Length") from None
    block_start = head_end + 4
    record.block = data[block_start:block_start + length]
    rest = data[block_start + length:]
    if len(record.block) == length and rest.startswith(b"\r\n\r\nWARC/"):
        # Valid WARC, but gzipped whole rather than per record: members are our unit.
        raise CorruptRecord(path, start, "several records in one gzip member (the whole file "
                                         f"compressed at once?); {RECOMPRESS_HINT}")
    if len(record.block) != length or rest != b"\r\n\r\n":
        raise CorruptRecord(path, start, "record length does not match Content-Length")
    return record


def iter_records(path: str | Path) -> Iterator[Record | CorruptRecord]:
    """Every record of a .warc.gz file (or a .open leftover), damage reported inline."""
    path = str(path)
    with open(path, "rb") as stream:
        head = stream.read(5)
        if not head.startswith(GZIP_MAGIC):
            raise NotAWarc(f"{path}: {not_gzip_reason(head)}")
        stream.seek(0)
        for item in iter_members(stream, path):
            if isinstance(item, CorruptRecord):
                yield item
                continue
            start, end, data = item
            try:
                yield parse_record(data, path, start, end)
            except CorruptRecord as exc:
                yield exc


def json_records(paths: Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """The JSON records stored in ``application/json`` metadata records, in file order.

    This is how the JSON Lines are rebuilt from the WARC files alone.
    """
    for path in paths:
        for record in iter_records(path):
            if isinstance(record, Record) and record.type == "metadata" \
                    and (record.get("Content-Type") or "").startswith("application/json"):
                yield json.loads(record.block.decode("utf-8"))

