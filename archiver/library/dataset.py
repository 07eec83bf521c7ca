"""``archiver.open_archive()``: an archive as a dataset, for scripts, pandas, pyarrow and DuckDB.

    import archiver
    arc = archiver.open_archive("archives/")          # WARC files or directories, like the CLI
    for rec in arc.records(latest=True, language="de", since="2026-01-01"): ...
    df = arc.to_pandas()                              # one row per capture (version)
    arc.versions(url); arc.diff(url); arc.changes(since="2026-05-01")

Records are the JSON records as stored in the WARC files (what ``archive replay --jsonl``
prints), plus ``article_id``, ``version_id`` and ``text_sha1`` for records written before
schema 2, and ``revisit_of``: a capture stored as a revisit (the page had not changed) is a row
of its own, with the record of the capture it repeats, its own time and version id. Reading
goes through the same index as the CLI and streams: ``records()`` holds one record at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from archiver.errors import ArchiveError, Problem
from archiver.identity import capture_time, parse_time

from .library import Entry, Filters, Library
from .textdiff import ArticleDiff, diff_records

logger = logging.getLogger("archiver")
When = str | date | datetime


class NotInArchive(ArchiveError):
    """No capture of the URL asked for."""


class VersionNotFound(ArchiveError):
    """A version asked for (by id, position or time) is not among the article's captures."""


def open_archive(*paths: str | Path, on_problem: Callable[[Problem], None] | None = None) -> Archive:
    """Open WARC files and/or directories (searched recursively) as one Archive.

    Damaged records are skipped; each is logged as a warning (logger ``archiver``), kept in
    ``Archive.problems`` and handed to ``on_problem`` if given. Raises ArchiveError for a
    missing path, a file that is not a WARC, or no WARC files at all."""
    problems: list[Problem] = []

    def note(problem: Problem) -> None:
        problems.append(problem)
        logger.warning("%s", problem)
        if on_problem is not None:
            on_problem(problem)

    if not paths:
        raise ArchiveError("open_archive() needs at least one WARC file or directory")
    library = Library(list(paths), note)
    if not library.files:
        raise ArchiveError(f"no WARC files (*.warc.gz) under {', '.join(map(str, paths))}")
    return Archive(library, problems)


