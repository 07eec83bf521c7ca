"""Reading back what a crawl or a command wrote: the one JSON Lines reader, and WARC records."""

from __future__ import annotations

import json
from pathlib import Path

from archiver.warc.reader import Record, iter_records


def json_lines(text: str) -> list[dict]:
    """Every JSON object of a JSON Lines text (blank lines skipped)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def jsonl_records(directory: Path, pattern: str = "*.jsonl") -> list[dict]:
    """Every record of the JSON Lines files in ``directory``, file by file in name order."""
    return [record for path in sorted(Path(directory).glob(pattern))
            for record in json_lines(path.read_text("utf-8"))]


def warc_records(directory: Path, pattern: str = "*.warc.gz") -> list[Record]:
    """Every readable record of the WARC files in ``directory``, file by file in name order."""
    return [record for path in sorted(Path(directory).glob(pattern))
            for record in iter_records(path) if isinstance(record, Record)]


def archived_paths(directory: Path) -> set[str]:
    """URL paths of the articles whose five records are in a WARC file (closed or .open)."""
    urls: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for path in Path(directory).glob("*.warc.gz*"):
        if path.name.endswith(".invalid") or path.stat().st_size == 0:
            continue            # an empty .open file: a crawl killed as it created it
        for record in iter_records(path):
            if not isinstance(record, Record):
                continue
            if record.type == "response":
                urls[record.id] = record.get("WARC-Target-URI") or ""
            elif record.type in ("conversion", "metadata"):
                kind = record.type + (record.get("Content-Type") or "")
                parts.setdefault(record.get("WARC-Refers-To") or "", set()).add(kind)
    done = {rid for rid, kinds in parts.items() if len(kinds) == 3}
    return {"/" + urls[rid].split("/", 3)[3] for rid in done if rid in urls}
