"""Fixtures of the generic spider's tests; the mock site lives in harbour_site.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harbour_site import MockSite, expected_site, serve_news_site


@pytest.fixture
def news_site() -> Iterator[MockSite]:
    """The Harbour Courier on a free port of 127.0.0.1, for the duration of one test."""
    with serve_news_site() as site:
        yield site


@pytest.fixture(scope="session")
def expected() -> dict:
    return expected_site()
