"""``ArticleLimit`` (a spider middleware): `-a limit=N` as a hard stop; once N articles are
archived, no further article request is sent. Off without a limit (NotConfigured).

Why a spider middleware: counting in a downloader middleware is too late. Scrapy hands the
downloader up to CONCURRENT_REQUESTS requests at once, and a sitemap yields hundreds of article
requests in one go; by the time the Nth article is archived, a dozen more are on the wire. So
article requests are held back here, before the scheduler sees them, and let through only while

    in flight  <=  (N - archived)  +  CONCURRENT_REQUESTS_PER_DOMAIN

"In flight" means released and not yet settled: settled when its item is archived, dropped or
fails, when its callback gives no item, or when the fetch fails. The spare requests keep the
per-domain concurrency busy when some pages turn out not to be articles; the few that finish
after the Nth article are dropped quietly by the pipeline (their raw capture is kept).

Discovery requests (robots.txt, sitemaps, feeds, listings) pass untouched; CLOSESPIDER_ITEMCOUNT
(which the spider sets from ``limit``) stops them once the limit is reached.
"""

from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from archiver.outcomes import fetch_failed
from archiver.request_meta import ARTICLE_META_KEY

logger = logging.getLogger(__name__)
TOKEN_META_KEY = "archiver_limit_token"


class ArticleLimit(BaseSpiderMiddleware):
    def __init__(self, crawler: Any, limit: int, spare: int) -> None:
        super().__init__(crawler)
        self.limit, self.spare = limit, spare
        self.held: deque[Request] = deque()
        self.in_flight: set[int] = set()
        self._tokens = itertools.count(1)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArticleLimit:
        limit = crawler.settings.getint("CLOSESPIDER_ITEMCOUNT")
        if limit <= 0:
            raise NotConfigured          # (a message would be logged as a WARNING)
        spare = max(1, crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"))
        gate = cls(crawler, limit, spare)
        for handler, signal in ((gate._settle_response, signals.item_scraped),
                                (gate._settle_response, signals.item_dropped),
                                (gate._settle_response, signals.item_error),
                                (gate._settle_response, signals.spider_error),
                                (gate._settle_request, signals.request_dropped),
                                (gate._settle_request, fetch_failed),
                                (gate._idle, signals.spider_idle),
                                (gate._closed, signals.spider_closed)):
            crawler.signals.connect(handler, signal=signal)
        return gate

    # -- the spider's output ------------------------------------------------------------------
    def get_processed_request(self, request: Request, response: Any) -> Request | None:
        if not request.meta.get(ARTICLE_META_KEY) or TOKEN_META_KEY in request.meta:
            return request
        if self._room() > 0:
            return self._release(request)
        self.held.append(request)
        self._count_held()
        return None

    def process_spider_output(self, response: Any, result: Iterable[Any],
                              spider: Any = None) -> Iterable[Any]:
        gave_item = False
        try:
            for out in result:
                gave_item = gave_item or not isinstance(out, Request)
                if (out := self._get_processed(out, response)) is not None:
                    yield out
        finally:
            if not gave_item:
                self._settle_response(response=response)

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any],
                                          spider: Any = None) -> AsyncIterator[Any]:
        gave_item = False
        try:
            async for out in result:
                gave_item = gave_item or not isinstance(out, Request)
                if (out := self._get_processed(out, response)) is not None:
                    yield out
        finally:
            if not gave_item:
                self._settle_response(response=response)

    # -- bookkeeping ---------------------------------------------------------------------------
    def _archived(self) -> int:
        return int(self.crawler.stats.get_value("archiver/articles", 0))

    def _room(self) -> int:
        remaining = self.limit - self._archived()
        return 0 if remaining <= 0 else remaining + self.spare - len(self.in_flight)

    def _release(self, request: Request) -> Request:
        token = next(self._tokens)
        request.meta[TOKEN_META_KEY] = token
        self.in_flight.add(token)
        return request

    def _release_held(self) -> int:
        released = 0
        while self.held and self._room() > 0:
            self.crawler.engine.crawl(self._release(self.held.popleft()))
            released += 1
        self._count_held()
        return released

    def _count_held(self) -> None:
        """Held now; at the end, the article URLs the limit kept from being fetched."""
        self.crawler.stats.set_value("archiver/limit/not_fetched", len(self.held))

    def _settle(self, token: Any) -> None:
        if token in self.in_flight:
            self.in_flight.discard(token)
            self._release_held()

    def _settle_response(self, *args: Any, response: Any = None, **kwargs: Any) -> None:
        self._settle(getattr(response, "meta", {}).get(TOKEN_META_KEY))

    def _settle_request(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        self._settle(getattr(request, "meta", {}).get(TOKEN_META_KEY))

    def _idle(self, *args: Any, **kwargs: Any) -> None:
        """Nothing is downloading or being processed: whatever is still counted as in flight
        settled without a signal we listen to. Never close with held requests the limit allows."""
        self.in_flight.clear()
        if self._release_held():
            raise DontCloseSpider

    def _closed(self, *args: Any, **kwargs: Any) -> None:
        if self.held:
            logger.debug("Limit of %d articles reached: %d article URLs not fetched",
                         self.limit, len(self.held))
            self.held.clear()
