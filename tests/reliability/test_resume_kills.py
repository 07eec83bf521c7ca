"""One crawl job (``-s JOBDIR``) killed with SIGKILL at 20 random moments, then completed.

The moments are random in the crawl's own progress: after the k-th request of a run reached the
server (k from 0, during start-up, to the number of requests the run must make) plus a random
fraction of a tenth of a second, so kills land in discovery, mid-download, mid-extraction and
mid-write alike. One article is held by the server during the killed runs so that no run can
finish the job before the 20 kills. Afterwards: every article archived exactly once, none
fetched again after it was archived, `archive check` clean. The seed is printed on failure;
``ARCHIVER_KILL_SEED=N`` replays a run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from tests.reliability.small_news_site import SLUGS, SmallNewsSite, article_path

from archiver.warc.reader import Record, iter_records
from tests.support.crawl import ROOT, SMALL_BOUNDS, archive_check, crawl_command, run_crawl
from tests.support.records import archived_paths, jsonl_records

KILLS = 20
SETTINGS = {"DOWNLOAD_TIMEOUT": 300, "ARCHIVER_EXTRACT_WORKERS": 0, "RETRY_TIMES": 2}
DISCOVERY_REQUESTS = 7      # robots.txt twice, sitemap, feed, home, two section pages at least


def conversions_per_url(archive: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in archive.glob("*.warc.gz"):
        for record in iter_records(path):
            if isinstance(record, Record) and record.type == "conversion":
                url = record.get("WARC-Target-URI") or ""
                counts[url] = counts.get(url, 0) + 1
    return counts


def wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.slow
def test_twenty_sigkills_lose_nothing_and_refetch_nothing(tmp_path):
    seed = int(os.environ.get("ARCHIVER_KILL_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    site = SmallNewsSite(hold=SLUGS[-1]).start()
    archive, job = tmp_path / "archive", tmp_path / "job"
    args = {"url": site.url + "/"}
    marks: list[tuple[int, set[str]]] = []      # (server hits so far, archived) at each kill
    try:
        for kill in range(KILLS):
            before = len(site.hits)
            must_make = DISCOVERY_REQUESTS + len(SLUGS) - len(archived_paths(archive))
            k = rng.randrange(0, must_make)
            log = (tmp_path / f"run-{kill}.log").open("wb")
            proc = subprocess.Popen(crawl_command("news", archive, args,
                                                  {**SMALL_BOUNDS, **SETTINGS, "JOBDIR": job}),
                                    cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
                                    start_new_session=True)
            if k == 0:
                time.sleep(rng.uniform(0.0, 2.5))            # somewhere in start-up
            else:
                wait_for(lambda: len(site.hits) - before >= k or proc.poll() is not None, 120)
                time.sleep(rng.uniform(0.0, 0.1))
            ended_by_itself = proc.poll()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            log.close()
            assert ended_by_itself is None, (
                f"seed {seed}, run {kill}: the crawl ended before the kill (status "
                f"{ended_by_itself}): {(tmp_path / f'run-{kill}.log').read_text()[-3000:]}")
            marks.append((len(site.hits), archived_paths(archive)))
        site.held_release.set()
        log = run_crawl("news", archive, args, {**SMALL_BOUNDS, **SETTINGS, "JOBDIR": job},
                        timeout=300).stderr
    finally:
        site.held_release.set()
        site.stop()

    context = f"seed {seed}, archived after each kill: {[len(a) for _, a in marks]}"
    for number, (hits_then, archived) in enumerate(marks):
        fetched_later = {h.path for h in site.hits[hits_then:]} & archived
        assert not fetched_later, f"{context}; after kill {number}: fetched again {fetched_later}"
    urls = [r["url"] for r in jsonl_records(archive)]
    expected = sorted(site.url + article_path(s) for s in SLUGS)
    assert sorted(urls) == expected, f"{context}\n{log[-3000:]}"          # each exactly once
    assert conversions_per_url(archive) == {u: 1 for u in expected}, context
    assert not list(archive.glob("*.open")), context
    done = archive_check(archive)
    assert done.returncode == 0, f"{context}\n{done.stdout[-3000:]}"
