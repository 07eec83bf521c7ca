"""Crash repair: make a leftover ``.warc.gz.open`` file a valid, closed WARC file again.

A crawl killed mid-write leaves a file whose last gzip member may be cut off. Everything up to
the end of the last complete record is good (each record is its own gzip member and every
article is written with one write call), so the file is cut there, checked and renamed. A file
with nothing worth keeping is renamed ``.invalid`` — never deleted: it is someone's data.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .files import INVALID_SUFFIX, OPEN_SUFFIX, FileLocked, fsync_dir, jsonl_path, lock_existing
from .reader import CorruptRecord, Record, iter_records


@dataclass
class RepairResult:
    path: Path
    outcome: str            # "repaired" | "invalid" | "locked"
    final: Path | None = None
    records: int = 0
    cut_bytes: int = 0
    detail: str = ""

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
    finally:
        os.close(fd)


def _repair_locked(path: Path, fd: int) -> RepairResult:
    size = os.fstat(fd).st_size
    records, damage = _good_records(path)
    good_end = records[-1].end if records else 0
    if not records or records[0].type != "warcinfo":
        return _invalidate(path, size, damage or "no warcinfo record at the start")
    os.ftruncate(fd, good_end)
    os.fsync(fd)
    final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
    if final.exists():
        return _invalidate(path, size, f"{final.name} already exists")
    os.rename(path, final)
    fsync_dir(final.parent)
    _reconcile_jsonl(final, records)
    return RepairResult(path, "repaired", final, len(records), size - good_end, damage)


def _good_records(path: Path) -> tuple[list[Record], str]:
    """The records before the first damage, and a description of that damage."""
    good: list[Record] = []
    for item in iter_records(path):
        if isinstance(item, CorruptRecord):
            return good, f"cut at offset {item.offset}: {item.reason}"
        good.append(item)
    return good, ""


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
    stored = {_links(rec)["response_id"]: rec for rec in _stored_json(records) if _links(rec)}
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
    kept += [json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
             for rid, rec in stored.items() if rid not in seen]
    new = "".join(line + "\n" for line in kept)
    if new != "".join(line + "\n" for line in filter(None, old)) or (old and old[-1]):
        tmp = jsonl.with_name(jsonl.name + ".tmp")
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, jsonl)


def _stored_json(records: list[Record]) -> list[dict]:
    return [json.loads(r.block) for r in records if r.type == "metadata"
            and (r.get("Content-Type") or "").startswith("application/json")]


def _parse(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _links(record: dict | None) -> dict | None:
    links = (record or {}).get("warc")
    return links if isinstance(links, dict) and links.get("response_id") else None
