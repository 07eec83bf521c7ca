"""An archive as the commands see it: the articles of some WARC files, found through the index.

The WARC files stay the archive of record: listings come from the index, but what is shown of
an article (its JSON record, clean HTML, raw page) is always read back from the WARC file.
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archiver.errors import ProblemHandler, RecordUnreadable

from .index import DirectoryIndex, Progress
from .payload import HttpResponse, parse_response
from .scan import find_warcs, record_at

COLUMNS = ("rid", "url", "title", "site", "publisher", "language", "date", "fetched_at",
           "paywalled", "word_count", "removed", "raw_bytes", "resp_off", "conv_off", "json_off",
           "file_id", "capture_file_id", "capture_off", "article_id", "version_id", "text_sha1",
           "revisit_of")
# A capture is an article's latest (among the files opened) when no later one exists: a
# correlated NOT EXISTS on the (article_id, fetched_at) index, which lets a listing stop after
# its first page (a window function would rank every capture first).
LATER_STORED = ("NOT EXISTS (SELECT 1 FROM articles b WHERE b.article_id = c.article_id "
                "AND b.file_id IN ({files}) AND (b.fetched_at, b.rid) > (c.fetched_at, c.rid))")
LATER_REVISIT = ("NOT EXISTS (SELECT 1 FROM revisits r JOIN articles a ON a.rid = r.refers_to "
                 "WHERE a.article_id = c.article_id AND r.file_id IN ({files}) AND a.file_id IN "
                 "({files}) AND (r.fetched_at, r.rid) > (c.fetched_at, c.rid))")


@dataclass
class Entry:
    """One capture of an archived article as the index knows it.

    ``path`` and the offsets say where its records are read; for a revisit (a recapture whose
    payload was identical) they are those of the capture it repeats, ``capture_path`` is the
    file the revisit itself is in and ``revisit_of`` the version id of the repeated capture."""

    rid: str
    url: str
    title: str | None
    site: str | None
    publisher: str | None
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
    article_id: str = ""
    version_id: str = ""
    text_sha1: str = ""
    revisit_of: str | None = None
    capture_path: Path | None = None
    capture_off: int = 0

    @property
    def order(self) -> tuple[str, str]:
        """Capture order: by time, then by record id (stable for captures in one second)."""
        return (self.fetched_at or "", self.rid)


@dataclass
class Filters:
    lang: str | None = None
    site: str | None = None
    publisher: str | None = None      # the site's own name, any case
    since: str | None = None          # YYYY-MM-DD, inclusive
    until: str | None = None          # YYYY-MM-DD, inclusive
    search: str | None = None         # words, all of which must occur (prefixes match)

    def sql(self) -> tuple[str, list[Any]]:
        clauses, args = [], []
        for column, value in (("language", self.lang), ("site", self.site),
                              ("publisher", self.publisher)):
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
        self.files = find_warcs(paths, on_problem)
        self.indexes: list[tuple[DirectoryIndex, dict[int, Path]]] = []
        by_dir: dict[Path, list[Path]] = defaultdict(list)
        for path in self.files:
            by_dir[path.parent].append(path)
        for directory, files in by_dir.items():
            index = DirectoryIndex(directory)
            ids = index.refresh(files, on_problem, progress)
            self.indexes.append((index, {fid: directory / name for name, fid in ids.items()}))

    # --- selecting captures ---------------------------------------------------------------
    def _captures(self, paths: dict[int, Path], *, latest: bool, revisits: bool) -> tuple[str, list]:
        """SQL over the captures of the files opened (both files of a revisit must be)."""
        files = ",".join("?" * len(paths))
        sql = f"SELECT * FROM captures c WHERE c.file_id IN ({files}) AND c.capture_file_id IN ({files})"
        args = [*paths, *paths]
        if not revisits:
            sql += " AND c.revisit_of IS NULL"
        if latest:
            sql += " AND " + LATER_STORED.format(files=files)
            args += [*paths]
        if latest and revisits:
            sql += " AND " + LATER_REVISIT.format(files=files)
            args += [*paths, *paths]
        return sql, args

    def _iter(self, where: str, args: list[Any], tail: str = "", *, latest: bool = False,
              revisits: bool = False) -> Iterator[Entry]:
        """Entries matching ``where``, index by index, each index in the order ``tail`` says."""
        best = self._latest_across() if latest and len(self.indexes) > 1 else None
        for number in range(len(self.indexes)):
            yield from self._from_index(number, where, args, tail, latest, revisits, best)

    def _from_index(self, number: int, where: str, args: list[Any], tail: str, latest: bool,
                    revisits: bool, best: dict[str, tuple[str, str]] | None) -> Iterator[Entry]:
        """One index's matching entries. With ``latest`` and several indexes, an article's
        latest capture may be in another index: ``best`` keeps only the latest of all."""
        index, paths = self.indexes[number]
        source, source_args = self._captures(paths, latest=latest, revisits=revisits)
        sql = f"SELECT {', '.join(COLUMNS)} FROM ({source}) WHERE {where} {tail}"
        for row in index.db.execute(sql, [*source_args, *args]):
            entry = _entry(dict(zip(COLUMNS, row)), paths)
            if best is None or best.get(entry.article_id) == entry.order:
                yield entry

    def _latest_across(self) -> dict[str, tuple[str, str]]:
        """article_id -> (fetched_at, rid) of its latest capture in any index."""
        best: dict[str, tuple[str, str]] = {}
        for index, paths in self.indexes:
            source, args = self._captures(paths, latest=True, revisits=True)
            for aid, fetched, rid in index.db.execute(
                    f"SELECT article_id, fetched_at, rid FROM ({source})", args):
                best[aid] = max(best.get(aid, ("", "")), (fetched or "", rid))
        return best

    def entries(self, filters: Filters | None = None, limit: int | None = None,
                offset: int = 0, *, latest: bool = False, revisits: bool = False) -> list[Entry]:
        """Matching captures, newest first; ``limit``/``offset`` are applied in SQL (paging a
        big archive must not build 100,000 entries per page). ``latest``: only the latest
        capture of each article; ``revisits``: recaptures stored as revisit records too."""
        where, args = (filters or Filters()).sql()
        tail = "ORDER BY date DESC, fetched_at DESC"
        if limit is not None and not (latest and len(self.indexes) > 1):
            tail += f" LIMIT {int(limit) + int(offset)}"
        found = list(self._iter(where, args, tail, latest=latest, revisits=revisits))
        found.sort(key=lambda e: (e.date or "", e.fetched_at or ""), reverse=True)
        return found[offset:None if limit is None else offset + limit]

    def iter_entries(self, filters: Filters | None = None, *, latest: bool = False,
                     revisits: bool = True, order: str = "time") -> Iterator[Entry]:
        """Matching captures as a stream, oldest first (``order="article"``: grouped by
        article, each oldest first). Memory stays flat however large the archive: each index
        is read through a cursor, several indexes are merged."""
        where, args = (filters or Filters()).sql()
        best = self._latest_across() if latest and len(self.indexes) > 1 else None
        tail, key = {"time": ("ORDER BY fetched_at, rid", lambda e: e.order),
                     "article": ("ORDER BY article_id, fetched_at, rid",
                                 lambda e: (e.article_id, e.order))}[order]
        streams = [self._from_index(n, where, args, tail, latest, revisits, best)
                   for n in range(len(self.indexes))]
        return heapq.merge(*streams, key=key)

    def count(self, filters: Filters | None = None, *, latest: bool = False,
              revisits: bool = False) -> int:
        where, args = (filters or Filters()).sql()
        if latest and len(self.indexes) > 1:
            return sum(1 for _ in self._iter(where, args, latest=True, revisits=revisits))
        total = 0
        for index, paths in self.indexes:
            source, source_args = self._captures(paths, latest=latest, revisits=revisits)
            sql = f"SELECT count(*) FROM ({source}) WHERE {where}"
            total += index.db.execute(sql, [*source_args, *args]).fetchone()[0]
        return total

    def versions(self, url: str) -> list[Entry]:
        """Every capture of the article ``url`` names (in any of its forms), oldest first:
        revisits included, and captures under another URL of the same article too."""
        from archiver.discovery.urls import canonical_key
        ids: set[str] = set()
        for index, paths in self.indexes:
            marks = ",".join("?" * len(paths))
            ids.update(aid for (aid,) in index.db.execute(
                f"SELECT DISTINCT article_id FROM articles WHERE file_id IN ({marks}) AND id IN "
                "(SELECT row_id FROM aliases WHERE key = ?)", [*paths, canonical_key(url)]))
        return self.article_versions(*ids)

    def article_versions(self, *article_ids: str) -> list[Entry]:
        """Every capture of the articles with these ids, oldest first."""
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        found = self._iter(f"article_id IN ({marks})", list(article_ids), revisits=True)
        return sorted(found, key=lambda e: e.order)

    def distinct(self, column: str) -> list[str]:
        """The values of ``column`` (language, site, publisher) across the archive, for filter
        menus."""
        if column not in ("language", "site", "publisher"):
            raise ValueError(column)
        values: set[str] = set()
        for index, paths in self.indexes:
            marks = ",".join("?" * len(paths))
            sql = f"SELECT DISTINCT {column} FROM articles WHERE file_id IN ({marks})"
            values.update(v for (v,) in index.db.execute(sql, list(paths)) if v)
        return sorted(values)

    def get(self, rid: str) -> Entry | None:
        return next(self._iter("rid = ?", [rid], revisits=True), None)

    # --- reading back from the WARC files -------------------------------------------------
    def record_json(self, entry: Entry) -> str:
        """The JSON record exactly as stored (one JSON Lines line, no newline)."""
        return record_at(entry.path, entry.json_off).block.decode("utf-8")

    def record(self, entry: Entry) -> dict[str, Any]:
        """The JSON record of this capture, with the keys of schema 2 (article_id, version_id,
        text_sha1) also for older records; a revisit gets the record of the capture it
        repeats, with its own time, version id and WARC links, and ``revisit_of``."""
        from archiver.identity import record_keys
        record = json.loads(self.record_json(entry))
        record.update(record_keys(record))
        if entry.revisit_of is not None:
            revisit_overlay(record, entry)
        return record

    # --- images -------------------------------------------------------------------------------
    def _image_rows(self, where: str, args: list[Any]) -> list[tuple[str, int, str | None, Path]]:
        out = []
        for index, paths in self.indexes:
            marks = ",".join("?" * len(paths))
            sql = (f"SELECT rid, offset, refers_to, file_id FROM images WHERE file_id IN ({marks})"
                   f" AND {where} ORDER BY id DESC")
            out += [(rid, off, ref, paths[fid]) for rid, off, ref, fid
                    in index.db.execute(sql, [*paths, *args])]
        return out

    def image_id(self, url: str) -> str | None:
        """The record id under which the archive holds the image at ``url`` (latest capture)."""
        rows = self._image_rows("url = ?", [url])
        return rows[0][0] if rows else None

    def image(self, rid: str) -> HttpResponse | None:
        """The stored image response with record id ``rid`` (a revisit: the one it points at)."""
        for _ in range(3):                    # a revisit of a revisit is not written, but bounded
            rows = self._image_rows("rid = ?", [rid])
            if not rows:
                return None
            _, offset, refers_to, path = rows[0]
            if refers_to is None:
                return parse_response(record_at(path, offset))
            rid = refers_to
        return None

    def raw(self, entry: Entry) -> HttpResponse:
        if entry.resp_off is None:
            raise RecordUnreadable(f"{entry.path}: no response record for {entry.url}")
        response = parse_response(record_at(entry.path, entry.resp_off))
        if response is None:
            raise RecordUnreadable(f"{entry.path}: offset {entry.resp_off}: not an HTTP response")
        return response


def _entry(values: dict[str, Any], paths: dict[int, Path]) -> Entry:
    from archiver.identity import version_id
    values["paywalled"] = bool(values["paywalled"])
    values["removed"] = json.loads(values["removed"] or "{}")
    values["path"] = paths[values.pop("file_id")]
    values["capture_path"] = paths[values.pop("capture_file_id")]
    if not values["version_id"]:          # a revisit: its own capture time makes its own id
        values["version_id"] = version_id(values["article_id"], values["fetched_at"] or "")
    return Entry(**values)


def revisit_overlay(record: dict[str, Any], entry: Entry) -> None:
    """What differs between a revisit and the capture whose record it shares."""
    warc = dict(record.get("warc") or {})
    warc.update({"file": entry.capture_path.name if entry.capture_path else warc.get("file"),
                 "response_id": f"<urn:uuid:{entry.rid}>"})
    record.update({"url": entry.url or record.get("url"), "fetched_at": entry.fetched_at,
                   "version_id": entry.version_id, "warc": warc,
                   "revisit_of": entry.revisit_of})
