"""`scrapy crawl news`: any news site, with or without a site profile.

    scrapy crawl news -a url=https://example.org [-a since=YYYY-MM-DD] [-a limit=N]
    scrapy crawl news -a site=NAME [-a url=BASE | -a <edition>_url=BASE] [-a edition=…]
    scrapy crawl news -a url=https://example.org/2026/05/12/a-story/   # just that article

A ``url`` that is an article's (by the profile's or the generic URL rules) archives that one
article, with no discovery: a user who names an article wants it, not the site. To crawl the
site instead, name its home page.

Discovery is the profile spider's (robots.txt sitemaps, sitemap indexes, Google News sitemaps,
feeds) plus what a site without a profile needs: feeds advertised on the home page, and a bounded
same-host crawl of the home page and its listing pages, because feeds list only the newest items
and some sites offer neither feed nor sitemap. A site without a profile gets a generic one
(`generic_profile`); a URL whose host has a registered profile uses that profile.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Request, Response

from archiver.discovery import DiscoveredUrl
from archiver.discovery.links import (GENERIC_ARTICLE_PATH, GENERIC_NOT_ARTICLE_PATHS, UrlKind,
                                      classify_url, date_in_url)
from archiver.discovery.pages import (Page, PageKind, feed_links, page_kind, page_links,
                                      published_date)
from archiver.discovery.urls import canonical_key, is_http_url
from archiver.items import FetchedPage
from archiver.request_meta import LASTMOD_META_KEY
from archiver.sites import SiteProfile, get_site, site_for_url

from .profile import BadArgument, ProfileSpider

logger = logging.getLogger(__name__)

DEPTH_KEY = "archiver_crawl_depth"
GENERIC_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml")
# robots.txt answers that mean "no robots.txt": go on with the fallback sitemap paths.
def generic_profile(url: str) -> SiteProfile:
    """The profile of a site nobody has described: its own origin, the usual sitemap paths,
    feeds from the home page only, and the generic article/listing URL rules."""
    parts = urlsplit(url)
    return SiteProfile(name=parts.hostname or "", editions={"site": _origin(url)},
                       sitemap_paths=GENERIC_SITEMAP_PATHS, feed_paths=(),
                       article_url=GENERIC_ARTICLE_PATH,
                       not_article_paths=GENERIC_NOT_ARTICLE_PATHS)


class NewsSpider(ProfileSpider):
    name = "news"
    extra_arguments = ("url", "site")

    def __init__(self, url: str | None = None, site: str | None = None, **kwargs: Any) -> None:
        self.profile, self.site_name = _choose_profile(url, site)
        if url and self.site_name:
            mirrors = {c: kwargs[f"{c}_url"] for c in self.profile.editions
                       if kwargs.get(f"{c}_url")}
            code = _edition_for(self.profile, url, explicit=bool(site), mirrors=mirrors)
            kwargs.setdefault("edition", code)
            if not _same_site(url, self.profile.editions[code]):
                kwargs.setdefault(f"{code}_url", _origin(url))     # a mirror
        super().__init__(**kwargs)
        one = url and len(self.editions) == 1
        self.home_urls = {code: self.rebase(url) if one else f"{base}/"
                          for code, base in self.editions.items()}
        self._origins = {_origin_key(base) for base in self.editions.values()}
        self._listed: set[str] = set()
        self._feeds: set[str] = set()
        self.article_url = self._named_article(url)

    def _named_article(self, url: str | None) -> str | None:
        """``url`` rebased onto the crawl, if it names an article rather than a site."""
        if not url:
            return None
        url = self.rebase(url)
        home = self._site_path(url) in ("", "/") and not urlsplit(url).query
        return None if home or not self._is_article_url(url) else url

    @property
    def entry_points(self) -> list[str]:
        return [self.article_url] if self.article_url else super().entry_points

    @property
    def description(self) -> str:
        if self.article_url:
            return f"{self.name}: the article {self.article_url}"
        return super().description

    # -- discovery ------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        if self.article_url:
            for request in self._article(DiscoveredUrl(self.article_url, None), self._edition_of(
                    self.article_url), depth=None):
                yield request
            return
        async for request in super().start():
            yield request
        for code, home in self.home_urls.items():
            if code not in self.unreachable:
                for request in self._listing(home, code, depth=0):
                    yield request

    def parse_listing(self, response: Response, edition: str, depth: int) -> Iterator[Request]:
        """A home/section/tag page: read its feeds and links; if it is an article after all,
        fetch it again as one (its first capture was archived as a discovery fetch)."""
        if not hasattr(response, "text"):
            return
        self._listed.add(canonical_key(response.url))     # after a redirect, too
        page = Page.parse(response.text, response.url)
        yield from self._follow_feeds(feed_links(page), edition)
        if depth > 0 and page_kind(page, self._is_article_url) is PageKind.ARTICLE:
            self._count("article_by_page_shape")
            entry = DiscoveredUrl(response.url, published_date(page))
            yield from (r.replace(dont_filter=True) for r in self._article(entry, edition, depth))
            return
        yield from self._follow_links(page_links(page), edition, depth + 1)

    def _follow_feeds(self, urls: Iterable[str], edition: str) -> Iterator[Request]:
        """The feeds a page advertises, at most ARCHIVER_FEEDS_PER_PAGE of them (a page listing
        3,000 feeds is not a news site's home page), each once per run."""
        found = [u for u in (self.rebase(u) for u in urls) if self._on_site(u)]
        if len(found) > self._setting("ARCHIVER_FEEDS_PER_PAGE"):
            self._bound_hit("ARCHIVER_FEEDS_PER_PAGE", edition,
                            f"{len(found)} feeds on one page, the rest")
            found = found[:self._setting("ARCHIVER_FEEDS_PER_PAGE")]
        for url in found:
            if url not in self._feeds:
                self._feeds.add(url)
                self._count("feed_autodiscovered")
                yield from self._discover(url, self.parse_feed, edition)

    def _follow_links(self, urls: Iterable[str], edition: str, depth: int) -> Iterator[Request]:
        for url in (self.rebase(u) for u in urls):
            if not self._on_site(url):
                continue
            kind = self._classify(url)
            if kind is UrlKind.ARTICLE:
                yield from self._article(DiscoveredUrl(url, date_in_url(url)), edition, depth)
            elif kind is UrlKind.LISTING:
                yield from self._listing(url, edition, depth)

    def _listing(self, url: str, edition: str, depth: int) -> Iterator[Request]:
        key = canonical_key(url)
        if key in self._listed or key in self._seen or depth > self._setting("ARCHIVER_NEWS_MAX_DEPTH"):
            return
        if len(self._listed) >= self._setting("ARCHIVER_NEWS_MAX_PAGES"):
            self._count("listing_page_cap")
            return
        self._listed.add(key)
        self._count("listing_pages")
        yield Request(url, self.parse_listing, cb_kwargs={"edition": edition, "depth": depth},
                      errback=self.discovery_failed)

    def _article(self, entry: DiscoveredUrl, edition: str, depth: int | None) -> Iterator[Request]:
        key = canonical_key(entry.url)
        if key in self._seen:
            self._count("duplicate_url")
            return
        if not entry.on_or_after(self.since):
            self._count("before_since")
            return
        self._seen.add(key)
        self._count("scheduled_from_crawl")
        request = self.article_request(entry.url, edition, entry)
        if depth is not None:               # found by the crawl: the page gets a second look
            request.meta[DEPTH_KEY] = depth
        yield request

    # -- pages ----------------------------------------------------------------------------------
    def parse_article(self, response: Response, edition: str) -> Iterator[FetchedPage | Request]:
        """The profile spider's article, under this crawl's site name. The page gets a look of
        its own when discovery could not date it (``since`` then uses the date it states) and
        when the crawl found it: an article-shaped URL can be a listing (follow its links) or a
        page that says it is no article (not handed to the pipeline; its capture is kept raw)."""
        depth = response.meta.get(DEPTH_KEY)
        undated = self.since is not None and response.meta.get(LASTMOD_META_KEY) is None
        page = (Page.parse(response.text, response.url)
                if hasattr(response, "text") and (undated or depth is not None) else None)
        if page is not None and undated and _before(published_date(page), self.since):
            self._count("before_since")          # its capture is archived raw by the middleware
            return
        kind = (page_kind(page, self._is_article_url)
                if depth is not None and page is not None else None)
        if kind is PageKind.PAGE:                # only a crawled link's guess is overruled
            self._count("not_article_by_page_shape")
            if getattr(self, "crawler", None) is not None:
                self.crawler.stats.inc_value("archiver/not_article/plain_page")
            logger.info("Not an article (the page says it is a plain page): %s", response.url)
            return
        for item in super().parse_article(response, edition):
            item.site = self.site_name
            yield item
        if kind is PageKind.LISTING:
            self._count("listing_by_page_shape")
            yield from self._follow_links(page_links(page), edition, depth + 1)

    # -- helpers --------------------------------------------------------------------------------
    def _on_site(self, url: str) -> bool:
        """Same host *and port* as an edition: two sites on one host (mirrors on 127.0.0.1,
        user sites on a shared host) are two sites."""
        return super()._on_site(url) and _origin_key(url) in self._origins

    def _classify(self, url: str) -> UrlKind:
        if self._is_shortlink(url):
            return UrlKind.ARTICLE
        return classify_url(url, self.profile.article_url, self.profile.not_article_paths)

    def _edition_of(self, url: str) -> str:
        key = _origin_key(url)
        return next((code for code, base in self.editions.items() if _origin_key(base) == key),
                    next(iter(self.editions)))

    def _is_article_url(self, url: str) -> bool:
        return self._on_site(self.rebase(url)) and self._classify(url) is UrlKind.ARTICLE


def _choose_profile(url: str | None, site: str | None) -> tuple[SiteProfile, str | None]:
    """The named profile, else the profile registered for the URL's host, else a generic one."""
    if url is not None and not is_http_url(url):
        raise BadArgument(f"url must be an http(s) URL, not {url!r}")
    if site:
        try:
            profile = get_site(site)
        except KeyError as exc:
            raise BadArgument(exc.args[0]) from None
        return profile, profile.name
    if not url:
        raise BadArgument("give the site's address (-a url=https://…) "
                          "or a profile (-a site=NAME)")
    known = site_for_url(url)
    if known is not None:
        logger.info("Using the %r site profile for %s", known.name, url)
        return known, known.name
    return generic_profile(url), None


def _edition_for(profile: SiteProfile, url: str, explicit: bool,
                 mirrors: dict[str, str] | None = None) -> str:
    """The edition a URL belongs to: the mirror given for an edition (same host and port), the
    edition's own host, or the only edition of a one-edition profile."""
    for code, base in (mirrors or {}).items():
        if _origin_key(url) == _origin_key(base):
            return code
    for code, base in profile.editions.items():
        if _same_site(url, base):
            return code
    if explicit and len(profile.editions) == 1:
        return next(iter(profile.editions))     # a mirror of a one-edition site
    raise BadArgument(f"{url} is not an edition of {profile.name!r}; use -a <edition>_url=BASE "
                      f"with one of: {', '.join(profile.editions)}")


def _before(when: datetime | None, since: date) -> bool:
    return when is not None and when.date() < since


def _origin_key(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return (parts.hostname or "").lower(), (parts.port if parts.port != default else None)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _same_site(url: str, other: str) -> bool:
    """Same host, ``www.`` or not."""
    return ((urlsplit(url).hostname or "").removeprefix("www.")
            == (urlsplit(other).hostname or "").removeprefix("www."))
