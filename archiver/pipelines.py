"""The item pipeline: FetchedPage -> extract_article -> its images -> JSON record -> WARC + JSONL.

Thin on purpose: extraction lives in archiver.extract, file handling in archiver.warc. The JSON
Lines are written by the WARC archive rather than through FEEDS because each line must reach the
disk only after the WARC records it points to (a kill never leaves a line that links to nothing,
nor a partial line). Users may still add FEEDS: the pipeline returns the record as the item.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem

from archiver.discovery.urls import canonical_key
from archiver.distributed import seen_articles
from archiver.extract import NotAnArticle
from archiver.extract.article import Article
from archiver.extract_pool import ExtractionFailed, ExtractJob, ExtractorPool
from archiver.images.fetch import ImageFetcher
from archiver.items import FetchedPage
from archiver.warc.archive import ArchiveWriteFailed, WarcArchive
from archiver.warc.images import ArticleImages

logger = logging.getLogger(__name__)


class ArticlePipeline:
    """Extracts each fetched page and archives it; non-articles keep only their raw capture.

    Extraction runs in a process pool (archiver.extract_pool) while the reactor goes on
    downloading; so pages finish out of order. Everything that must hold across pages happens
    after extraction, in the reactor thread, in synchronous steps: the duplicate check and a
    place under the article limit are claimed in one (``_claim``), then the article's images
    are fetched (the only await), then its records and its images' records are written in
    another (``_archive``). No other page can slip in between a check and what it guards.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive = WarcArchive.for_crawler(crawler)
        self.extractor = ExtractorPool.from_settings(crawler.settings)
        self.limit = crawler.settings.getint("CLOSESPIDER_ITEMCOUNT")
        self.archived = 0
        self.seen = seen_articles(crawler)
        self.images = ImageFetcher.from_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def close_spider(self) -> None:
        self.extractor.close()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        if item.exchange is None:
            self.stats.inc_value("archiver/skipped/no_capture")
            raise DropItem(f"no raw capture for {item.url} (is WarcCaptureMiddleware enabled?)")
        try:
            self._check_limit(item)              # cheap early skip; checked again below
            article = await self._extract(item)
            self._check_limit(item)              # pages finish out of order
            self._claim(item, article)
            images = await self.images.fetch(article)   # after the article, before its write
            return self._archive(item, article, images)
        except ArchiveWriteFailed:
            raise DropItem(f"not archived, the archive cannot be written: {item.url}") from None

    async def _extract(self, item: FetchedPage) -> Article:
        job = ExtractJob(item.html, item.url, item.site, item.fetched_at)
        try:
            return await self.extractor.extract(job)
        except NotAnArticle as exc:
            self.archive.write_exchange(item.exchange)
            self.stats.inc_value(f"archiver/not_article/{exc.reason}")
            called = f" {exc.title!r}" if exc.title else ""
            raise DropItem(f"not an article ({exc}){called}, archived raw only: {item.url}") from None
        except ExtractionFailed:
            self.stats.inc_value("archiver/extraction_failed")   # item_error: raw capture kept
            raise

    def _check_limit(self, item: FetchedPage) -> None:
        if self.limit and self.archived >= self.limit:
            self.archive.write_exchange(item.exchange)
            self.stats.inc_value("archiver/limit/dropped")
            raise DropItem(f"limit of {self.limit} articles reached; archived raw only: {item.url}",
                           log_level="DEBUG")      # in flight when the limit was reached: quiet

    def _claim(self, item: FetchedPage, article: Article) -> None:
        """Duplicate check, and a place under the article limit taken, in one synchronous step
        (the images are fetched after this: a duplicate or a page past the limit fetches none)."""
        key = canonical_key(article.canonical_url or item.url)
        if not self.seen.add(key):
            self.archive.write_exchange(item.exchange)
            self.stats.inc_value("archiver/duplicate_article")
            raise DropItem(f"already archived in this crawl as {key}: {item.url}")
        self.archived += 1

    def _archive(self, item: FetchedPage, article: Article, images: ArticleImages) -> dict[str, Any]:
        """The article's WARC records, its images' records and its JSON line, in one step."""
        self.images.before_write(images)
        record = self.archive.write_article(article, item.exchange, site=item.site,
                                            fetched_at=item.fetched_at,
                                            http_status=item.http_status, images=images)
        self.images.after_write(images, record["warc"]["file"])
        self._count(article, item)
        return record

    def _count(self, article: Article, item: FetchedPage) -> None:
        self.stats.inc_value("archiver/articles")
        if item.edition:
            self.stats.inc_value(f"archiver/edition/{item.edition}")
        self.stats.inc_value(f"archiver/language/{article.language or 'unknown'}")
        if article.paywalled:
            self.stats.inc_value("archiver/paywalled")
        for kind, count in article.removed.items():
            self.stats.inc_value(f"archiver/removed/{kind}", count)
