"""``RetryAfterMiddleware``: RetryMiddleware that honours Retry-After on 429 and 503, bounded.

Scrapy's RetryMiddleware retries a 429/503 at once, ignoring the server's ``Retry-After``;
hammering an overloaded server is rude and usually futile. This one waits as long as the server
asks, but never longer than ``ARCHIVER_RETRY_AFTER_MAX`` seconds (a hostile
``Retry-After: 86400`` must not stall the crawl), then retries within RETRY_TIMES. Off with
RETRY_ENABLED (RetryMiddleware raises NotConfigured).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future

from archiver import settings as defaults

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds()) if when.tzinfo else None


class RetryAfterMiddleware(RetryMiddleware):
    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("ARCHIVER_RETRY_AFTER_MAX",
                                          defaults.ARCHIVER_RETRY_AFTER_MAX)

    async def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if self._will_retry(request, response):
            await self._honour_retry_after(request, response)
        return super().process_response(request, response)

    def _will_retry(self, request: Any, response: Any) -> bool:
        limit = request.meta.get("max_retry_times", self.max_retry_times)
        return response.status in (429, 503) and response.status in self.retry_http_codes \
            and not request.meta.get("dont_retry") and request.meta.get("retry_times", 0) < limit

    async def _honour_retry_after(self, request: Any, response: Any) -> None:
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked:
            wait = min(asked, self.max_wait)
            self.crawler.stats.inc_value("archiver/retry_after/waits")
            logger.info("HTTP %d with Retry-After %s s: waiting %.1f s before retrying %s",
                        response.status, int(asked), wait, request.url)
            await _pause(wait)


async def _pause(seconds: float) -> None:
    from twisted.internet import reactor, task

    await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))
