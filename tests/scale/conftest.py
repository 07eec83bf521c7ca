"""Fixtures of the scale tests: the generated news site of bench/mocknews.py, small pages."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from mocknews import SiteServer, serve  # noqa: E402


@pytest.fixture
def small_site() -> Iterator[SiteServer]:
    """40 articles of ~12 KB, no latency."""
    with serve(40, page_kb=12) as server:
        yield server


def crawl_command(url: str, out: Path, *extra: str) -> list[str]:
    """`scrapy crawl news` of the generated site, politeness lifted, into ``out``."""
    return [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"url={url}/",
            "-s", f"ARCHIVE_DIR={out}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=INFO", *extra]
