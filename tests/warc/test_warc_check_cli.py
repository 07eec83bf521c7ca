"""`archive check` as a user meets it: summary, problems with file and offset, clear errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from archiver.cli import main


def run(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def test_clean_archive_prints_summary_and_exits_zero(crawled):
    result = run(str(crawled))
    assert result.exit_code == 0, result.output
    assert "3 articles, 3 JSON lines, 0 problems" in result.output


def test_missing_path_is_one_clear_line(tmp_path):
    result = run(str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"Error: no such file or directory: {tmp_path / 'nope'}"]


def test_not_a_warc_is_one_clear_line(tmp_path):
    bogus = tmp_path / "x.warc.gz"
    bogus.write_text("hello")
    result = run(str(bogus))
    assert result.exit_code == 2 and "not a gzip-compressed WARC" in result.output
    assert "Traceback" not in result.output


def test_jsonl_pointing_at_missing_records_is_a_problem(crawled_copy):
    [jsonl] = crawled_copy.glob("*.jsonl")
    lines = jsonl.read_text().splitlines()
    record = json.loads(lines[1])
    record["warc"]["conversion_id"] = "<urn:uuid:not-there>"
    lines[1] = json.dumps(record)
    jsonl.write_text("\n".join(lines) + "\n")
    result = run(str(crawled_copy))
    assert result.exit_code == 1
    assert f"{jsonl}: line 2: warc.conversion_id <urn:uuid:not-there> is not a conversion" in result.output


def test_leftover_open_file_needs_repair(crawled_copy):
    [warc] = crawled_copy.glob("*.warc.gz")
    warc.rename(warc.with_name(warc.name + ".open"))
    assert run(str(crawled_copy)).exit_code == 1
    result = run("--repair", str(crawled_copy))
    assert result.exit_code == 0, result.output
    assert "repaired" in result.output and warc.exists()
