"""`archive check` as a user meets it: summary, problems with file and offset, clear errors."""

from __future__ import annotations

import gzip
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


def test_uncompressed_warc_is_refused_with_the_way_out(crawled, tmp_path):
    [warc] = crawled.glob("*.warc.gz")
    plain = tmp_path / "plain.warc"
    plain.write_bytes(gzip.decompress(warc.read_bytes()))      # valid WARC, just not gzipped
    result = run(str(plain))
    assert result.exit_code == 2
    assert "an uncompressed WARC file" in result.output and "warcio recompress" in result.output


def test_whole_file_gzip_is_named_as_such(crawled, tmp_path):
    [warc] = crawled.glob("*.warc.gz")
    whole = tmp_path / warc.name
    whole.write_bytes(gzip.compress(gzip.decompress(warc.read_bytes())))   # one member
    result = run(str(whole))
    assert result.exit_code == 1
    assert f"{whole}: offset 0: several records in one gzip member" in result.output
    assert "warcio recompress" in result.output


def test_directory_without_warc_files_is_not_a_clean_pass(tmp_path):
    (tmp_path / "notes.txt").write_text("not an archive")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: no WARC files (*.warc.gz) under {tmp_path}"
