"""`archive diff` and `archive changes` on the small archive (one article captured twice, its
text edited in between), and their one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from archiver.cli import main

from tests.support.archives import PAGES, Page, write_archive
from tests.support.records import json_lines

URL = PAGES[0].url
OLD = "The model writes code. Researchers measured its accuracy on benchmarks."
NEW = "The model writes code. An update was added."


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_diff_defaults_to_the_last_two_versions(archive_dir: Path):
    result = run("diff", str(archive_dir), URL)
    assert result.exit_code == 0, result.output
    assert "from 2024-03-06T08:00:00Z" in result.stdout and "to 2024-06-01T08:00:00Z" in result.stdout
    assert f"- paragraph 1 removed:\n  {OLD}" in result.stdout
    assert f"+ paragraph 1 added:\n  {NEW}" in result.stdout
    assert "summary: 1 paragraph added, 1 removed" in result.stdout


def test_diff_any_url_form_and_json(archive_dir: Path):
    result = run("diff", str(archive_dir), "http://www.the-decoder.com/?p=101", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["url"] == URL and data["summary"] == "1 paragraph added, 1 removed"
    assert data["old"]["fetched_at"] < data["new"]["fetched_at"]


def test_diff_from_and_to_by_day_and_by_version_id(archive_dir: Path):
    replayed = run("replay", str(archive_dir), URL, "--jsonl").stdout
    ids = [r["version_id"] for r in json_lines(replayed)]
    by_day = run("diff", str(archive_dir), URL, "--from", "2024-03-06", "--to", "2024-06-01",
                 "--format", "json")
    by_id = run("diff", str(archive_dir), URL, "--from", ids[0], "--to", ids[1], "--format", "json")
    stamps = run("diff", str(archive_dir), URL, "--from", "20240306120000", "--format", "json")
    results = [json.loads(r.stdout) for r in (by_day, by_id, stamps)]
    assert all(r["old"]["version_id"] == ids[0] and r["new"]["version_id"] == ids[1]
               for r in results)


def test_diff_html_is_a_page_without_scripts(archive_dir: Path):
    result = run("diff", str(archive_dir), URL, "--format", "html")
    assert result.exit_code == 0 and result.stdout.startswith("<!doctype html>")
    assert f"<ins>{NEW}</ins>" in result.stdout and "<script" not in result.stdout


def test_diff_errors_are_one_line(archive_dir: Path):
    once = run("diff", str(archive_dir), PAGES[1].url)
    assert once.exit_code == 1 and "only one capture" in once.output
    unknown = run("diff", str(archive_dir), "https://the-decoder.com/nope/")
    assert unknown.exit_code == 1 and "not in the archive" in unknown.output
    early = run("diff", str(archive_dir), URL, "--from", "2020-01-01")
    assert early.exit_code == 1 and "no capture on or before 2020-01-01" in early.output
    garbage = run("diff", str(archive_dir), URL, "--to", "last tuesday")
    assert garbage.exit_code == 1 and "not a version id" in garbage.output
    no_url = run("diff", str(archive_dir))
    assert no_url.exit_code == 2 and "URL" in no_url.output
    assert all("Traceback" not in r.output for r in (once, unknown, early, garbage, no_url))


def test_changes_lists_edits_not_recaptures(archive_dir: Path):
    # a third capture of the article with the text of the second: a recapture, not a change
    again = Page(**{**PAGES[0].__dict__, "fetched_at": "2024-07-01T08:00:00+00:00"})
    write_archive(archive_dir, [again], bodies={0: NEW})
    result = run("changes", str(archive_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"2024-06-01 08:00:00\t1 paragraph added, 1 removed\t{PAGES[0].title}\t{URL}"]
    assert "1 change in 1 article" in result.stderr
    later = run("changes", str(archive_dir), "--since", "2024-06-02")
    assert later.stdout == "" and "0 changes in 0 articles" in later.stderr


def test_changes_jsonl(archive_dir: Path):
    result = run("changes", str(archive_dir), "--jsonl")
    [change] = json_lines(result.stdout)
    assert change["url"] == URL and change["paragraphs"][1]["new"] == NEW
