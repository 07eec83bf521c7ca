"""End to end: `scrapy crawl news` against the Harbour Courier mock, with no site profile.

The real command runs in a subprocess from the repository root, as a user runs it, with the
whole pipeline (discovery, extraction, WARC + JSON Lines). Every article must be archived once
and clean; the consent wall, listings and static pages must not become records.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.support.harbour_site import HarbourSite, expected_site
from tests.support.crawl import run_crawl
from tests.support.records import jsonl_records


PAGE_SHAPED = "/story/lighthouse-reopens"   # a listing-shaped URL: fetched, then fetched as article


@pytest.fixture(scope="module")
def expected() -> dict:
    """What the Harbour Courier holds: its articles and its traps."""
    return expected_site()


@dataclass
class Crawl:
    base: str
    records: list[dict]
    log: str
    requests: Counter

    def paths(self) -> list[str]:
        return sorted(r["url"].removeprefix(self.base) for r in self.records)


def crawl(out: Path, **args: str) -> Crawl:
    """Serve the mock, run the news spider on it; the records written, the log, the requests."""
    with HarbourSite() as site:
        done = run_crawl("news", out, {"url": site.url, **args}, {"LOG_LEVEL": "INFO"},
                         timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return Crawl(site.url, jsonl_records(out, "**/*.jsonl"), done.stderr, site.requests)


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Crawl:
    return crawl(tmp_path_factory.mktemp("news") / "out")


def test_every_article_is_archived(full, expected):
    assert full.paths() == sorted(expected["articles"])


def test_each_article_is_fetched_once_however_it_was_found(full, expected):
    for path in expected["articles"]:
        assert full.requests[path] == (2 if path == PAGE_SHAPED else 1), path


def test_articles_are_clean(full, expected):
    for record in full.records:
        want = expected["articles"][record["url"].removeprefix(full.base)]
        assert record["title"] == want["title"]
        assert record["authors"] == want["authors"]
        assert record["language"] == "en"
        # no profile: the site is the host the article came from; the publisher is the
        # site's own name (JSON-LD publisher, or the <title>'s "– The Harbour Courier")
        assert record["site"] == urlsplit(full.base).netloc
        assert record["publisher"] == "The Harbour Courier"
        assert record["published"] == want["published"]
        for paragraph in want["paragraphs"]:
            assert paragraph in record["text"], (record["url"], paragraph)
        for junk in expected["never_in_text"]:
            assert junk not in record["text"], (record["url"], junk)
            assert junk not in record["html"], (record["url"], junk)


def test_the_consent_wall_is_reported_not_archived(full, expected):
    wall = expected["consent_wall"]
    assert full.requests[wall] == 1
    assert wall not in full.paths()
    assert re.search(r"not articles +consent_wall 1 \(raw capture kept\)", full.log), full.log[-2000:]
    assert any(wall in line and "not an article" in line and "'Before you continue" in line
               for line in full.log.splitlines())    # the refused page's title, for the log reader


def test_robots_txt_is_obeyed_and_static_pages_are_not_fetched(full, expected):
    assert full.requests["/robots.txt"] >= 1
    assert full.requests[expected["disallowed"]] == 0
    for target in ("/about/", "/terms-of-use", "/privacy-policy", "/search?q="):
        assert full.requests[target] == 0, target


def test_since_and_limit(expected, tmp_path):
    early = {p for p, a in expected["articles"].items() if a["published"] < "2026-05-01"}
    since = crawl(tmp_path / "since", since="2026-05-01")
    assert early and set(since.paths()) == set(expected["articles"]) - early
    assert len(crawl(tmp_path / "limit", limit="2").records) == 2
