"""`archive replay`: the table, filters, URL forms, formats, versions, JSON Lines and errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import main
from archiver.library.index import INDEX_NAME

from tests.support.archives import AD_TEXT, PAGES, write_archive
from tests.support.records import json_lines


def run(*args: str):
    return CliRunner().invoke(main, ["replay", *args])


def rows(result) -> list[list[str]]:
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_table_lists_every_capture_newest_first_with_paywall_mark(archive_dir: Path):
    result = run(str(archive_dir))
    assert result.exit_code == 0, result.output
    table = rows(result)
    assert [r[0] for r in table] == ["2024-05-20", "2024-04-10", "2024-03-05", "2024-03-05"]
    assert table[0][1:6] == ["2024-05-21 08:00:00", "en", "decoder", "$",
                             "Robots learn to fold laundry"]
    assert table[1][4] == "" and table[1][6] == PAGES[1].url
    # two captures of one article, told apart by their capture time (UTC), newest first
    assert [r[1] for r in table[2:]] == ["2024-06-01 08:00:00", "2024-03-06 08:00:00"]


def test_latest_lists_one_row_per_article(archive_dir: Path):
    result = run(str(archive_dir), "--latest")
    assert result.exit_code == 0, result.output
    table = rows(result)
    assert [r[6] for r in table] == [p.url for p in reversed(PAGES)]
    assert table[2][1] == "2024-06-01 08:00:00"          # the recapture, not the first capture


@pytest.mark.parametrize("options, titles", [
    (["--lang", "de"], {"Neues Sprachmodell von Aleph Alpha"}),
    (["--search", "laundry shirts"], {"Robots learn to fold laundry"}),
    (["--search", "genauigk"], {"Neues Sprachmodell von Aleph Alpha"}),     # prefix match
    (["--since", "2024-04-01", "--until", "2024-04-30"], {"Neues Sprachmodell von Aleph Alpha"}),
    (["--site", "nosuchsite"], set()),
])
def test_filters(archive_dir: Path, options: list[str], titles: set[str]):
    result = run(str(archive_dir), *options)
    assert result.exit_code == 0, result.output
    assert {r[5] for r in rows(result)} == titles


@pytest.mark.parametrize("url", [
    PAGES[1].url,
    "https://the-decoder.de/?p=202",                                  # WordPress shortlink
    "http://www.the-decoder.de/neues-sprachmodell-von-aleph-alpha",   # www, http, no slash
    PAGES[1].url + "?utm_source=newsletter&utm_medium=email#comments",
])
def test_any_form_of_the_url_finds_the_article(archive_dir: Path, url: str):
    result = run(str(archive_dir), url)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Neues Sprachmodell von Aleph Alpha\n")
    assert "Das Modell übersetzt Texte." in result.stdout


def test_versions_latest_by_default_and_at_picks_one(archive_dir: Path):
    latest = run(str(archive_dir), PAGES[0].url)
    assert "An update was added." in latest.stdout
    assert "2 captures of this URL" in latest.stderr and "--at" in latest.stderr
    older = run(str(archive_dir), PAGES[0].url, "--at", "2024-03-10")
    assert "Researchers measured" in older.stdout and "update" not in older.stdout


def test_jsonl_with_a_url_gives_that_urls_captures_only(archive_dir: Path):
    both = run(str(archive_dir), PAGES[0].url, "--jsonl")
    assert both.exit_code == 0, both.output
    records = json_lines(both.stdout)
    assert [r["url"] for r in records] == [PAGES[0].url] * 2
    assert records[0]["fetched_at"] < records[1]["fetched_at"]
    older = run(str(archive_dir), PAGES[0].url, "--jsonl", "--at", "2024-03-10")
    [record] = json_lines(older.stdout)
    assert record == records[0]
    missing = run(str(archive_dir), "https://example.org/nope", "--jsonl")
    assert missing.exit_code == 1 and "not in the archive" in missing.stderr


def test_formats(archive_dir: Path):
    url = PAGES[2].url
    record = json.loads(run(str(archive_dir), url, "-f", "json").stdout)
    assert record["url"] == url and record["paywalled"] is True
    html = run(str(archive_dir), url, "-f", "html").stdout
    assert "<h1>Robots learn to fold laundry</h1>" in html
    assert "javascript:" not in html and "onclick" not in html and AD_TEXT not in html
    markdown = run(str(archive_dir), url, "-f", "markdown").stdout
    assert markdown.startswith("# Robots learn to fold laundry\n")
    assert "A robot arm folds shirts" in markdown and "<p>" not in markdown
    raw = run(str(archive_dir), url, "-f", "raw").stdout          # gunzipped, decoded
    assert raw.startswith("<!doctype html>") and AD_TEXT in raw


def test_jsonl_equals_the_crawl_jsonl_record_for_record(archive_dir: Path):
    result = run(str(archive_dir), "--jsonl")
    crawl = "".join(p.read_text("utf-8") for p in sorted(archive_dir.glob("*.jsonl")))
    assert result.exit_code == 0
    assert result.stdout == crawl and len(crawl.splitlines()) == 4


def test_index_is_built_reused_and_refreshed(archive_dir: Path):
    assert len(rows(run(str(archive_dir)))) == 4
    index = archive_dir / INDEX_NAME
    assert index.is_file()
    before = index.stat().st_mtime_ns
    assert len(rows(run(str(archive_dir)))) == 4
    assert index.stat().st_mtime_ns == before                     # nothing re-indexed
    newer = PAGES[1].__class__(**{**PAGES[1].__dict__, "url": "https://the-decoder.de/neu/",
                                  "post_id": 999, "title": "Ganz neu"})
    write_archive(archive_dir, [newer])
    assert "Ganz neu" in run(str(archive_dir)).stdout             # new file picked up
    index.unlink()
    index.with_name(INDEX_NAME).write_bytes(b"not a database")    # damaged index: rebuilt
    assert len(rows(run(str(archive_dir)))) == 5


def test_a_single_file_shows_only_its_articles(archive_dir: Path):
    first = sorted(archive_dir.glob("*.warc.gz"))[0]
    assert len(rows(run(str(first)))) == 3


def test_corrupt_member_is_reported_and_the_rest_still_read(archive_dir: Path):
    path = sorted(archive_dir.glob("*.warc.gz"))[0]
    entry = json.loads(run(str(archive_dir), PAGES[1].url, "-f", "json").stdout)
    assert entry["warc"]["file"] == path.name
    data = bytearray(path.read_bytes())
    start = data.find(b"\x1f\x8b\x08", len(data) // 2)            # a member in the middle
    data[start + 20:start + 60] = b"\x00" * 40
    path.write_bytes(bytes(data))
    result = run(str(archive_dir))
    assert result.exit_code == 0
    assert f"{path}: offset {start}:" in result.stderr
    assert "Traceback" not in result.output and len(rows(result)) >= 3


@pytest.mark.parametrize("make, message", [
    (lambda d: [str(d / "missing")], "no such file or directory"),
    (lambda d: [str(_text_file(d))], "not a WARC file"),
    (lambda d: [str(_uncompressed_warc(d))], "an uncompressed WARC file; recompress it record by "
                                             "record first: warcio recompress"),
    (lambda d: [str(d), "https://example.org/nope"], "not in the archive"),
])
def test_user_errors_are_one_line_without_traceback(archive_dir: Path, make, message):
    result = run(*make(archive_dir))
    assert result.exit_code != 0
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def _text_file(directory: Path) -> Path:
    path = directory.parent / "notes.warc.gz"
    path.write_text("hello")
    return path


def _uncompressed_warc(directory: Path) -> Path:
    path = directory.parent / "plain.warc"
    path.write_bytes(gzip.decompress(sorted(directory.glob("*.warc.gz"))[0].read_bytes()))
    return path


def test_help_has_examples():
    result = CliRunner().invoke(main, ["replay", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output and "--jsonl" in result.output


def test_limit_keeps_the_newest(archive_dir: Path):
    result = run(str(archive_dir), "-n", "2")
    assert [r[0] for r in rows(result)] == ["2024-05-20", "2024-04-10"]
