"""`scrapy crawl decoder` end to end against the offline mirror of both editions.

One real crawl (the real spider, pipeline and WARC writer, in a subprocess from the repo root)
serves every test in this module; each test checks one property of what it archived.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.items import record_schema
from decoder_mirror import serve_mirror
from tests.support.ci import require_tool
from tests.support.crawl import archive, archive_check
from tests.support.mirror import crawl_mirror
from tests.support.mirror_expected import disallowed_paths, expected_articles, not_article_paths
from tests.support.records import json_lines

EXPECTED = expected_articles()


@pytest.fixture(scope="module")
def mirror():
    with serve_mirror() as m:
        yield m


@pytest.fixture(scope="module")
def crawl(mirror, tmp_path_factory):
    return crawl_mirror(mirror, tmp_path_factory.mktemp("decoder-crawl"), {},
                        {"CONCURRENT_REQUESTS_PER_DOMAIN": 8, "LOG_LEVEL": "INFO"})


def by_url(crawl) -> dict[str, dict]:
    return {r["url"]: r for r in crawl.records}


def test_every_article_archived_exactly_once(crawl):
    urls = [r["url"] for r in crawl.records]
    assert len(urls) == len(set(urls))
    wanted = {e.mirror_url(crawl.mirror) for e in EXPECTED}
    assert set(urls) == wanted


@pytest.mark.parametrize("exp", EXPECTED, ids=lambda e: f"{e.edition}-{e.path.strip('/')[:30]}")
def test_article_text_complete_and_clean(crawl, exp):
    record = by_url(crawl)[exp.mirror_url(crawl.mirror)]
    for needle in exp.required:
        assert needle in record["text"], f"missing from text: {needle[:60]!r}"
    assert exp.boilerplate_in(record["text"]) == []
    assert "DEC_D_" not in record["html"] and "<script" not in record["html"]


@pytest.mark.parametrize("exp", EXPECTED, ids=lambda e: f"{e.edition}-{e.path.strip('/')[:30]}")
def test_article_metadata(crawl, exp):
    record = by_url(crawl)[exp.mirror_url(crawl.mirror)]
    assert record["title"] == exp.title
    assert record["authors"] == list(exp.authors)
    assert record["published"] == exp.published
    assert record["language"] == exp.language and record["language_confidence"] > 0.9
    assert record["declared_language"] == exp.declared_language
    assert record["paywalled"] is exp.paywalled
    assert record["section"] == exp.section
    assert [s["name"] for s in record["sources"]] == [s["name"] for s in exp.sources]
    assert record["site"] == "decoder" and record["http_status"] == 200
    assert record["publisher"] == "THE DECODER"             # its og:site_name, as spelt there


def test_records_follow_the_schema(crawl):
    schema = record_schema()
    for record in crawl.records:
        jsonschema.validate(record, schema)


def test_structure_survives(crawl):
    rich = [e for e in EXPECTED if e.table_cells and e.code]
    assert rich, "the mirror must carry an article with a table and code"
    for exp in rich:
        record = by_url(crawl)[exp.mirror_url(crawl.mirror)]
        for tag in ("<table", "<ul", "<blockquote", "<pre", "<h2"):
            assert tag in record["html"], tag
        for cell in exp.table_cells:
            assert cell in record["text"]


def test_nothing_but_articles_and_no_disallowed_fetch(crawl):
    mirror = crawl.mirror
    for edition in ("en", "de"):
        server = mirror.server(edition)
        for path in disallowed_paths(edition):
            assert not server.was_requested(path), path
        for path in not_article_paths(edition):
            assert all(not r["url"].endswith(path) or path == "/" for r in crawl.records)
    assert all(re.search(r"/[^/?]+/$", r["url"]) for r in crawl.records)


def test_warc_files_pass_warcio_check_and_archive_check(crawl):
    warcs = sorted(crawl.dir.glob("*.warc.gz"))
    assert warcs and not list(crawl.dir.glob("*.open"))
    done = subprocess.run([require_tool("warcio"), "check", "-v", *map(str, warcs)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]
    assert done.stdout.count("digest pass") >= 4 * len(crawl.records)
    done = archive_check(crawl.dir)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_raw_capture_kept_compressed_with_the_ads(crawl):
    record = crawl.records[0]
    path = crawl.dir / record["warc"]["file"]
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_headers.get_header("WARC-Record-ID") == record["warc"]["response_id"]:
                assert rec.http_headers.get_header("Content-Encoding") == "gzip"
                raw = gzip.decompress(rec.raw_stream.read())
                assert b"DEC_D_Incontent" in raw or b"Anzeige" in raw or b">Ad<" in raw
                return
    pytest.fail("response record not found")


def test_replay_jsonl_equals_the_crawl_jsonl(crawl):
    done = archive("replay", str(crawl.dir), "--jsonl")
    assert done.returncode == 0, done.stderr
    rebuilt = json_lines(done.stdout)
    key = lambda r: r["warc"]["response_id"]  # noqa: E731
    assert sorted(rebuilt, key=key) == sorted(crawl.records, key=key)


def test_replay_finds_an_article_by_its_shortlink(crawl):
    exp = next(e for e in EXPECTED if e.feed_shortlink)
    base = crawl.mirror.en_url if exp.edition == "en" else crawl.mirror.de_url
    done = archive("replay", str(crawl.dir), f"{base}/?p={exp.id}", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == exp.title


def crawl_with(mirror, out: Path, args: dict | None = None, settings: dict | None = None):
    return crawl_mirror(mirror, out, args, settings).records


def test_edition_and_limit_bound_the_crawl(mirror, tmp_path):
    records = crawl_with(mirror, tmp_path, {"edition": "de", "limit": 3})
    assert len(records) == 3
    assert {r["language"] for r in records} == {"de"}
    assert all(r["url"].startswith(mirror.de_url) for r in records)


def test_since_keeps_only_recent_articles(mirror, tmp_path):
    since = "2026-01-01"
    records = crawl_with(mirror, tmp_path, {"since": since})
    # Sitemap lastmod / feed dates are the modification dates: what is on or after the day.
    wanted = {e.mirror_url(mirror) for e in EXPECTED if e.modified[:10] >= since}
    assert wanted and {r["url"] for r in records} == wanted


def test_a_mirror_that_still_names_the_real_hosts(tmp_path):
    """Saved copies of the site keep https://the-decoder.com in robots.txt, sitemaps, feeds and
    redirects: the crawl maps them onto the mirror and never leaves it."""
    with serve_mirror() as mirror:
        mirror.en.set_rewrites({})
        mirror.de.set_rewrites({})
        # Lead images only: they name the real hosts too (mapped onto the mirror); the CDN
        # figure names i0.wp.com, which no mirror maps: the crawl would leave 127.0.0.1 for it.
        records = crawl_with(mirror, tmp_path, settings={"ARCHIVER_IMAGES": "lead"})
        wanted = {e.mirror_url(mirror) for e in EXPECTED}
    assert {r["url"] for r in records} == wanted
    assert {r["canonical_url"] for r in records} == {e.url for e in EXPECTED}
    assert all(r["image"]["captured"] for r in records)
