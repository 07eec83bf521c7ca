"""The generic spider's discovery, without a network: URL and page detection, feed
autodiscovery, Google News sitemaps, and what `news` schedules from a listing page."""

import asyncio
from datetime import date

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from archiver.discovery import parse_sitemap
from archiver.discovery.links import UrlKind, classify_url, date_in_url
from archiver.discovery.pages import (Page, PageKind, feed_links, page_kind, page_links,
                                      published_date)
from archiver.spiders.news import NewsSpider, generic_profile
from archiver.spiders.profile import BadArgument

from tests.support.harbour_site import harbour_page

BASE = "http://127.0.0.1:8765"
A1 = "/news/2026/05/12/harbour-cranes-get-electric-upgrade-10231"
A5 = "/story/lighthouse-reopens"


@pytest.mark.parametrize("path, kind", [
    (A1, UrlKind.ARTICLE),
    ("/2026/05/12/short", UrlKind.ARTICLE),
    ("/world/2026-05-12-floods-in-the-valley", UrlKind.ARTICLE),
    ("/news/123456", UrlKind.ARTICLE),
    ("/politics/vote-12345.html", UrlKind.ARTICLE),
    ("/the-search-for-alien-life-goes-on/", UrlKind.ARTICLE),
    ("/index.php?id=4711", UrlKind.ARTICLE),
    ("/", UrlKind.LISTING),
    ("/world/", UrlKind.LISTING),
    (A5, UrlKind.LISTING),                      # too short to tell: the page decides
    ("/2026/05/", UrlKind.LISTING),
    ("/tag/ferries", UrlKind.LISTING),
    ("/category/world/page/3/", UrlKind.LISTING),
    ("/author/jane-smith-and-tom-okafor", UrlKind.LISTING),
    ("/section/harbour?page=2", UrlKind.LISTING),
    ("/about/", UrlKind.SKIP),
    ("/terms-of-use", UrlKind.SKIP),
    ("/privacy-policy", UrlKind.SKIP),
    ("/ueber-uns/", UrlKind.SKIP),
    ("/account/settings", UrlKind.SKIP),
    ("/search?q=ferry", UrlKind.SKIP),
    ("/feeds/latest.atom", UrlKind.SKIP),
    ("/feed/", UrlKind.SKIP),
    ("/wp-content/uploads/2026/05/crane-harbour-electric-upgrade.jpg", UrlKind.SKIP),
])
def test_url_shapes(path, kind):
    assert classify_url(f"https://example.org{path}") is kind


def test_date_in_url():
    assert date_in_url(f"https://e.org{A1}").date() == date(2026, 5, 12)
    assert date_in_url("https://e.org/x/2026-04-02-slug").date() == date(2026, 4, 2)
    assert date_in_url("https://e.org/2026/13/45/slug") is None
    assert date_in_url(f"https://e.org{A5}") is None


def test_feed_autodiscovery_on_the_home_page():
    page = Page.parse(harbour_page("/", BASE), f"{BASE}/")
    assert feed_links(page) == [f"{BASE}/feeds/latest.atom"]
    page = Page.parse('<html><head><base href="https://e.org/x/"><link rel="alternate" '
                      'type="application/rss+xml; charset=utf-8" href="rss"><link '
                      'rel="alternate" hreflang="de" href="/de/"></head></html>', "https://e.org/")
    assert feed_links(page) == ["https://e.org/x/rss"]


def test_page_links_are_absolute_and_unique():
    page = Page.parse('<a href="/a#c">1</a><a href="/a">2</a><a href="mailto:x@e.org">m</a>'
                      '<a rel="nofollow" href="/b">b</a><a href="https://o.org/c">c</a>',
                      "https://e.org/")
    assert page_links(page) == ["https://e.org/a", "https://o.org/c"]


def is_article(url: str) -> bool:
    return classify_url(url) is UrlKind.ARTICLE


