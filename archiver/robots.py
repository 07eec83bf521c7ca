"""robots.txt fetched once per host: obeyed by the middleware, read for sitemaps by the spider.

Scrapy's RobotsTxtMiddleware fetches ``/robots.txt`` before the first request to a host, and
our spiders fetch it again to read its ``Sitemap:`` lines: two fetches of the same file per host
in every crawl (and two copies in the WARC). This subclass keeps the response of its own fetch;
the spider asks for it (`robots_response`) instead of requesting the file a second time.

The fetch goes through every downloader middleware as before, so it is archived once, retried,
redirected and held to the allowed hosts like any other request. A robots.txt that could not be
fetched is logged in one line (Scrapy logs a traceback), and the spider is told why.

It also fixes a hole in Scrapy's middleware under the asyncio reactor: requests that wait for
the same host's robots.txt all await one Deferred, and only the first gets the parser; the
others got None and went out unchecked (robot_parser below).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from archiver.outcomes import failure_reason

logger = logging.getLogger(__name__)


class RobotsTxtUnavailable(Exception):
    """The host's robots.txt could not be fetched (the reason is the message)."""


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that hands its robots.txt response to the spider."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._responses: dict[str, Response | Exception] = {}

    async def fetch(self, url: str) -> Response:
        """The robots.txt response of ``url``'s host, fetched at most once per crawl; raises
        RobotsTxtUnavailable when it could not be fetched."""
        request = Request(url, callback=NO_CALLBACK)
        await self.robot_parser(request)
        outcome = self._responses.get(urlparse_cached(request).netloc)
        if isinstance(outcome, Response):
            return outcome
        raise RobotsTxtUnavailable(failure_reason(outcome) if outcome else "not fetched")

    async def robot_parser(self, request: Request) -> Any:
        """Scrapy's, but the response is kept and a failure is one log line, no traceback."""
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            robots = Request(f"{url.scheme}://{netloc}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                             meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK)
            try:
                response = await self.crawler.engine.download_async(robots)
                self._responses[netloc] = response
                await self._parse_robots(response, netloc, request)
            except Exception as exc:  # noqa: BLE001 — a host without robots.txt is still crawled
                self._responses[netloc] = exc
                if not isinstance(exc, IgnoreRequest):
                    logger.info("robots.txt not fetched: %s (%s)", robots.url, failure_reason(exc))
                self._robots_error(exc, netloc)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            # Not the Deferred's result: awaiting a Deferred as an asyncio future consumes it,
            # so a second request waiting for the same robots.txt would get None, "no rules",
            # and be let through. The parser is stored before the Deferred fires.
            await maybe_deferred_to_future(parser)
            return self._parsers[netloc]
        return parser


def shared_robots(crawler: Any) -> SharedRobotsTxtMiddleware | None:
    """The crawl's SharedRobotsTxtMiddleware, if robots.txt is obeyed with it."""
    try:
        return crawler.get_downloader_middleware(SharedRobotsTxtMiddleware)
    except (AttributeError, RuntimeError):      # no crawler, or its engine is not built yet
        return None
