"""A crawl of the bundled mirror of The Decoder (served in this process, crawled by
`scrapy crawl decoder` in a subprocess), and what it wrote and asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.warc.reader import Record

from .crawl import run_crawl
from .records import jsonl_records, warc_records

SERVERS = ("en", "de", "third_party")


def mirror_args(mirror: Any, **args: Any) -> dict[str, Any]:
    """Spider arguments that point `scrapy crawl decoder` at the running mirror."""
    return {"en_url": mirror.en_url, "de_url": mirror.de_url, **args}


@dataclass
class MirrorCrawl:
    dir: Path
    mirror: Any
    log: str
    records: list[dict] = field(default_factory=list)
    requested: dict[str, list[str]] = field(default_factory=dict)   # server -> paths asked for

    def record(self, url: str) -> dict:
        return next(r for r in self.records if r["url"] == url)

    def warc_records(self) -> list[Record]:
        return warc_records(self.dir)


def crawl_mirror(mirror: Any, out: Path, args: dict[str, Any] | None = None,
                 settings: dict[str, Any] | None = None) -> MirrorCrawl:
    """`scrapy crawl decoder` of the running mirror into ``out``; the mirror's request logs are
    cleared first, so ``requested`` is this crawl's alone."""
    mirror.clear_requests()
    done = run_crawl("decoder", out, mirror_args(mirror, **(args or {})), settings)
    requested = {name: getattr(mirror, name).requested_paths() for name in SERVERS}
    return MirrorCrawl(out, mirror, done.stderr, jsonl_records(out), requested)
