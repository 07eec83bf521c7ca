"""Helpers for the crawl-output tests: run `scrapy crawl` / `archive` as a user does (a
subprocess from the repository root), read the end-of-crawl summary, count what was written."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path

from archiver.warc.reader import Record, iter_records

ROOT = Path(__file__).resolve().parents[2]
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0")


def scrapy(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def archive(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archiver.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jsonl(directory: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(directory.glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]


def warc_records(directory: Path) -> list[Record]:
    return [r for path in sorted(directory.glob("*.warc.gz")) for r in iter_records(path)
            if isinstance(r, Record)]


def levels(log: str) -> list[str]:
    """The level of every log line (continuation lines of a record have none)."""
    return re.findall(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[[^\]]+\] (\w+): ", log, re.M)


def summary_block(log: str) -> str:
    """The end-of-crawl summary: its head line and the indented lines under it."""
    match = re.search(r"\] INFO: (Crawl [^\n]* in [^\n]*:\n(?:  [^\n]*\n?)+)", log)
    assert match, log[-3000:]
    return match.group(1)


def summary_figures(block: str) -> dict:
    """The numbers the summary states: archived, files, records, JSON lines, file names."""
    archived = re.search(r"^  archived +(\d+) articles?", block, re.M)
    written = re.search(r"^  written +(.+)/: (\d+) WARC files?, (\d+) records, (\d+) JSON lines?$",
                        block, re.M)
    assert archived and written, block
    names = re.findall(r"^ +(\S+\.warc\.gz)$", block, re.M)
    return {"archived": int(archived.group(1)), "directory": written.group(1),
            "files": int(written.group(2)), "records": int(written.group(3)),
            "json_lines": int(written.group(4)), "names": names}
