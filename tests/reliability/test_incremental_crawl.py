"""A second, third, ... `scrapy crawl decoder` over the same archive directory (the mirror, en).

One scenario, in order, each step a real crawl in a subprocess against the mirror served here:
1. first crawl archives every article;
2. nothing changed: discovery files fetched, no article fetched;
3. one article's sitemap lastmod bumped, page unchanged: refetched conditionally, 304, no version;
4. same, but the server ignores conditional requests: 200 with the same payload -> revisit;
5. one article changed (body and lastmod): archived again as a new version, `replay` lists both;
6. the state file deleted: rebuilt from the WARC files, still nothing refetched.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from archiver.state import STATE_NAME
from decoder_mirror import serve_mirror
from decoder_mirror.handler import MirrorRequestHandler
from decoder_mirror.site import site
from tests.support.crawl import ROOT, SMALL_BOUNDS, archive_check, run_crawl, stats_of
from tests.support.mirror_expected import expected_articles
from tests.support.records import jsonl_records

EN = [e for e in expected_articles() if e.edition == "en"]
REAL = "https://the-decoder.com"


def _in_sitemap(path: str) -> bool:
    return any(name.endswith(".xml") and (REAL + path).encode() in res.body
               for name, res in site("en").resources.items())


# The newest posts are in the feed only (the mirror's third post sitemap is missing, as on the
# real site); a lastmod can be bumped only for the others.
DATED = [e for e in EN if _in_sitemap(e.path)]


@pytest.fixture(scope="module")
def mirror():
    with serve_mirror() as m:
        yield m


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("incremental")


def crawl(mirror, archive: Path) -> dict:
    mirror.clear_requests()
    log = run_crawl("decoder", archive, {"en_url": mirror.en_url, "de_url": mirror.de_url,
                                         "edition": "en"}, SMALL_BOUNDS).stderr
    article_paths = {e.path for e in EN}
    requests = [r for r in mirror.en.requests if r.path.split("?")[0] in article_paths]
    return {"stats": stats_of(log), "article_requests": requests, "log": log,
            "paths": mirror.en.requested_paths()}


@contextmanager
def patched(path: str, *, lastmod: datetime, body: tuple[bytes, bytes] | None = None) -> Iterator[None]:
    """Bump one article's sitemap lastmod (and optionally edit its page) in the served mirror."""
    resources = site("en").resources
    saved = dict(resources)
    stamp = lastmod.isoformat(timespec="seconds")
    pattern = re.compile(rb"(<loc>" + re.escape((REAL + path).encode()) + rb"</loc>\s*<lastmod>)[^<]+")
    try:
        for name, res in list(resources.items()):
            if name.endswith(".xml") and pattern.search(res.body):
                resources[name] = replace(res, body=pattern.sub(rb"\g<1>" + stamp.encode(), res.body))
        if body is not None:
            page = resources[path]
            assert body[0] in page.body
            resources[path] = replace(page, body=page.body.replace(*body), last_modified=lastmod)
        yield
    finally:
        resources.clear()
        resources.update(saved)


@pytest.fixture(scope="module")
def first(mirror, archive):
    result = crawl(mirror, archive)
    assert result["stats"]["archiver/articles"] == len(EN)
    return result


def test_first_crawl_archives_every_article(first, archive):
    assert len(jsonl_records(archive)) == len(EN)
    assert (archive / STATE_NAME).exists()


@pytest.fixture(scope="module")
def second(first, mirror, archive):
    return crawl(mirror, archive)


def test_unchanged_crawl_fetches_discovery_but_no_article(second, archive):
    assert second["article_requests"] == []
    assert "/robots.txt" in second["paths"] and "/feed/" in second["paths"]
    assert any(p.endswith("sitemap.xml") for p in second["paths"])
    assert second["stats"]["archiver/discovery/unchanged_since_archived"] >= len(EN)
    assert "archiver/articles" not in second["stats"]
    # the ?p= shortlink was stored under its own key when its redirect was archived
    assert "downloader/response_status_count/301" not in second["stats"]
    assert len(jsonl_records(archive)) == len(EN)


@pytest.fixture(scope="module")
def third(second, mirror, archive):
    with patched(DATED[0].path, lastmod=datetime.now(timezone.utc) + timedelta(minutes=1)):
        return crawl(mirror, archive)


def test_bumped_lastmod_refetches_conditionally_and_gets_304(third, archive):
    [request] = third["article_requests"]
    assert request.path == DATED[0].path
    assert request.headers.get("If-None-Match", "").startswith('"')
    assert third["stats"]["archiver/incremental/not_modified"] == 1
    assert len(jsonl_records(archive)) == len(EN)


@pytest.fixture(scope="module")
def fourth(third, mirror, archive, request):
    original = MirrorRequestHandler._not_modified
    MirrorRequestHandler._not_modified = lambda self, res, etag: False   # ignores If-None-Match
    try:
        with patched(DATED[1].path, lastmod=datetime.now(timezone.utc) + timedelta(minutes=2)):
            return crawl(mirror, archive)
    finally:
        MirrorRequestHandler._not_modified = original


def test_identical_payload_is_written_as_a_revisit(fourth, archive):
    [request] = fourth["article_requests"]
    assert request.path == DATED[1].path
    assert fourth["stats"]["archiver/incremental/revisit"] == 1
    assert len(jsonl_records(archive)) == len(EN)        # no new version
    done = archive_check(archive)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "revisit" in done.stdout


@pytest.fixture(scope="module")
def fifth(fourth, mirror, archive):
    exp = DATED[2]
    needle = exp.required[0].encode()
    change = (needle, needle + b" UPDATED-PARAGRAPH-MARKER")
    with patched(exp.path, lastmod=datetime.now(timezone.utc) + timedelta(minutes=3), body=change):
        return crawl(mirror, archive)


def test_changed_article_is_a_new_version(fifth, archive, mirror):
    exp = DATED[2]
    [request] = fifth["article_requests"]
    assert request.path == exp.path
    url = exp.mirror_url(mirror)
    versions = [r for r in jsonl_records(archive) if r["url"] == url]
    assert len(versions) == 2
    assert "UPDATED-PARAGRAPH-MARKER" in versions[1]["text"]
    assert "UPDATED-PARAGRAPH-MARKER" not in versions[0]["text"]
    assert versions[0]["fetched_at"] < versions[1]["fetched_at"]
    done = subprocess.run([sys.executable, "-m", "archiver.cli", "replay", str(archive), url],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "2 captures of this URL" in done.stderr
    assert archive_check(archive).returncode == 0


def test_lost_state_is_rebuilt_and_nothing_refetched(fifth, mirror, archive):
    (archive / STATE_NAME).unlink()
    for leftover in archive.glob(STATE_NAME + "-*"):
        leftover.unlink()
    result = crawl(mirror, archive)
    assert "rebuilt from the WARC files" in result["log"]
    assert result["article_requests"] == []
    assert (archive / STATE_NAME).exists()
