"""Fixtures of the scale tests: the generated news site of bench/mocknews.py, small pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.mocknews import SiteServer, serve


@pytest.fixture
def small_site() -> Iterator[SiteServer]:
    """40 articles of ~12 KB, no latency."""
    with serve(40, page_kb=12) as server:
        yield server
