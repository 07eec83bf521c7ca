"""The spider's duplicate check and skip rule: one article is one entry however it was linked,
and an entry the archive holds unchanged is not scheduled (but a later-dated one still is)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from scrapy.utils.test import get_crawler

from archiver.discovery import DiscoveredUrl
from archiver.discovery.urls import canonical_key
from archiver.spiders.decoder import DecoderSpider
from archiver.state import ArchiveState, Capture

T0 = datetime(2024, 5, 2, 8, 0, tzinfo=timezone.utc)
ARTICLE = "https://the-decoder.com/a-story-about-robots/"


def spider_for(tmp_path):
    crawler = get_crawler(DecoderSpider, {"ARCHIVE_DIR": str(tmp_path)})
    spider = DecoderSpider.from_crawler(crawler, edition="en")
    return spider, crawler


def test_variants_of_one_url_are_one_entry(tmp_path):
    spider, crawler = spider_for(tmp_path)
    variants = [ARTICLE, ARTICLE + "?utm_source=x&utm_medium=y", ARTICLE + "#comments",
                "https://www.the-decoder.com/a-story-about-robots/",
                "http://the-decoder.com/a-story-about-robots/?fbclid=abc"]
    requests = list(spider._schedule([DiscoveredUrl(u) for u in variants], "en", source="sitemap"))
    assert [r.url for r in requests] == [ARTICLE]
    assert crawler.stats.get_value("archiver/discovery/duplicate_url") == len(variants) - 1
    assert canonical_key(ARTICLE.rstrip("/")) == canonical_key(ARTICLE)   # the key; the profile
    # decides separately whether a path without its slash is an article URL at all


def test_archived_and_unchanged_is_skipped_but_a_later_date_is_scheduled(tmp_path):
    spider, crawler = spider_for(tmp_path)
    ArchiveState.for_crawler(crawler).put([ARTICLE], Capture(url=ARTICLE, captured=T0,
                                                             lastmod=T0 - timedelta(days=1)))
    feed = DiscoveredUrl(ARTICLE + "?utm_source=rss", T0 - timedelta(days=1))     # the feed's pubDate
    sitemap = DiscoveredUrl(ARTICLE, T0 + timedelta(hours=2))                      # edited since
    assert list(spider._schedule([feed], "en", source="feed")) == []
    [request] = spider._schedule([sitemap], "en", source="sitemap")
    assert request.meta["archiver_lastmod"] == sitemap.when and request.dont_filter
    stats = crawler.stats.get_stats()
    assert stats["archiver/discovery/unchanged_since_archived"] == 1
    assert stats["archiver/discovery/scheduled_from_sitemap"] == 1


def test_non_http_urls_from_discovery_are_refused(tmp_path):
    spider, crawler = spider_for(tmp_path)
    entries = [DiscoveredUrl("file:///etc/passwd"), DiscoveredUrl("javascript:alert(1)"),
               DiscoveredUrl("data:text/html,<script>x</script>")]
    assert list(spider._schedule(entries, "en", source="feed")) == []
    assert crawler.stats.get_value("archiver/discovery/refused_scheme") == 3


def test_a_sitemap_index_listing_itself_is_fetched_once(tmp_path):
    spider, crawler = spider_for(tmp_path)
    index = "https://the-decoder.com/sitemap_index.xml"
    first = list(spider._discover(index, spider.parse_sitemap, "en"))
    again = list(spider._discover(index, spider.parse_sitemap, "en"))
    assert len(first) == 1 and first[0].dont_filter and again == []
    assert crawler.stats.get_value("archiver/discovery/discovery_cycle") == 1
