"""Read WARC files member by member, reporting damage with file and offset and going on.

warcio's ArchiveIterator stops at the first damaged record and does not notice a file cut off
mid-member; checking and crash repair need to know exactly where each gzip member starts and
ends, and to keep reading after a bad one.

Memory is bounded whatever the file holds: a gzip member is inflated at most ``OUT_CHUNK`` bytes
at a time, and a record's block is kept whole only up to ``BLOCK_IN_MEMORY`` bytes (pages are far
smaller). A larger block (a video in someone else's WARC, or a 1.5 MB member that inflates to
1.5 GB) is streamed: its digests are computed on the way, and only its first ``HEAD_KEEP`` bytes
are kept (``Record.complete`` is False, ``Record.block_length`` has its real length).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from archiver.errors import NotAWarc

GZIP_MAGIC = b"\x1f\x8b\x08"
CHUNK = 1 << 16                      # compressed bytes read at a time
OUT_CHUNK = 1 << 20                  # inflated bytes produced at a time
BLOCK_IN_MEMORY = 32 * 1024 * 1024   # blocks up to this size are kept whole
HEAD_KEEP = 1 << 20                  # of a larger block, only its start is kept
MAX_WARC_HEAD = 1 << 20              # a WARC header longer than this is not a WARC header


class CorruptRecord(Exception):
    """A gzip member or WARC record that cannot be read; ``offset`` is where it starts."""

    def __init__(self, path: str, offset: int, reason: str) -> None:
        super().__init__(f"{path}:{offset}: {reason}")
        self.path, self.offset, self.reason = path, offset, reason


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
    block_length: int | None = None      # set when the block was too big to keep: its length
    streamed_digests: dict[str, bool | None] = field(default_factory=dict)  # header -> matches

    @property
    def complete(self) -> bool:
        """False when ``block`` holds only the start of a block too big to keep in memory."""
        return self.block_length is None

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
        """(HTTP head incl. blank line, payload) for response/request records, else None.
        Of an incomplete record (see ``complete``), the payload is only its start."""
        if not (self.get("Content-Type") or "").startswith("application/http"):
            return None
        cut = self.block.find(b"\r\n\r\n")
        return None if cut < 0 else (self.block[:cut + 4], self.block[cut + 4:])


def iter_members(stream: BinaryIO, path: str = "",
                 digests: bool = True) -> Iterator[tuple[int, int, Any] | CorruptRecord]:
    """Yield (start, end, data) per gzip member, or a CorruptRecord and resync after it.

    ``data`` is the member's bytes when small, else a `_Streamed` record (see module docstring).
    """
    buf, base = b"", 0      # buf: bytes read but not yet used, starting at file offset base
    while True:
        if not buf:
            buf = stream.read(CHUNK)
            if not buf:
                return
        result = _one_member(stream, buf, base, path, digests)
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


def _one_member(stream: BinaryIO, buf: bytes, base: int, path: str,
                digests: bool = True) -> tuple[int, Any, bytes] | CorruptRecord:
    """Inflate the member starting at ``base``, ``OUT_CHUNK`` bytes at a time:
    (end offset, its data, unused bytes after it)."""
    decomp, sink, fed, data = zlib.decompressobj(31), _Sink(path, base, digests), len(buf), buf
    try:
        while True:
            sink.feed(decomp.decompress(data, OUT_CHUNK))
            if decomp.eof:
                rest = decomp.unused_data
                return base + fed - len(rest), sink.result(), rest
            if decomp.unconsumed_tail:
                data = decomp.unconsumed_tail
                continue
            data = stream.read(CHUNK)
            fed += len(data)
            if not data:
                return CorruptRecord(path, base, CUT_OFF)
    except zlib.error as exc:
        return CorruptRecord(path, base, f"bad gzip member: {exc}")


class _Sink:
    """One member's inflated bytes: kept whole while small, streamed past BLOCK_IN_MEMORY."""

    def __init__(self, path: str, start: int, digests: bool = True) -> None:
        self.path, self.start, self.digests = path, start, digests
        self.buf = bytearray()
        self.stream: _Streamed | None = None

    def feed(self, data: bytes) -> None:
        if self.stream is not None:
            self.stream.feed(data)
            return
        self.buf += data
        if len(self.buf) > BLOCK_IN_MEMORY + MAX_WARC_HEAD:
            buf, self.buf = self.buf, bytearray()
            self.stream = _Streamed(buf, self.path, self.start, self.digests)

    def result(self) -> Any:
        return self.stream if self.stream is not None else bytes(self.buf)


