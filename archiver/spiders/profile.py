"""A spider driven by a site profile: robots.txt -> sitemap index -> sitemaps, plus feeds.

Everything site-specific comes from the `SiteProfile` (editions, sitemap/feed paths, article URL
rules); the spider only discovers article URLs and schedules them, once each.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Request, Response
from scrapy.utils.sitemap import sitemap_urls_from_robots
from w3lib.encoding import http_content_type_encoding

from archiver import settings as defaults
from archiver.discovery import DiscoveredUrl, SitemapKind, parse_feed, parse_sitemap
from archiver.discovery.feeds import NotAFeed
from archiver.discovery.sitemaps import NotASitemap
from archiver.discovery.urls import (Rebaser, canonical_key, discovery_url, is_http_url,
                                     without_tracking)
from archiver.extract.candidate import skip_reason
from archiver.extract.decode import decode_html
from archiver.items import FetchedPage
from archiver.middlewares.allowed_hosts import OffsiteRefused, origin_key
from archiver.middlewares.incremental import NoNewVersion
from archiver.middlewares.robots_txt import RobotsTxtUnavailable, shared_robots
from archiver.middlewares.warc_capture import NotArchived
from archiver.outcomes import failure_reason, fetch_failed
from archiver.request_meta import ARTICLE_META_KEY, EXCHANGE_META_KEY, LASTMOD_META_KEY
from archiver.sites import SiteProfile

logger = logging.getLogger(__name__)


# Answers that mean "no robots.txt here": parse_robots then falls back to the profile's sitemaps.
NO_ROBOTS_STATUSES = [401, 403, 404, 410]
# robots.txt failures after which an edition's discovery stops: nothing else would be answered.
UNREACHABLE = ("connection refused", "host not found")
DEPTH_META = "archiver_sitemap_depth"


class BadArgument(ValueError):
    """A spider argument (-a NAME=VALUE) that cannot be used."""


class ProfileSpider(scrapy.Spider):
    """Base class: subclasses set ``name`` and ``profile``."""

    profile: SiteProfile
    extra_arguments: tuple[str, ...] = ()    # arguments a subclass takes before this __init__

    def __init__(self, edition: str = "all", since: str | None = None,
                 limit: str | int | None = None, **kwargs: Any) -> None:
        bases = {code: kwargs.pop(f"{code}_url", None) or url
                 for code, url in self.profile.editions.items()}
        self._refuse_unknown(kwargs)
        super().__init__(**kwargs)
        self.editions = self._pick_editions(edition, bases)
        self.rebase = Rebaser({self.profile.editions[c]: b for c, b in self.editions.items()})
        self.allowed_domains = sorted(h for h in self.profile.hosts(self.editions) if h)
        self.allowed_origins = sorted({origin_key(b) for b in self.editions.values()})
        self.since = _parse_since(since)
        self.limit = _parse_limit(limit)
        self._seen: set[str] = set()
        self._discovery: set[str] = set()   # sitemap/feed URLs requested (an index may list itself)
        self.unreachable: set[str] = set()  # editions whose host refused or does not exist
        self._unchanged: set[str] = set()   # article keys not scheduled: archived, unchanged
        self._documents: dict[str, int] = {}       # edition -> discovery documents requested
        self._bound_hits: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.limit and not crawler.settings.getint("CLOSESPIDER_ITEMCOUNT"):
            crawler.settings.set("CLOSESPIDER_ITEMCOUNT", spider.limit, priority="spider")
        return spider

    def _refuse_unknown(self, kwargs: dict[str, Any]) -> None:
        """A mistyped -a argument (``limt=5``) must not quietly become a full crawl of the real
        site. Names starting with ``_`` are left alone (schedulers such as scrapyd add ``_job``)."""
        unknown = sorted(k for k in kwargs if not k.startswith("_") and k != "name")
        if unknown:
            known = ["edition", *(f"{c}_url" for c in self.profile.editions), "since", "limit",
                     *self.extra_arguments]
            raise BadArgument(f"unknown spider argument {unknown[0]!r}; known: {', '.join(known)}")

    def _pick_editions(self, edition: str, bases: dict[str, str]) -> dict[str, str]:
        wanted = list(bases) if edition == "all" else [e.strip() for e in edition.split(",")]
        unknown = [e for e in wanted if e not in bases]
        if unknown:
            raise BadArgument(f"unknown edition {unknown[0]!r}: use one of "
                              f"{', '.join(bases)} or all")
        for code in wanted:
            if not is_http_url(bases[code]):
                raise BadArgument(f"{code}_url must be an http(s) URL, not {bases[code]!r}")
        return {code: bases[code].rstrip("/") for code in wanted}

    @property
    def entry_points(self) -> list[str]:
        """Where the crawl starts; a crawl that reaches none of their hosts has failed."""
        return list(self.editions.values())

    @property
    def description(self) -> str:
        """What this crawl is, for its first log line."""
        bases = ", ".join(f"{code} {base}" if len(self.editions) > 1 else base
                          for code, base in self.editions.items())
        bounds = [f"since {self.since}" if self.since else "",
                  f"limit {self.limit}" if self.limit else ""]
        bounds = [b for b in bounds if b]
        return f"{self.name}: {bases}" + (f" ({'; '.join(bounds)})" if bounds else "")

    # -- discovery ------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        for code, base in self.editions.items():
            async for request in self._robots(base, code):
                yield request
            if code in self.unreachable:
                continue
            for path in self.profile.feed_paths:
                for request in self._discover(f"{base}{path}", self.parse_feed, code):
                    yield request

    async def _robots(self, base: str, edition: str) -> AsyncIterator[Request]:
        """robots.txt's Sitemap: lines. The file the robots.txt middleware fetched for the host
        is read rather than fetched again; a missing robots.txt still reaches parse_robots,
        which falls back to the profile's sitemap paths."""
        url = f"{base}/robots.txt"
        robots = shared_robots(getattr(self, "crawler", None))
        if robots is None or urlsplit(url).path != "/robots.txt":
            yield Request(url, self.parse_robots, cb_kwargs={"edition": edition},
                          dont_filter=True, errback=self.discovery_failed,
                          meta={"handle_httpstatus_list": NO_ROBOTS_STATUSES})
            return
        self._discovery.add(url)
        try:
            response = await robots.fetch(url)
        except RobotsTxtUnavailable as exc:
            self._failed("discovery", str(exc), url=url)     # the middleware logged it
            if str(exc) in UNREACHABLE:             # retried already: the host is not there
                self.unreachable.add(edition)
            return
        if response.status < 300 or response.status in NO_ROBOTS_STATUSES:
            for request in self.parse_robots(response, edition):
                yield request
        else:
            self._failed("discovery", f"HTTP {response.status}", url=url)
            logger.warning("robots.txt answered HTTP %d: %s", response.status, url)

    def parse_robots(self, response: Response, edition: str) -> Iterator[Request]:
        base = self.editions[edition]
        urls = [self.rebase(u) for u in sitemap_urls_from_robots(response.body, base_url=base)]
        urls = [u for u in urls if self._on_site(u)]
        if not urls or response.status >= 400:
            urls = [f"{base}{p}" for p in self.profile.sitemap_paths]
        for url in urls:
            yield from self._discover(url, self.parse_sitemap, edition)

    def parse_sitemap(self, response: Response, edition: str) -> Iterator[Request]:
        try:
            kind, entries = parse_sitemap(response.body)
        except NotASitemap as exc:
            self._count("bad_sitemap")
            logger.warning("Ignoring sitemap %s: %s", response.url, exc)
            return
        if kind is SitemapKind.INDEX:
            yield from self._follow_index(entries, edition, response.meta.get(DEPTH_META, 0) + 1)
        else:
            yield from self._schedule(entries, edition, source="sitemap")

    def _follow_index(self, entries: Iterable[DiscoveredUrl], edition: str,
                      depth: int) -> Iterator[Request]:
        if depth > self._setting("ARCHIVER_SITEMAP_MAX_DEPTH"):
            self._bound_hit("ARCHIVER_SITEMAP_MAX_DEPTH", edition, "sitemap indexes nested deeper")
            return
        for entry in entries:
            url = self.rebase(entry.url)
            follow = self.profile.sitemap_follow
            if not self._on_site(url) or (follow and not any(re.search(p, url) for p in follow)):
                continue
            if self._documents_left(edition) <= 0:
                return                   # a 100,000-sitemap index stops here, not at its end
            yield from self._discover(url, self.parse_sitemap, edition, depth)

    def _discover(self, url: str, callback: Any, edition: str,
                  depth: int = 0) -> Iterator[Request]:
        """Discovery files are fetched on every run, also after a crash with a JOBDIR whose
        dupefilter saw them (hence dont_filter), but once per run (an index may list itself),
        and no more than ARCHIVER_DISCOVERY_MAX_DOCUMENTS per edition."""
        url = discovery_url(url)
        if url in self._discovery:
            self._count("discovery_cycle")
            logger.warning("Discovery file listed again, not refetched: %s", url)
            return
        if self._documents_left(edition) <= 0:
            return
        self._discovery.add(url)
        self._documents[edition] = self._documents.get(edition, 0) + 1
        yield Request(url, callback, cb_kwargs={"edition": edition}, dont_filter=True,
                      errback=self.discovery_failed, meta={DEPTH_META: depth})

    def _documents_left(self, edition: str) -> int:
        left = self._setting("ARCHIVER_DISCOVERY_MAX_DOCUMENTS") - self._documents.get(edition, 0)
        if left <= 0:
            self._bound_hit("ARCHIVER_DISCOVERY_MAX_DOCUMENTS", edition, "more discovery documents")
        return left

    def _setting(self, name: str) -> int:
        """A bound from the crawl's settings; its default (archiver/settings.py) for a spider
        made without a crawler."""
        settings = getattr(self, "settings", None)
        default = getattr(defaults, name)
        return settings.getint(name, default) if settings else default

    def _bound_hit(self, name: str, edition: str, what: str) -> None:
        """Counted every time, logged once per bound and edition."""
        self._count(f"bound/{name.removeprefix('ARCHIVER_').lower()}")
        if (name, edition) not in self._bound_hits:
            self._bound_hits.add((name, edition))
            logger.warning("Discovery bound reached for %s: %s not fetched "
                           "(%s = %d)", self.editions.get(edition, edition), what,
                           name, self._setting(name))

    def parse_feed(self, response: Response, edition: str) -> Iterator[Request]:
        try:
            entries = parse_feed(response.body, base_url=response.url)
        except NotAFeed as exc:
            self._count("bad_feed")
            logger.warning("Ignoring feed %s: %s", response.url, exc)
            return
        yield from self._schedule(entries, edition, source="feed")

    def _schedule(self, entries: Iterable[DiscoveredUrl], edition: str, source: str) -> Iterator[Request]:
        for entry in entries:
            url = without_tracking(self.rebase(entry.url))
            if not is_http_url(url):
                self._count("refused_scheme")
                logger.warning("Refused a non-http(s) URL from a %s: %.200s", source, url)
                continue
            if not self._on_site(url) or not entry.on_or_after(self.since):
                continue
            if not (self._is_shortlink(url) or self.profile.is_article_path(self._site_path(url))):
                self._count("not_article_url")
                continue
            key = canonical_key(url)
            if key in self._seen:
                self._count("duplicate_url")
                continue
            if self._state is not None and self._state.is_unchanged(url, entry.when):
                self._count("unchanged_since_archived")   # another source may date it later
                self._unchanged_article(key, True)
                continue
            self._unchanged_article(key, False)
            self._seen.add(key)
            self._count(f"scheduled_from_{source}")
            yield self.article_request(url, edition, entry)

    def article_request(self, url: str, edition: str, entry: DiscoveredUrl) -> Request:
        """The request for one article; its raw exchange is archived with the article's records."""
        # dont_filter: the archive's state, not a JOBDIR dupefilter, decides what is done
        return Request(url, self.parse_article, cb_kwargs={"edition": edition}, dont_filter=True,
                       meta={ARTICLE_META_KEY: True, LASTMOD_META_KEY: entry.when},
                       errback=self.article_failed)

    # -- pages ----------------------------------------------------------------------------------
    def parse_article(self, response: Response, edition: str) -> Iterator[FetchedPage]:
        page = fetched_page(response, self.profile.name, getattr(self, "crawler", None))
        if page is not None:
            page.edition = edition
            yield page

    def discovery_failed(self, failure) -> None:
        """A sitemap, feed or listing page that could not be fetched. A 4xx is an expected
        outcome (an index lists a sitemap that is gone): INFO. The rest is a WARNING."""
        if failure.check(NotArchived):
            return          # the archive cannot be written: the crawl is stopping, said once
        self._count("discovery_failed")
        reason = self._failed("discovery", failure_reason(failure), failure.request)
        level = logging.INFO if reason.startswith("HTTP 4") else logging.WARNING
        logger.log(level, "Discovery fetch failed: %s (%s)", failure.request.url, reason)

    def article_failed(self, failure) -> None:
        message, request = failure.getErrorMessage(), failure.request
        if failure.check(NoNewVersion) or "robots.txt" in message:
            if getattr(self, "crawler", None) is not None:       # settles the article limit
                self.crawler.signals.send_catch_log(fetch_failed, url=request.url,
                                                    reason=None, request=request)
        if failure.check(NoNewVersion, NotArchived):
            return          # counted and logged where it was decided
        if failure.check(OffsiteRefused):
            self._failed("article", failure_reason(failure), request)
            return          # logged where it was decided
        if "robots.txt" in message:
            self._count("forbidden_by_robots")
            logger.info("Not fetched, disallowed by robots.txt: %s", request.url)
            return
        self._count("article_failed")
        reason = self._failed("article", failure_reason(failure), request)
        logger.warning("Article fetch failed: %s (%s)", failure.request.url, reason)

    # -- helpers --------------------------------------------------------------------------------
    def _on_site(self, url: str) -> bool:
        """On an edition's host *and port*: a robots.txt ``Sitemap:`` line or a sitemap entry
        naming the same host on another port is another site."""
        return is_http_url(url) and (urlsplit(url).hostname or "") in self.allowed_domains \
            and origin_key(url) in self.allowed_origins

    @property
    def _state(self):
        """The archive's crawl state (None without a crawler or with ARCHIVER_INCREMENTAL off)."""
        crawler = self.crawler if hasattr(self, "crawler") else None
        if crawler is None or not crawler.settings.getbool("ARCHIVER_INCREMENTAL", defaults.ARCHIVER_INCREMENTAL):
            return None
        from archiver.state import ArchiveState
        return ArchiveState.for_crawler(crawler)

    def _site_path(self, url: str) -> str:
        """The path as the real site has it: a mirror may serve an edition below a folder
        (``-a en_url=http://127.0.0.1:8000/the-decoder.com``, as ``wget --mirror`` lays it out)."""
        parts = urlsplit(url)
        for base in self.editions.values():
            base_parts = urlsplit(base)
            prefix = base_parts.path.rstrip("/")
            if prefix and parts.netloc == base_parts.netloc and (
                    parts.path == prefix or parts.path.startswith(prefix + "/")):
                return parts.path[len(prefix):] or "/"
        return parts.path

    def _is_shortlink(self, url: str) -> bool:
        return self._site_path(url) in ("", "/") and urlsplit(url).query.startswith("p=")

    def _count(self, key: str) -> None:
        if getattr(self, "crawler", None) is not None:
            self.crawler.stats.inc_value(f"archiver/discovery/{key}")

    def _unchanged_article(self, key: str, unchanged: bool) -> None:
        """Articles left unfetched because the archive holds them unchanged, each counted once
        however many sources list it (``archiver/unchanged/not_refetched``, for the summary)."""
        (self._unchanged.add if unchanged else self._unchanged.discard)(key)
        if getattr(self, "crawler", None) is not None:
            self.crawler.stats.set_value("archiver/unchanged/not_refetched", len(self._unchanged))

    def _failed(self, kind: str, reason: str, request: Request | None = None,
                url: str | None = None) -> str:
        """Count a failed fetch by kind (article, discovery) and reason, and say so to whom it
        concerns (fetch_failed); returns the reason."""
        if getattr(self, "crawler", None) is not None:
            self.crawler.stats.inc_value(f"archiver/failed/{kind}/{reason}")
            self.crawler.signals.send_catch_log(fetch_failed, url=url or request.url,
                                                reason=reason, request=request)
        return reason


