"""Helpers for the reliability suite: fake exchanges, real crawls in a subprocess, their stats."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pytest

from archiver.warc.exchange import Exchange
from archiver.warc.reader import Record, iter_records

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


def require(what: str) -> None:
    """The suite's rule for what a test needs from the machine: skip on a developer's machine,
    fail in CI (CI=true), where .ci/run runs as root and provides it."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is not available (.ci/run provides it)")
    pytest.skip(f"needs {what}")


@contextmanager
def tmpfs(path: Path, size: str, read_only: bool = False) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path`` while the block runs (needs root): a disk that
    really fills up, or really is read-only."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                              capture_output=True, text=True)
    except FileNotFoundError:
        require("the mount command (util-linux)")
    if done.returncode != 0:
        require(f"permission to mount a tmpfs ({done.stderr.strip()})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount(path: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(path)], check=True)


def fill(directory: Path) -> Path:
    """Fill the file system of ``directory`` to the last byte; returns the filler file."""
    filler = directory / "filler"
    with open(filler, "wb", buffering=0) as out:
        chunk = b"\0" * 4096
        while True:
            try:
                if not out.write(chunk):
                    break
            except OSError:
                break
        while True:
            try:
                if not out.write(b"\0"):
                    break
            except OSError:
                break
    return filler


def archived_paths(archive: Path) -> set[str]:
    """URL paths of the articles whose five records are in a WARC file (closed or .open)."""
    urls: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for path in archive.glob("*.warc.gz*"):
        if path.name.endswith(".invalid"):
            continue
        for record in iter_records(path):
            if not isinstance(record, Record):
                continue
            if record.type == "response":
                urls[record.id] = record.get("WARC-Target-URI") or ""
            elif record.type in ("conversion", "metadata"):
                kind = record.type + (record.get("Content-Type") or "")
                parts.setdefault(record.get("WARC-Refers-To") or "", set()).add(kind)
    done = {rid for rid, kinds in parts.items() if len(kinds) == 3}
    return {"/" + urls[rid].split("/", 3)[3] for rid in done if rid in urls}
