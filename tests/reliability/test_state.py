"""The archive's crawl state: keys, skip rule, durability, and rebuilding it from the WARC files."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone


from archiver.extract.article import Article
from archiver.state import STATE_NAME, ArchiveState, Capture
from archiver.warc.archive import WarcArchive
from archiver.warc.records import sha1_digest
from tests.support.exchanges import exchange

T0 = datetime(2024, 5, 2, 8, 0, tzinfo=timezone.utc)


def _archive_article(directory, ex):
    archive = WarcArchive(directory)
    record = archive.write_article(Article(url=ex.url, title="t", html="<p>clean</p>"), ex,
                                   site=None, fetched_at=ex.date.isoformat(), http_status=200)
    archive.close()
    return record["warc"]


def test_unchanged_since_compares_with_lastmod_and_capture_time():
    capture = Capture(url="https://x.org/a/", captured=T0, lastmod=T0 - timedelta(days=3))
    assert capture.unchanged_since(T0 - timedelta(days=3))      # same lastmod
    assert capture.unchanged_since(T0 - timedelta(days=1))      # changed before we captured
    assert not capture.unchanged_since(T0 + timedelta(hours=1))  # changed after the capture
    assert not capture.unchanged_since(None)                     # no date: refetch (conditionally)


def test_one_entry_per_article_however_linked(tmp_path):
    state = ArchiveState(tmp_path)
    state.put(["https://www.example.org/a-story/?utm_source=x#top"],
              Capture(url="https://example.org/a-story/", captured=T0, payload_digest="sha1:X"))
    for variant in ("http://example.org/a-story", "https://EXAMPLE.org/a-story/?fbclid=1",
                    "https://example.org/a-story/#comments"):
        assert state.get(variant).payload_digest == "sha1:X", variant
    assert state.count() == 1


def test_rows_are_committed_at_once_in_wal_mode(tmp_path):
    state = ArchiveState(tmp_path)
    state.put(["https://example.org/a/"], Capture(url="https://example.org/a/", captured=T0))
    other = sqlite3.connect(tmp_path / STATE_NAME)    # another process would see it: committed
    assert other.execute("SELECT COUNT(*) FROM urls").fetchone()[0] == 1
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_missing_state_is_rebuilt_from_the_warc_files(tmp_path):
    ex = exchange()
    links = _archive_article(tmp_path, ex)
    assert not (tmp_path / STATE_NAME).exists()
    state = ArchiveState(tmp_path)
    assert state.rebuilt
    capture = state.get("https://example.org/a-story")
    assert capture.record_id == links["response_id"] and capture.file == links["file"]
    assert capture.payload_digest == sha1_digest(ex.body)
    assert capture.etag == '"v1"' and capture.last_modified.startswith("Wed, 01 May 2024")
    assert capture.captured == ex.date
    assert state.is_unchanged(ex.url, T0 - timedelta(days=1))


def test_rebuild_keeps_the_latest_capture_and_revisits_only_confirm(tmp_path):
    _archive_article(tmp_path, exchange(body=b"v1"))
    newer = exchange(body=b"v2", date=T0 + timedelta(days=1), etag='"v2"')
    links = _archive_article(tmp_path, newer)
    archive = WarcArchive(tmp_path)
    later = exchange(body=b"v2", date=T0 + timedelta(days=2))
    archive.write_revisit(later, sha1_digest(b"v2"), links["response_id"], newer.url, "x")
    archive.close()
    capture = ArchiveState(tmp_path).get(newer.url)
    assert capture.record_id == links["response_id"] and capture.etag == '"v2"'
    assert capture.captured == later.date


def test_empty_directory_gets_an_empty_state(tmp_path):
    state = ArchiveState(tmp_path / "new")
    assert not state.rebuilt and state.count() == 0
    assert not list((tmp_path / "new").glob("*.rebuild-*"))


def test_state_catches_up_with_articles_written_after_its_last_row(tmp_path):
    """A kill between an article's fsync and its state row: the next start learns it from the
    WARC file, so the resumed crawl does not fetch it again."""
    ArchiveState(tmp_path).close()                       # state exists, knows nothing yet
    ex = exchange(url="https://example.org/late-story/")
    links = _archive_article(tmp_path, ex)               # written, but no state row
    state = ArchiveState(tmp_path)
    assert not state.rebuilt
    assert state.get("https://example.org/late-story/").record_id == links["response_id"]
    state.close()
    assert ArchiveState(tmp_path).catch_up() == 0        # each file is folded in once
