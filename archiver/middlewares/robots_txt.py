"""``SharedRobotsTxtMiddleware``: robots.txt fetched once per host, obeyed here, read for
sitemaps by the spider. Off with ROBOTSTXT_OBEY (Scrapy's RobotsTxtMiddleware raises
NotConfigured).

Scrapy's RobotsTxtMiddleware fetches ``/robots.txt`` before the first request to a host, and
our spiders fetch it again to read its ``Sitemap:`` lines: two fetches of the same file per host
in every crawl (and two copies in the WARC). This subclass keeps the response of its own fetch;
the spider asks for it (`robots_response`) instead of requesting the file a second time.

The fetch goes through every downloader middleware as before, so it is archived once, retried,
redirected and held to the allowed hosts like any other request. A robots.txt that could not be
fetched is logged in one line (Scrapy logs a traceback), and the spider is told why.

A robots.txt that cannot be read is not "no rules" (RFC 9309 section 2.3.1.4): a server error
(5xx, and 429, which means the same) or a network error (a timeout, a reset connection) leaves
the rules unknown, and the crawler must assume complete disallow; Scrapy parses the error page
(no rules: everything allowed) or allows everything when the fetch fails. Here nothing more is
fetched from such a host in this crawl. A 4xx still means "no robots.txt" (everything allowed),
and a host that refuses connections or does not exist is left alone: every request to it fails
by itself, with that reason (the crawl report says the site could not be reached).

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


class DisallowAll:
    """The rules of a host whose robots.txt could not be read: nothing is allowed."""

    def allowed(self, url: Any, user_agent: Any) -> bool:
        return False


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
                    logger.info("robots.txt not fetched: %s (%s)%s", robots.url,
                                failure_reason(exc), "" if _no_host(exc) else
                                "; nothing is fetched from this host (RFC 9309: disallow all)")
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


    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500 or response.status == 429:
            self._unavailable(netloc, f"answered HTTP {response.status}")
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest) or _no_host(exc):   # refused by us, or no host there
            super()._robots_error(exc, netloc)
            return
        self._unavailable(netloc, None)        # logged in one line where it failed

    def _unavailable(self, netloc: str, why: str | None) -> None:
        self._stats.inc_value("archiver/robotstxt/unavailable")
        if why:
            logger.warning("robots.txt of %s %s: nothing is fetched from it in this crawl "
                           "(RFC 9309: disallow all)", netloc, why)
        waiting = self._parsers[netloc]
        self._parsers[netloc] = DisallowAll()
        if isinstance(waiting, Deferred):
            waiting.callback(self._parsers[netloc])


def _no_host(exc: Exception) -> bool:
    """The host refused the connection or does not exist: no server to have rules."""
    return failure_reason(exc) in ("connection refused", "host not found")


def shared_robots(crawler: Any) -> SharedRobotsTxtMiddleware | None:
    """The crawl's SharedRobotsTxtMiddleware, if robots.txt is obeyed with it."""
    try:
        return crawler.get_downloader_middleware(SharedRobotsTxtMiddleware)
    except (AttributeError, RuntimeError):      # no crawler, or its engine is not built yet
        return None
