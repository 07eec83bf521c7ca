"""The item pipeline: FetchedPage -> extract_article -> JSON record -> WARC + JSON Lines.

Thin on purpose: extraction lives in archiver.extract, file handling in archiver.warc. The JSON
Lines are written by the WARC archive rather than through FEEDS because each line must reach the
disk only after the WARC records it points to (a kill never leaves a line that links to nothing,
nor a partial line). Users may still add FEEDS: the pipeline returns the record as the item.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem

from archiver.extract import NotAnArticle, extract_article
from archiver.extract.article import Article
from archiver.items import FetchedPage, build_record
from archiver.sites import get_site
from archiver.warc.archive import WarcArchive

logger = logging.getLogger(__name__)


def warc_fields(article: Article, record: dict[str, Any]) -> list[tuple[str, str]]:
    """The metadata record's `name: value` lines (Dublin Core names where they exist)."""
    fields = [("title", article.title or ""), *[("creator", a) for a in article.authors],
              ("language", article.language or ""), ("issued", article.published or ""),
              ("modified", article.modified or ""), ("description", article.description or ""),
              ("subject", article.section or ""), *[("subject", t) for t in article.tags],
              ("identifier", article.canonical_url or article.url),
              ("paywalled", "true" if article.paywalled else "false"),
              ("word-count", str(article.word_count)), ("site", record.get("site") or "")]
    return [(k, " ".join(v.split())) for k, v in fields if v]


class ArticlePipeline:
    """Extracts each fetched page and archives it; non-articles keep only their raw capture."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive = WarcArchive.for_crawler(crawler)
        self.limit = crawler.settings.getint("CLOSESPIDER_ITEMCOUNT")
        self.archived = 0
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        if item.exchange is None:
            self.stats.inc_value("archiver/skipped/no_capture")
            raise DropItem(f"no raw capture for {item.url} (is WarcCaptureMiddleware enabled?)")
        if self.limit and self.archived >= self.limit:
            self.archive.write_exchange(item.exchange)
            raise DropItem(f"limit of {self.limit} articles reached; archived raw only: {item.url}")
        return self._archive(item)

    def _archive(self, item: FetchedPage) -> dict[str, Any]:
        try:
            article = extract_article(item.html, item.url, site=get_site(item.site),
                                      fetched_at=_when(item.fetched_at))
        except NotAnArticle as exc:
            self.archive.write_exchange(item.exchange)
            self.stats.inc_value(f"archiver/not_article/{exc.reason}")
            raise DropItem(f"not an article ({exc}), archived raw only: {item.url}") from None
        key = article.canonical_url or item.url
        if key in self.seen:
            self.archive.write_exchange(item.exchange)
            self.stats.inc_value("archiver/duplicate_article")
            raise DropItem(f"already archived in this crawl as {key}: {item.url}")
        self.seen.add(key)
        links = self.archive.begin_article()
        record = build_record(article, site=item.site, fetched_at=item.fetched_at,
                              http_status=item.http_status, warc=links)
        self.archive.write_article(links, item.exchange, article.html,
                                   warc_fields(article, record), record)
        self._count(article)
        return record

    def _count(self, article: Article) -> None:
        self.archived += 1
        self.stats.inc_value("archiver/articles")
        self.stats.inc_value(f"archiver/language/{article.language or 'unknown'}")
        if article.paywalled:
            self.stats.inc_value("archiver/paywalled")
        for kind, count in article.removed.items():
            self.stats.inc_value(f"archiver/removed/{kind}", count)


def _when(iso: str):
    from datetime import datetime

    return datetime.fromisoformat(iso.replace("Z", "+00:00"))
