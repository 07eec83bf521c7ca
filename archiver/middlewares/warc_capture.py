"""``WarcCaptureMiddleware``: every fetch captured as it came over the network.

It sits at 950, above RedirectMiddleware (600) and HttpCompressionMiddleware (590): responses
pass through it first, so it sees each redirect hop and the body still compressed.

An article page's exchange is not written here but handed to the item pipeline through
``request.meta[EXCHANGE_META_KEY]`` (the response the spider gets shares the request's meta), so
that the pipeline writes it together with the article's conversion and metadata, in one file.
If no article comes of it (the item is dropped, the callback fails, or the spider never yields
one), the exchange is archived as a plain capture at the latest when the spider closes.

An image of an article (``request.meta[IMAGE_META_KEY]``, see archiver.warc.images) is held
the same way, in that ImageCapture, and written right after its article's records.

Content codings: we ask for gzip and deflate only (``Accept-Encoding`` in settings), the codings
every WARC validator reads; a server that sends br or zstd anyway has its body stored decoded
(see `readable_by_validators`).

Size limit: Scrapy drops a response whose body passes DOWNLOAD_MAXSIZE. We stop the download at
that point instead (StopDownload), archive the cut body with ``WARC-Truncated: length``, and then
ignore the response, so the spider sees the same thing as without us: no response.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured, StopDownload

from archiver import settings as defaults
from archiver.request_meta import (ARTICLE_META_KEY, EXCHANGE_META_KEY, IMAGE_META_KEY,
                                   START_META_KEY)
from archiver.warc.archive import ArchiveWriteFailed, WarcArchive
from archiver.warc.exchange import Exchange, readable_by_validators
from archiver.warc.images import ImageCapture

_RECEIVED_META_KEY = "warc_bytes_received"


class ResponseTooLarge(IgnoreRequest):
    """The body passed DOWNLOAD_MAXSIZE: archived truncated, not handed to the spider."""


class NotArchived(IgnoreRequest):
    """The archive can no longer be written (disk full): the crawl is stopping."""


class WarcCaptureMiddleware:
    def __init__(self, archive: WarcArchive, maxsize: int) -> None:
        self.archive, self.maxsize = archive, maxsize

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCaptureMiddleware:
        if not crawler.settings.getbool("WARC_ENABLED", defaults.WARC_ENABLED):
            raise NotConfigured("WARC_ENABLED is off")
        mw = cls(WarcArchive.for_crawler(crawler), crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        for handler, signal in ((mw.headers_received, signals.headers_received),
                                (mw.bytes_received, signals.bytes_received),
                                (mw.item_not_written, signals.item_dropped),
                                (mw.item_not_written, signals.item_error),
                                (mw.item_not_written, signals.spider_error)):
            crawler.signals.connect(handler, signal=signal)
        return mw

    def process_request(self, request: Any, spider: Any = None) -> None:
        """A first guess at the capture start, for download handlers that send no
        headers_received signal. It is early: the request may still wait out DOWNLOAD_DELAY
        (or AutoThrottle's delay) in its slot's queue after this, for seconds."""
        request.meta[START_META_KEY] = datetime.now(timezone.utc)
        request.meta.pop(_RECEIVED_META_KEY, None)

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if "cached" in response.flags:
            return response
        exchange = readable_by_validators(Exchange.from_scrapy(request, response), self.maxsize)
        image = request.meta.get(IMAGE_META_KEY)
        if image is not None:
            return self._hold_image(image, exchange, request, response)
        try:
            if exchange.truncation_reason == "length":
                self.archive.write_exchange(exchange)
                raise ResponseTooLarge(f"body over DOWNLOAD_MAXSIZE, archived truncated: {request.url}")
            if request.meta.get(ARTICLE_META_KEY) and 200 <= response.status < 300:
                request.meta[EXCHANGE_META_KEY] = exchange
                self.archive.defer(exchange)
            else:
                self.archive.write_exchange(exchange)
        except ArchiveWriteFailed:     # said once, where it happened: the crawl is stopping
            raise NotArchived(f"not archived, the archive cannot be written: {request.url}") from None
        return response

    def _hold_image(self, image: ImageCapture, exchange: Exchange, request: Any,
                    response: Any) -> Any:
        """An image fetch (or a redirect hop of one) waits for its article's write."""
        image.add(exchange)
        self.archive.defer(exchange)
        if exchange.truncation_reason == "length":
            raise ResponseTooLarge(f"image over its size limit, kept truncated: {request.url}")
        return response

    # --- signals ----------------------------------------------------------------------------
    def _limit(self, request: Any) -> int:
        return int(request.meta.get("download_maxsize", self.maxsize) or 0)

    def headers_received(self, headers: Any, body_length: int, request: Any,
                         spider: Any = None) -> None:
        self._stamp_request_sent(request)
        limit = self._limit(request)
        if limit and isinstance(body_length, int) and 0 < limit < body_length:
            raise StopDownload(fail=False)

    @staticmethod
    def _stamp_request_sent(request: Any) -> None:
        """The true capture start: the handler measured ``download_latency`` from the moment it
        sent the request to these headers, so now minus it is when the request went out."""
        latency = request.meta.get("download_latency")
        if isinstance(latency, (int, float)) and latency >= 0:
            request.meta[START_META_KEY] = datetime.now(timezone.utc) - timedelta(seconds=latency)

    def bytes_received(self, data: bytes, request: Any, spider: Any = None) -> None:
        """Stop at the same chunk where Scrapy would cancel, keeping what arrived."""
        received = request.meta.get(_RECEIVED_META_KEY, 0) + len(data)
        request.meta[_RECEIVED_META_KEY] = received
        limit = self._limit(request)
        if limit and received > limit:
            raise StopDownload(fail=False)

    def item_not_written(self, *args: Any, response: Any = None, **kwargs: Any) -> None:
        if response is not None:
            try:
                self.archive.release(response.meta.get(EXCHANGE_META_KEY))
            except ArchiveWriteFailed:
                pass        # the crawl is stopping; it was said once, where it happened
