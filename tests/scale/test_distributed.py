"""Two crawler processes sharing one frontier in a real redis-server (scrapy-redis): every
article archived exactly once across them, both did work, and the combined directory checks
clean. Skipped without redis-server or scrapy-redis, except in CI, where it fails instead."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator

import pytest

from archiver.distributed import DistributedExtraMissing, RedisFrontier
from archiver.warc.files import jsonl_path
from bench.mocknews import SiteServer, serve
from tests.support.ci import require, require_tool
from tests.support.crawl import ROOT, archive_check, crawl_command
from tests.support.records import json_lines
from tests.support.server import closed_port


def need(what: str, present: bool) -> None:
    if not present:
        require(f"{what} installed")


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    """redis-server on 127.0.0.1, nothing saved to disk; ready once it says so."""
    binary = require_tool("redis-server")
    port = closed_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:
            if "Ready to accept connections" in line:
                break
        else:
            pytest.fail("redis-server exited before it was ready")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def site() -> Iterator[SiteServer]:
    """300 small articles; 40 ms of latency each so that the crawl lasts long enough for two
    workers to share it."""
    with serve(300, page_kb=12, delay=0.04) as server:
        yield server


def test_settings_switch_only_with_redis_url():
    from scrapy.settings import Settings
    plain = Settings()
    RedisFrontier().update_settings(plain)
    assert plain.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    shared = Settings({"REDIS_URL": "redis://127.0.0.1:1/0", "ARCHIVER_CRAWL_ID": "nightly"})
    need("scrapy-redis", _has_scrapy_redis())
    RedisFrontier().update_settings(shared)
    assert shared.get("SCHEDULER") == "archiver.distributed_queue.SharedScheduler"
    assert shared.get("DUPEFILTER_CLASS") == "archiver.distributed_queue.SharedDupeFilter"
    assert shared.get("SCHEDULER_QUEUE_KEY") == "archiver:nightly:%(spider)s:requests"
    assert shared.getbool("SCHEDULER_PERSIST") and not shared.getbool("ARCHIVER_REDIS_PERSIST")
    assert "archiver.distributed.SharedFrontier" in shared.getdict("EXTENSIONS")


def test_redis_url_without_scrapy_redis_is_a_clear_error(monkeypatch):
    from scrapy.settings import Settings
    monkeypatch.setitem(sys.modules, "scrapy_redis", None)
    with pytest.raises(DistributedExtraMissing, match="distributed"):
        RedisFrontier().update_settings(Settings({"REDIS_URL": "redis://127.0.0.1:1/0"}))


def test_two_workers_archive_every_article_exactly_once(site, redis_url, tmp_path):
    need("scrapy-redis", _has_scrapy_redis())
    out = tmp_path / "shared-archive"          # one directory for both workers
    cmd = crawl_command("news", out, {"url": f"{site.url}/"},
                        {"LOG_LEVEL": "INFO", "REDIS_URL": redis_url, "ARCHIVER_CRAWL_ID": "test",
                         "ARCHIVER_EXTRACT_WORKERS": 1, "CONCURRENT_REQUESTS": 4,
                         "CONCURRENT_REQUESTS_PER_DOMAIN": 4})
    workers = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True) for _ in range(2)]
    logs = [w.communicate(timeout=180)[1] for w in workers]
    for worker, log in zip(workers, logs):
        assert worker.returncode == 0, log[-3000:]

    per_worker = Counter()
    urls = []
    for warc in out.glob("*.warc.gz"):
        lines = json_lines(jsonl_path(warc).read_text("utf-8")) if jsonl_path(warc).exists() else []
        per_worker[warc.name.rsplit("-", 1)[-1]] += len(lines)
        urls += [record["url"] for record in lines]
    wanted = {site.url + path for path in site.site.articles}
    assert len(urls) == len(set(urls)), "an article was archived twice"
    assert set(urls) == wanted
    assert len(per_worker) == 2 and min(per_worker.values()) > 0, per_worker
    twice = {p: n for p, n in site.fetches.items() if n > 1 and p in site.article_set}
    assert not twice, twice
    check = archive_check(out)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]


def _has_scrapy_redis() -> bool:
    try:
        import scrapy_redis  # noqa: F401
    except ImportError:
        return False
    return True
