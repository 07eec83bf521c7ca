"""Revisit records (identical-payload-digest profile) as the README (WARC layout) describes them."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archiver.extract.article import Article
from archiver.warc.archive import WarcArchive
from archiver.warc.compose import REVISIT_PROFILE
from archiver.warc.records import sha1_digest, warc_date
from tests.support.crawl import archive_check
from tests.support.exchanges import exchange


def _revisit_archive(directory: Path) -> tuple[dict, object]:
    first = exchange()
    archive = WarcArchive(directory)
    links = archive.write_article(Article(url=first.url, title="t", html="<p>clean</p>"), first,
                                  site=None, fetched_at=first.date.isoformat(),
                                  http_status=200)["warc"]
    again = exchange(date=first.date + timedelta(days=1))
    archive.write_revisit(again, sha1_digest(first.body), links["response_id"], first.url,
                          warc_date(first.date))
    archive.close()
    return links, first


def test_revisit_record_headers_and_block(tmp_path):
    links, first = _revisit_archive(tmp_path)
    [path] = tmp_path.glob("*.warc.gz")
    with path.open("rb") as fh:
        revisits = [(r.rec_headers, r.content_stream().read()) for r in ArchiveIterator(fh)
                    if r.rec_type == "revisit"]
    [(headers, payload)] = revisits
    assert headers.get_header("WARC-Profile") == REVISIT_PROFILE
    assert headers.get_header("WARC-Payload-Digest") == sha1_digest(first.body)
    assert headers.get_header("WARC-Refers-To") == links["response_id"]
    assert headers.get_header("WARC-Refers-To-Target-URI") == first.url
    assert headers.get_header("WARC-Refers-To-Date") == warc_date(first.date)
    assert headers.get_header("WARC-Truncated") == "length"
    assert headers.get_header("Content-Type") == "application/http;msgtype=response"
    assert payload == b""           # the HTTP headers only, no second copy of the body


def test_archive_with_revisit_passes_check_and_warcio(tmp_path):
    _revisit_archive(tmp_path)
    done = archive_check(tmp_path)
    assert done.returncode == 0, done.stdout
    warcio = Path(sys.executable).parent / "warcio"
    done = subprocess.run([str(warcio), "check", "-v", *map(str, tmp_path.glob("*.warc.gz"))],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_check_flags_a_revisit_without_its_profile_headers(tmp_path):
    from archiver.warc.check import check_paths
    from archiver.warc.records import WarcRecord, HTTP_RESPONSE, new_record_id

    ex = exchange()
    archive = WarcArchive(tmp_path)
    bad = WarcRecord("revisit", new_record_id(), ex.date, HTTP_RESPONSE, ex.response_head(),
                     target_uri=ex.url)
    archive._write(bad.to_gzip())
    archive.close()
    messages = [p.message for p in check_paths([tmp_path]).problems]
    for name in ("WARC-Profile", "WARC-Refers-To", "WARC-Refers-To-Date", "WARC-Payload-Digest"):
        assert f"revisit: missing {name}" in messages
    assert "revisit: no WARC-Truncated: length" in messages
