"""Scrapy's RobotsTxtMiddleware, with every waiting request given the robots.txt parser.

Why: since Scrapy 2.14 (scrapy/scrapy#6802) the requests that arrive while a host's robots.txt
is being fetched each ``await maybe_deferred_to_future(deferred)`` on one shared Deferred. With
the asyncio reactor that turns into ``Deferred.asFuture``, whose callback returns None: the
first waiter gets the parser, every later one gets None, which the middleware reads as "no
robots.txt": the request is let through. Three or more requests to a new host at once (a
crawl resumed from JOBDIR, an article's images on a new image host) are enough to fetch a
disallowed URL. The parser is stored in ``_parsers`` before the Deferred fires, so a waiter
handed None reads it from there.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxt
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtMiddleware(ScrapyRobotsTxt):
    async def robot_parser(self, request: Any) -> Any:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if stored is not None and not isinstance(stored, Deferred):
                return stored
        return parser
