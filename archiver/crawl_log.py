"""A crawl log a person reads: expected outcomes at INFO, each event once, no framework dumps.

- `ArchiverLogFormatter` (``LOG_FORMATTER``): a dropped item is one line at the level its
  DropItem asks for (INFO by default: a page that is not an article is an expected outcome, not a
  WARNING), without Scrapy's dump of the whole item; an archived article at DEBUG is its URL,
  not the record with its HTML.
- `QuietFramework` (an add-on, ``ADDONS``): Scrapy's stats dump and its "Crawled N pages"
  lines give way to our summary and progress lines (archiver.crawl_report), and its start-up
  inventory (versions, enabled components, overridden settings) goes to DEBUG, as does the retry
  middleware's "Gave up retrying" (the spider's errback reports the failure once, in one line).
  ``-L DEBUG`` shows all of it; ``-s STATS_DUMP=1`` or ``-s LOGSTATS_INTERVAL=N`` bring back the
  stats dump (and LogStats).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter
from scrapy.settings import SETTINGS_PRIORITIES

# logger name -> message starts that are bookkeeping, not news, at INFO.
DEMOTED = {
    "scrapy.utils.log": ("Versions:", "Using reactor", "Using asyncio event loop"),
    "scrapy.addons": ("Enabled addons",),
    "scrapy.middleware": ("Enabled ",),
    "scrapy.crawler": ("Overridden settings",),
    "scrapy.extensions.telnet": ("Telnet console listening",),
    "scrapy.downloadermiddlewares.retry": ("Gave up retrying",),
}


class ArchiverLogFormatter(LogFormatter):
    def dropped(self, item: Any, exception: BaseException, response: Any,
                spider: Any) -> dict[str, Any]:
        level = getattr(exception, "log_level", None) or logging.INFO
        if isinstance(level, str):
            level = getattr(logging, level)
        return {"level": level, "msg": "%(exception)s", "args": {"exception": exception}}

    def scraped(self, item: Any, response: Any, spider: Any) -> dict[str, Any]:
        url = item.get("url") if isinstance(item, dict) else getattr(item, "url", item)
        return {"level": logging.DEBUG, "msg": "Archived %(url)s", "args": {"url": url}}

    def item_error(self, item: Any, exception: BaseException, response: Any,
                   spider: Any) -> dict[str, Any]:
        url = getattr(item, "url", None) or (item.get("url") if isinstance(item, dict) else item)
        return {"level": logging.ERROR, "msg": "Error processing %(url)s", "args": {"url": url}}


class _Demote(logging.Filter):
    """Turns the named bookkeeping messages into DEBUG records."""

    def __init__(self, starts: tuple[str, ...]) -> None:
        super().__init__()
        self.starts = starts

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG and str(record.msg).startswith(self.starts):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return True


_installed = False


def demote_framework_logs() -> None:
    """Install the filters once per process (they change levels, never drop a record)."""
    global _installed
    if _installed:
        return
    for name, starts in DEMOTED.items():
        logging.getLogger(name).addFilter(_Demote(starts))
    _installed = True


def _explicit(settings: Any, name: str) -> bool:
    """Set by the user (settings module, spider, command line), not by a default."""
    return (settings.getpriority(name) or 0) >= SETTINGS_PRIORITIES["project"]


def verbose(settings: Any) -> bool:
    level = settings.get("LOG_LEVEL")
    return level == logging.DEBUG or str(level).upper() == "DEBUG"


class QuietFramework:
    """Add-on: our summary and progress lines instead of Scrapy's, unless asked for."""

    def update_settings(self, settings: Any) -> None:
        demote_framework_logs()
        if verbose(settings) or _explicit(settings, "LOGSTATS_INTERVAL"):
            return
        settings.set("LOGSTATS_INTERVAL", 0, priority="addon")     # LogStats: NotConfigured
        if not _explicit(settings, "STATS_DUMP"):
            settings.set("STATS_DUMP", False, priority="addon")