@pytest.mark.parametrize("target, kind", [
    (A1, PageKind.ARTICLE), (A5, PageKind.ARTICLE),
    ("/news/2026/05/09/market-day-returns-to-the-old-square-10220", PageKind.UNKNOWN),
    ("/about/", PageKind.PAGE),
])
def test_page_shapes_of_the_mock_site(target, kind):
    assert page_kind(Page.parse(harbour_page(target, BASE), BASE + target), is_article) is kind


def test_a_page_of_teasers_is_a_listing():
    teasers = "".join(f'<div><a href="/news/2026/05/0{i}/story-number-{i}-of-the-day">{i}</a></div>'
                      for i in range(1, 6))
    assert page_kind(Page.parse(f"<html><body>{teasers}</body></html>", BASE), is_article) \
        is PageKind.LISTING
    assert page_kind(Page.parse("", BASE), is_article) is PageKind.UNKNOWN


def test_published_date_from_meta_or_json_ld():
    assert published_date(Page.parse(harbour_page(A5, BASE), BASE + A5)).date() == date(2026, 5, 8)
    ld = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
          '"datePublished": "2025-12-24T10:00:00Z"}]}</script>')
    assert published_date(Page.parse(f"<html><head>{ld}</head></html>", BASE)).year == 2025


def test_google_news_sitemap_dates_and_titles():
    kind, entries = parse_sitemap(harbour_page("/sitemaps/news.xml", BASE).encode())
    entries = list(entries)
    assert [e.url for e in entries][0] == BASE + A1
    assert entries[0].when.isoformat() == "2026-05-12T08:30:00+01:00"
    assert entries[0].title == "Harbour cranes get an electric upgrade"


# -- the spider ------------------------------------------------------------------------------
def spider(**kwargs) -> NewsSpider:
    settings = kwargs.pop("settings", {})
    crawler = get_crawler(NewsSpider, settings)
    return NewsSpider.from_crawler(crawler, **kwargs)


def listing_response(target: str, depth: int, news: NewsSpider) -> list[Request]:
    url = BASE + target
    response = HtmlResponse(url, body=harbour_page(target, BASE).encode(), encoding="utf-8",
                            request=Request(url))
    return list(news.parse_listing(response, edition="site", depth=depth))


def by_kind(requests: list[Request]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"article": set(), "listing": set(), "feed": set()}
    for r in requests:
        kind = ("article" if r.meta.get("archiver_article") else
                "feed" if r.callback.__name__ == "parse_feed" else "listing")
        out[kind].add(r.url.removeprefix(BASE))
    return out


def test_without_a_profile_the_site_gets_a_generic_one():
    news = spider(url=BASE + "/")
    assert news.site_name is None and news.allowed_domains == ["127.0.0.1"]
    assert news.editions == {"site": BASE} and news.profile == generic_profile(BASE)


def test_a_known_host_uses_its_profile_and_site_names_one():
    assert spider(url="https://www.the-decoder.de/").editions == {"de": "https://the-decoder.de"}
    assert spider(site="decoder", edition="en").site_name == "decoder"
    with pytest.raises(BadArgument, match="not an edition"):
        spider(site="decoder", url=BASE)
    with pytest.raises(BadArgument, match="unknown site"):
        spider(site="nope")
    with pytest.raises(BadArgument, match="url="):
        spider()


def test_home_page_schedules_articles_listings_and_feeds_not_static_pages():
    found = by_kind(listing_response("/", 0, spider(url=BASE)))
    assert found["feed"] == {"/feeds/latest.atom"}
    assert found["article"] == {A1, "/drafts/2026/05/14/unpublished-story-about-the-marina-10250"}
    assert found["listing"] == {"/section/harbour", "/section/city", "/?page=2", "/tag/ferries",
                                "/author/jane-smith", A5}


def test_article_requests_defer_their_capture_and_carry_the_url_date():
    (request,) = [r for r in listing_response("/section/harbour?page=2", 2, spider(url=BASE))
                  if r.meta.get("archiver_article")]
    assert request.meta["archiver_lastmod"].date() == date(2026, 4, 2)


