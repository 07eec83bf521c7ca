"""Discovery against a mirror laid out differently from ours: encodings, folders, sitemap names.

Each test is the regression test of one defect found by crawling such a mirror.
"""

from __future__ import annotations

import re

import pytest
from scrapy.utils.test import get_crawler

from archiver.discovery import DiscoveredUrl
from archiver.discovery.urls import canonical_key
from archiver.sites import get_site
from archiver.spiders.decoder import DecoderSpider

DECODER = get_site("decoder")


def test_one_key_for_every_spelling_of_a_non_ascii_slug():
    spellings = ["https://the-decoder.de/warum-br%c3%bcchen/", "https://the-decoder.de/warum-br%C3%BCchen",
                 "https://the-decoder.de/warum-brüchen/"]
    assert len({canonical_key(u) for u in spellings}) == 1
    assert canonical_key("https://x.org/a/") != canonical_key("https://x.org/b/")


def test_a_sitemap_may_list_a_slug_unencoded():
    assert DECODER.is_article_path("/warum-sprachmodelle-beim-rechnen-mit-brüchen-scheitern/")
    assert DECODER.is_article_path("/Inside-The-Race-To-Build-A-Memory-Chip")
    assert not DECODER.is_article_path("/tag/künstliche-intelligenz/")


@pytest.mark.parametrize("name, follow", [
    ("post-sitemap.xml", True), ("post-sitemap2.xml", True), ("post-sitemap.xml.gz", True),
    ("wp-sitemap-posts-post-1.xml", True), ("sitemap-1.xml", True), ("news-sitemap.xml", True),
    ("page-sitemap.xml", False), ("category-sitemap.xml", False), ("post_tag-sitemap.xml", False),
    ("author-sitemap.xml", False), ("wp-sitemap-posts-page-1.xml", False),
    ("wp-sitemap-taxonomies-category-1.xml", False), ("wp-sitemap-users-1.xml", False),
])
def test_which_sub_sitemaps_are_followed(name, follow):
    url = f"http://127.0.0.1:8000/the-decoder.com/{name}"
    assert any(re.search(p, url) for p in DECODER.sitemap_follow) is follow


def spider_for(tmp_path, **kwargs) -> DecoderSpider:
    crawler = get_crawler(DecoderSpider, {"ARCHIVE_DIR": str(tmp_path)})
    return DecoderSpider.from_crawler(crawler, **kwargs)


def scheduled(spider: DecoderSpider, urls: list[str], edition: str = "en") -> list[str]:
    return [r.url for r in spider._schedule([DiscoveredUrl(u) for u in urls], edition, source="sitemap")]


def test_an_edition_served_below_a_folder(tmp_path):
    """``wget --mirror`` lays a site out as /the-decoder.com/<slug>/: the base has a path."""
    spider = spider_for(tmp_path, en_url="http://127.0.0.1:8000/the-decoder.com", edition="en")
    urls = scheduled(spider, ["https://the-decoder.com/some-article/",
                              "https://the-decoder.com/tag/ai/",
                              "https://the-decoder.com/?p=123",
                              "https://the-decoder.com/artificial-intelligence-news/"])
    assert urls == ["http://127.0.0.1:8000/the-decoder.com/some-article/",
                    "http://127.0.0.1:8000/the-decoder.com/?p=123"]


def test_both_editions_on_one_host_under_two_ports_each_once(tmp_path):
    spider = spider_for(tmp_path, en_url="http://127.0.0.1:8001", de_url="http://127.0.0.1:8002")
    assert spider.allowed_domains == ["127.0.0.1"]
    en = scheduled(spider, ["https://the-decoder.com/a-story", "http://127.0.0.1:8001/a-story/"])
    de = scheduled(spider, ["https://the-decoder.de/a-story/", "https://the-decoder.de/ein-br%C3%BCckenbau/",
                            "https://the-decoder.de/ein-brückenbau/"], "de")
    assert en == ["http://127.0.0.1:8001/a-story"]
    assert de == ["http://127.0.0.1:8002/a-story/", "http://127.0.0.1:8002/ein-br%C3%BCckenbau/"]
