"""The image tests' crawl of the mirror, and telling image records and requests apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archiver.warc.reader import Record

from .mirror import MirrorCrawl, crawl_mirror

# More connections per host, extraction in the reactor (no pool to start): a faster crawl.
IMAGE_CRAWL = {"CONCURRENT_REQUESTS_PER_DOMAIN": 8, "LOG_LEVEL": "INFO",
               "ARCHIVER_EXTRACT_WORKERS": 0}


def crawl_images(mirror: Any, out: Path, args: dict[str, Any] | None = None,
                 settings: dict[str, Any] | None = None) -> MirrorCrawl:
    return crawl_mirror(mirror, out, args, {**IMAGE_CRAWL, **(settings or {})})


def is_image_record(record: Record) -> bool:
    """A response or revisit whose HTTP head says image/*."""
    split = record.http_split()
    return record.type in ("response", "revisit") and split is not None \
        and b"\r\ncontent-type: image/" in split[0].lower()


def image_paths(paths: list[str]) -> list[str]:
    """The requests of a server log that are for pictures."""
    return [p for p in paths if p.split("?")[0].endswith((".png", ".jpg", ".webp", ".gif"))
            or "/na/" in p]
