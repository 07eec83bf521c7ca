"""``IncrementalMiddleware``: fetch only what is new, and store only what changed.

A downloader middleware just below the WARC capture (950); it acts on article requests only,
against the archive's own state (`archiver.state`), and is off with ARCHIVER_INCREMENTAL:
- an article whose discovery date is no newer than what the archive holds is not fetched — this
  also catches requests restored from a ``JOBDIR`` queue after a crash;
- an article fetched again carries ``If-None-Match``/``If-Modified-Since``; a 304 is archived as
  the exchange it is, and no new version is made;
- a 200 whose payload digest equals the stored one becomes a ``revisit`` record, not a copy.

The state row of an article archived in full is written by archiver.state.recorder.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timezone
from typing import Any

from scrapy.exceptions import IgnoreRequest, NotConfigured

from archiver import settings as defaults
from archiver.request_meta import (ARTICLE_META_KEY, EXCHANGE_META_KEY, LASTMOD_META_KEY,
                                   request_urls)
from archiver.state import ArchiveState
from archiver.warc.archive import ArchiveWriteFailed, WarcArchive
from archiver.warc.records import sha1_digest

logger = logging.getLogger(__name__)
STATS = "archiver/incremental/"


class NoNewVersion(IgnoreRequest):
    """The archive already holds this article as it is now; nothing new to store."""


class AlreadyArchived(NoNewVersion):
    """Not fetched: the discovery date is no newer than the archived capture."""


class AlreadyRequested(NoNewVersion):
    """A resumed job: this article was requested already in this run (journal, queue, link)."""


class NotModified(NoNewVersion):
    """The server answered 304 to our conditional request."""


class UnchangedPayload(NoNewVersion):
    """Fetched in full, but byte-identical to the archived payload: written as a revisit."""


class IncrementalMiddleware:
    def __init__(self, crawler: Any) -> None:
        from archiver.resume import JobJournal
        self.state = ArchiveState.for_crawler(crawler)
        self.archive = WarcArchive.for_crawler(crawler)
        self.stats = crawler.stats
        self.journal = JobJournal.for_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> IncrementalMiddleware:
        if not crawler.settings.getbool("ARCHIVER_INCREMENTAL", defaults.ARCHIVER_INCREMENTAL):
            raise NotConfigured("ARCHIVER_INCREMENTAL is off")
        return cls(crawler)

    def process_request(self, request: Any, spider: Any = None) -> None:
        if not request.meta.get(ARTICLE_META_KEY):
            return
        if self.journal is not None:
            self._once_per_run(request)
        capture = self.state.get(request.url)
        if capture is None:
            return
        if self.journal is not None and self.journal.done_in_job(capture.captured):
            self.stats.inc_value(STATS + "skipped_done_in_job")
            logger.debug("Not fetched, archived earlier in this job: %s", request.url)
            raise AlreadyArchived(f"archived in this job: {request.url}")
        if capture.unchanged_since(request.meta.get(LASTMOD_META_KEY)):
            self.stats.inc_value(STATS + "skipped_unchanged")
            logger.debug("Not fetched, archived and unchanged since: %s", request.url)
            raise AlreadyArchived(f"archived and unchanged: {request.url}")
        if capture.etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = capture.etag
        if capture.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = capture.last_modified
        self.stats.inc_value(STATS + "conditional_request")

    def _once_per_run(self, request: Any) -> None:
        """With a JOBDIR, the journal, a restored queue and rediscovery may each bring the same
        article: fetch it once (retries and redirect hops are the same fetch going on)."""
        if request.meta.get("retry_times") or request.meta.get("redirect_urls"):
            return
        from archiver.discovery.urls import canonical_key
        key = canonical_key(request.url)
        if key in self.journal.requested:
            self.stats.inc_value(STATS + "skipped_requested_in_run")
            raise AlreadyRequested(f"requested already in this run: {request.url}")
        self.journal.requested.add(key)

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if not request.meta.get(ARTICLE_META_KEY) or "cached" in response.flags:
            return response
        lastmod = request.meta.get(LASTMOD_META_KEY)
        if response.status == 304:
            _confirm(self.state, request_urls(request), datetime.now(timezone.utc), lastmod)
            self.stats.inc_value(STATS + "not_modified")
            logger.info("Not modified (304), no new version: %s", request.url)
            raise NotModified(f"304 Not Modified: {request.url}")
        exchange = request.meta.get(EXCHANGE_META_KEY)
        capture = self.state.get(request.url)
        if exchange is None or capture is None or not capture.record_id or exchange.truncated:
            return response
        if sha1_digest(exchange.body) != capture.payload_digest:
            return response
        try:
            self.archive.write_revisit(exchange, capture.payload_digest, capture.record_id,
                                       capture.url, capture.record_date or "")
        except ArchiveWriteFailed as exc:
            raise IgnoreRequest(str(exc)) from None
        _confirm(self.state, request_urls(request), exchange.date, lastmod)
        self.stats.inc_value(STATS + "revisit")
        logger.info("Unchanged payload, archived as a revisit of %s: %s", capture.record_id,
                    request.url)
        raise UnchangedPayload(f"identical payload, revisit written: {request.url}")


def _confirm(state: ArchiveState, urls: list[str], when: datetime,
             lastmod: datetime | None) -> None:
    try:
        state.confirm(urls, when, lastmod)
    except sqlite3.Error as exc:     # a cache: the WARC files still say it
        logger.warning("Crawl state not updated (%s): %s", exc, urls[-1])
