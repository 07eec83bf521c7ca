"""A real Scrapy crawl of the WARC capture alone (no project settings, a toy pipeline) for the
WARC tests, run as a subprocess (a Twisted reactor cannot be restarted inside the pytest
process); `start_capture_app` and `run_capture_app` launch it.

    python capture_app.py ARCHIVE_DIR URL... [-s NAME=VALUE ...]

URLs containing /article/ are marked as articles; the test pipeline writes them the way the real
pipeline does (WarcArchive.write_article), with a toy "extraction" that drops the ad.
It prints ``ARCHIVED <url>`` once an article is on disk, so a test can wait on that line.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

from archiver.extract.article import Article
from archiver.warc import WarcArchive

HERE = Path(__file__).parent


def capture_urls(base: str) -> list[str]:
    """What the shared crawl of the WARC tests asks the mock site for."""
    return [f"{base}/redirect", f"{base}/article/2", f"{base}/article/3", f"{base}/missing",
            f"{base}/search?q=a+b&x=1", f"{base}/big", f"{base}/big-known"]


def start_capture_app(archive_dir: Path, urls: list[str], **settings: object) -> subprocess.Popen:
    args = [sys.executable, __file__, str(archive_dir), *urls]
    args += [f"{name}={value}" for name, value in settings.items()]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=HERE)


def run_capture_app(archive_dir: Path, urls: list[str], **settings: object) -> str:
    """Run the app to its end (exit 0, no traceback); returns its stdout (ARCHIVED lines)."""
    proc = start_capture_app(archive_dir, urls, **settings)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    return out


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
        article = Article(url=item["url"], title=title, authors=["A. Author"], html=clean,
                          language="en",
                          published=datetime(2024, 5, 1, tzinfo=timezone.utc).isoformat())
        self.archive.write_article(article, item["exchange"], site=None,
                                   fetched_at=item["exchange"].date.isoformat(),
                                   http_status=item["status"])
        print("ARCHIVED", item["url"], flush=True)
        return {"url": item["url"]}


def main(argv: list[str]) -> None:
    archive_dir, rest = argv[0], argv[1:]
    urls = [a for a in rest if a.startswith("http")]
    overrides = dict(a.split("=", 1) for a in rest if not a.startswith("http"))
    settings = {
        "ARCHIVE_DIR": archive_dir, "ROBOTSTXT_OBEY": True, "USER_AGENT": "archiver-test/1.0",
        "DOWNLOADER_MIDDLEWARES": {
            "archiver.middlewares.warc_capture.WarcCaptureMiddleware": 950},
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
