"""A crawl stopped with Ctrl-C (SIGINT) or killed (SIGKILL) resumes with ``-s JOBDIR=...``.

The mirror holds one article request open (a gate) so that the stop always lands mid-crawl, after
some articles are archived and while another is being fetched. The resumed crawl must not fetch
any article that reached the JSON Lines before the stop, must archive the rest, and the archive
must pass `archive check` (the killed crawl's .open file is repaired on start).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from decoder_mirror import serve_mirror
from decoder_mirror.handler import MirrorRequestHandler
from tests.support.crawl import ROOT, SMALL_BOUNDS, archive_check, crawl_command, run_crawl
from tests.support.mirror_expected import expected_articles
from tests.support.records import jsonl_records

EN = [e for e in expected_articles() if e.edition == "en"]
ARTICLE_PATHS = {e.path for e in EN}
GATED_NTH = 4          # the 4th article request is held until the crawler has been stopped


class Gate:
    """Holds the n-th article request in the server until released."""

    def __init__(self, nth: int) -> None:
        self.nth, self.count = nth, 0
        self.arrived, self.release = threading.Event(), threading.Event()
        self.lock = threading.Lock()

    def __call__(self, path: str) -> None:
        if path.split("?")[0] not in ARTICLE_PATHS:
            return
        with self.lock:
            self.count += 1
            mine = self.count == self.nth
        if mine:
            self.arrived.set()
            self.release.wait(timeout=60)


@pytest.fixture
def gated_mirror(monkeypatch):
    gate = Gate(GATED_NTH)
    serve = MirrorRequestHandler._serve

    def gated_serve(self, send_body: bool) -> None:
        gate(self.path)
        serve(self, send_body)

    monkeypatch.setattr(MirrorRequestHandler, "_serve", gated_serve)
    with serve_mirror() as mirror:
        yield mirror, gate
        gate.release.set()


def wait_for(condition, timeout: float = 60.0) -> None:
    """Wait until ``condition()`` holds (a condition, not a guessed duration)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


def lines_ok(archive: Path) -> int:
    """Number of complete JSON lines; fails on a partial or non-JSON line."""
    count = 0
    for path in archive.glob("*.jsonl"):
        data = path.read_bytes()
        assert not data or data.endswith(b"\n"), f"partial last line in {path.name}"
        for line in data.splitlines():
            json.loads(line)
            count += 1
    return count


def stopped_crawl(mirror, gate: Gate, archive: Path, job: Path, sig: int) -> set[str]:
    args = {"en_url": mirror.en_url, "de_url": mirror.de_url, "edition": "en"}
    # One request in the downloader at a time: a graceful stop (SIGINT) finishes what the
    # downloader holds, so only that little must be in it for the stop to land mid-crawl. No
    # images in the stopped crawl: they would wait behind the gated article request for the slot.
    # A long timeout: the held request must not time out and let the crawl finish meanwhile.
    settings = {"JOBDIR": job, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "CONCURRENT_REQUESTS": 1,
                "ARCHIVER_IMAGES": "none", "DOWNLOAD_TIMEOUT": 120}
    log = (job.parent / "stopped-crawl.log").open("wb")     # a file: no pipe to wait on
    proc = subprocess.Popen(crawl_command("decoder", archive, args, {**SMALL_BOUNDS, **settings}),
                            cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    try:
        assert gate.arrived.wait(timeout=60), "the crawl never reached the gated article"
        wait_for(lambda: any(p.stat().st_size for p in archive.glob("*.jsonl")))
        os.killpg(proc.pid, sig)        # the crawler and its extraction workers, nobody else
        if sig == signal.SIGINT:
            gate.release.set()          # a graceful stop finishes the request in flight
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            tail = (job.parent / "stopped-crawl.log").read_bytes()[-1500:]
            raise AssertionError(f"crawl did not stop after the signal: {tail!r}") from None
    finally:
        gate.release.set()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    lines_ok(archive)
    return {r["url"] for r in jsonl_records(archive)}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_resume_does_not_refetch_finished_articles(gated_mirror, tmp_path, sig):
    mirror, gate = gated_mirror
    archive, job = tmp_path / "archive", tmp_path / "job"
    done_before = stopped_crawl(mirror, gate, archive, job, sig)
    assert 0 < len(done_before) < len(EN)
    mirror.clear_requests()
    gate.nth = 10 ** 9                  # no gate on the resumed crawl
    run_crawl("decoder", archive, {"en_url": mirror.en_url, "de_url": mirror.de_url,
                                   "edition": "en"}, {**SMALL_BOUNDS, "JOBDIR": job})
    fetched_again = {mirror.en_url + p for p in mirror.en.requested_paths()}
    assert not done_before & fetched_again
    urls = [r["url"] for r in jsonl_records(archive)]
    assert sorted(urls) == sorted({e.mirror_url(mirror) for e in EN})    # each exactly once
    assert lines_ok(archive) == len(EN)
    done = archive_check(archive)
    assert done.returncode == 0, done.stdout[-3000:]
