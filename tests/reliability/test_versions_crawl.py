"""Versions of one article across real crawls of the mirror (both editions), as an analyst sees
them: ids, the export, `archive diff` and `archive changes`.

One scenario, each step a real `scrapy crawl decoder` in a subprocess:
1. the first crawl archives every article;
2. one article is edited on the mirror (headline reworded, a figure corrected, an update
   paragraph added; its lastmod moves): the incremental crawl archives exactly one new
   version, under the same article_id;
3. a full crawl (ARCHIVER_INCREMENTAL=0) captures every article again, unchanged;
4. `archive reprocess` of the whole archive gives every capture the same ids again.
"""

from __future__ import annotations

import json
from collections import Counter
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

import archiver
from archiver.cli import main
from archiver.identity import article_id, parse_time
from decoder_mirror import serve_mirror
from decoder_mirror.content_en import KESTREL
from decoder_mirror.revisions import REVISED_TITLE, UPDATE, revised
from tests.support.crawl import SMALL_BOUNDS, archive_check, run_crawl
from tests.support.mirror_expected import expected_articles
from tests.support.records import jsonl_records

EXPECTED = expected_articles()
KESTREL_URL = "https://the-decoder.com/kestrel-ai-open-model-math-benchmarks/"


def cli(*args: str):
    """The `archive` command in this process (click's runner): its stdout and stderr."""
    done = CliRunner().invoke(main, list(args))
    assert done.exit_code == 0, done.output[-3000:]
    return done


@pytest.fixture(scope="module")
def mirror():
    with serve_mirror() as m:
        yield m


@pytest.fixture(scope="module")
def crawls(mirror, tmp_path_factory) -> dict:
    """Run the scenario once; each test checks one part of what it left."""
    archive = tmp_path_factory.mktemp("versions")
    args = {"en_url": mirror.en_url, "de_url": mirror.de_url}
    run_crawl("decoder", archive, args, SMALL_BOUNDS)
    first = jsonl_records(archive)
    # edited a second after the last capture: its lastmod is newer than every capture
    edited_at = max(parse_time(r["fetched_at"]) for r in first) + timedelta(seconds=1)
    with ExitStack() as stack:
        stack.enter_context(revised(edited_at))
        run_crawl("decoder", archive, args, SMALL_BOUNDS)
        second = jsonl_records(archive)
        parquet = archive.parent / f"{archive.name}.parquet"
        cli("export", str(archive), "-o", str(parquet), "--no-html")
        run_crawl("decoder", archive, args, {**SMALL_BOUNDS, "ARCHIVER_INCREMENTAL": 0})
    clean = archive.parent / f"{archive.name}-reprocessed"
    cli("reprocess", str(archive), "-o", str(clean), "--site", "decoder")   # a mirror's host names no profile
    return {"archive": archive, "first": first, "second": second, "third": jsonl_records(archive),
            "parquet": parquet, "reprocessed": jsonl_records(clean), "mirror": mirror}


def test_first_crawl_gives_each_article_one_id(crawls):
    first = crawls["first"]
    assert len(first) == len(EXPECTED)
    assert len({r["article_id"] for r in first}) == len(EXPECTED)
    by_url = {r["canonical_url"]: r["article_id"] for r in first}
    mirror = crawls["mirror"]
    for exp in EXPECTED:           # the mirror's canonical URLs are its own: the real base, rebased
        assert by_url[exp.mirror_url(mirror)] == article_id(exp.mirror_url(mirror))


def test_the_edit_adds_exactly_one_version_with_the_same_article_id(crawls):
    first, second = crawls["first"], crawls["second"]
    [new] = second[len(first):]
    [old] = [r for r in first if r["article_id"] == new["article_id"]]
    assert new["title"] == REVISED_TITLE and old["title"] == KESTREL.title
    assert new["version_id"] != old["version_id"] and new["text_sha1"] != old["text_sha1"]
    assert new["fetched_at"] > old["fetched_at"]


