"""Article extraction off the Twisted reactor, in a pool of worker processes.

Why: extraction (parse, clean, readability, language) is pure CPU, tens of milliseconds a page.
Run in the reactor thread it stops every download while it runs, so a crawl uses one core and
fetches only as fast as it cleans. In a process pool the reactor keeps downloading while the
workers clean, on every core.

Workers get only what extraction needs (html, url, site name, capture time) and send back the
Article; the raw exchange and the WARC file stay in the reactor thread. Workers start from a
`forkserver` that has already imported the extractor: forking the crawler itself (threads,
sockets, a running event loop) is unsafe, and spawning re-imports lxml and readability in every
worker. ``ARCHIVER_EXTRACT_WORKERS`` sets the pool size (default: one per CPU); 0 runs extraction
in the reactor thread, for debugging and for the benchmark's comparison.

Time bound: a hostile page can make a parser or a cleaning step run for minutes, and one such page
must not stall a crawl. A page whose extraction runs longer than ``ARCHIVER_EXTRACT_TIMEOUT``
seconds (default 30, counted from when a worker takes it) is given up: the pool's workers are
killed (a process is the only thing that stops a C loop in lxml), the page raises
``NotAnArticle("timeout")`` (recorded raw, counted ``not_article/timeout``), and the other pages
that were in the killed pool run again in a new one. With 0 workers there is no bound.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from archiver import settings as defaults
from archiver.extract import NotAnArticle
from archiver.extract.article import Article

logger = logging.getLogger(__name__)


class ExtractionFailed(Exception):
    """extract_article raised something other than NotAnArticle (a bug, or a page that breaks
    the parser), or the worker process died; the message carries the worker's traceback."""


@dataclass(frozen=True)
class ExtractJob:
    """What a worker needs for one page: small, picklable, no Scrapy objects."""

    html: str
    url: str
    site: str | None
    fetched_at: str          # ISO 8601 UTC, as in FetchedPage


def run_job(job: ExtractJob) -> tuple[str, Any]:
    """("article", Article) | ("not_article", (reason, message)) | ("error", traceback text).

    Never raises: an exception raised in a worker must be pickled to come back, and not every
    exception survives that; outcomes as plain values do.
    """
    from archiver.extract import extract_article
    from archiver.sites import get_site
    try:
        return "article", extract_article(job.html, job.url, site=get_site(job.site),
                                          fetched_at=parse_iso(job.fetched_at))
    except NotAnArticle as exc:
        return "not_article", (exc.reason, exc.detail, exc.title)
    except Exception:  # noqa: BLE001 — reported to the parent as ExtractionFailed
        return "error", traceback.format_exc(limit=8)


def outcome_value(url: str, outcome: tuple[str, Any]) -> Article:
    """run_job's outcome as the Article, or as the exception extract_article raised."""
    kind, value = outcome
    if kind == "article":
        return value
    if kind == "not_article":
        raise NotAnArticle(*value)
    raise ExtractionFailed(f"extraction failed for {url}:\n{value}")


