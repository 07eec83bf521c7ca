"""Resuming a crawl with ``-s JOBDIR=DIR``: the archive, not Scrapy's queue, decides what is left.

Scrapy keeps a resumable job in JOBDIR as a seen-set (``requests.seen``) and a disk queue
(``requests.queue``), written separately and the queue's index only on a clean stop. Killed
(SIGKILL, OOM, power), they disagree: a request can be "seen" but in no queue, and the resumed
job never makes it. Articles must not be lost that way, so the archive keeps its own record:

- every article request, when Scrapy schedules it, goes into a journal in JOBDIR
  (``archiver-journal.sqlite``; one SQLite row, committed before the request is queued);
- the job's start time is kept there; an article the archive's state shows captured since
  then is done: it is not fetched again in this job, whatever queue or link brings it back
  (`IncrementalMiddleware` asks `JobJournal.done_in_job`);
- on resume, every journalled article not done is scheduled again; after a kill, Scrapy's seen-
  set and queue are set aside (``*.killed``), so discovery walks the site again from the top;
- a request for an article already requested in this run is dropped (the journal, a restored
  queue and rediscovery may all bring the same one);
- a crawl that finishes ends the job: the next run with the same JOBDIR is a new job.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archiver import settings as defaults
from archiver.request_meta import ARTICLE_META_KEY, LASTMOD_META_KEY

logger = logging.getLogger(__name__)
JOURNAL_NAME = "archiver-journal.sqlite"
CRAWLER_ATTR = "_archiver_job_journal"
SCRAPY_JOB_FILES = ("requests.queue", "requests.seen")
SCHEMA = """CREATE TABLE IF NOT EXISTS job (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS discovered (key TEXT PRIMARY KEY, url TEXT, edition TEXT,
    lastmod TEXT, depth INTEGER)"""


class JobJournal:
    """The articles a JOBDIR job has discovered, and when the job began."""

    def __init__(self, jobdir: str | Path) -> None:
        self.jobdir = Path(jobdir)
        self.jobdir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.jobdir / JOURNAL_NAME, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")     # survives a kill; a fsync per row is
        self.db.executescript(SCHEMA)                    # not needed for that
        job = dict(self.db.execute("SELECT key, value FROM job"))
        self.killed = job.get("state") == "running"      # the last run never closed
        self.resumed = job.get("state") in ("running", "stopped") and "started" in job
        if self.resumed:
            self.started = datetime.fromisoformat(job["started"])
        else:
            self.started = datetime.now(timezone.utc)
            with self.db:
                self.db.execute("DELETE FROM discovered")
                self.db.execute("INSERT OR REPLACE INTO job VALUES ('started', ?)",
                                (self.started.isoformat(),))
        self._set_state("running")
        self.requested: set[str] = set()     # article keys requested in this run

    @classmethod
    def for_crawler(cls, crawler: Any) -> JobJournal | None:
        """The crawler's journal, or None without JOBDIR."""
        journal = getattr(crawler, CRAWLER_ATTR, None)
        jobdir = crawler.settings.get("JOBDIR")
        if journal is None and jobdir:
            journal = cls(jobdir)
            setattr(crawler, CRAWLER_ATTR, journal)
        return journal

    def add(self, key: str, url: str, edition: str | None, lastmod: datetime | None,
            depth: int | None) -> None:
        self.db.execute("INSERT OR IGNORE INTO discovered VALUES (?, ?, ?, ?, ?)",
                        (key, url, edition, lastmod.isoformat() if lastmod else None, depth))

    def discovered(self) -> list[tuple[str, str, str | None, datetime | None, int | None]]:
        rows = self.db.execute("SELECT key, url, edition, lastmod, depth FROM discovered "
                               "ORDER BY rowid")
        return [(k, u, e, datetime.fromisoformat(m) if m else None, d) for k, u, e, m, d in rows]

    def done_in_job(self, captured: datetime | None) -> bool:
        """A capture at or after the job's start was made (or confirmed) by this job."""
        return captured is not None and captured >= self.started

    def close(self, reason: str) -> None:
        if reason == "finished":
            with self.db:
                self.db.execute("DELETE FROM discovered")
                self.db.execute("DELETE FROM job")
            self._set_state("finished")
        else:
            self._set_state("stopped")
        self.db.close()

    def _set_state(self, state: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO job VALUES ('state', ?)", (state,))
            self.db.execute("INSERT OR REPLACE INTO job VALUES ('pid', ?)", (str(os.getpid()),))


class ResumeJournal:
    """Extension: keeps the journal, sets Scrapy's job files aside after a kill, reschedules."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.journal = JobJournal.for_crawler(crawler)
        if self.journal is None:
            raise NotConfigured        # no JOBDIR: nothing to resume, nothing to say
        if self.journal.killed:
            self._set_aside_scrapy_state()
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ResumeJournal:
        if not crawler.settings.get("JOBDIR"):
            raise NotConfigured
        if not crawler.settings.getbool("ARCHIVER_INCREMENTAL", defaults.ARCHIVER_INCREMENTAL):
            raise NotConfigured("the journal needs the archive's state (ARCHIVER_INCREMENTAL)")
        return cls(crawler)

    def _set_aside_scrapy_state(self) -> None:
        """Killed, Scrapy's queue and seen-set disagree (see module docstring); the journal and
        a fresh walk of the site's discovery replace them."""
        moved = []
        for name in SCRAPY_JOB_FILES:
            path = self.journal.jobdir / name
            if path.exists():
                target = path.with_name(name + ".killed")
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
                path.rename(target)
                moved.append(name)
        logger.warning("JOBDIR %s: the last run was killed; Scrapy's job files cannot be trusted "
                       "after that and were set aside (%s); the archive's journal reschedules "
                       "what it had discovered", self.journal.jobdir,
                       ", ".join(moved) or "none found")

    def request_scheduled(self, request: Any, spider: Any = None) -> None:
        from archiver.discovery.urls import canonical_key
        if request.meta.get(ARTICLE_META_KEY) and not request.meta.get("redirect_urls"):
            try:
                self.journal.add(canonical_key(request.url), request.url,
                                 (request.cb_kwargs or {}).get("edition"),
                                 request.meta.get(LASTMOD_META_KEY),
                                 request.meta.get("archiver_crawl_depth"))
            except sqlite3.Error as exc:
                from archiver.crawl_stop import stop_crawl
                stop_crawl(self.crawler, "journal_failed", f"cannot write the job journal in "
                           f"{self.journal.jobdir} ({exc}); stopped, so that no discovered "
                           "article goes unrecorded")

    def spider_opened(self, spider: Any) -> None:
        if not self.journal.resumed:
            return
        article_request = getattr(spider, "article_request", None)
        if article_request is None:
            return
        from archiver.discovery import DiscoveredUrl
        from archiver.state import ArchiveState
        state = ArchiveState.for_crawler(self.crawler)
        pending = 0
        for key, url, edition, lastmod, depth in self.journal.discovered():
            capture = state.get(url)
            if capture is not None and self.journal.done_in_job(capture.captured):
                continue
            request = article_request(url, edition, DiscoveredUrl(url, lastmod))
            if depth is not None:
                request.meta["archiver_crawl_depth"] = depth
            self.crawler.engine.crawl(request)
            pending += 1
        self.crawler.stats.set_value("archiver/resume/rescheduled", pending)
        logger.info("Resuming job in %s (started %s): %d discovered article(s) not yet archived "
                    "scheduled again", self.journal.jobdir,
                    self.journal.started.isoformat(timespec="seconds"), pending)

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        try:
            self.journal.close(reason)
        except sqlite3.Error as exc:     # left "running": the next start treats it as killed
            logger.warning("Job journal not closed (%s)", exc)
