"""The WARC archive of one crawler process: owns the open file, rotates it, closes it.

Durability rules (why the code is shaped like this):
- every record is one gzip member and every write goes straight to the file descriptor (no
  user-space buffer), so SIGKILL loses at most what was being written at that instant;
- an article's five records (and its images' records) go out in one write and are fsynced before its JSON line is
  written, so a JSON line never points at records that are not on disk;
- the JSON line is one os.write on an O_APPEND descriptor: a kill never leaves half a line
  interleaved with another process's line;
- a write that fails (disk full, I/O error) is cut back to where it began, and nothing more is
  written: the file keeps its ``.open`` name so that the next start repairs it, and
  ``on_failure`` (the crawl's stop) is told once. Every article written before stays.
The JSON Lines are written here, not through Scrapy's FEEDS, because of the last rules.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiver import settings as defaults

from .compose import (article_fields, article_records, request_record, response_record,
                      revisit_record, warcinfo_record)
from .exchange import Exchange
from .files import OPEN_SUFFIX, create_locked, fsync_dir, host_token, jsonl_path, write_all
from .images import ArticleImages, ImageCapture
from .info import warcinfo_fields
from .records import new_record_id
from .repair import repair_directory

if TYPE_CHECKING:
    from archiver.extract.article import Article

logger = logging.getLogger(__name__)
CRAWLER_ATTR = "_archiver_warc_archive"


PREFIX_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class ArticleFileChanged(Exception):
    """An article's records were to go to a file other than the one its links name."""


class ArchiveWriteFailed(Exception):
    """The archive could not be written (disk full, I/O error); nothing more will be."""

    def __init__(self, message: str, disk_full: bool) -> None:
        super().__init__(message)
        self.disk_full = disk_full


def prefix_problem(prefix: str) -> str | None:
    """Why ``prefix`` cannot start a WARC file name, or None. Only letters, digits, ``.``,
    ``_`` and ``-``: a ``/`` or ``..`` would put files outside the archive directory."""
    if not isinstance(prefix, str) or not PREFIX_PATTERN.fullmatch(prefix):
        return (f"WARC_PREFIX {prefix!r} is not a file name prefix: use letters, digits, '.', "
                "'_' and '-' (starting with a letter or digit)")
    return None