class Archive:
    """The captures of some WARC files. Every method reads the WARC files through the index."""

    def __init__(self, library: Library, problems: list[Problem] | None = None) -> None:
        self.library = library
        self.problems = problems if problems is not None else []

    @property
    def files(self) -> list[Path]:
        return list(self.library.files)

    def __len__(self) -> int:
        """The number of captures (versions), revisits included."""
        return self.library.count(revisits=True)

    def __repr__(self) -> str:
        return f"<Archive: {len(self.library.files)} WARC files, {len(self)} captures>"

    # --- records and tables -------------------------------------------------------------------
    def records(self, *, latest: bool = False, language: str | None = None,
                site: str | None = None, since: When | None = None, until: When | None = None,
                search: str | None = None, html: bool = True, publisher: str | None = None
                ) -> Iterator[dict[str, Any]]:
        """Record dicts, oldest capture first. ``latest``: one per article (its latest
        capture); ``language``/``site``/``publisher``: exact (ISO 639-1 code; profile name or
        host; the site's own name, any case); ``since``/
        ``until``: the article's date (published, else captured), inclusive; ``search``:
        words that must all occur in title or text; ``html=False`` leaves out the HTML."""
        filters = Filters(lang=language, site=site, publisher=publisher, since=_day(since, "since"),
                          until=_day(until, "until"), search=search)
        for entry in self.library.iter_entries(filters, latest=latest):
            yield self._record(entry, html)

    def _record(self, entry: Entry, html: bool = True) -> dict[str, Any]:
        record = self.library.record(entry)
        record.setdefault("revisit_of", None)
        if not html:
            record.pop("html", None)
        return record

    def to_arrow(self, latest: bool = False, *, html: bool = True, **filters: Any):
        """A pyarrow Table, one typed row per capture (per article with ``latest``): times in
        UTC, lists as lists, ``image``/``warc`` as structs. Filters as in records()."""
        from .tabular import to_table
        return to_table(self.records(latest=latest, html=html, **filters), html)

    def to_pandas(self, latest: bool = False, *, html: bool = True, **filters: Any):
        """A pandas DataFrame of to_arrow()'s rows (timestamps are ``datetime64[us, UTC]``)."""
        from .tabular import to_dataframe
        return to_dataframe(self.to_arrow(latest, html=html, **filters))

    # --- versions and what changed --------------------------------------------------------
    def versions(self, url: str) -> list[dict[str, Any]]:
        """The records of every capture of the article ``url`` names (any form of its URL:
        canonical, with tracking parameters, a ``?p=`` shortlink), oldest first."""
        return [self._record(e) for e in self._entries(url)]

    def _entries(self, url: str) -> list[Entry]:
        entries = self.library.versions(url)
        if not entries:
            raise NotInArchive(f"{url}: not in the archive")
        return entries

    def diff(self, url: str, a: Any = None, b: Any = None) -> ArticleDiff:
        """What changed between two captures of the article: ``a`` the older, ``b`` the newer.
        Each is a version_id, a position (0 the first, -1 the latest), or a time (the last
        capture on or before it; a bare date means the end of that day). Default: the last
        two different versions (captures that repeat the one before them are skipped)."""
        entries = self._entries(url)
        new = pick(entries, b, "b") if b is not None else entries[-1]
        old = pick(entries, a, "a") if a is not None else previous_version(entries, new)
        if old is new:
            raise VersionNotFound(f"{url}: a and b are the same capture ({old.version_id})")
        if old.order > new.order:
            old, new = new, old
        return diff_records(self.library.record(old), self.library.record(new))

    def changes(self, since: When | None = None) -> Iterator[ArticleDiff]:
        """Each edit found between consecutive captures of an article (its clean text or its
        title differ), oldest first by article; ``since``: edits captured on or after. Captures
        that repeat the one before them are not changes."""
        start = capture_time(_moment(since, "since")) if since is not None else ""
        previous: Entry | None = None
        for entry in self.library.iter_entries(order="article"):
            before, previous = previous, entry
            if before is None or before.article_id != entry.article_id:
                continue
            if _same_content(before, entry) or (entry.fetched_at or "") < start:
                continue
            yield diff_records(self.library.record(before), self.library.record(entry))


def _same_content(a: Entry, b: Entry) -> bool:
    return (a.text_sha1, a.title) == (b.text_sha1, b.title)


def previous_version(entries: list[Entry], new: Entry) -> Entry:
    """The last capture before ``new`` whose text or title differs; else the one just before."""
    earlier = [e for e in entries if e.order < new.order]
    if not earlier:
        raise VersionNotFound(f"{new.url}: only one capture (at {new.fetched_at}), nothing to "
                              "compare it with")
    changed = [e for e in earlier if not _same_content(e, new)]
    return (changed or earlier)[-1]


def pick(entries: list[Entry], which: Any, name: str = "version") -> Entry:
    """One capture by version_id, position or time (see Archive.diff)."""
    if isinstance(which, int) and not isinstance(which, bool):
        try:
            return entries[which]
        except IndexError:
            raise VersionNotFound(f"{name}={which}: there are {len(entries)} captures") from None
    if isinstance(which, str):
        found = [e for e in entries if e.version_id == which.strip().lower()]
        if found:
            return found[0]
    moment = capture_time(_moment(which, name, end_of_day=True))
    found = [e for e in entries if (e.fetched_at or "") <= moment]
    if not found:
        raise VersionNotFound(f"no capture on or before {which} (the first is from "
                              f"{entries[0].fetched_at})")
    return found[-1]


def _moment(value: Any, name: str, end_of_day: bool = False) -> datetime:
    """A time from a datetime, a date or a string (ISO 8601, YYYY-MM-DD; naive means UTC)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time.max if end_of_day else time.min, timezone.utc)
    elif isinstance(value, str) and len(value.strip()) == 10 and end_of_day:
        value = value.strip() + "T23:59:59"
    moment = parse_time(value) if isinstance(value, (str, datetime)) else None
    if moment is None:
        raise ValueError(f"{name}={value!r}: not a version id, position, date or ISO 8601 time")
    return moment


def _day(value: When | None, name: str) -> str | None:
    return None if value is None else _moment(value, name).date().isoformat()
