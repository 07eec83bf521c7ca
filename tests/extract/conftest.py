"""Fixtures of the extraction tests: the saved pages under pages/ (written by us)."""

from __future__ import annotations

from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "pages"


@pytest.fixture
def page_file():
    def read(name: str) -> str:
        return (PAGES / name).read_text("utf-8")
    return read
