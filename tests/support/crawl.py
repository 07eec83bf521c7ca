"""`scrapy crawl` and `archive` run as a user runs them: a subprocess from the repository root
(a Twisted reactor cannot be restarted inside the pytest process), and the crawl's log read back.

Politeness is lifted (no download delay, no AutoThrottle): every site a test crawls is its own
server on 127.0.0.1. Anything else a test needs (more concurrency, small bounds) it says itself.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
POLITENESS_LIFTED = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": 0}
# The reliability suite's crawls: small bounds keep the hostile cases fast, and Scrapy's stats
# dump (off by default: our summary instead) is what those tests read.
SMALL_BOUNDS = {"CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_TIMEOUT": 2,
                "DOWNLOAD_MAXSIZE": 1024 * 1024, "DOWNLOAD_WARNSIZE": 0, "RETRY_TIMES": 1,
                "ARCHIVER_RETRY_AFTER_MAX": 1, "LOG_LEVEL": "INFO", "STATS_DUMP": 1}


def setting_args(settings: dict[str, Any]) -> list[str]:
    """``-s NAME=VALUE`` for each setting (``scrapy crawl`` and ``archive add`` take them)."""
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


def crawl_command(spider: str, out: Path, args: dict[str, Any] | None = None,
                  settings: dict[str, Any] | None = None) -> list[str]:
    """``scrapy crawl SPIDER -a NAME=VALUE ... -s NAME=VALUE ...`` into ``out``."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in (args or {}).items():
        command += ["-a", f"{name}={value}"]
    return command + setting_args({**POLITENESS_LIFTED, "ARCHIVE_DIR": out, **(settings or {})})


def run_crawl(spider: str, out: Path, args: dict[str, Any] | None = None,
              settings: dict[str, Any] | None = None, *, timeout: float = 240,
              check: bool = True) -> subprocess.CompletedProcess:
    """Run the crawl to its end. ``check``: it must exit 0 without a traceback."""
    done = subprocess.run(crawl_command(spider, out, args, settings), cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    if check:
        assert done.returncode == 0, done.stderr[-4000:]
        assert "Traceback" not in done.stderr, done.stderr[-6000:]
    return done


def scrapy(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    """Any ``scrapy`` command line, as typed (for the crawls a test expects to fail)."""
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def archive_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "archiver.cli", *map(str, args)]


def archive(*args: str | Path, timeout: float = 240) -> subprocess.CompletedProcess:
    """The ``archive`` command line in a subprocess."""
    return subprocess.run(archive_command(*args), cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def archive_check(directory: Path) -> subprocess.CompletedProcess:
    return archive("check", directory)


# --- the crawl's log ------------------------------------------------------------------------
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


def stats_of(log: str) -> dict[str, object]:
    """The stats dict Scrapy dumps at the end of a crawl (``-s STATS_DUMP=1``)."""
    match = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n(?:\d{4}-|$)", log, re.S)
    assert match, log[-3000:]
    text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
    return ast.literal_eval(text)
