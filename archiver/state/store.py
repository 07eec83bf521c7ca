"""The archive's crawl state: what the archive already holds, per article URL.

Why a state file at all: a daily crawl must skip articles it has archived (their sitemap
``lastmod`` unchanged), ask the server conditionally for the rest, and write a ``revisit`` record
when a refetched payload is byte-identical. Scanning every WARC file for that at each start takes
minutes on a large archive, so the answers live in a small SQLite file beside the WARC files.

Why it is safe to lose: the WARC files stay the archive of record. A missing state file is rebuilt
from them (``rebuild``) before the crawl starts, into a temporary file renamed into place, so a
crash during the rebuild leaves no half-built state. Each row is committed in WAL mode with
``synchronous=FULL`` right after its article's records were fsynced: a crash loses at most the
row of the article being written, which then is fetched once more on the next run.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from archiver import settings as defaults
from archiver.discovery.urls import canonical_key
from archiver.state.capture import Capture
from archiver.state.from_warcs import captures_in

logger = logging.getLogger(__name__)
STATE_NAME = ".archive-state.sqlite"
CRAWLER_ATTR = "_archiver_state"
SCHEMA = """CREATE TABLE IF NOT EXISTS urls (key TEXT PRIMARY KEY, url TEXT, lastmod TEXT,
    captured TEXT, etag TEXT, last_modified TEXT, payload_digest TEXT, record_id TEXT,
    record_date TEXT, file TEXT);
CREATE TABLE IF NOT EXISTS folded (name TEXT PRIMARY KEY, size INTEGER);
CREATE INDEX IF NOT EXISTS urls_digest ON urls (payload_digest)"""


class ArchiveState:
    """One SQLite file per archive directory; several crawlers may share it (WAL, busy timeout)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / STATE_NAME
        self.rebuilt = False
        if not self.path.exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            self.rebuilt = rebuild(self.directory, self.path) > 0
        self.db = _connect(self.path)
        self.catch_up()

    def catch_up(self) -> int:
        try:
            return self._catch_up()
        except sqlite3.Error as exc:     # a full disk: the next start catches up
            logger.warning("Archive state not caught up from the WARC files: %s", exc)
            return 0

    def forget_records(self, record_ids: list[str]) -> None:
        """Drop rows naming records that crash repair cut away with an unfinished write."""
        if record_ids:
            with self.db:
                self.db.executemany("DELETE FROM urls WHERE record_id = ?",
                                    [(rid,) for rid in record_ids])

    def _catch_up(self) -> int:
        """Fold in the WARC files the state has not seen whole; returns how many URLs it learnt.

        A crash between an article's fsync and its state row leaves the article in the WARC file
        (and, after repair, in the JSON Lines) but not here: without this, the next run would
        fetch it again. Each file is read once at the size it had; later captures win.
        """
        known = dict(self.db.execute("SELECT name, size FROM folded"))
        fresh = [p for p in sorted(self.directory.glob("*.warc.gz"))
                 if known.get(p.name) != p.stat().st_size]
        learnt = 0
        with self.db:
            for key, capture in captures_in(fresh).items():
                row = self.db.execute("SELECT record_date FROM urls WHERE key = ?",
                                      (key,)).fetchone()
                if row is None or (row[0] or "") < (capture.record_date or ""):
                    self.db.execute("INSERT OR REPLACE INTO urls VALUES (?,?,?,?,?,?,?,?,?,?)",
                                    (key, *_row(capture)))
                    learnt += 1
            self.db.executemany("INSERT OR REPLACE INTO folded VALUES (?, ?)",
                                [(p.name, p.stat().st_size) for p in fresh])
        if learnt:
            logger.info("Archive state caught up from %d WARC file(s): %d URL(s)", len(fresh), learnt)
        return learnt

    @classmethod
    def for_crawler(cls, crawler: Any) -> ArchiveState:
        """The crawler's state, opened after the WARC archive repaired leftovers from a crash."""
        state = getattr(crawler, CRAWLER_ATTR, None)
        if state is None:
            from archiver.warc.archive import WarcArchive
            archive = WarcArchive.for_crawler(crawler)
            state = cls(crawler.settings.get("ARCHIVE_DIR", defaults.ARCHIVE_DIR))
            state.forget_records([rid for result in archive.repaired for rid in result.dropped])
            setattr(crawler, CRAWLER_ATTR, state)
        return state

    def get(self, url: str) -> Capture | None:
        row = self.db.execute("SELECT * FROM urls WHERE key = ?", (canonical_key(url),)).fetchone()
        return None if row is None else _capture(row)

    def by_digest(self, digest: str) -> Capture | None:
        """A full capture with this payload digest (an image served under a second URL)."""
        row = self.db.execute("SELECT * FROM urls WHERE payload_digest = ? AND record_id IS NOT "
                              "NULL LIMIT 1", (digest,)).fetchone()
        return None if row is None else _capture(row)

    def is_unchanged(self, url: str, when: datetime | None) -> bool:
        capture = self.get(url)
        return capture is not None and capture.unchanged_since(when)

    def put(self, urls: list[str], capture: Capture) -> None:
        """Store ``capture`` under the key of every URL it was reached by; durable on return."""
        values = _row(capture)
        with self.db:
            for key in dict.fromkeys(canonical_key(u) for u in urls):
                self.db.execute("INSERT OR REPLACE INTO urls VALUES (?,?,?,?,?,?,?,?,?,?)",
                                (key, *values))

    def confirm(self, urls: list[str], when: datetime, lastmod: datetime | None) -> None:
        """The stored payload was seen again unchanged (304 or identical digest)."""
        for url in urls:
            capture = self.get(url)
            if capture is not None:
                capture.captured = max(capture.captured, when)
                capture.lastmod = max(x for x in (capture.lastmod, lastmod) if x) \
                    if (capture.lastmod or lastmod) else None
                self.put([url], capture)

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM urls").fetchone()[0]

    def close(self) -> None:
        self.db.close()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript(SCHEMA)
    db.isolation_level = "DEFERRED"
    return db


_COLUMNS = ("url", "lastmod", "captured", "etag", "last_modified", "payload_digest", "record_id",
            "record_date", "file")


def _row(capture: Capture) -> tuple:
    iso = lambda d: d.astimezone(timezone.utc).isoformat() if d else None  # noqa: E731
    data = {f.name: getattr(capture, f.name) for f in fields(capture)}
    data["lastmod"], data["captured"] = iso(capture.lastmod), iso(capture.captured)
    return tuple(data[c] for c in _COLUMNS)


def _capture(row: tuple) -> Capture:
    data = dict(zip(("key", *_COLUMNS), row))
    data.pop("key")
    for name in ("lastmod", "captured"):
        data[name] = datetime.fromisoformat(data[name]) if data[name] else None
    return Capture(**data)


def rebuild(directory: Path, target: Path) -> int:
    """Recreate the state from the WARC files alone; returns the number of URLs found."""
    files = sorted(directory.glob("*.warc.gz"))
    found = captures_in(files)
    if not found:
        return 0
    temp = target.with_name(target.name + f".rebuild-{os.getpid()}")
    temp.unlink(missing_ok=True)
    db = _connect(temp)
    with db:
        for key, capture in found.items():
            db.execute("INSERT OR REPLACE INTO urls VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (key, *_row(capture)))
        db.executemany("INSERT OR REPLACE INTO folded VALUES (?, ?)",
                       [(p.name, p.stat().st_size) for p in files])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.replace(temp, target)
    logger.warning("Archive state %s was missing: rebuilt from the WARC files (%d URLs)",
                   target, len(found))
    return len(found)
