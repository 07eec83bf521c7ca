"""A real Scrapy crawl for the WARC tests, run as a subprocess (a Twisted reactor cannot be
restarted inside the pytest process).

    python warc_crawl_app.py ARCHIVE_DIR URL... [-s NAME=VALUE ...]

URLs containing /article/ are marked as articles; the test pipeline writes them the way the real
pipeline does (begin_article, then write_article), with a toy "extraction" that drops the ad.
It prints ``ARCHIVED <url>`` once an article is on disk, so a test can wait on that line.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime, timezone

import scrapy
from scrapy.crawler import CrawlerProcess

from archiver.warc import WarcArchive


class WarcTestSpider(scrapy.Spider):
    name = "warc_test"

    def __init__(self, urls: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.urls = urls.split()

    async def start(self):
        for priority, url in enumerate(self.urls):
            meta = {"archiver_article": "/article/" in url or url.endswith("/redirect")}
            if url.endswith("/big") or url.endswith("/big-known"):
                meta["download_maxsize"] = 1000
            yield scrapy.Request(url, meta=meta, priority=-priority, dont_filter=True,
                                 callback=self.parse, errback=self.failed)

    def parse(self, response):
        exchange = response.meta.get("warc_exchange")
        if exchange is not None:
            yield {"url": response.url, "html": response.text, "exchange": exchange,
                   "status": response.status}

    def failed(self, failure):
        self.logger.info("request failed: %s", failure.value)


class TestArticlePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.archive = WarcArchive.for_crawler(crawler)
        return pipeline

    def process_item(self, item, spider=None):
        clean = re.sub(r"<div class='ad'>.*?</div>", "", item["html"])
        title = re.search(r"<h1>(.*?)</h1>", clean).group(1)
        links = self.archive.begin_article()
        record = {"url": item["url"], "title": title, "authors": ["A. Author"], "html": clean,
                  "fetched_at": item["exchange"].date.isoformat(), "http_status": item["status"],
                  "warc": links}
        fields = [("title", title), ("creator", "A. Author"), ("language", "en"),
                  ("issued", datetime(2024, 5, 1, tzinfo=timezone.utc).isoformat())]
        self.archive.write_article(links, item["exchange"], clean, fields, record)
        print("ARCHIVED", item["url"], flush=True)
        return {"url": item["url"]}


def main(argv: list[str]) -> None:
    archive_dir, rest = argv[0], argv[1:]
    urls = [a for a in rest if a.startswith("http")]
    overrides = dict(a.split("=", 1) for a in rest if not a.startswith("http"))
    settings = {
        "ARCHIVE_DIR": archive_dir, "ROBOTSTXT_OBEY": True, "USER_AGENT": "archiver-test/1.0",
        "DOWNLOADER_MIDDLEWARES": {"archiver.warc.capture.WarcCaptureMiddleware": 950},
        "ITEM_PIPELINES": {f"{__name__}.TestArticlePipeline": 300},
        "CONCURRENT_REQUESTS": 1, "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "INFO", "WARC_OPERATOR": "test operator",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "RETRY_ENABLED": False,
    }
    settings.update(overrides)
    process = CrawlerProcess(settings)
    process.crawl(WarcTestSpider, urls=" ".join(urls))
    process.start()


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if a != "-s"])
