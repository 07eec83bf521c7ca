"""Fixtures of the generic spider's tests; the mock site lives in harbour_site.py."""

from __future__ import annotations

import pytest

from tests.news.harbour_site import expected_site


@pytest.fixture(scope="session")
def expected() -> dict:
    return expected_site()
