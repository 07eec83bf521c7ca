"""Crawl benchmark: how close the full archiving pipeline gets to a bare fetch, with and
without the extraction pool.

    python bench/crawl.py [--pages 2000] [--page-kb 160] [--concurrency 32] [--workers N]

One run, against a generated news site (bench/mocknews.py) served from memory on 127.0.0.1
by a separate process:
  0. the server alone, fetched by plain HTTP clients: shows it is not the bottleneck;
  a. a bare Scrapy spider that only fetches (bench/bare_spider.py): the ceiling;
  b. `scrapy crawl news` with the full pipeline (clean, language, WARC, JSON Lines), extraction
     in the process pool (ARCHIVER_EXTRACT_WORKERS, default one per CPU);
  c. the same with ARCHIVER_EXTRACT_WORKERS=0: extraction in the reactor thread.
Politeness is lifted (no delay, no AutoThrottle, high concurrency); robots.txt is still obeyed.
Each crawl runs as a subprocess; pages/s is articles / Scrapy's own elapsed_time_seconds
(spider open to close: discovery and pool start-up included, interpreter start-up not).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"


@dataclass
class Run:
    name: str
    pages: int
    seconds: float
    cpu: float            # CPU seconds of the crawl process and its children

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def start_server(pages: int, page_kb: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, str(BENCH / "mocknews.py"), "--pages", str(pages),
                             "--page-kb", str(page_kb)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    if not line.startswith("READY "):
        proc.kill()
        raise SystemExit(f"mock site did not start: {line!r}")
    return proc, line.split(" ", 1)[1]


def server_rate(url: str, pages: int, clients: int = 4) -> Run:
    """Fetch every article with ``clients`` keep-alive connections, bodies read, not decoded."""
    sys.path.insert(0, str(BENCH))
    from mocknews import article_path
    port = int(url.rsplit(":", 1)[1])
    paths = [article_path(i) for i in range(pages)]

    def fetch(share: list[str]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port)
        for path in share:
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            conn.getresponse().read()
        conn.close()

    threads = [threading.Thread(target=fetch, args=(paths[k::clients],)) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Run(f"0. server alone ({clients} clients)", pages, time.perf_counter() - start, 0.0)


def crawl_args(concurrency: int) -> list[str]:
    settings = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": 0, "ROBOTSTXT_OBEY": 1,
                "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
                "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": 0,
                "STATS_DUMP": 1}        # the figures come from Scrapy's stats dump
    return [arg for k, v in settings.items() for arg in ("-s", f"{k}={v}")]


def run_crawl(name: str, cmd: list[str], cwd: Path, count_key: str) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=3600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    elapsed = _stat(done.stderr, "elapsed_time_seconds", float)
    pages = _stat(done.stderr, count_key, int)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(name, pages, elapsed, cpu)


def _stat(log: str, key: str, kind: type) -> float | int:
    found = re.findall(rf"'{re.escape(key)}': ([\d.]+)", log)
    if not found:
        raise SystemExit(f"no {key!r} in the crawl's stats:\n{log[-3000:]}")
    return kind(found[-1])


def bare(url: str, concurrency: int, workdir: Path) -> Run:
    cmd = [sys.executable, "-m", "scrapy", "runspider", str(BENCH / "bare_spider.py"),
           "-a", f"url={url}", *crawl_args(concurrency)]
    env_free = workdir / "bare"          # outside the project: Scrapy's defaults, no archiver
    env_free.mkdir()
    return run_crawl("a. bare Scrapy fetch (ceiling)", cmd, env_free, "bench/articles")


def pipeline(url: str, concurrency: int, workdir: Path, workers: int | None) -> Run:
    out = workdir / f"archive-{workers}"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"url={url}/",
           "-s", f"ARCHIVE_DIR={out}", *crawl_args(concurrency)]
    if workers is not None:
        cmd += ["-s", f"ARCHIVER_EXTRACT_WORKERS={workers}"]
    label = (f"b. pipeline, pool of {workers or os.cpu_count()}" if workers != 0
             else "c. pipeline, in the reactor thread")
    return run_crawl(label, cmd, REPO, "archiver/articles")


def report(runs: list[Run], ceiling: Run, pooled: Run, in_reactor: Run) -> None:
    print(f"\nmachine: {os.cpu_count()} CPUs, {_cpu_model()}; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'run':<38}{'pages':>7}{'seconds':>9}{'pages/s':>9}{'CPU s':>8}{'of ceiling':>12}")
    for run in runs:
        share = f"{100 * run.rate / ceiling.rate:.0f} %" if run is not runs[0] else "-"
        print(f"{run.name:<38}{run.pages:>7}{run.seconds:>9.1f}{run.rate:>9.1f}"
              f"{run.cpu:>8.1f}{share:>12}")
    ratio = pooled.rate / in_reactor.rate if in_reactor.rate else 0.0
    print(f"\npooled / in-reactor: {ratio:.2f}x (target >= 1.8x); pooled pipeline reaches "
          f"{100 * pooled.rate / ceiling.rate:.0f} % of the bare-fetch ceiling")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--page-kb", type=int, default=160)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=None,
                        help="pool size for run b (default: one per CPU)")
    args = parser.parse_args()
    server, url = start_server(args.pages, args.page_kb)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
            work = Path(tmp)
            runs = [server_rate(url, args.pages)]
            for make in (lambda: bare(url, args.concurrency, work),
                         lambda: pipeline(url, args.concurrency, work, args.workers),
                         lambda: pipeline(url, args.concurrency, work, 0)):
                runs.append(make())
                print(f"{runs[-1].name}: {runs[-1].rate:.1f} pages/s", file=sys.stderr)
            report(runs, runs[1], runs[2], runs[3])
    finally:
        server.stdin.close()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
