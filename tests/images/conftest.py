"""Fixtures of the image tests: the mirror, and one full crawl of it shared by the read-only
tests (the crawl's subprocess owns the reactor; the mirror runs in this process)."""

from __future__ import annotations

import pytest

from decoder_mirror import serve_mirror
from tests.support.images import crawl_images


@pytest.fixture(scope="session")
def image_mirror():
    with serve_mirror() as mirror:
        yield mirror


@pytest.fixture(scope="session")
def image_crawl(image_mirror, tmp_path_factory):
    return crawl_images(image_mirror, tmp_path_factory.mktemp("image-crawl"))


@pytest.fixture
def fresh_mirror():
    """A mirror of its own, for tests that change what it serves."""
    with serve_mirror() as mirror:
        yield mirror
