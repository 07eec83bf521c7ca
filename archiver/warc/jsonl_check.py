"""The JSON Lines side of ``archive check``: every line links to records that exist."""

from __future__ import annotations

import json
from pathlib import Path

from .reader import Record, iter_records
from .report import Report


def link_problems(links: dict, name: str | None, records: dict[str, Record] | None,
                  response_id: str | None = None) -> list[str]:
    """What is wrong with a record's ``warc`` links, given the records of the file it names."""
    if not isinstance(links, dict) or not links.get("file"):
        return ["no warc.file link"]
    if records is None:
        return [f"warc.file {links['file']} not found"]
    problems = [] if name is None or links["file"] == name else [f"warc.file {links['file']} is not {name}"]
    for key, kind in (("response_id", "response"), ("conversion_id", "conversion")):
        target = records.get(links.get(key) or "")
        if target is None or target.type != kind:
            problems.append(f"warc.{key} {links.get(key)} is not a {kind} record in {links['file']}")
    if response_id and links.get("response_id") != response_id:
        problems.append("warc.response_id differs from WARC-Refers-To")
    return problems


def check_jsonl(path: Path, report: Report) -> None:
    with open(path, "rb") as stream:
        for number, raw in enumerate(stream, 1):
            report.jsonl_lines += 1
            if not raw.endswith(b"\n"):
                report.add(path, "partial last line", line=number)
            try:
                record = json.loads(raw)
            except ValueError:
                report.add(path, "not JSON", line=number)
                continue
            links = record.get("warc") if isinstance(record, dict) else None
            name = links.get("file") if isinstance(links, dict) else None
            if name in report.live:     # its WARC file is still .open: nothing to check yet
                continue
            for message in link_problems(links, None, _records_of(path, name, report)):
                report.add(path, message, line=number)


def _light(record: Record) -> Record:
    record.block = b""
    return record


def _records_of(jsonl: Path, name: str | None, report: Report) -> dict[str, Record] | None:
    """The records of the WARC file a JSON line names: checked already, or read from beside it."""
    if not name:
        return None
    if name not in report.ids:
        beside = jsonl.with_name(name)
        if not beside.exists():
            return None
        report.ids[name] = {r.id: _light(r) for r in iter_records(beside) if isinstance(r, Record)}
    return report.ids[name]
