"""Many crawler processes, on one machine or many, sharing one frontier through Redis.

``-s REDIS_URL=redis://host:6379/0`` (with ``pip install -e '.[distributed]'``) switches a crawl
to scrapy-redis's scheduler and duplicate filter: every process pushes the requests it discovers
into one shared queue and pops work from it, and a URL is fetched once across all of them.
Each process writes its own WARC files (hostname-pid in the name), into its own directory or a
shared one. What scrapy-redis leaves to us, and why it is here:

- Closing. A worker whose queue is empty is not done while another worker may still push
  requests (it is parsing a sitemap): ``SharedFrontier`` keeps it open while any other worker
  is busy, and lets it close when the queue is empty and every worker is idle.
- Cleaning up. scrapy-redis clears the shared queue and seen-set when *any* process closes
  (unless SCHEDULER_PERSIST): the first worker to finish would wipe the others' state. We keep
  it until the last worker leaves; SCHEDULER_PERSIST=True keeps it for good (resumable crawl).
- Fetch once. Our spiders mark article and discovery requests dont_filter (after a crash the
  archive, not a JOBDIR seen-set, decides what is done), which scrapy-redis's scheduler lets
  through unfiltered: every worker would fetch everything. distributed_queue.py holds the two
  small subclasses that filter them through the shared seen-set all the same.
- Articles. Two different URLs can be one article (same canonical URL); the shared
  ``articles`` set makes it archived once across workers, as the local set does in one process.

Keys: ``archiver:<ARCHIVER_CRAWL_ID>:<spider>:{requests,dupefilter,articles,worker:<host-pid>}``.
Workers of one crawl share a crawl id; two different crawls on one Redis need two ids.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from archiver import settings as defaults

logger = logging.getLogger(__name__)
WAKE_SECONDS = 0.5        # how often an idle worker looks at the shared queue again
SCHEDULER = "archiver.distributed_queue.SharedScheduler"


class DistributedExtraMissing(RuntimeError):
    """REDIS_URL is set but scrapy-redis (the `distributed` extra) is not installed."""


def key_prefix(settings: Any, spider_name: str = "%(spider)s") -> str:
    crawl = settings.get("ARCHIVER_CRAWL_ID") or defaults.ARCHIVER_CRAWL_ID
    return f"archiver:{crawl}:{spider_name}"


class RedisFrontier:
    """Scrapy add-on (ADDONS): with REDIS_URL set, use scrapy-redis's scheduler and dupefilter."""

    def update_settings(self, settings: Any) -> None:
        if not settings.get("REDIS_URL"):
            return
        try:
            import scrapy_redis  # noqa: F401
        except ImportError:
            raise DistributedExtraMissing(
                "REDIS_URL is set but scrapy-redis is not installed: "
                "pip install -e '.[distributed]'") from None
        prefix = key_prefix(settings)
        for name, value in {"SCHEDULER": SCHEDULER,
                            "DUPEFILTER_CLASS": "archiver.distributed_queue.SharedDupeFilter",
                            "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
                            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter"}.items():
            settings.set(name, value, priority="addon")
        # The user's choice moves to us (see module docstring); scrapy-redis must never flush.
        settings.set("ARCHIVER_REDIS_PERSIST", settings.getbool("SCHEDULER_PERSIST"),
                     priority="addon")
        settings.set("SCHEDULER_PERSIST", True, priority="cmdline")
        settings["EXTENSIONS"]["archiver.distributed.SharedFrontier"] = 100


def redis_from(settings: Any) -> Any:
    from scrapy_redis.connection import get_redis_from_settings
    return get_redis_from_settings(settings)


class LocalSeen:
    """Canonical URLs archived by this process."""

    def __init__(self) -> None:
        self._keys: set[str] = set()

    def add(self, key: str) -> bool:
        """True if ``key`` is new (and now seen)."""
        if key in self._keys:
            return False
        self._keys.add(key)
        return True


class RedisSeen:
    """Canonical URLs archived by any worker of the crawl (one SADD: atomic across workers).

    Added before the article is written: a worker killed in between loses that article rather
    than two workers both archiving it."""

    def __init__(self, server: Any, key: str) -> None:
        self.server, self.key = server, key

    def add(self, key: str) -> bool:
        return self.server.sadd(self.key, key) == 1


def seen_articles(crawler: Any) -> LocalSeen | RedisSeen:
    settings = crawler.settings
    if not settings.get("REDIS_URL") or settings.get("SCHEDULER") != SCHEDULER:
        return LocalSeen()
    spider = getattr(crawler, "spidercls", None)
    return RedisSeen(redis_from(settings), f"{key_prefix(settings, spider.name)}:articles")


class SharedFrontier:
    """Extension: tells the other workers whether this one is busy, stays open while any of
    them is, and clears the crawl's keys when the last worker leaves (unless persisted)."""

    def __init__(self, crawler: Any, server: Any) -> None:
        from archiver.warc.files import host_token
        settings = crawler.settings
        self.crawler, self.server = crawler, server
        self.prefix = key_prefix(settings, crawler.spidercls.name)
        self.me = f"{self.prefix}:worker:{host_token()}"
        self.ttl = max(120, 2 * settings.getint("DOWNLOAD_TIMEOUT"))
        self.persist = settings.getbool("ARCHIVER_REDIS_PERSIST")
        self.busy = False
        self._refresh: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedFrontier:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured("REDIS_URL is not set")
        ext = cls(crawler, redis_from(crawler.settings))
        for handler, signal in ((ext.opened, signals.spider_opened),
                                (ext.working, signals.request_reached_downloader),
                                (ext.idle, signals.spider_idle),
                                (ext.closed, signals.spider_closed)):
            crawler.signals.connect(handler, signal=signal)
        return ext

    def opened(self, spider: Any = None) -> None:
        from twisted.internet.task import LoopingCall
        self._mark(busy=True)
        self._refresh = LoopingCall(lambda: self._mark(self.busy))
        self._refresh.start(self.ttl / 3, now=False)
        logger.info("Shared frontier %s:* on %s (this worker: %s)", self.prefix,
                    self.crawler.settings.get("REDIS_URL"), self.me.rsplit(":", 1)[-1])

    def working(self, *args: Any, **kwargs: Any) -> None:
        if not self.busy:
            self._mark(busy=True)

    def idle(self, spider: Any = None) -> None:
        """Our queue is empty and nothing is in flight here: close unless another worker is
        busy (it may still push requests), in which case look at the queue again soon."""
        if self.busy:
            self._mark(busy=False)
        if self._others(busy_only=True):
            self._wake()
            raise DontCloseSpider

    def closed(self, spider: Any = None, reason: str = "") -> None:
        if self._refresh is not None and self._refresh.running:
            self._refresh.stop()
        self.server.delete(self.me)
        if self.persist or self._others(busy_only=False):
            return
        keys = [f"{self.prefix}:{name}" for name in ("requests", "dupefilter", "articles")]
        self.server.delete(*keys)
        logger.info("Last worker out: cleared %s", ", ".join(keys))

    # --- internals --------------------------------------------------------------------------
    def _mark(self, busy: bool) -> None:
        self.busy = busy
        self.server.set(self.me, "busy" if busy else "idle", ex=int(self.ttl))

    def _others(self, busy_only: bool) -> list[str]:
        keys = [k for k in self.server.scan_iter(match=f"{self.prefix}:worker:*")
                if _text(k) != self.me]
        if not busy_only or not keys:
            return keys
        return [k for k, v in zip(keys, self.server.mget(keys)) if _text(v or b"") == "busy"]

    def _wake(self) -> None:
        """Scrapy looks for new requests every 5 s when idle (the engine's heartbeat); another
        worker fills our queue, so look sooner. Falls back to the heartbeat if Scrapy's
        internals change."""
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule(WAKE_SECONDS)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
