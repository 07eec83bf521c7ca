"""`scrapy crawl articles -a url=URL` (and `archive add URL...`): archive the pages a user names.

No discovery: each named URL is fetched once, as an article, by the real crawler (robots.txt
obeyed, politeness, WARC capture, extraction, the archive's state), from any number of sites.
Each URL's site profile is the one registered for its host (or ``site=NAME`` for all of them,
e.g. for a mirror); without one, the generic rules extract it.

What became of each URL is kept in ``outcomes`` (archived, not an article and why, failed and
why, unchanged), so that ``archive add`` can report it line by line.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Request, Response

from archiver.discovery.urls import is_http_url
from archiver.items import FetchedPage
from archiver.middlewares.incremental import NotModified, UnchangedPayload
from archiver.outcomes import failure_reason, fetch_failed
from archiver.request_meta import ARTICLE_META_KEY, LASTMOD_META_KEY
from archiver.sites import get_site, site_for_url
from archiver.sites.base import SiteProfile

from .profile import BadArgument, capture_skip_reason, fetched_page

logger = logging.getLogger(__name__)
NAMED_META_KEY = "archiver_named_url"


@dataclass
class Outcome:
    """What became of one named URL."""

    status: str            # archived | not an article | failed | unchanged | not fetched
    detail: str = ""       # the title, or the reason


class ArticlesSpider(scrapy.Spider):
    name = "articles"

    def __init__(self, url: str | None = None, urls: str | list[str] | None = None,
                 site: str | None = None, **kwargs: Any) -> None:
        unknown = sorted(k for k in kwargs if not k.startswith("_") and k != "name")
        if unknown:
            raise BadArgument(f"unknown spider argument {unknown[0]!r}; known: url, urls, site")
        super().__init__(**kwargs)
        self.urls = _named(url, urls)
        self.site = _profile(site)
        self.allowed_domains = sorted({urlsplit(u).hostname or "" for u in self.urls})
        self.outcomes: dict[str, Outcome] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ArticlesSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._archived, signal=signals.item_scraped)
        crawler.signals.connect(spider._dropped, signal=signals.item_dropped)
        crawler.signals.connect(spider._errored, signal=signals.item_error)
        return spider

    @property
    def entry_points(self) -> list[str]:
        return self.urls

    @property
    def description(self) -> str:
        return f"{len(self.urls)} named URL{'s' * (len(self.urls) != 1)}"

    async def start(self) -> AsyncIterator[Request]:
        for url in self.urls:
            yield Request(url, self.parse_article, errback=self.article_failed, dont_filter=True,
                          meta={ARTICLE_META_KEY: True, LASTMOD_META_KEY: None,
                                NAMED_META_KEY: url})

    def site_name(self, url: str) -> str | None:
        profile = self.site or site_for_url(url)
        return profile.name if profile else None

    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        named = response.meta[NAMED_META_KEY]
        page = fetched_page(response, self.site_name(response.url), self.crawler)
        if page is None:
            self._note(named, "not an article", capture_skip_reason(response) or "")
            return
        yield page

    def article_failed(self, failure: Any) -> None:
        request = failure.request
        named = request.meta.get(NAMED_META_KEY, request.url)
        reason = failure_reason(failure)
        unchanged = failure.check(NotModified, UnchangedPayload)
        forbidden = "robots.txt" in failure.getErrorMessage()
        self.crawler.signals.send_catch_log(fetch_failed, url=request.url, request=request,
                                            reason=None if unchanged or forbidden else reason)
        if unchanged:
            self._note(named, "unchanged", "identical to the archived capture")
            return
        if forbidden:
            self.crawler.stats.inc_value("archiver/discovery/forbidden_by_robots")
            self._note(named, "not fetched", "disallowed by robots.txt")
            return
        self.crawler.stats.inc_value(f"archiver/failed/article/{reason}")
        self._note(named, "failed", reason)
        logger.warning("Article fetch failed: %s (%s)", failure.request.url, reason)

    # -- outcomes, from the item pipeline's signals ------------------------------------------
    def _archived(self, item: Any, response: Any, spider: Any = None) -> None:
        title = item.get("title") if isinstance(item, dict) else None
        self._note(_named_of(response), "archived", title or "(untitled)")

    def _dropped(self, item: Any, response: Any, exception: Exception, spider: Any = None) -> None:
        message = str(exception)
        status = "not an article" if message.startswith("not an article") else "not archived"
        self._note(_named_of(response), status, message.split(", archived raw")[0]
                   .removeprefix("not an article (").rstrip(")"))

    def _errored(self, item: Any, response: Any, failure: Any, spider: Any = None) -> None:
        self._note(_named_of(response), "failed", f"extraction error ({failure_reason(failure)})")

    def _note(self, url: str | None, status: str, detail: str) -> None:
        if url is not None:
            self.outcomes[url] = Outcome(status, detail)


def _named_of(response: Any) -> str | None:
    return getattr(response, "meta", {}).get(NAMED_META_KEY)


def _named(url: str | None, urls: str | list[str] | None) -> list[str]:
    """The URLs given (``urls``: a list, or a string of URLs separated by spaces or newlines),
    each once, in order; every one must be http(s)."""
    given = [url] if url else []
    given += urls.split() if isinstance(urls, str) else list(urls or [])
    if not given:
        raise BadArgument("give the article's address: -a url=https://…")
    for one in given:
        if not is_http_url(one):
            raise BadArgument(f"url must be an http(s) URL, not {one!r}")
    return list(dict.fromkeys(given))


def _profile(site: str | None) -> SiteProfile | None:
    try:
        return get_site(site) if site else None
    except KeyError as exc:
        raise BadArgument(exc.args[0]) from None
