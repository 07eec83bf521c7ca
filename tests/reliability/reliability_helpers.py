"""Helpers for the reliability suite: fake exchanges, real crawls in a subprocess, their stats."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from archiver.warc.exchange import Exchange

ROOT = Path(__file__).resolve().parents[2]
# Small bounds keep the hostile cases fast; the crawl never waits on politeness here.
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "DOWNLOAD_TIMEOUT": 2, "DOWNLOAD_MAXSIZE": 1024 * 1024, "DOWNLOAD_WARNSIZE": 0,
        "RETRY_TIMES": 1, "ARCHIVER_RETRY_AFTER_MAX": 1, "LOG_LEVEL": "INFO",
        "STATS_DUMP": 1}     # the tests read Scrapy's stats dump (off by default: the summary)


def exchange(url: str = "https://example.org/a-story/", body: bytes = b"<html>story</html>",
             status: int = 200, etag: str = '"v1"',
             date: datetime | None = None) -> Exchange:
    headers = [(b"Content-Type", b"text/html; charset=utf-8"), (b"ETag", etag.encode()),
               (b"Last-Modified", b"Wed, 01 May 2024 10:00:00 GMT"),
               (b"Content-Length", str(len(body)).encode())]
    return Exchange(url=url, method="GET", request_target="/a-story/",
                    request_headers=[(b"Host", b"example.org")], request_body=b"",
                    protocol="HTTP/1.1", status=status, reason="OK", response_headers=headers,
                    body=body, ip_address="127.0.0.1",
                    date=date or datetime(2024, 5, 2, 8, 0, tzinfo=timezone.utc))


def crawl_args(spider: str, archive_dir: Path, args: dict[str, str],
               settings: dict[str, object] | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in args.items():
        cmd += ["-a", f"{name}={value}"]
    for name, value in {**FAST, "ARCHIVE_DIR": archive_dir, **(settings or {})}.items():
        cmd += ["-s", f"{name}={value}"]
    return cmd


def run_crawl(spider: str, archive_dir: Path, args: dict[str, str],
              settings: dict[str, object] | None = None, timeout: float = 120) -> str:
    """Run ``scrapy crawl`` to the end; returns its log (stderr). Fails on a non-zero exit."""
    done = subprocess.run(crawl_args(spider, archive_dir, args, settings), cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-6000:]
    return done.stderr


def stats_of(log: str) -> dict[str, object]:
    """The stats dict Scrapy dumps at the end of a crawl."""
    match = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n(?:\d{4}-|$)", log, re.S)
    assert match, log[-3000:]
    text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
    return ast.literal_eval(text)


def jsonl_records(archive_dir: Path) -> list[dict]:
    import json

    return [json.loads(line) for path in sorted(archive_dir.glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines()]


def archive_check(archive_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archiver.cli", "check", str(archive_dir)],
                          capture_output=True, text=True, cwd=ROOT)
