"""Writing export rows to files: Parquet (pyarrow, batch by batch), CSV and JSON Lines (stdlib).

Each writer takes an iterator of records and holds at most one batch, and writes under a
temporary name that is renamed at the end: an export that fails half-way leaves no half file.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from .tabular import Rows, arrow_schema, batches, require_pyarrow

FORMATS = ("parquet", "csv", "jsonl")


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """Write to a temporary name beside ``path`` and rename at the end: an export that fails
    half-way leaves no half file under the name asked for."""
    part = path.with_name(f".{path.name}.part")
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def write_parquet(records: Iterable[dict[str, Any]], path: Path, html: bool = True) -> int:
    require_pyarrow()
    import pyarrow.parquet as pq

    count = 0
    with _replacing(path) as part:
        with pq.ParquetWriter(part, arrow_schema(html), compression="zstd") as writer:
            for batch in batches(records, html):
                writer.write_batch(batch)
                count += batch.num_rows
    return count


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value)
    return value


def iso_utc(moment: datetime) -> str:
    text = moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return _json_value(value)


@contextmanager
def _text_output(target: Path | None) -> Iterator[IO[str]]:
    """A text file (written under a temporary name, then renamed) or stdout for None."""
    if target is None:
        yield sys.stdout
        return
    with _replacing(target) as part, part.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def write_csv(records: Iterable[dict[str, Any]], target: Path | None, html: bool = True) -> int:
    rows, count = Rows(html), 0
    with _text_output(target) as fh:
        writer = csv.writer(fh)
        writer.writerow(rows.names)
        for record in records:
            writer.writerow([_csv_value(v) for v in rows(record).values()])
            count += 1
    return count


def write_jsonl(records: Iterable[dict[str, Any]], target: Path | None, html: bool = True) -> int:
    rows, count = Rows(html), 0
    with _text_output(target) as fh:
        for record in records:
            row = {k: _json_value(v) for k, v in rows(record).items()}
            fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count


WRITERS = {"parquet": write_parquet, "csv": write_csv, "jsonl": write_jsonl}


def format_for(path: str) -> str:
    """The format a file name implies (``.parquet``, ``.csv``, ``.jsonl``); Parquet otherwise."""
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    return {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl", "json": "jsonl"}.get(suffix, "parquet")