def test_export_of_the_second_crawl_has_one_more_row_for_that_article(crawls):
    import duckdb

    rows = duckdb.sql(f"SELECT article_id, count(*) AS n, max(title) FILTER (WHERE fetched_at = "
                      f"(SELECT max(fetched_at) FROM '{crawls['parquet']}' t2 WHERE t2.article_id"
                      f" = t.article_id)) FROM '{crawls['parquet']}' t GROUP BY 1").fetchall()
    assert len(rows) == len(EXPECTED)
    assert sum(n for _, n, _ in rows) == len(EXPECTED) + 1
    [(_, n, title)] = [r for r in rows if r[1] > 1]
    assert n == 2 and title == REVISED_TITLE
    kinds = dict(duckdb.sql(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                            f"'{crawls['parquet']}')").fetchall())
    assert kinds["published"] == "TIMESTAMP WITH TIME ZONE" and "html" not in kinds


def test_a_full_recrawl_keeps_every_article_id(crawls):
    third, second = crawls["third"], crawls["second"]
    recrawl = third[len(second):]
    assert len(recrawl) == len(EXPECTED)
    assert Counter(r["article_id"] for r in recrawl) == Counter(r["article_id"] for r in crawls["first"])
    assert not {r["version_id"] for r in recrawl} & {r["version_id"] for r in second}


def test_reprocessing_gives_every_capture_the_same_ids_and_times(crawls):
    def keys(records):
        return sorted((r["article_id"], r["version_id"], r["fetched_at"], r["text_sha1"])
                      for r in records)
    assert keys(crawls["reprocessed"]) == keys(crawls["third"])


def test_shortlinks_of_both_editions_find_the_article(crawls):
    arc = archiver.open_archive(crawls["archive"])
    mirror = crawls["mirror"]
    for exp in EXPECTED:
        base = mirror.en_url if exp.edition == "en" else mirror.de_url
        versions = arc.versions(f"{base}/?p={exp.id}")
        assert {v["article_id"] for v in versions} == {article_id(exp.mirror_url(mirror))}, exp.url
        assert len(versions) == (3 if exp.id == KESTREL.id else 2)


def test_diff_shows_the_edit(crawls):
    url = KESTREL_URL.replace("https://the-decoder.com", crawls["mirror"].en_url)
    text = cli("diff", str(crawls["archive"]), url).stdout
    assert f'title: "{KESTREL.title}" -> "{REVISED_TITLE}"' in text
    assert "Kestrel Nine reaches [-71-]{+68+} percent" in text
    assert "+ paragraph" in text and "  Update: An independent replication" in text
    assert text.rstrip().endswith("summary: 1 paragraph added, 1 changed; title changed")
    diff = archiver.open_archive(crawls["archive"]).diff(url, 0, 1)
    assert [p.kind for p in diff.paragraphs] == ["changed", "added"]
    assert diff.paragraphs[1].new == UPDATE


def test_changes_lists_the_edit_and_no_recapture(crawls):
    done = cli("changes", str(crawls["archive"]))
    [line] = done.stdout.splitlines()
    when, summary, title, url = line.split("\t")
    assert summary == "1 paragraph added, 1 changed; title changed" and title == REVISED_TITLE
    assert url.endswith("/kestrel-ai-open-model-math-benchmarks/")
    assert "1 change in 1 article" in done.stderr


def test_replay_latest_lists_each_article_once_with_its_capture_time(crawls):
    rows = [line.split("\t") for line in
            cli("replay", str(crawls["archive"]), "--latest").stdout.splitlines()]
    assert len(rows) == len(EXPECTED)
    latest = max(r["fetched_at"] for r in crawls["third"])[:19].replace("T", " ")
    assert {r[1] for r in rows} <= {r["fetched_at"][:19].replace("T", " ") for r in crawls["third"]}
    assert latest in {r[1] for r in rows}
    everything = cli("replay", str(crawls["archive"])).stdout.splitlines()
    assert len(everything) == len(crawls["third"])


def test_archive_passes_check(crawls):
    done = archive_check(crawls["archive"])
    assert done.returncode == 0, done.stdout[-3000:]
    records = [json.loads(line) for path in Path(crawls["archive"]).glob("*.jsonl")
               for line in path.read_text("utf-8").splitlines()]
    assert {r["schema_version"] for r in records} == {2}
