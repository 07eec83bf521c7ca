"""Reprocess benchmark: `archive reprocess` over a generated WARC, one worker vs two, and its
peak memory for a small and a large input.

    python bench/reprocess.py [--records 10000] [--small 1000] [--page-kb 112]

Writes two WARC files of article responses (the first --small pages, and all --records pages)
with the archive's own writer, as a crawl stores them (gzip bodies, a request record each),
from bench/mocknews.py's pages (default 112 KB: the median page of the extraction benchmark).
Then runs `archive reprocess` as a subprocess with --jobs 1 and --jobs 2 on each and prints
pages/s (wall clock of the command, start-up included), the --jobs 2 speed-up (target >=
1.7x) and peak RSS (ru_maxrss of the command and its workers, from wait4) for the small vs the
large input (target: within 20 %).
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
BASE = "https://bench-courier.example"


@dataclass
class Run:
    records: int
    jobs: int
    seconds: float
    maxrss_mb: float
    written: int

    @property
    def rate(self) -> float:
        return self.records / self.seconds


def page(args: tuple[int, int, int]) -> bytes:
    """Article ``i`` of a site of ``total``, gzip-compressed as the server sent it."""
    from mocknews import article_html
    i, total, page_kb = args
    return gzip.compress(article_html(i, total, BASE, page_kb).encode("utf-8"), 6)


def exchange(i: int, body: bytes):
    from mocknews import article_path
    from archiver.warc.exchange import Exchange
    url = BASE + article_path(i)
    when = datetime(2026, 5, 12, tzinfo=timezone.utc) + timedelta(seconds=i)
    return Exchange(url=url, method="GET", request_target=article_path(i),
                    request_headers=[(b"Host", b"bench-courier.example"),
                                     (b"Accept-Encoding", b"gzip, deflate")],
                    request_body=b"", protocol="HTTP/1.1", status=200, reason="OK",
                    response_headers=[(b"Content-Type", b"text/html; charset=utf-8"),
                                      (b"Content-Encoding", b"gzip"),
                                      (b"Content-Length", str(len(body)).encode())],
                    body=body, ip_address="127.0.0.1", date=when)


def write_warcs(work: Path, records: int, small: int, page_kb: int) -> tuple[Path, Path]:
    """Both inputs in one pass over the pages (rendered on every core)."""
    from archiver.warc.archive import WarcArchive
    dirs = work / "in-small", work / "in-large"
    archives = [WarcArchive(d, prefix="BENCH", max_size=1 << 40, repair=False) for d in dirs]
    with ProcessPoolExecutor() as pool:
        jobs = ((i, records, page_kb) for i in range(records))
        for i, body in enumerate(pool.map(page, jobs, chunksize=32)):
            for archive in (archives if i < small else archives[1:]):
                archive.write_exchange(exchange(i, body))
    for archive in archives:
        archive.close()
    return dirs


def reprocess(source: Path, out: Path, jobs: int, records: int) -> Run:
    cmd = [sys.executable, "-m", "archiver.cli", "reprocess", str(source), "-o", str(out),
           "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"reprocess failed:\n{stderr[-3000:]}")
    written = int(stderr.rsplit(" articles written", 1)[0].rsplit("\n", 1)[-1].split()[-1])
    return Run(records, jobs, seconds, usage.ru_maxrss / 1024, written)


def report(runs: dict[tuple[int, int], Run], small: int, large: int) -> None:
    print(f"\nmachine: {os.cpu_count()} CPUs; load average now: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'records':>8}{'jobs':>6}{'written':>9}{'seconds':>9}{'pages/s':>9}{'peak RSS MB':>13}")
    for run in runs.values():
        print(f"{run.records:>8}{run.jobs:>6}{run.written:>9}{run.seconds:>9.1f}"
              f"{run.rate:>9.1f}{run.maxrss_mb:>13.0f}")
    speedup = runs[large, 2].rate / runs[large, 1].rate
    print(f"\n--jobs 2 speed-up on {large} records: {speedup:.2f}x (target >= 1.7x)")
    for jobs in (1, 2):
        growth = runs[large, jobs].maxrss_mb / runs[small, jobs].maxrss_mb - 1
        print(f"peak memory, --jobs {jobs}: {small} -> {large} records: {100 * growth:+.0f} % "
              f"(target within 20 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--page-kb", type=int, default=112)
    parser.add_argument("--keep", type=Path, help="write the WARCs and outputs here, and keep them")
    args = parser.parse_args()
    small = min(args.small, args.records)
    with tempfile.TemporaryDirectory(prefix="bench-reprocess-") as tmp:
        work = args.keep or Path(tmp)
        start = time.perf_counter()
        small_dir, large_dir = write_warcs(work, args.records, small, args.page_kb)
        size = sum(p.stat().st_size for p in large_dir.glob("*.warc.gz")) / 1e6
        print(f"generated {args.records} records ({size:.0f} MB WARC) in "
              f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
        runs = {}
        for records, source in ((small, small_dir), (args.records, large_dir)):
            for jobs in (1, 2):
                run = reprocess(source, work / f"out-{records}-{jobs}", jobs, records)
                runs[records, jobs] = run
                print(f"{records} records, --jobs {jobs}: {run.rate:.1f} pages/s, "
                      f"{run.maxrss_mb:.0f} MB", file=sys.stderr)
        report(runs, small, args.records)


if __name__ == "__main__":
    main()
