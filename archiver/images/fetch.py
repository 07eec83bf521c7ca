"""Fetching an article's images in the crawl, after the article, through Scrapy's downloader.

Why the downloader (``engine.download_async``) and not a client of our own: the image requests
then pass every downloader middleware the article did: robots.txt, the allowed-hosts guard,
the politeness slots (delay, concurrency per host, AutoThrottle), Retry-After, the size bound,
and the WARC capture. The spider is not involved: images are not discovered, they belong to
an article that has just been extracted.

Each image request carries an ``ImageCapture`` (the capture middleware files its exchanges
there), a size bound (ARCHIVER_IMAGE_MAXSIZE), and the hosts the article names for its images
(the only hosts besides the site's own it may reach). The pipeline writes the captures with the
article (``ArticleImages.captures``) and puts ``ArticleImages.entries`` into the record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred, DeferredList

from archiver import settings as defaults
from archiver.extract.article import Article
from archiver.middlewares.allowed_hosts import OffsiteRefused
from archiver.middlewares.image_hosts import image_hosts
from archiver.middlewares.warc_capture import ResponseTooLarge
from archiver.request_meta import EXTRA_HOSTS_KEY, IMAGE_META_KEY
from archiver.warc.images import ArticleImages, ImageCapture

from .ledger import ImageLedger
from .select import ImageRef, article_images, choose
from .size import image_size, sniff_type

logger = logging.getLogger(__name__)
STATS = "archiver/images/"
ACCEPT = b"image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8,*/*;q=0.5"


@dataclass
class Outcome:
    """What became of one image: captured or why not, its size, the exchanges to write."""

    captured: bool
    reason: str | None = None
    size: tuple[int, int] | None = None
    capture: ImageCapture | None = None


def not_captured_reason(exc: BaseException) -> str:
    if isinstance(exc, ResponseTooLarge):
        return "too_large"
    if isinstance(exc, OffsiteRefused):
        return "offsite"
    if isinstance(exc, IgnoreRequest):
        return "robots" if "robots.txt" in str(exc) else "refused"
    return "error"


def judge(response: Any) -> Outcome:
    """A fetched image counts as captured if it is a 2xx answer that is an image."""
    if not 200 <= response.status < 300:
        return Outcome(False, f"http_{response.status}")
    body = bytes(response.body)
    declared = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    if not (declared.startswith("image/") or sniff_type(body)):
        return Outcome(False, "not_an_image")
    return Outcome(True, size=image_size(body))


class ImageFetcher:
    """One per crawler: fetches, deduplicates and bounds the images of each article."""

    def __init__(self, crawler: Any, ledger: ImageLedger) -> None:
        from archiver.crawl_checks import check_images
        settings = crawler.settings
        check_images(settings)              # `scrapy crawl` checked it already; CrawlerProcess not
        self.mode = str(settings.get("ARCHIVER_IMAGES", defaults.ARCHIVER_IMAGES)).strip().lower()
        self.maximum = settings.getint("ARCHIVER_IMAGES_MAX", defaults.ARCHIVER_IMAGES_MAX)
        self.maxsize = settings.getint("ARCHIVER_IMAGE_MAXSIZE", defaults.ARCHIVER_IMAGE_MAXSIZE)
        self.crawler, self.stats, self.ledger = crawler, crawler.stats, ledger
        self.hosts = image_hosts(crawler)
        self._failed: dict[str, str] = {}                   # url -> reason, this crawl
        self._inflight: dict[str, list[Deferred]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ImageFetcher:
        state = None
        if crawler.settings.getbool("ARCHIVER_INCREMENTAL", defaults.ARCHIVER_INCREMENTAL):
            from archiver.state import ArchiveState
            state = ArchiveState.for_crawler(crawler)
        return cls(crawler, ImageLedger(state))

    async def fetch(self, article: Article) -> ArticleImages:
        """The article's images, fetched as the settings allow; never raises."""
        refs, pixels = article_images(article)
        if pixels:
            self.stats.inc_value(STATS + "tracking_pixel", pixels)
        plan = choose(refs, self.mode, self.maximum)
        wanted = [ref for ref, reason in plan if reason is None]
        if not wanted:
            return self._assemble(plan, {})
        hosts = tuple(sorted({(urlsplit(self._rebase(r.url)).hostname or "").lower()
                              for r in wanted}))
        self.hosts.update(hosts)
        jobs = [deferred_from_coro(self._one(ref, hosts)) for ref in wanted]
        results = await maybe_deferred_to_future(DeferredList(jobs, consumeErrors=True))
        outcomes = {ref.url: (value if ok else Outcome(False, "error"))
                    for ref, (ok, value) in zip(wanted, results)}
        return self._assemble(plan, outcomes)

    def _assemble(self, plan: list[tuple[ImageRef, str | None]],
                  outcomes: dict[str, Outcome]) -> ArticleImages:
        out = ArticleImages()
        for ref, reason in plan:
            if reason is not None:
                self.stats.inc_value(STATS + f"skipped/{reason}")
                out.entries.append(ref.entry(False, reason))
                continue
            outcome = outcomes[ref.url]
            out.entries.append(ref.entry(outcome.captured, outcome.reason, outcome.size))
            if outcome.capture is not None:
                out.captures.append(outcome.capture)
        return out

    def _rebase(self, url: str) -> str:
        """A mirror of a real site may name the real host: fetch from the mirror."""
        rebase = getattr(self.crawler.spider, "rebase", None)
        return rebase(url) if rebase else url

    async def _one(self, ref: ImageRef, hosts: tuple[str, ...]) -> Outcome:
        url = self._rebase(ref.url)
        if self.ledger.holds(url):
            self.stats.inc_value(STATS + "known")
            return Outcome(True)
        if url in self._failed:
            return Outcome(False, self._failed[url])
        if url in self._inflight:                 # another article fetches it right now
            waiter: Deferred = Deferred()
            self._inflight[url].append(waiter)
            shared: Outcome = await maybe_deferred_to_future(waiter)
            return Outcome(shared.captured, shared.reason, shared.size)
        self._inflight[url] = []
        outcome = await self._download(url, hosts)
        for waiter in self._inflight.pop(url):
            waiter.callback(outcome)
        return outcome

    async def _download(self, url: str, hosts: tuple[str, ...]) -> Outcome:
        capture = ImageCapture(url)
        meta = {IMAGE_META_KEY: capture, "download_maxsize": self.maxsize,
                "allow_offsite": True, EXTRA_HOSTS_KEY: hosts}
        request = Request(url, headers={b"Accept": ACCEPT}, meta=meta)
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # noqa: BLE001 - every failure is a reason in the record
            outcome = Outcome(False, not_captured_reason(exc))
            logger.info("Image not captured (%s): %s", outcome.reason, url)
        else:
            outcome = judge(response)
        outcome.capture = capture if capture.exchanges else None
        if outcome.captured:
            self.stats.inc_value(STATS + "captured")
        else:
            self._failed[url] = outcome.reason or "error"
            self.stats.inc_value(STATS + f"not_captured/{outcome.reason}")
        return outcome

    # --- around the article's write (synchronous, in the pipeline's write step) ----------------
    def before_write(self, images: ArticleImages) -> None:
        """Captures whose payload the archive holds under another URL become revisits."""
        revisits = self.ledger.mark_revisits(images.captures)
        if revisits:
            self.stats.inc_value(STATS + "revisit", revisits)

    def after_write(self, images: ArticleImages, file: str | None) -> None:
        self.ledger.remember(images.captures, file)
