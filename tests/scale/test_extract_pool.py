"""The extraction pool: outcomes cross the process boundary intact, and a crawl with the pool
keeps the article limit and the duplicate check although pages finish out of order."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from archiver.extract import NotAnArticle
from archiver.extract_pool import (ExtractionFailed, ExtractJob, ExtractorPool, outcome_value,
                                   run_job, worker_count)
from bench.mocknews import article_html, article_path
from tests.support.crawl import ROOT, archive_check, run_crawl
from tests.support.records import jsonl_records

BASE = "http://127.0.0.1:1"


def job(i: int = 3, html: str | None = None) -> ExtractJob:
    return ExtractJob(html or article_html(i, 10, BASE, 12), BASE + article_path(i), None,
                      "2026-05-12T10:00:00Z")


def test_a_worker_returns_the_same_article_as_the_reactor_thread():
    with ProcessPoolExecutor(1) as pool:
        remote = outcome_value(job().url, pool.submit(run_job, job()).result())
    local = outcome_value(job().url, run_job(job()))
    assert remote == local and remote.word_count > 100 and remote.language == "en"


def test_not_an_article_comes_back_with_its_reason():
    outcome = run_job(job(html="<html><body><p>Sign in to continue</p></body></html>"))
    with pytest.raises(NotAnArticle) as caught:
        outcome_value("u", outcome)
    assert caught.value.reason == outcome[1][0]


def test_other_errors_become_extraction_failed_with_the_traceback(monkeypatch):
    outcome = run_job(ExtractJob(None, "http://x/", None, "2026-05-12T10:00:00Z"))  # type: ignore[arg-type]
    assert outcome[0] == "error"
    with pytest.raises(ExtractionFailed, match="Traceback"):
        outcome_value("http://x/", outcome)


def test_pool_size_setting():
    assert worker_count(None) >= 1 and worker_count("0") == 0 and worker_count(3) == 3
    with pytest.raises(ValueError):
        worker_count(-1)
    assert ExtractorPool.from_settings({"ARCHIVER_EXTRACT_WORKERS": 2}).workers == 2


def test_crawl_with_the_pool_keeps_the_limit_and_archives_each_article_once(small_site, tmp_path):
    out = tmp_path / "archive"
    done = run_crawl("news", out, {"url": f"{small_site.url}/", "limit": 7},
                     {"CONCURRENT_REQUESTS_PER_DOMAIN": 8, "LOG_LEVEL": "INFO",
                      "ARCHIVER_EXTRACT_WORKERS": 2}, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    records = jsonl_records(out)
    assert len(records) == 7
    assert len({r["url"] for r in records}) == 7
    check = archive_check(out)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]


POOL_OWNER = r"""
import asyncio, os, sys
from archiver.extract_pool import ExtractJob, ExtractorPool
pool = ExtractorPool(2)
executor = pool._ensure_executor()
executor.submit(os.getpid).result()                 # start the workers
print(" ".join(str(p) for p in executor._processes), flush=True)
sys.stdin.read()                                    # wait to be killed
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_leave_when_the_crawler_is_killed():
    """SIGKILL (or the OOM killer) gives the crawler no chance to close its pool: the workers
    must notice and exit instead of lingering for ever."""
    import signal
    import time

    owner = subprocess.Popen([sys.executable, "-c", POOL_OWNER], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    workers = [int(p) for p in owner.stdout.readline().split()]
    assert workers and all(_alive(p) for p in workers)
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 15
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)
