"""A SQLite index of the articles (and the images) in the WARC files of one directory.

Why SQLite: lookups by URL and filtered, searched listings must answer in milliseconds on
archives of 100,000 articles, and reading every WARC file for that takes minutes. One file
``.archive-index.sqlite`` per directory (not one per WARC file) so that a lookup is one query,
not one per WARC file. It is a cache: each WARC file is known by name, size and mtime, a changed
or new file is (re)indexed, a vanished one dropped, and an index that cannot be written (read-only
archive) lives in memory for the run. Search uses a contentless FTS5 table, so the index holds no
copy of the article text; rows of re-indexed files become garbage there, and the whole index is
rebuilt when garbage outweighs live rows. Images are indexed by URL (and record id) so that
the reader serves the pictures of an article from the archive, never from the web.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from archiver.errors import Problem, ProblemHandler

from .extract_rows import ArticleRow, RevisitRow, article_rows

INDEX_NAME = ".archive-index.sqlite"
VERSION = 4     # 2: article_id, version_id, text_sha1; revisits; the captures view. 3: publisher
                # 4: images (the reader serves them)
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,
    size INTEGER, mtime_ns INTEGER);
CREATE TABLE IF NOT EXISTS problems (file_id INTEGER, offset INTEGER, message TEXT);
CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY AUTOINCREMENT, file_id INTEGER,
    rid TEXT, url TEXT, title TEXT, site TEXT, publisher TEXT, language TEXT, date TEXT,
    fetched_at TEXT,
    paywalled INTEGER, word_count INTEGER, removed TEXT, raw_bytes INTEGER,
    resp_off INTEGER, conv_off INTEGER, json_off INTEGER,
    article_id TEXT, version_id TEXT, text_sha1 TEXT);
CREATE TABLE IF NOT EXISTS revisits (id INTEGER PRIMARY KEY AUTOINCREMENT, file_id INTEGER,
    rid TEXT, url TEXT, fetched_at TEXT, refers_to TEXT, offset INTEGER);
CREATE TABLE IF NOT EXISTS aliases (key TEXT, row_id INTEGER);
CREATE INDEX IF NOT EXISTS aliases_key ON aliases (key);
CREATE INDEX IF NOT EXISTS articles_rid ON articles (rid);
CREATE INDEX IF NOT EXISTS articles_file ON articles (file_id);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);
CREATE INDEX IF NOT EXISTS articles_article ON articles (article_id, fetched_at);
CREATE INDEX IF NOT EXISTS revisits_refers ON revisits (refers_to);
CREATE INDEX IF NOT EXISTS revisits_file ON revisits (file_id);
CREATE TABLE IF NOT EXISTS images (id INTEGER PRIMARY KEY AUTOINCREMENT, file_id INTEGER,
    rid TEXT, url TEXT, offset INTEGER, refers_to TEXT);
CREATE INDEX IF NOT EXISTS images_url ON images (url);
CREATE INDEX IF NOT EXISTS images_rid ON images (rid);
CREATE INDEX IF NOT EXISTS images_file ON images (file_id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, text, content='',
    tokenize='unicode61 remove_diacritics 2');
-- Every capture: each stored article, and each revisit joined to the article it repeats
-- (``file_id``/offsets: where its records are read; ``capture_file_id``: where it was written).
CREATE VIEW IF NOT EXISTS captures AS
    SELECT id, rid, url, title, site, publisher, language, date, fetched_at, paywalled, word_count, removed,
        raw_bytes, resp_off, conv_off, json_off, file_id, file_id AS capture_file_id,
        json_off AS capture_off, article_id, version_id, text_sha1, NULL AS revisit_of
    FROM articles
    UNION ALL
    SELECT a.id, r.rid, r.url, a.title, a.site, a.publisher, a.language, a.date, r.fetched_at, a.paywalled,
        a.word_count, a.removed, a.raw_bytes, a.resp_off, a.conv_off, a.json_off, a.file_id,
        r.file_id, r.offset, a.article_id, NULL, a.text_sha1, a.version_id
    FROM revisits r JOIN articles a ON a.rid = r.refers_to;
"""
Progress = Callable[[Path], None]