def capture_skip_reason(response: Response) -> str | None:
    """Why this response cannot be an article, or None: the decision `archive reprocess` makes
    too (archiver.extract.candidate)."""
    exchange = response.meta.get(EXCHANGE_META_KEY)
    return skip_reason(response.status, response.headers.get(b"Content-Type"), response.body,
                       bool(getattr(exchange, "truncated", False)))


def fetched_page(response: Response, site: str | None, crawler: Any = None) -> FetchedPage | None:
    """The page for the pipeline, or None (counted, logged) when the capture cannot be an
    article (`capture_skip_reason`)."""
    content_type = response.headers.get(b"Content-Type")
    exchange = response.meta.get(EXCHANGE_META_KEY)
    reason = capture_skip_reason(response)
    if reason is not None:
        if crawler is not None:
            crawler.stats.inc_value(f"archiver/not_article/{reason}")
        logger.info("Not an article (%s: %s), archived raw only: %s", reason,
                    (content_type or b"no Content-Type").decode("latin-1"), response.url)
        return None
    # Our decoder, not Scrapy's: a page mislabelled as UTF-8 (or as latin-1) keeps its text.
    html = decode_html(response.body, http_content_type_encoding(
        (content_type or b"").decode("latin-1")))
    return FetchedPage(url=response.url, html=html, site=site,
                       fetched_at=_capture_time(response), http_status=response.status,
                       exchange=exchange)


def _parse_since(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadArgument(f"since must be YYYY-MM-DD, not {value!r}") from None


def _parse_limit(value: str | int | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        limit = int(value)
    except ValueError:
        raise BadArgument(f"limit must be a whole number, not {value!r}") from None
    if limit < 1:
        raise BadArgument("limit must be at least 1")
    return limit


def _capture_time(response: Response) -> str:
    exchange = response.meta.get(EXCHANGE_META_KEY)
    when = getattr(exchange, "date", None) or datetime.now(timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
