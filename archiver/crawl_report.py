"""The crawl tells its user what happened: where it starts, progress on long crawls, a summary
at the end, and whether it reached its site at all.

A Scrapy extension. Why not Scrapy's own: LogStats counts pages, not articles, and the stats dump
at the end is sixty lines of framework counters (kept for ``-L DEBUG`` and explicit
``-s STATS_DUMP=1`` / ``-s LOGSTATS_INTERVAL=…``, see `archiver.crawl_log`).

- ``ARCHIVER_PROGRESS_INTERVAL`` (seconds, default 30; 0 = off): a progress line that often.
- At the end: the summary (`archiver.crawl_summary`), logged at INFO, also kept as ``.text``
  for callers such as ``archive add``. The WARC archive is closed first, so the figures are the
  files as they are on disk.
- A site that never answered (no response from any of the spider's ``entry_points``' hosts), a
  crawl whose start failed, or one stopped because the archive cannot be written (a full disk,
  archiver.crawl_stop) is an ERROR line and ``.failed`` is set; ``scrapy crawl`` then
  exits with status 1 (archiver/scrapy_commands/crawl.py).
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlsplit

from collections import Counter, defaultdict

from scrapy import signals
from twisted.internet import task

from archiver import settings as defaults
from archiver.crawl_stop import stop_message
from archiver.crawl_summary import Written, progress_line, summary
from archiver.outcomes import fetch_failed
from archiver.warc.archive import WarcArchive

logger = logging.getLogger("archiver.crawl")


class CrawlReport:
    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler, self.interval = crawler, interval
        self.started = time.monotonic()
        self.reached: set[str] = set()        # host:port of every response
        self.failures: defaultdict[str, Counter[str]] = defaultdict(Counter)   # host:port -> why
        self.text = ""
        self.failed: str | None = None
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlReport:
        report = cls(crawler, crawler.settings.getfloat("ARCHIVER_PROGRESS_INTERVAL",
                                                        defaults.ARCHIVER_PROGRESS_INTERVAL))
        crawler.signals.connect(report.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(report.headers_received, signal=signals.headers_received)
        crawler.signals.connect(report.fetch_failed, signal=fetch_failed)
        crawler.signals.connect(report.spider_closed, signal=signals.spider_closed)
        return report

    # -- signals --------------------------------------------------------------------------------
    def spider_opened(self, spider: Any = None) -> None:
        self.started = time.monotonic()
        spider = self.crawler.spider
        what = getattr(spider, "description", None) or spider.name
        logger.info("Crawling %s into %s/", what,
                    str(self.crawler.settings.get("ARCHIVE_DIR", defaults.ARCHIVE_DIR)).rstrip("/"))
        if self.interval > 0:
            self._loop = task.LoopingCall(self.progress)
            self._loop.start(self.interval, now=False)

    def headers_received(self, headers: Any = None, body_length: Any = None,
                         request: Any = None, spider: Any = None) -> None:
        if request is not None:
            self.reached.add(urlsplit(request.url).netloc)

    def fetch_failed(self, url: str = "", reason: str | None = None, **kwargs: Any) -> None:
        if reason:
            self.failures[urlsplit(url).netloc][reason] += 1

    def progress(self) -> None:
        stats = self.crawler.stats.get_stats()
        scheduled = stats.get("scheduler/enqueued", 0) - stats.get("scheduler/dequeued", 0)
        downloading = len(getattr(self.crawler.engine.downloader, "active", ()))
        logger.info(progress_line(stats, self._elapsed(), scheduled + downloading))

    def spider_closed(self, spider: Any = None, reason: str = "finished") -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        archive = WarcArchive.for_crawler(self.crawler)
        archive.close()          # held-back captures written, .open renamed: the summary is true
        stats = self.crawler.stats.get_stats()
        self.failed = self._failure(reason, stats)
        if self.failed and not stop_message(self.crawler):   # a stop said it when it happened
            logger.error(self.failed)
        written = Written(archive.directory, list(archive.files_written),
                          archive.records_written, archive.json_lines_written)
        self.text = summary(stats, written, self._elapsed(), reason)
        if self.reached:            # a crawl that reached nothing has said all in its one line
            logger.info(self.text)

    # -- helpers --------------------------------------------------------------------------------
    def _elapsed(self) -> float:
        return time.monotonic() - self.started

    def _failure(self, reason: str, stats: dict[str, Any]) -> str | None:
        """One line saying why the crawl failed as a whole, or None."""
        stopped = stop_message(self.crawler)      # a full disk, an archive that cannot be written
        if stopped:
            return stopped
        if reason == "start_error":
            return "The crawl could not start (see the error above); nothing more was fetched"
        entries = getattr(self.crawler.spider, "entry_points", None) or []
        unreached = [url for url in entries if urlsplit(url).netloc not in self.reached]
        if not unreached:
            return None
        whys = [self._why(url) for url in unreached]
        return "Could not reach " + ", ".join(f"{url} ({why})" for url, why in zip(unreached, whys))

    def _why(self, url: str) -> str:
        found = self.failures.get(urlsplit(url).netloc)
        return found.most_common(1)[0][0] if found else "no response"
