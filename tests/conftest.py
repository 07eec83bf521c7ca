"""Suite-wide fixtures: a small archive written by the crawl's own writer (the builders are in
tests.support.archives), and the reader serving it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.archives import make_archive_dir
from tests.support.reader import serve_reader


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """Three articles (en, de, en paywalled) and, in a second file, a recrawl of the first."""
    return make_archive_dir(tmp_path)


@pytest.fixture
def reader(archive_dir: Path) -> Iterator[str]:
    """The reader on 127.0.0.1:<free port>, served from a thread for the test's duration."""
    with serve_reader(archive_dir) as url:
        yield url
