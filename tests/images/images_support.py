"""Shared by the image tests: a crawl of the mirror in a subprocess, and what it wrote."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from archiver.mirror.expected import expected_articles
from archiver.warc.reader import Record, iter_records

ROOT = Path(__file__).resolve().parents[2]
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=INFO",
        "-s", "ARCHIVER_EXTRACT_WORKERS=0")     # extraction in the reactor: no pool to start


@dataclass
class Crawl:
    dir: Path
    mirror: object
    log: str
    records: list[dict] = field(default_factory=list)
    requested: dict[str, list[str]] = field(default_factory=dict)   # server -> paths asked for

    def record(self, url: str) -> dict:
        return next(r for r in self.records if r["url"] == url)

    def warc_records(self) -> list[Record]:
        return [r for p in sorted(self.dir.glob("*.warc.gz")) for r in iter_records(p)
                if isinstance(r, Record)]


def crawl(mirror, out: Path, *args: str) -> Crawl:
    """`scrapy crawl decoder` of the running mirror into ``out`` (extra -a/-s ``args``); the
    mirror's request logs are cleared first, so ``requested`` is this crawl's alone."""
    mirror.clear_requests()
    cmd = [sys.executable, "-m", "scrapy", "crawl", "decoder", "-a", f"en_url={mirror.en_url}",
           "-a", f"de_url={mirror.de_url}", "-s", f"ARCHIVE_DIR={out}", *FAST, *args]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    records = [json.loads(line) for p in sorted(out.glob("*.jsonl"))
               for line in p.read_text("utf-8").splitlines()]
    requested = {name: getattr(mirror, name).requested_paths() for name in ("en", "de", "third_party")}
    return Crawl(out, mirror, done.stderr, records, requested)


def expected(edition: str | None = None):
    return expected_articles(edition)


def is_image_record(record: Record) -> bool:
    """A response or revisit whose HTTP head says image/*."""
    split = record.http_split()
    return record.type in ("response", "revisit") and split is not None \
        and b"\r\ncontent-type: image/" in split[0].lower()


def image_paths(paths: list[str]) -> list[str]:
    """The requests of a server log that are for pictures."""
    return [p for p in paths if p.split("?")[0].endswith((".png", ".jpg", ".webp", ".gif"))
            or "/na/" in p]
