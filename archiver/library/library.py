"""An archive as the commands see it: the articles of some WARC files, found through the index.

The WARC files stay the archive of record: listings come from the index, but what is shown of
an article (its JSON record, clean HTML, raw page) is always read back from the WARC file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .index import DirectoryIndex, Progress
from .payload import HttpResponse, parse_response
from .scan import ProblemHandler, RecordUnreadable, find_warcs, record_at

COLUMNS = ("rid", "url", "title", "site", "language", "date", "fetched_at", "paywalled",
           "word_count", "removed", "raw_bytes", "resp_off", "conv_off", "json_off", "file_id")


@dataclass
class Entry:
    """One archived article (one capture of it) as the index knows it."""

    rid: str
    url: str
    title: str | None
    site: str | None
    language: str | None
    date: str | None
    fetched_at: str | None
    paywalled: bool
    word_count: int
    removed: dict[str, int]
    raw_bytes: int
    resp_off: int | None
    conv_off: int | None
    json_off: int
    path: Path


@dataclass
class Filters:
    lang: str | None = None
    site: str | None = None
    since: str | None = None          # YYYY-MM-DD, inclusive
    until: str | None = None          # YYYY-MM-DD, inclusive
    search: str | None = None         # words, all of which must occur (prefixes match)

    def sql(self) -> tuple[str, list[Any]]:
        clauses, args = [], []
        for column, value in (("language", self.lang), ("site", self.site)):
            if value:
                clauses.append(f"lower({column}) = lower(?)")
                args.append(value)
        if self.since:
            clauses.append("date >= ?")
            args.append(self.since[:10])
        if self.until:
            clauses.append("date <= ?")
            args.append(self.until[:10])
        query = fts_query(self.search or "")
        if query:
            clauses.append("id IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(query)
        return " AND ".join(clauses) or "1", args


def fts_query(words: str) -> str:
    """Each word a quoted prefix term, all required: what a user means by a search box."""
    terms = [w.replace('"', '""') for w in words.split()]
    return " AND ".join(f'"{t}"*' for t in terms if t.strip('"'))


class Library:
    def __init__(self, paths: list[str | Path], on_problem: ProblemHandler,
                 progress: Progress | None = None) -> None:
        self.files = find_warcs(paths)
        self.indexes: list[tuple[DirectoryIndex, dict[int, Path]]] = []
        by_dir: dict[Path, list[Path]] = defaultdict(list)
        for path in self.files:
            by_dir[path.parent].append(path)
        for directory, files in by_dir.items():
            index = DirectoryIndex(directory)
            ids = index.refresh(files, on_problem, progress)
            self.indexes.append((index, {fid: directory / name for name, fid in ids.items()}))

    def _select(self, where: str, args: list[Any], tail: str = "") -> list[Entry]:
        out = []
        for index, paths in self.indexes:
            marks = ",".join("?" * len(paths))
            sql = (f"SELECT {', '.join(COLUMNS)} FROM articles WHERE file_id IN ({marks}) "
                   f"AND {where} {tail}")
            for row in index.db.execute(sql, [*paths, *args]):
                values = dict(zip(COLUMNS, row))
                values["paywalled"] = bool(values["paywalled"])
                values["removed"] = json.loads(values["removed"] or "{}")
                values["path"] = paths[values.pop("file_id")]
                out.append(Entry(**values))
        return out

    def entries(self, filters: Filters | None = None, limit: int | None = None,
                offset: int = 0) -> list[Entry]:
        """Matching articles, newest first; ``limit``/``offset`` are applied in SQL (paging a
        big archive must not build 100,000 entries per page)."""
        where, args = (filters or Filters()).sql()
        tail = "ORDER BY date DESC, fetched_at DESC"
        if limit is not None:
            tail += f" LIMIT {int(limit) + int(offset)}"
        found = self._select(where, args, tail)
        found.sort(key=lambda e: (e.date or "", e.fetched_at or ""), reverse=True)
        return found[offset:None if limit is None else offset + limit]

    def count(self, filters: Filters | None = None) -> int:
        where, args = (filters or Filters()).sql()
        total = 0
        for index, paths in self.indexes:
            marks = ",".join("?" * len(paths))
            sql = f"SELECT count(*) FROM articles WHERE file_id IN ({marks}) AND {where}"
            total += index.db.execute(sql, [*paths, *args]).fetchone()[0]
        return total

    def versions(self, url: str) -> list[Entry]:
        """Every capture of the article ``url`` names (in any of its forms), oldest first."""
        from archiver.discovery.urls import canonical_key
        where = "id IN (SELECT article_id FROM aliases WHERE key = ?)"
        found = self._select(where, [canonical_key(url)])
        return sorted(found, key=lambda e: e.fetched_at or "")

    def distinct(self, column: str) -> list[str]:
        """The values of ``column`` (language, site) across the archive, for filter menus."""
        if column not in ("language", "site"):
            raise ValueError(column)
        values: set[str] = set()
        for index, paths in self.indexes:
            marks = ",".join("?" * len(paths))
            sql = f"SELECT DISTINCT {column} FROM articles WHERE file_id IN ({marks})"
            values.update(v for (v,) in index.db.execute(sql, list(paths)) if v)
        return sorted(values)

    def get(self, rid: str) -> Entry | None:
        found = self._select("rid = ?", [rid])
        return found[0] if found else None

    # --- reading back from the WARC files -------------------------------------------------
    def record_json(self, entry: Entry) -> str:
        """The JSON record exactly as stored (one JSON Lines line, no newline)."""
        return record_at(entry.path, entry.json_off).block.decode("utf-8")

    def record(self, entry: Entry) -> dict[str, Any]:
        return json.loads(self.record_json(entry))

    def raw(self, entry: Entry) -> HttpResponse:
        if entry.resp_off is None:
            raise RecordUnreadable(f"{entry.path}: no response record for {entry.url}")
        response = parse_response(record_at(entry.path, entry.resp_off))
        if response is None:
            raise RecordUnreadable(f"{entry.path}: offset {entry.resp_off}: not an HTTP response")
        return response
