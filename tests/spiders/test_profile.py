"""The decoder spider's arguments: editions, mirrors, since, limit, and their errors."""

from datetime import date

import pytest

from archiver.spiders.decoder import DecoderSpider
from archiver.spiders.profile import BadArgument


def test_defaults_crawl_both_real_editions():
    spider = DecoderSpider()
    assert spider.editions == {"en": "https://the-decoder.com", "de": "https://the-decoder.de"}
    assert spider.allowed_domains == ["the-decoder.com", "the-decoder.de"]
    assert spider.since is None and spider.limit is None


def test_mirror_bases_and_allowed_domains_follow():
    spider = DecoderSpider(edition="de", de_url="http://127.0.0.1:8002/", since="2026-01-31", limit="3")
    assert spider.editions == {"de": "http://127.0.0.1:8002"}
    assert spider.allowed_domains == ["127.0.0.1"]
    assert spider.rebase("https://the-decoder.de/x/") == "http://127.0.0.1:8002/x/"
    assert spider.since == date(2026, 1, 31) and spider.limit == 3


@pytest.mark.parametrize("kwargs, message", [
    ({"edition": "fr"}, "unknown edition"),
    ({"since": "31.01.2026"}, "YYYY-MM-DD"),
    ({"limit": "many"}, "whole number"),
    ({"limit": "0"}, "at least 1"),
    ({"en_url": "file:///etc"}, "http(s) URL"),
])
def test_bad_arguments_say_what_is_wrong(kwargs, message):
    with pytest.raises(BadArgument, match=message.replace("(", r"\(").replace(")", r"\)")):
        DecoderSpider(**kwargs)


def test_article_rules_come_from_the_profile():
    profile = DecoderSpider.profile
    assert profile.is_article_path("/openai-releases-a-new-model/")
    for path in ("/tag/openai/", "/author/jane-doe/", "/artificial-intelligence-news/ai-research/",
                 "/kuenstliche-intelligenz-news/", "/sign-in/", "/subscription/", "/about/",
                 "/artificial-intelligence-news/page/2/", "/wp-content/uploads/2026/01/a.jpg"):
        assert not profile.is_article_path(path), path


def test_a_mistyped_argument_is_refused_not_ignored():
    with pytest.raises(BadArgument, match="unknown spider argument 'limt'.*limit"):
        DecoderSpider(limt="5")
    with pytest.raises(BadArgument, match="unknown spider argument 'fr_url'"):
        DecoderSpider(fr_url="http://127.0.0.1:1")
    assert DecoderSpider(_job="scrapyd-42").limit is None      # scheduler bookkeeping passes


def test_news_spider_names_its_own_arguments():
    from archiver.spiders.news import NewsSpider

    with pytest.raises(BadArgument, match="known: .*url, site"):
        NewsSpider(url="http://127.0.0.1:1", sitee="decoder")
