"""Crash repair: make a leftover ``.warc.gz.open`` file a valid, closed WARC file again.

A crawl killed mid-write (or stopped by a full disk) leaves a file whose last write may be cut
off at any byte. Each write is one unit: a response + request pair, a revisit + request pair, or
an article's five records. The file is cut after the last complete unit (a unit cut between its
records would leave an article without its metadata, or a raw capture that looks like a
finished one), checked and renamed. A file with nothing worth keeping (empty, no warcinfo) is
renamed ``.invalid`` — never deleted: it is someone's data.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
import zlib

from archiver.errors import NotAWarc

from .files import INVALID_SUFFIX, OPEN_SUFFIX, FileLocked, fsync_dir, jsonl_path, lock_existing
from .reader import CorruptRecord, Record, iter_records


@dataclass
class RepairResult:
    path: Path
    outcome: str            # "repaired" | "invalid" | "locked" | "failed"
    final: Path | None = None
    records: int = 0
    cut_bytes: int = 0
    detail: str = ""
    dropped: list[str] = field(default_factory=list)   # ids of whole records cut with their unit

    def __str__(self) -> str:
        target = self.final.name if self.final else ""
        return (f"{self.path.name}: {self.outcome} -> {target} ({self.records} records kept, "
                f"{self.cut_bytes} bytes cut){' ' + self.detail if self.detail else ''}")


def open_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.warc.gz" + OPEN_SUFFIX))


def repair_directory(directory: Path) -> list[RepairResult]:
    """Repair every leftover .open file under ``directory`` that no live writer holds."""
    return [repair_open_file(path) for path in open_files(directory)]


def repair_open_file(path: Path) -> RepairResult:
    try:
        fd = lock_existing(path)
    except FileLocked:
        return RepairResult(path, "locked", detail="held by a running crawler; left alone")
    try:
        return _repair_locked(path, fd)
    except OSError as exc:      # a full or read-only disk: left as it is, for a later start
        return RepairResult(path, "failed", detail=f"left as it is: {exc.strerror or exc}")
    finally:
        os.close(fd)


def _repair_locked(path: Path, fd: int) -> RepairResult:
    size = os.fstat(fd).st_size
    try:
        records, damage = _good_records(path)
    except NotAWarc:
        return _invalidate(path, size, "empty" if size == 0 else "not a gzip-compressed WARC file")
    if not records or records[0].type != "warcinfo":
        return _invalidate(path, size, damage or "no warcinfo record at the start")
    whole = complete_units(records, bool(damage) or records[-1].end < size,
                           _peek_type(path, records[-1].end))
    dropped = [r.id for r in records[len(whole):]]
    records, good_end = whole, whole[-1].end
    os.ftruncate(fd, good_end)
    os.fsync(fd)
    final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
    if final.exists():
        return _invalidate(path, size, f"{final.name} already exists")
    os.rename(path, final)
    fsync_dir(final.parent)
    _reconcile_jsonl(final, records)
    return RepairResult(path, "repaired", final, len(records), size - good_end, damage, dropped)


def _good_records(path: Path) -> tuple[list[Record], str]:
    """The records before the first damage (headers only: a file may be a gigabyte), and a
    description of that damage."""
    good: list[Record] = []
    for item in iter_records(path, digests=False):
        if isinstance(item, CorruptRecord):
            return good, f"cut at offset {item.offset}: {item.reason}"
        item.block = b""
        good.append(item)
    return good, ""


UNIT_ENDS = ("request", "warcinfo")


def complete_units(records: list[Record], damaged: bool, cut_type: str | None) -> list[Record]:
    """``records`` without a last write unit that did not reach the disk whole.

    Every unit this archiver writes ends with a request record (response, request; revisit,
    request) except an article, which goes on with its conversion and two metadata records and
    ends with the JSON one. So after the last record that ends a unit, anything left is a cut
    unit. When the file was cut (``damaged``) right after a request, the pair is either a
    finished raw capture or an article cut after its first two records; ``cut_type``, the
    WARC-Type the cut-off bytes begin with, settles it: only a new unit (response, revisit)
    proves the pair finished, anything else (conversion, metadata, unreadable) drops it.
    """
    end = len(records)
    while end > 1 and not _ends_unit(records[end - 1]):
        end -= 1
    kept = records[:end]
    last = kept[-1]
    if damaged and end == len(records) and last.type == "request" \
            and cut_type not in ("response", "revisit"):
        response_id = last.get("WARC-Concurrent-To")
        while len(kept) > 1 and kept[-1].id != response_id:
            kept.pop()
        if len(kept) > 1:
            kept.pop()
    return kept


def _ends_unit(record: Record) -> bool:
    if record.type in UNIT_ENDS:
        return True
    return record.type == "metadata" and \
        (record.get("Content-Type") or "").startswith("application/json")


def _peek_type(path: Path, offset: int) -> str | None:
    """The WARC-Type of the record whose gzip member starts (cut off) at ``offset``, if the
    bytes that reached the disk say it."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        data = stream.read(4096)
    try:
        head = zlib.decompressobj(31).decompress(data, 4096)
    except zlib.error:
        return None
    for line in head.split(b"\r\n")[1:-1]:      # whole lines only
        name, sep, value = line.partition(b":")
        if sep and name.strip().lower() == b"warc-type":
            return value.strip().decode("latin-1").lower()
    return None


def _invalidate(path: Path, size: int, why: str) -> RepairResult:
    target = path.with_name(path.name.removesuffix(OPEN_SUFFIX) + INVALID_SUFFIX)
    os.rename(path, target)
    return RepairResult(path, "invalid", target, 0, 0, why)


def _reconcile_jsonl(warc: Path, records: list[Record]) -> None:
    """Make the JSON Lines beside ``warc`` agree with what the repaired file holds.

    Lines pointing at records that were cut away go; a partial last line goes; an article whose
    records made it to disk but whose line did not (killed between the two writes) gets its
    line back from the JSON metadata record.
    """
    ids = {r.id for r in records}
    stored = _stored_json(records)
    jsonl = jsonl_path(warc)
    old = jsonl.read_bytes().decode("utf-8", "replace").split("\n") if jsonl.exists() else []
    kept, seen = [], set()
    for line in filter(None, old):
        links = _links(_parse(line))
        if links is None and _parse(line) is not None:
            kept.append(line)
        elif links and links.get("response_id") in ids and links.get("conversion_id") in ids:
            kept.append(line)
            seen.add(links["response_id"])
    kept += [json.dumps(_read_json(warc, offset), ensure_ascii=False, separators=(",", ":"))
             for rid, offset in stored.items() if rid not in seen]
    new = "".join(line + "\n" for line in kept)
    if new != "".join(line + "\n" for line in filter(None, old)) or (old and old[-1]):
        tmp = jsonl.with_name(jsonl.name + ".tmp")
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, jsonl)


def _stored_json(records: list[Record]) -> dict[str, int]:
    """Response id -> offset of the article's JSON metadata record."""
    return {r.get("WARC-Refers-To") or "": r.offset for r in records if r.type == "metadata"
            and (r.get("Content-Type") or "").startswith("application/json")}


def _read_json(warc: Path, offset: int) -> dict:
    from .reader import record_at
    return json.loads(record_at(warc, offset).block)


def _parse(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _links(record: dict | None) -> dict | None:
    links = (record or {}).get("warc")
    return links if isinstance(links, dict) and links.get("response_id") else None