class WarcArchive:
    """One per crawler process. Files are opened lazily: a crawl that fetches nothing writes none."""

    def __init__(self, directory: str | Path, *, prefix: str = defaults.WARC_PREFIX,
                 max_size: int = defaults.WARC_MAX_SIZE,
                 info: list[tuple[str, str]] | None = None,
                 host: str | None = None, repair: bool = True,
                 on_failure: Callable[[ArchiveWriteFailed], None] | None = None) -> None:
        problem = prefix_problem(prefix)
        if problem:
            raise ValueError(problem)
        self.directory = Path(directory)
        self.prefix, self.max_size = prefix, max_size
        self.info = info if info is not None else warcinfo_fields()
        self.host = host or host_token()
        self.serial = 0
        self._fd: int | None = None
        self._final: Path | None = None
        self._size = 0
        self._pending: set[str] = set()
        self._deferred: dict[int, Exchange] = {}
        # What this process wrote, for the crawl's summary: file names, records, JSON lines.
        self.files_written: list[str] = []
        self.records_written = 0
        self.json_lines_written = 0
        self.failed: ArchiveWriteFailed | None = None
        self.on_failure = on_failure
        self.repaired = repair_directory(self.directory) if repair and self.directory.exists() else []
        for result in self.repaired:
            logger.warning("WARC crash repair: %s", result)

    @classmethod
    def for_crawler(cls, crawler: Any) -> WarcArchive:
        """The crawler's one archive, created on first use and closed when the spider closes."""
        archive = getattr(crawler, CRAWLER_ATTR, None)
        if archive is None:
            from scrapy import signals
            settings = crawler.settings
            archive = cls(settings.get("ARCHIVE_DIR", defaults.ARCHIVE_DIR),
                          prefix=settings.get("WARC_PREFIX", defaults.WARC_PREFIX),
                          max_size=settings.getint("WARC_MAX_SIZE", defaults.WARC_MAX_SIZE),
                          info=warcinfo_fields(settings),
                          on_failure=lambda exc: _stop_crawl(crawler, exc))
            crawler.signals.connect(archive._spider_closed, signal=signals.spider_closed)
            setattr(crawler, CRAWLER_ATTR, archive)
        return archive

    # --- public API -------------------------------------------------------------------------
    @property
    def file_name(self) -> str | None:
        """Final name (no directory, no .open) of the file open now."""
        return self._final.name if self._final else None

    def write_exchange(self, exchange: Exchange) -> str:
        """Write a response + request pair now; returns the response record's ID."""
        if exchange.record_id:
            return exchange.record_id
        self._deferred.pop(id(exchange), None)
        self._rotate_if_full()
        response_id = new_record_id()
        records = [response_record(exchange, response_id), request_record(exchange, response_id)]
        self._write(b"".join(r.to_gzip() for r in records), len(records))
        exchange.record_id = response_id
        return response_id

    def write_revisit(self, exchange: Exchange, payload_digest: str, refers_to: str,
                      refers_to_uri: str, refers_to_date: str) -> str:
        """A refetch with an unchanged payload: a revisit record (HTTP head only) and its request,
        instead of a second copy of the body; returns the revisit record's ID."""
        self._deferred.pop(id(exchange), None)
        self._rotate_if_full()
        revisit_id = new_record_id()
        records = [revisit_record(exchange, revisit_id, payload_digest, refers_to, refers_to_uri,
                                  refers_to_date), request_record(exchange, revisit_id)]
        self._write(b"".join(r.to_gzip() for r in records), len(records))
        self._guard(os.fsync, self._fd)
        exchange.record_id = revisit_id
        return revisit_id

    def defer(self, exchange: Exchange) -> None:
        """Hold an article's exchange until write_article (or release) takes it."""
        self._deferred[id(exchange)] = exchange

    def release(self, exchange: Exchange | None) -> None:
        """The deferred exchange will not become an article: archive it as a plain capture."""
        if exchange is not None and id(exchange) in self._deferred:
            self.write_exchange(exchange)

    def write_article(self, article: Article, exchange: Exchange, *, site: str | None,
                      fetched_at: str, http_status: int,
                      images: ArticleImages | None = None) -> dict[str, Any]:
        """One article, whole, as warcio's ``write_request_response_pair`` writes a pair: the
        exchange as captured (response, request), the clean HTML (conversion), its metadata
        (warc-fields, and the JSON record) and its images' records, in one write, fsync'ed;
        then its JSON line. Returns the JSON record, whose ``warc`` key links the records.

        The crawl's pipeline, ``archive reprocess`` and the tests all write articles here.
        ``images``: what became of the article's images (without them, every image of the
        article is listed as not captured)."""
        from archiver.items import build_record
        links = self._begin_article()
        record = build_record(article, site=site, fetched_at=fetched_at, http_status=http_status,
                              warc=links, images=images.entries if images is not None else None)
        fields = article_fields(article, record["site"])
        self._write_article(links, exchange, article.html, fields, record,
                            images.captures if images is not None else ())
        return record

    def _begin_article(self) -> dict[str, str]:
        """Reserve record IDs (and the file) for one article; rotates first if the file is full."""
        self._rotate_if_full()
        self._ensure_open()
        links = {"file": self.file_name or "", "response_id": new_record_id(),
                 "conversion_id": new_record_id()}
        self._pending.add(links["response_id"])
        return links

    def _write_article(self, links: dict[str, str], exchange: Exchange, clean_html: str,
                       fields: list[tuple[str, str]], record: dict[str, Any],
                       images: Sequence[ImageCapture] = ()) -> None:
        """The article's five records and its images' records in one write, fsync, then its
        JSON line."""
        if links["file"] != self.file_name:
            raise ArticleFileChanged(f"article links name {links['file']}, open is {self.file_name}")
        self._pending.discard(links["response_id"])
        self._deferred.pop(id(exchange), None)
        records = article_records(links, exchange, clean_html, fields, record)
        for image in images:
            for hop in image.exchanges:
                self._deferred.pop(id(hop), None)
            records += image.records()
        self._write(b"".join(r.to_gzip() for r in records), len(records))
        self._guard(os.fsync, self._fd)
        exchange.record_id = links["response_id"]
        self._append_jsonl(record)

    def close(self) -> None:
        """Write held-back exchanges, close the file and drop its .open suffix. After a failed
        write, only close: the file stays ``.open`` for the next start to repair."""
        if self.failed is None:
            try:
                for exchange in list(self._deferred.values()):
                    self.write_exchange(exchange)
                self._close_file()
                return
            except ArchiveWriteFailed:
                pass
        self._abandon_file()

    # --- internals --------------------------------------------------------------------------
    def _spider_closed(self, spider: Any = None, reason: str = "") -> None:
        self.close()

    def _ensure_open(self) -> None:
        if self._fd is not None:
            return
        self._check_usable()
        self._fd, self._final, self.serial = self._guard(
            create_locked, self.directory, self.prefix, self.serial, self.host)
        self._size = 0
        self.files_written.append(self._final.name)
        info = warcinfo_record(self._final.name, self.info, datetime.now(timezone.utc))
        self._write(info.to_gzip(), 1)

    def _write(self, data: bytes, records: int = 1) -> None:
        self._ensure_open()
        try:
            write_all(self._fd, data)  # type: ignore[arg-type]
        except OSError as exc:
            self._cut_back(self._fd, self._size)
            self._fail(exc)
        self._size += len(data)
        self.records_written += records

    def _check_usable(self) -> None:
        if self.failed is not None:
            raise self.failed

    def _guard(self, call: Callable[..., Any], *args: Any) -> Any:
        """Run an OS call of the writer; an OSError makes the archive fail (see _fail)."""
        self._check_usable()
        try:
            return call(*args)
        except OSError as exc:
            self._fail(exc)

    def _fail(self, exc: OSError) -> None:
        from archiver.crawl_stop import is_disk_full
        where = self._final.name + OPEN_SUFFIX if self._final else str(self.directory)
        full = is_disk_full(exc)
        what = "disk full" if full else "cannot write the archive"
        self.failed = ArchiveWriteFailed(
            f"{what}: {exc.strerror or exc} writing {self.directory / where}; stopped writing "
            "(every article written before is kept; the next crawl repairs the cut file and "
            "goes on)", full)
        if self.on_failure is not None:
            self.on_failure(self.failed)
        raise self.failed

    @staticmethod
    def _cut_back(fd: int | None, size: int) -> None:
        """Drop what a failed write left: the file ends where the last whole write ended."""
        if fd is None:
            return
        try:
            os.ftruncate(fd, size)
        except OSError:
            pass        # repair will cut it at the next start

    def _rotate_if_full(self) -> None:
        if self._fd is not None and self._size >= self.max_size and not self._pending:
            self._close_file()

    def _close_file(self) -> None:
        if self._fd is None or self._final is None:
            return
        self._guard(os.fsync, self._fd)
        self._guard(os.rename, self._final.with_name(self._final.name + OPEN_SUFFIX), self._final)
        self._guard(fsync_dir, self._final.parent)
        os.close(self._fd)   # closing releases the flock, after the rename
        logger.info("WARC file closed: %s (%d bytes)", self._final, self._size)
        self._fd, self._final = None, None
        self.serial += 1

    def _abandon_file(self) -> None:
        """After a failure: close without renaming; a file that holds nothing is removed (it is
        ours, just created: an empty ``.open`` would only be set aside as ``.invalid``)."""
        if self._fd is None or self._final is None:
            return
        open_path = self._final.with_name(self._final.name + OPEN_SUFFIX)
        if self._size == 0:
            try:
                open_path.unlink()
                self.files_written.remove(self._final.name)
            except (OSError, ValueError):
                pass
        os.close(self._fd)
        logger.warning("WARC file left to be repaired by the next crawl: %s", open_path)
        self._fd, self._final = None, None

    def _append_jsonl(self, record: dict[str, Any]) -> None:
        from archiver.items import dumps_record
        line = (dumps_record(record) + "\n").encode("utf-8")
        path = jsonl_path(self._final)  # type: ignore[arg-type]
        fd = self._guard(os.open, path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            before = os.fstat(fd).st_size
            write_all(fd, line)
        except OSError as exc:
            self._cut_back(fd, before)    # no partial line; repair restores it from the WARC
            self._fail(exc)
        finally:
            os.close(fd)
        self.json_lines_written += 1


def _stop_crawl(crawler: Any, exc: ArchiveWriteFailed) -> None:
    from archiver.crawl_stop import stop_crawl
    stop_crawl(crawler, "disk_full" if exc.disk_full else "write_failed", str(exc))