class _Streamed:
    """A record whose block is too big to keep: header parsed, block digested as it streams."""

    def __init__(self, first: bytearray, path: str, start: int, digests: bool = True) -> None:
        self.error: str | None = None
        self.version, self.headers, head_end = "", [], 0
        try:
            self.version, self.headers, head_end = _parse_head(first, path, start)
            self.length = _content_length(self.headers, path, start)
        except CorruptRecord as exc:
            self.error, self.length = exc.reason, 0
        self.received = 0
        self.head = b""
        self.trailer = b""
        self.trailer_size = 0
        self.hashers = {name: _hasher(_value(self.headers, name)) if digests else None
                        for name in ("WARC-Block-Digest", "WARC-Payload-Digest")}
        self.payload_at: int | None = None
        block = memoryview(first)[head_end + 4:] if self.error is None else memoryview(b"")
        if (_value(self.headers, "Content-Type") or "").startswith("application/http"):
            begin = head_end + 4
            cut = first.find(b"\r\n\r\n", begin, begin + HEAD_KEEP)
            self.payload_at = cut + 4 - begin if cut >= 0 else None
        self.feed(block)

    def feed(self, data: bytes | memoryview) -> None:
        if self.error is not None or not len(data):
            return
        room = self.length - self.received
        part, extra = data[:room], data[room:]
        if len(part):
            if len(self.head) < HEAD_KEEP:
                self.head += bytes(part[:HEAD_KEEP - len(self.head)])
            block_hash = self.hashers["WARC-Block-Digest"]
            if block_hash is not None:
                block_hash.update(part)
            payload_hash = self.hashers["WARC-Payload-Digest"]
            if payload_hash is not None:
                skip = max(0, (self.payload_at or 0) - self.received)
                payload_hash.update(part[skip:])
            self.received += len(part)
        if len(extra):
            self.trailer_size += len(extra)
            if len(self.trailer) < 64:
                self.trailer += bytes(extra[:64 - len(self.trailer)])

    def record(self, path: str, start: int, end: int) -> Record:
        if self.error is not None:
            raise CorruptRecord(path, start, self.error)
        if self.received != self.length or self.trailer_size != 4 \
                or self.trailer != b"\r\n\r\n":
            raise CorruptRecord(path, start, _length_problem(self.trailer))
        record = Record(path, start, end, self.version, list(self.headers), self.head,
                        block_length=self.length)
        for name, hasher in self.hashers.items():
            expected = record.get(name)
            if expected is not None and hasher is not None:
                record.streamed_digests[name] = _encoded_matches(expected, hasher.digest())
        return record


def _value(headers: list[tuple[str, str]], name: str) -> str | None:
    name = name.lower()
    return next((v for k, v in headers if k.lower() == name), None)


def _hasher(value: str | None) -> Any:
    if not value:
        return None
    try:
        return hashlib.new(value.partition(":")[0].lower().replace("-", ""))
    except ValueError:
        return None


def _encoded_matches(value: str, digest: bytes) -> bool:
    import base64
    encoded = value.partition(":")[2].strip()
    return encoded.upper() in (base64.b32encode(digest).decode(), digest.hex().upper()) \
        or encoded == base64.b64encode(digest).decode()


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


def _parse_head(data: bytes, path: str, start: int) -> tuple[str, list[tuple[str, str]], int]:
    head_end = data.find(b"\r\n\r\n", 0, MAX_WARC_HEAD)
    if not data.startswith(b"WARC/") or head_end < 0:
        raise CorruptRecord(path, start, "not a WARC record")
    lines = data[:head_end].decode("utf-8", "replace").split("\r\n")
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:]]
    if any(len(h) != 2 for h in headers):
        raise CorruptRecord(path, start, "malformed WARC header line")
    return lines[0], headers, head_end  # type: ignore[return-value]


def _content_length(headers: list[tuple[str, str]], path: str, start: int) -> int:
    try:
        length = int(_value(headers, "Content-Length") or "")
    except ValueError:
        raise CorruptRecord(path, start, "missing or bad Content-Length") from None
    if length < 0:
        raise CorruptRecord(path, start, "missing or bad Content-Length")
    return length


def _length_problem(rest: bytes) -> str:
    if rest.startswith(b"\r\n\r\nWARC/"):
        # Valid WARC, but gzipped whole rather than per record: members are our unit.
        return ("several records in one gzip member (the whole file compressed at once?); "
                f"{RECOMPRESS_HINT}")
    return "record length does not match Content-Length"


def parse_record(data: Any, path: str, start: int, end: int) -> Record:
    """Parse one uncompressed record (or a streamed one); CorruptRecord if its framing is wrong."""
    if isinstance(data, _Streamed):
        return data.record(path, start, end)
    version, headers, head_end = _parse_head(data, path, start)
    length = _content_length(headers, path, start)
    block_start = head_end + 4
    block = data[block_start:block_start + length]
    rest = data[block_start + length:]
    if len(block) != length or rest != b"\r\n\r\n":
        raise CorruptRecord(path, start, _length_problem(rest if len(block) == length else b""))
    return Record(path, start, end, version, list(headers), block)


def record_at(path: str | Path, offset: int) -> Record:
    """The record whose gzip member starts at ``offset``; CorruptRecord if it cannot be read."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        first = stream.read(CHUNK)
        if not first.startswith(GZIP_MAGIC[:2]):
            raise CorruptRecord(str(path), offset, "no gzip member starts here")
        result = _one_member(stream, first, offset, str(path))
    if isinstance(result, CorruptRecord):
        raise result
    end, data, _ = result
    return parse_record(data, str(path), offset, end)


def iter_records(path: str | Path, digests: bool = True) -> Iterator[Record | CorruptRecord]:
    """Every record of a .warc.gz file (or a .open leftover), damage reported inline.
    ``digests=False``: a block too big to keep is not digested (nobody will check it)."""
    path = str(path)
    with open(path, "rb") as stream:
        head = stream.read(5)
        if not head.startswith(GZIP_MAGIC):
            raise NotAWarc(f"{path}: {not_gzip_reason(head)}")
        stream.seek(0)
        for item in iter_members(stream, path, digests):
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

