"""``archive check``: is every byte of the archive what our WARC layout promises?

Walks every gzip member and record of every WARC file, verifies digests, the layout's headers,
the links between records, and the links from the JSON Lines into the WARC files. Each problem
names its file and offset (or JSONL line), so a human can look at exactly that record.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from archiver.errors import NotAWarc

from .digests import digest_problems, parse_date
from .files import FileLocked, INVALID_SUFFIX, OPEN_SUFFIX, jsonl_path, lock_existing
from .conformance import WARCINFO_FIELDS, header_problems, norm_type
from .reader import GZIP_MAGIC, CorruptRecord, Record, iter_records, not_gzip_reason
from .jsonl_check import check_jsonl, link_problems
from .repair import RepairResult, repair_open_file
from .report import Report

ONE_SECOND = 1.0


def check_paths(paths: list[str | Path], *, repair: bool = False) -> Report:
    """Check files and directories (recursively). ``repair``: fix leftover .open files first."""
    report = Report()
    warcs, jsonls = _collect(paths, report, repair)
    for path in warcs:
        check_warc(path, report)
    for path in jsonls:
        check_jsonl(path, report)
    return report


def _collect(paths: list[str | Path], report: Report, repair: bool) -> tuple[list[Path], list[Path]]:
    warcs: list[Path] = []
    jsonls: list[Path] = []
    for raw in map(Path, paths):
        if not raw.exists():
            raise FileNotFoundError(f"no such file or directory: {raw}")
        files = sorted(p for p in raw.rglob("*") if p.is_file()) if raw.is_dir() else [raw]
        for path in files:
            name = path.name
            if name.endswith(".warc.gz" + OPEN_SUFFIX):
                _leftover(path, report, repair, warcs)
            elif name.endswith(".warc.gz") or name.endswith(".warc"):
                if not raw.is_dir():
                    _require_gzip(path)
                warcs.append(path)
            elif name.endswith(".jsonl"):
                jsonls.append(path)
            elif name.endswith(INVALID_SUFFIX):
                report.notes.append(f"{path}: kept from an earlier crash repair, not checked")
            elif not raw.is_dir():
                raise NotAWarc(f"{path}: not a WARC (.warc.gz) or JSON Lines (.jsonl) file")
    for warc in warcs:
        sibling = jsonl_path(warc)
        if sibling.exists() and sibling not in jsonls:
            jsonls.append(sibling)
    return list(dict.fromkeys(warcs)), jsonls


def _require_gzip(path: Path) -> None:
    with open(path, "rb") as stream:
        head = stream.read(5)
    if not head.startswith(GZIP_MAGIC):
        raise NotAWarc(f"{path}: {not_gzip_reason(head)}")


def _leftover(path: Path, report: Report, repair: bool, warcs: list[Path]) -> None:
    if repair:
        result: RepairResult = repair_open_file(path)
        report.notes.append(f"repair: {result}")
        if result.outcome == "repaired" and result.final:
            warcs.append(result.final)
        elif result.outcome == "invalid":
            report.add(path, f"unsalvageable, renamed {result.final}: {result.detail}", offset=0)
        elif result.outcome == "locked":
            report.live.add(path.name.removesuffix(OPEN_SUFFIX))
        return
    try:
        os.close(lock_existing(path, os.O_RDONLY))
    except FileLocked:
        report.notes.append(f"{path}: being written by a running crawler, skipped")
        report.live.add(path.name.removesuffix(OPEN_SUFFIX))
    else:
        report.add(path, "leftover .open file from a crash (run with --repair)", offset=0)


def check_warc(path: Path, report: Report) -> None:
    report.files += 1
    records: dict[str, Record] = {}
    report.ids[path.name] = records
    first = True
    try:
        ours = written_by_archiver(path)
        items = list(_records_light(path, ours))
    except NotAWarc as exc:
        report.add(path, str(exc).split(": ", 1)[-1], offset=0)
        return
    if not ours:
        report.notes.append(f"{path.name}: not written by archiver; checked gzip members, record "
                            "framing, digests and duplicate ids only (our layout does not apply)")
    for item in items:
        if isinstance(item, CorruptRecord):
            report.add(path, item.reason, offset=item.offset)
            continue
        where = item.offset
        if first and ours and item.type != "warcinfo":
            report.add(path, "first record is not warcinfo", offset=where)
        first = False
        report.records[item.type] += 1
        if item.id in records:
            report.add(path, f"duplicate WARC-Record-ID {item.id}", offset=where)
        records[item.id] = item
        for message in item.problems:
            report.add(path, message, offset=where)
    if not ours:
        return
    for record in records.values():
        for message in _link_problems(record, records, path.name):
            report.add(path, message, offset=record.offset)
    _check_articles(path, records, report)


def written_by_archiver(path: Path) -> bool:
    """Our layout (record order, links, required headers) is ours to enforce: a WARC that
    wget, Browsertrix or Common Crawl wrote is valid WARC with other conventions."""
    for item in iter_records(path):
        return (isinstance(item, Record) and item.type == "warcinfo"
                and b"\nsoftware: archiver/" in b"\n" + item.block)
    return False


def _records_light(path: Path, ours: bool = True):
    """Records with their checks done early, blocks dropped (memory stays flat on 1 GB files)
    except JSON metadata, which the article check reads again."""
    for item in iter_records(path):
        if isinstance(item, Record):
            item.problems = digest_problems(item)
            if ours:
                item.problems += header_problems(item) + _content_problems(item, path)
            if norm_type(item.get("Content-Type")) != "application/json":
                item.block = b""
        yield item


def _content_problems(record: Record, path: Path) -> list[str]:
    if record.type == "warcinfo":
        expected = path.name.removesuffix(OPEN_SUFFIX)
        problems = [] if record.get("WARC-Filename") == expected else \
            [f"WARC-Filename {record.get('WARC-Filename')!r} is not the file's name {expected!r}"]
        names = {line.split(":", 1)[0] for line in record.block.decode("utf-8", "replace").splitlines()}
        return problems + [f"warcinfo: no {name} field" for name in WARCINFO_FIELDS if name not in names]
    if record.type == "response":
        split = record.http_split()
        if split is None or not split[0].startswith(b"HTTP/"):
            return ["response: no HTTP status line and headers"]
        head = split[0].lower()
        problems = ["response: Transfer-Encoding in stored headers"] if b"\ntransfer-encoding:" in head else []
        body_length = len(split[1]) if record.complete else record.block_length - len(split[0])
        for line in head.split(b"\r\n"):
            if line.startswith(b"content-length:") and line[15:].strip() != str(body_length).encode():
                problems.append("response: HTTP Content-Length differs from the stored body")
        return problems
    if record.type == "revisit":
        split = record.http_split()
        problems = [] if split and split[0].startswith(b"HTTP/") and not split[1] else \
            ["revisit: block is not an HTTP head alone"]
        return problems + ([] if record.get("WARC-Truncated") == "length" else ["revisit: no WARC-Truncated: length"])
    if record.type == "request":
        split = record.http_split()
        line = split[0].split(b"\r\n", 1)[0].split(b" ") if split else []
        if len(line) != 3 or not line[2].startswith(b"HTTP/"):
            return ["request: no request line"]
        return [] if b"\r\nhost:" in split[0].lower() else ["request: no Host header"]
    return []


def _link_problems(record: Record, records: dict[str, Record], name: str) -> list[str]:
    problems = []
    for header in ("WARC-Concurrent-To", "WARC-Refers-To"):
        if record.type == "revisit":
            break
        for target in record.all(header):
            other = records.get(target)
            if other is None:
                problems.append(f"{record.type}: {header} {target} not in this file")
            elif other.type != "response" and not (other.type == "revisit" and header == "WARC-Concurrent-To"):
                problems.append(f"{record.type}: {header} points at a {other.type} record")
            elif record.type == "request" and parse_date(record.get("WARC-Date")) != parse_date(other.get("WARC-Date")):
                problems.append("request: WARC-Date differs from its response's")
            elif record.type == "conversion" and not _one_second_later(record, other):
                problems.append("conversion: WARC-Date less than 1 s after the capture")
    return problems


def _one_second_later(record: Record, response: Record) -> bool:
    mine, theirs = parse_date(record.get("WARC-Date")), parse_date(response.get("WARC-Date"))
    return mine is not None and theirs is not None and (mine - theirs).total_seconds() >= ONE_SECOND


def _check_articles(path: Path, records: dict[str, Record], report: Report) -> None:
    """Each conversion comes with a warc-fields and a JSON metadata record about its response."""
    about: dict[str, set[str]] = {}
    for record in records.values():
        if record.type == "metadata":
            about.setdefault(record.get("WARC-Refers-To") or "", set()).add(norm_type(record.get("Content-Type")))
            if norm_type(record.get("Content-Type")) == "application/json":
                _check_json_metadata(path, record, records, report)
    for record in records.values():
        if record.type == "conversion":
            report.articles += 1
            kinds = about.get(record.get("WARC-Refers-To") or "", set())
            for kind in ("application/warc-fields", "application/json"):
                if kind not in kinds:
                    report.add(path, f"article without {kind} metadata", offset=record.offset)


def _check_json_metadata(path: Path, record: Record, records: dict[str, Record], report: Report) -> None:
    where = record.offset
    try:
        links = json.loads(record.block).get("warc") or {}
    except (ValueError, AttributeError):
        report.add(path, "metadata: application/json block is not a JSON object", offset=where)
        return
    for message in link_problems(links, path.name, records, record.get("WARC-Refers-To")):
        report.add(path, f"metadata JSON: {message}", offset=where)