class DirectoryIndex:
    """The index of one directory, brought up to date for the WARC files asked about."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.db = _connect(directory / INDEX_NAME)

    def refresh(self, files: list[Path], on_problem: ProblemHandler,
                progress: Progress | None = None) -> dict[str, int]:
        """Index new or changed ``files``, drop rows of vanished ones; return name -> file id."""
        self._drop_vanished()
        known = {name: (fid, size, mtime) for fid, name, size, mtime
                 in self.db.execute("SELECT id, name, size, mtime_ns FROM files")}
        ids = {}
        for path in files:
            stat = path.stat()
            entry = known.get(path.name)
            if entry is None or entry[1:] != (stat.st_size, stat.st_mtime_ns):
                if progress:
                    progress(path)
                ids[path.name] = self._index_file(path, stat, on_problem)
            else:
                ids[path.name] = entry[0]
                self._report_problems(path, entry[0], on_problem)
        if self._collect_garbage():
            return self.refresh(files, on_problem, progress)
        return ids

    def _index_file(self, path: Path, stat, on_problem: ProblemHandler) -> int:
        seen: list[tuple[int, str]] = []

        def note(problem) -> None:
            seen.append((problem.offset, problem.message))
            on_problem(problem)

        with self.db:
            self._forget(path.name)
            fid = self.db.execute("INSERT INTO files (name, size, mtime_ns) VALUES (?, ?, ?)",
                                  (path.name, stat.st_size, stat.st_mtime_ns)).lastrowid
            images: list[tuple] = []
            for row in article_rows(path, note, lambda i: images.append((fid, *i))):
                if isinstance(row, RevisitRow):
                    self._insert_revisit(fid, row)
                else:
                    self._insert(fid, row)
            self.db.executemany("INSERT INTO images (file_id, rid, url, offset, refers_to) "
                                "VALUES (?,?,?,?,?)", images)
            self.db.executemany("INSERT INTO problems VALUES (?, ?, ?)",
                                [(fid, off, msg) for off, msg in seen])
        return fid

    def _insert(self, fid: int, row: ArticleRow) -> None:
        cur = self.db.execute(
            "INSERT INTO articles (file_id, rid, url, title, site, publisher, language, date,"
            " fetched_at, paywalled, word_count, removed, raw_bytes, resp_off, conv_off, json_off,"
            " article_id, version_id, text_sha1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (fid, row.rid, row.url, row.title, row.site, row.publisher, row.language, row.date,
             row.fetched_at,
             int(row.paywalled), row.word_count, json.dumps(row.removed), row.raw_bytes,
             row.resp_off, row.conv_off, row.json_off, row.article_id, row.version_id,
             row.text_sha1))
        aid = cur.lastrowid
        self.db.executemany("INSERT INTO aliases VALUES (?, ?)", [(k, aid) for k in row.keys])
        self.db.execute("INSERT INTO fts (rowid, title, text) VALUES (?, ?, ?)",
                        (aid, row.title or "", row.text or ""))

    def _insert_revisit(self, fid: int, row: RevisitRow) -> None:
        self.db.execute("INSERT INTO revisits (file_id, rid, url, fetched_at, refers_to, offset)"
                        " VALUES (?,?,?,?,?,?)",
                        (fid, row.rid, row.url, row.fetched_at, row.refers_to, row.offset))

    def _forget(self, name: str) -> None:
        """Drop a file's rows (its FTS rows stay behind as garbage; see module docstring)."""
        for (fid,) in self.db.execute("SELECT id FROM files WHERE name = ?", (name,)).fetchall():
            gone = self.db.execute("SELECT count(*) FROM articles WHERE file_id = ?",
                                   (fid,)).fetchone()[0]
            self.db.execute("DELETE FROM aliases WHERE row_id IN "
                            "(SELECT id FROM articles WHERE file_id = ?)", (fid,))
            for table in ("articles", "revisits", "problems", "images"):
                self.db.execute(f"DELETE FROM {table} WHERE file_id = ?", (fid,))
            self.db.execute("DELETE FROM files WHERE id = ?", (fid,))
            self._add_garbage(gone)

    def _drop_vanished(self) -> None:
        names = [n for (n,) in self.db.execute("SELECT name FROM files")]
        with self.db:
            for name in names:
                if not (self.directory / name).is_file():
                    self._forget(name)

    def _report_problems(self, path: Path, fid: int, on_problem: ProblemHandler) -> None:
        for offset, message in self.db.execute(
                "SELECT offset, message FROM problems WHERE file_id = ?", (fid,)):
            on_problem(Problem(str(path), message, offset=offset))

    def _add_garbage(self, count: int) -> None:
        self.db.execute("INSERT INTO meta VALUES ('garbage', ?) ON CONFLICT(key) DO UPDATE "
                        "SET value = CAST(value AS INTEGER) + ?", (count, count))

    def _collect_garbage(self) -> bool:
        """Rebuild from scratch when dead FTS rows outnumber live articles (and are many)."""
        garbage = int((self.db.execute("SELECT value FROM meta WHERE key = 'garbage'")
                       .fetchone() or [0])[0])
        if garbage <= 1000:     # the usual case: no count(*), which costs O(articles) per open
            return False
        live = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        if garbage <= max(1000, live):
            return False
        with self.db:
            for table in ("files", "problems", "articles", "revisits", "aliases", "images"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("INSERT INTO fts (fts) VALUES ('delete-all')")
            self.db.execute("DELETE FROM meta WHERE key = 'garbage'")
        return True


def _connect(path: Path) -> sqlite3.Connection:
    """The on-disk index, recreated if it is of another version or damaged; else in memory."""
    for target in (path, path, ":memory:"):
        try:
            db = sqlite3.connect(str(target), check_same_thread=False)
            db.executescript(SCHEMA)
            version = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is None and not db.execute("SELECT 1 FROM files LIMIT 1").fetchone():
                db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(VERSION),))
                db.commit()
            elif version is None or int(version[0]) != VERSION:
                raise sqlite3.DatabaseError("index of another version")
            return db
        except sqlite3.Error:
            if target != ":memory:":
                _remove(path)
    raise AssertionError("unreachable: an in-memory SQLite database always opens")


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal")):
        try:
            p.unlink()
        except OSError:
            pass