def test_since_drops_crawled_articles_dated_before_it():
    news = spider(url=BASE, since="2026-05-01")
    found = by_kind(listing_response("/section/harbour?page=2", 2, news))
    assert found["article"] == set()


def test_an_article_behind_a_listing_url_is_fetched_again_as_an_article():
    found = listing_response(A5, 1, spider(url=BASE))
    (request,) = [r for r in found if r.callback.__name__ != "parse_feed"]
    assert request.meta["archiver_article"] and request.dont_filter
    assert request.url == BASE + A5


def test_depth_and_page_caps():
    shallow = spider(url=BASE, settings={"ARCHIVER_NEWS_MAX_DEPTH": 1})
    assert by_kind(listing_response("/section/harbour", 1, shallow))["listing"] == set()
    few = spider(url=BASE, settings={"ARCHIVER_NEWS_MAX_PAGES": 3})   # the home page + 2
    assert len(by_kind(listing_response("/", 0, few))["listing"]) == 2


def test_each_article_is_scheduled_once():
    news = spider(url=BASE)
    first = by_kind(listing_response("/", 0, news))["article"]
    again = by_kind(listing_response("/section/harbour", 1, news))["article"]
    assert A1 in first and A1 not in again


def article_response(target: str, news: NewsSpider, body: str | None = None, **meta) -> list:
    url = BASE + target
    request = Request(url, meta={"archiver_article": True, "archiver_lastmod": None, **meta})
    response = HtmlResponse(url, body=(body or harbour_page(target, BASE)).encode(),
                            encoding="utf-8",
                            request=request)
    return list(news.parse_article(response, edition="site"))


def test_an_undated_article_older_than_since_is_not_handed_to_the_pipeline():
    assert article_response(A5, spider(url=BASE, since="2026-05-09")) == []
    (page,) = article_response(A5, spider(url=BASE, since="2026-05-08"))
    assert page.url == BASE + A5 and page.site is None and "lighthouse" in page.html


TEASERS = [f"/news/2026/05/0{i}/story-number-{i}-of-the-day" for i in range(1, 6)]


def test_a_listing_behind_an_article_url_has_its_links_followed():
    body = "".join(f'<div><a href="{t}">{t}</a></div>' for t in TEASERS)
    found = article_response("/news/all-the-stories-of-may", spider(url=BASE), body,
                             archiver_crawl_depth=1)
    assert type(found[0]).__name__ == "FetchedPage"      # the pipeline still decides
    assert by_kind(found[1:])["article"] == set(TEASERS)
    assert article_response("/news/all-the-stories-of-may", spider(url=BASE), body)[1:] == []


def test_start_reads_robots_even_when_missing_and_crawls_the_home_page():
    news = spider(url=BASE + "/")

    async def collect() -> list[Request]:
        return [r async for r in news.start()]

    robots, home = asyncio.run(collect())
    assert robots.url == BASE + "/robots.txt" and 404 in robots.meta["handle_httpstatus_list"]
    assert home.url == BASE + "/" and home.callback == news.parse_listing
    missing = HtmlResponse(robots.url, status=404, body=b"<h1>Not found</h1>", request=robots)
    fallbacks = [r.url.removeprefix(BASE) for r in news.parse_robots(missing, edition="site")]
    assert fallbacks == ["/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml"]


def test_a_crawled_link_to_a_plain_page_is_not_handed_to_the_pipeline():
    page = harbour_page("/about/", BASE)
    assert article_response("/who-we-are-and-what-we-do", spider(url=BASE), page,
                            archiver_crawl_depth=1) == []
    (item,) = article_response("/who-we-are-and-what-we-do", spider(url=BASE), page)
    assert item.url.endswith("/who-we-are-and-what-we-do")   # from a sitemap: the pipeline decides


def test_same_host_means_same_port_too():
    news = spider(url=BASE)
    assert news._on_site(BASE + A1) and not news._on_site("http://127.0.0.1:9/" + A1)
    assert not news._on_site("http://elsewhere.example" + A1)
    assert spider(url="https://example.org")._on_site("https://example.org:443/a")
