"""``StateRecorder`` (an extension): the state row of each article once its records are on disk.

The ``item_scraped`` signal fires only after the pipeline returned, i.e. after the fsync of the
article's records; a page archived raw as not an article is recorded too (it is not fetched
again until it changes). Off with ARCHIVER_INCREMENTAL.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archiver import settings as defaults
from archiver.request_meta import EXCHANGE_META_KEY, LASTMOD_META_KEY, request_urls
from archiver.state.capture import Capture
from archiver.state.store import ArchiveState
from archiver.warc.archive import ArchiveWriteFailed, WarcArchive
from archiver.warc.records import sha1_digest, warc_date

logger = logging.getLogger(__name__)


class StateRecorder:
    """Records each archived article (and each page archived raw as not an article) in the state."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.state = ArchiveState.for_crawler(crawler)
        self.archive = WarcArchive.for_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StateRecorder:
        if not crawler.settings.getbool("ARCHIVER_INCREMENTAL", defaults.ARCHIVER_INCREMENTAL):
            raise NotConfigured("ARCHIVER_INCREMENTAL is off")
        recorder = cls(crawler)
        crawler.signals.connect(recorder.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(recorder.item_dropped, signal=signals.item_dropped)
        return recorder

    def item_scraped(self, item: Any, response: Any, spider: Any = None) -> None:
        links = item.get("warc") if isinstance(item, dict) else None
        self._record(response, links.get("file") if isinstance(links, dict) else None)

    def item_dropped(self, item: Any, response: Any, exception: Exception,
                     spider: Any = None) -> None:
        """Only pages that will never be articles: a page dropped for the article limit or as a
        duplicate must still be fetched as an article some day."""
        if str(exception).startswith("not an article") and response is not None:
            try:
                self.archive.release(response.meta.get(EXCHANGE_META_KEY))
            except ArchiveWriteFailed:
                return
            self._record(response, self.archive.file_name)

    def _record(self, response: Any, file: str | None) -> None:
        exchange = getattr(response, "meta", {}).get(EXCHANGE_META_KEY)
        if exchange is None or not exchange.record_id or exchange.truncated:
            return
        headers = {k.lower(): v for k, v in exchange.response_headers}
        capture = Capture(url=exchange.url, captured=exchange.date,
                          payload_digest=sha1_digest(exchange.body), record_id=exchange.record_id,
                          record_date=warc_date(exchange.date), file=file,
                          lastmod=response.meta.get(LASTMOD_META_KEY),
                          etag=_text(headers.get(b"etag")),
                          last_modified=_text(headers.get(b"last-modified")))
        try:
            self.state.put(request_urls(response.request), capture)
        except sqlite3.Error as exc:
            self._state_failed(exc)

    def _state_failed(self, exc: sqlite3.Error) -> None:
        """The state is a cache (rebuilt from the WARC files), but a full disk stops the crawl."""
        from archiver.crawl_stop import is_disk_full, stop_crawl
        if is_disk_full(exc):
            stop_crawl(self.crawler, "disk_full", f"disk full: cannot update the crawl state "
                       f"{self.state.path} ({exc}); stopped (the next crawl catches up from the "
                       "WARC files)")
        else:
            logger.warning("Crawl state not updated (%s); it catches up from the WARC files "
                           "at the next start", exc)


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
