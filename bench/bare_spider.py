"""The ceiling for bench/crawl.py: a plain Scrapy spider that walks the same discovery files
(robots.txt -> sitemap index -> sitemaps) and fetches every article, doing nothing with it.

Run by bench/crawl.py as `scrapy runspider` outside the project, so Scrapy's defaults apply
(HTTP compression, robots.txt, retries) and none of the archiver's components.
"""

from __future__ import annotations

import scrapy
from scrapy.spiders import SitemapSpider


class BareSpider(SitemapSpider):
    name = "bare"
    sitemap_rules = [(r"/\d{4}/\d{2}/\d{2}/", "parse_article")]

    def __init__(self, url: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.sitemap_urls = [f"{url.rstrip('/')}/robots.txt"]

    def parse_article(self, response: scrapy.http.Response) -> None:
        assert response.text          # decoded, as the archiver's spider does
        self.crawler.stats.inc_value("bench/articles")