def parse_iso(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def worker_count(value: Any) -> int:
    """The setting's value as a pool size: unset means one worker per CPU."""
    if value in (None, ""):
        return os.cpu_count() or 1
    count = int(value)
    if count < 0:
        raise ValueError(f"ARCHIVER_EXTRACT_WORKERS must be 0 or more, not {count}")
    return count


class ExtractorPool:
    """``await pool.extract(job)`` -> Article (or NotAnArticle / ExtractionFailed)."""

    def __init__(self, workers: int, timeout: float = defaults.ARCHIVER_EXTRACT_TIMEOUT) -> None:
        self.workers = workers
        self.timeout = timeout
        self._executor: ProcessPoolExecutor | None = None
        self._started: dict[Future, float] = {}      # running futures -> when first seen so
        self._timed_out: set[Future] = set()
        self._killed: set[int] = set()               # ids of pools killed for a timeout
        self._watchdog: Any = None

    @classmethod
    def from_settings(cls, settings: Any) -> ExtractorPool:
        timeout = settings.get("ARCHIVER_EXTRACT_TIMEOUT")
        return cls(worker_count(settings.get("ARCHIVER_EXTRACT_WORKERS")),
                   defaults.ARCHIVER_EXTRACT_TIMEOUT if timeout in (None, "") else float(timeout))

    async def extract(self, job: ExtractJob) -> Article:
        if self.workers == 0:
            return outcome_value(job.url, run_job(job))     # in the reactor thread, on purpose
        while True:
            executor = self._ensure_executor()
            future = executor.submit(run_job, job)
            self._started[future] = 0.0
            try:
                outcome = await _await_future(future)
            except BrokenProcessPool as exc:
                if future in self._timed_out:
                    raise NotAnArticle("timeout", f"extraction ran over {self.timeout:g} s; "
                                       "archived raw") from None
                if id(executor) in self._killed:
                    continue             # killed for another page's timeout: run it again
                self._replace_broken(executor)
                raise ExtractionFailed(f"extraction worker died on {job.url}: {exc}") from None
            finally:
                self._started.pop(future, None)
                self._timed_out.discard(future)
            return outcome_value(job.url, outcome)

    def close(self) -> None:
        """Stop the workers; called when the spider closes (nothing is in flight by then)."""
        if self._watchdog is not None and self._watchdog.running:
            self._watchdog.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _ensure_executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=_context(),
                                                 initializer=_init_worker,
                                                 initargs=(os.getpid(),))
        if self.timeout > 0 and self._watchdog is None:
            from twisted.internet import task
            self._watchdog = task.LoopingCall(self._check_time)
            self._watchdog.start(min(1.0, self.timeout / 4), now=False)
        return self._executor

    def _check_time(self) -> None:
        """Every tick: a page running for longer than the bound gets its pool killed.

        ``Future.running()`` is also true of the one page queued next for the workers, so only
        the ``workers`` oldest running pages (pages start in the order they were submitted)
        are running: their clock starts when they are first seen among them."""
        now = time.monotonic()
        running = [f for f in self._started if f.running()][:self.workers]   # insertion order
        for future in running:
            since = self._started[future]
            if not since:
                self._started[future] = now
            elif now - since > self.timeout and self._executor is not None:
                self._timed_out.add(future)
                self._kill(self._executor)
                return

    def _kill(self, executor: ProcessPoolExecutor) -> None:
        logger.warning("A page's extraction ran over %g s: stopping its worker pool", self.timeout)
        self._killed.add(id(executor))
        for process in list(getattr(executor, "_processes", {}).values()):  # no public API
            process.kill()
        executor.shutdown(wait=False)        # its futures fail with BrokenProcessPool
        if self._executor is executor:
            self._executor = None

    def _replace_broken(self, executor: ProcessPoolExecutor) -> None:
        """Every page in flight on a broken pool fails; only the first one replaces it."""
        if self._executor is executor:
            logger.error("An extraction worker died; starting a new pool")
            executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def _init_worker(crawler_pid: int) -> None:
    """Ctrl-C goes to the whole process group: the crawler shuts down gracefully and closes
    the pool itself, so a worker must not die of KeyboardInterrupt mid-page. A crawler killed
    outright (SIGKILL, the OOM killer) closes nothing: the worker then leaves by itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(crawler_pid,), daemon=True,
                     name="archiver-orphan-watch").start()


def _exit_with(crawler_pid: int, every: float = 1.0) -> None:
    """End this worker once the crawler process is gone (it is not our parent: the forkserver is)."""
    while True:
        time.sleep(every)
        try:
            os.kill(crawler_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:      # the pid was reused by another user's process
            os._exit(0)


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["archiver.extract", "archiver.extract_pool"])
    return context


async def _await_future(future: Future) -> Any:
    """Await a concurrent.futures.Future from the reactor thread, whatever the reactor is:
    its result is handed over with callFromThread, as a Deferred, which Scrapy turns into an
    asyncio future when the asyncio reactor runs."""
    from twisted.internet import reactor
    from twisted.internet.defer import Deferred
    from scrapy.utils.defer import maybe_deferred_to_future

    deferred: Deferred = Deferred()

    def done(f: Future) -> None:
        if f.cancelled():        # dropped with a broken pool before it ran
            reactor.callFromThread(deferred.errback, BrokenProcessPool("cancelled with its pool"))
            return
        exc = f.exception()
        if exc is not None:
            reactor.callFromThread(deferred.errback, exc)
        else:
            reactor.callFromThread(deferred.callback, f.result())

    future.add_done_callback(done)
    return await maybe_deferred_to_future(deferred)
