"""Fixtures for the WARC tests: a mock news site on 127.0.0.1 and real crawls against it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.warc.capture_app import capture_urls, run_capture_app
from tests.warc.warc_mock_site import MockSite


@pytest.fixture(scope="session")
def site():
    server = MockSite().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def crawled(site, tmp_path_factory) -> Path:
    """One crawl of the mock site, shared by the read-only tests."""
    directory = tmp_path_factory.mktemp("crawl")
    out = run_capture_app(directory, capture_urls(site.url))
    assert out.count("ARCHIVED") == 3
    return directory


@pytest.fixture
def crawled_copy(crawled, tmp_path) -> Path:
    """A private copy of the shared crawl for tests that damage files."""
    target = tmp_path / "archive"
    shutil.copytree(crawled, target)
    return target
