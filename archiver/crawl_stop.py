"""Stopping a crawl that cannot go on (the disk is full, the archive cannot be written).

A cron job must not read a crawl that stopped on a full disk as a success: `stop_crawl` logs one
line saying why, once, and closes the spider with a reason of `STOP_REASONS`; the crawl report
(archiver.crawl_report) takes that line as the crawl's failure, so ``scrapy crawl`` exits with
status 1 (archiver/scrapy_commands/crawl.py).
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from typing import Any

logger = logging.getLogger(__name__)
_STOPPED_ATTR = "_archiver_stopped"
STOP_REASONS = ("disk_full", "write_failed", "journal_failed")
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC/EDQUOT from the OS, or SQLite's own way of saying it."""
    if isinstance(exc, OSError):
        return exc.errno in _DISK_FULL
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def stop_crawl(crawler: Any, reason: str, message: str) -> None:
    """Log ``message`` (one line) and close the spider with ``reason``; once per crawl."""
    if crawler is None or getattr(crawler, _STOPPED_ATTR, False):
        return
    setattr(crawler, _STOPPED_ATTR, message)
    logger.error(message)
    crawler.stats.set_value("archiver/stopped", reason)
    try:
        engine = crawler.engine
    except (AttributeError, RuntimeError):      # not built yet
        engine = None
    if engine is not None and engine.spider is not None:
        from scrapy.utils.defer import deferred_from_coro
        deferred_from_coro(_close(engine, reason))


async def _close(engine: Any, reason: str) -> None:
    try:
        await engine.close_spider_async(reason=reason)
    except RuntimeError:
        pass        # already closed: the spider was closing when the failure came


def stop_message(crawler: Any) -> str | None:
    """The line `stop_crawl` logged for this crawl, if it was stopped."""
    return getattr(crawler, _STOPPED_ATTR, None) or None
