"""Replay benchmark: URL lookup and ``--jsonl`` export on archives of 1,000 and 100,000 articles.

    python bench/replay.py [--sizes 1000 100000] [--lookups 50] [--jobs 2] [--per-file 5000]
                           [--keep DIR]

For each size it writes a synthetic archive (made-up articles with small bodies, but records
exactly as the crawl writes them: the project's own record composer, five records per article,
gzip per record, files of 5,000 articles, a robots.txt capture per file), then measures:

- cold: opening the archive with no index (the SQLite index is built) plus one lookup;
- warm lookup, library API: what ``archive replay DIR URL`` does in process after the index
  exists (open the archive, which checks every file against the index; find the URL, half of
  the time by its ``?p=`` shortlink; read the JSON record back from the WARC; render as text);
- warm lookup, CLI: ``archive replay DIR URL > /dev/null`` as a new process (includes Python
  start-up and imports);
- ``archive replay DIR --jsonl`` as a new process, every line read from its stdout;
- ``archive export DIR -o FILE.parquet`` as a new process: rows per second and the process's
  peak memory (RSS), and the row count read back from the Parquet file.

Targets: lookup time grows by at most 2x from 1,000 to 100,000 articles (issue 7); export
streams, so its peak memory stays flat as the archive grows (issue 15: within 20 %). Generated
data goes to a temporary directory that is removed at the end (unless --keep).
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PER_FILE = 5000
START = datetime(2023, 1, 1, tzinfo=timezone.utc)
WORDS = ("model data training language robot chip benchmark research agent vision speech "
         "open source license cloud inference token context safety policy startup funding "
         "paper lab team release update code image video music search assistant").split()
CLI = [sys.executable, "-c", "from archiver.cli import main; main()"]


# --- generating an archive ----------------------------------------------------------------
def url_of(n: int) -> str:
    host = "the-decoder.de" if n % 4 == 3 else "the-decoder.com"
    return f"https://{host}/article-{n}-synthetic-news/"


def shortlink_of(n: int) -> str:
    return f"https://{url_of(n).split('/')[2]}/?p={n + 1000}"


def write_file(directory: str, serial: int, first: int, count: int) -> int:
    """One WARC file (+ its JSON Lines) holding articles first..first+count-1; returns bytes."""
    from archiver.items import build_record, dumps_record
    from archiver.warc.compose import article_records, response_record, request_record, warcinfo_record
    from archiver.warc.files import jsonl_path
    from archiver.warc.records import new_record_id

    rng = random.Random(serial)
    path = Path(directory) / f"BENCH-20240101000000-{serial:05d}-bench.warc.gz"
    when = START + timedelta(minutes=first)
    parts = [warcinfo_record(path.name, [("software", "bench/replay.py")], when).to_gzip()]
    robots = synthetic_exchange(url_of(first).rsplit("/", 2)[0] + "/robots.txt",
                                b"User-agent: *\nDisallow:\n", when, gzipped=False)
    rid = new_record_id()
    parts += [response_record(robots, rid).to_gzip(), request_record(robots, rid).to_gzip()]
    lines = []
    for n in range(first, first + count):
        exchange, article, fields = synthetic_article(n, rng)
        links = {"file": path.name, "response_id": new_record_id(),
                 "conversion_id": new_record_id()}
        record = build_record(article, site="decoder", fetched_at=exchange.date.isoformat(),
                              http_status=200, warc=links)
        records = article_records(links, exchange, article.html, fields, record,
                                  now=exchange.date + timedelta(seconds=2))
        parts += [r.to_gzip() for r in records]
        lines.append(dumps_record(record) + "\n")
    data = b"".join(parts)
    path.write_bytes(data)
    jsonl_path(path).write_text("".join(lines), encoding="utf-8")
    return len(data)


def synthetic_article(n: int, rng: random.Random):
    from archiver.extract.article import Article

    url = url_of(n)
    language = "de" if url.endswith(".de") or ".de/" in url else "en"
    title = f"Article {n}: " + " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "."
                  for _ in range(4)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    raw = (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{title}'
           f'</title><link rel="shortlink" href="{shortlink_of(n)}"></head><body>'
           f'<div class="ad">Advertisement</div><article><h1>{title}</h1>{body}</article>'
           f"</body></html>").encode()
    when = START + timedelta(minutes=n)
    exchange = synthetic_exchange(url, raw, when, gzipped=True)
    text = "\n\n".join([title, *paragraphs])
    article = Article(url=url, canonical_url=url, title=title, authors=["Bench Writer"],
                      published=when.isoformat(), language=language, language_confidence=0.99,
                      declared_language=language, text=text, html=f"<h1>{title}</h1>{body}",
                      word_count=len(text.split()), paywalled=n % 10 == 0, removed={"ads": 1})
    fields = [("title", title), ("creator", "Bench Writer"), ("language", language),
              ("issued", when.isoformat())]
    return exchange, article, fields


def synthetic_exchange(url: str, raw: bytes, when: datetime, gzipped: bool):
    from archiver.warc.exchange import Exchange, request_target

    body = gzip.compress(raw, compresslevel=6, mtime=0) if gzipped else raw
    headers = [(b"Content-Type", b"text/html; charset=UTF-8" if gzipped else b"text/plain")]
    headers += [(b"Content-Encoding", b"gzip")] if gzipped else []
    headers.append((b"Content-Length", str(len(body)).encode()))
    host = url.split("/")[2].encode()
    return Exchange(url=url, method="GET", request_target=request_target(url),
                    request_headers=[(b"Host", host), (b"User-Agent", b"bench")], request_body=b"",
                    protocol="HTTP/1.1", status=200, reason="OK", response_headers=headers,
                    body=body, ip_address="127.0.0.1", date=when)


def generate(directory: Path, count: int, jobs: int, per_file: int = PER_FILE) -> int:
    """Write ``count`` articles in files of ``per_file``, ``jobs`` processes; returns bytes."""
    directory.mkdir(parents=True)
    chunks = [(str(directory), i, first, min(per_file, count - first))
              for i, first in enumerate(range(0, count, per_file))]
    if jobs <= 1:
        return sum(write_file(*chunk) for chunk in chunks)
    with ProcessPoolExecutor(jobs) as pool:
        return sum(pool.map(write_file, *zip(*chunks)))


# --- measuring ----------------------------------------------------------------------------
def lookup(directory: Path, url: str) -> str:
    """What `archive replay DIR URL` does, through the library API."""
    from archiver.library.library import Library
    from archiver.library.render import as_text

    library = Library([directory], lambda problem: None)
    versions = library.versions(url)
    if not versions:
        raise SystemExit(f"benchmark bug: {url} not found")
    return as_text(library.record(versions[-1]), 80)


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def probe_urls(count: int, lookups: int, rng: random.Random) -> list[str]:
    picks = [rng.randrange(count) for _ in range(lookups)]
    return [url_of(n) if i % 2 == 0 else shortlink_of(n) for i, n in enumerate(picks)]


def cli_lookup(directory: Path, url: str) -> float:
    start = time.perf_counter()
    subprocess.run([*CLI, "replay", str(directory), url], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cli_jsonl(directory: Path, expected: int) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([*CLI, "replay", str(directory), "--jsonl"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: proc.stdout.read(1 << 20), b""))
    if proc.wait() != 0 or lines != expected:
        raise SystemExit(f"--jsonl failed: exit {proc.returncode}, {lines} of {expected} lines")
    return time.perf_counter() - start


def cli_export(directory: Path, expected: int) -> tuple[float, float]:
    """`archive export DIR -o FILE.parquet` as a new process: (seconds, peak RSS in MiB)."""
    import pyarrow.parquet as pq

    out = directory.parent / f"{directory.name}.parquet"
    start = time.perf_counter()
    proc = subprocess.Popen([*CLI, "export", str(directory), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    rows = pq.read_metadata(out).num_rows if out.exists() else 0
    if proc.returncode != 0 or rows != expected:
        raise SystemExit(f"export failed: exit {proc.returncode}, {rows} of {expected} rows")
    out.unlink()
    return seconds, usage.ru_maxrss / 1024          # Linux: ru_maxrss in KiB


def measure(root: Path, count: int, lookups: int, jobs: int, per_file: int) -> dict[str, float]:
    directory = root / f"archive-{count}"
    rng = random.Random(count)
    gen_s, size = timed(generate, directory, count, jobs, per_file)
    cold_s, _ = timed(lookup, directory, url_of(rng.randrange(count)))
    warm = [timed(lookup, directory, url)[0] for url in probe_urls(count, lookups, rng)]
    cli = [cli_lookup(directory, url) for url in probe_urls(count, 5, rng)]
    jsonl_s = cli_jsonl(directory, count)
    export_s, export_mib = cli_export(directory, count)
    index = directory / ".archive-index.sqlite"
    return {"articles": count, "files": len(list(directory.glob("*.warc.gz"))),
            "warc_mib": size / 2**20, "gen_s": gen_s, "cold_s": cold_s,
            "warm_ms": statistics.median(warm) * 1000, "warm_max_ms": max(warm) * 1000,
            "cli_ms": statistics.median(cli) * 1000, "jsonl_s": jsonl_s,
            "export_s": export_s, "export_mib": export_mib,
            "index_mib": index.stat().st_size / 2**20}


def report(rows: list[dict[str, float]]) -> None:
    head = (f"{'articles':>9} {'files':>5} {'WARC MiB':>9} {'index MiB':>9} {'generate s':>10} "
            f"{'cold index+lookup s':>19} {'lookup ms (median/max)':>22} {'CLI lookup ms':>13} "
            f"{'--jsonl s':>9} {'--jsonl rec/s':>13} {'export s':>8} {'export rows/s':>13} "
            f"{'export peak MiB':>15}")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['articles']:>9,} {r['files']:>5} {r['warc_mib']:>9.1f} {r['index_mib']:>9.1f} "
              f"{r['gen_s']:>10.1f} {r['cold_s']:>19.2f} "
              f"{r['warm_ms']:>12.1f} / {r['warm_max_ms']:>7.1f} {r['cli_ms']:>13.0f} "
              f"{r['jsonl_s']:>9.2f} {r['articles'] / r['jsonl_s']:>13,.0f} "
              f"{r['export_s']:>8.2f} {r['articles'] / r['export_s']:>13,.0f} "
              f"{r['export_mib']:>15.0f}")
    if len(rows) >= 2:
        small, big = rows[0], rows[-1]
        ratio = big["warm_ms"] / small["warm_ms"]
        verdict = "meets" if ratio <= 2 else "MISSES"
        print(f"\nlookup {big['articles']:,} vs {small['articles']:,}: library API "
              f"{ratio:.2f}x, CLI {big['cli_ms'] / small['cli_ms']:.2f}x "
              f"(target <= 2x: {verdict}); --jsonl {big['jsonl_s'] / small['jsonl_s']:.0f}x "
              f"for {big['articles'] // small['articles']}x the records")
        growth = big["export_mib"] / small["export_mib"] - 1
        print(f"export peak memory {small['articles']:,} -> {big['articles']:,} articles: "
              f"{small['export_mib']:.0f} -> {big['export_mib']:.0f} MiB ({growth:+.0%}; target "
              f"within 20 %: {'meets' if abs(growth) <= 0.2 else 'MISSES'})")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--lookups", type=int, default=50, help="warm lookups per size")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes that generate the WARC files")
    parser.add_argument("--per-file", type=int, default=PER_FILE,
                        help="articles per WARC file (lookup cost grows with the file count)")
    parser.add_argument("--keep", type=Path, help="generate here and keep it (default: temp dir)")
    args = parser.parse_args()
    for module in ("archiver.library.library", "archiver.library.render"):
        importlib.import_module(module)          # imported before timing: not part of a lookup
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-replay-"))
    rows = []
    try:
        for count in args.sizes:
            print(f"{count:,} articles …", file=sys.stderr, flush=True)
            rows.append(measure(root, count, args.lookups, args.jobs, args.per_file))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    report(rows)


if __name__ == "__main__":
    main()
