"""Damaged archives: `archive check`, `replay` and `reprocess` name file and offset and go on.

One real crawl of the mirror (en) makes the archive; each test damages a private copy one way:
a file cut off mid-member, a corrupt gzip member, a record whose body no longer matches its
digest, a JSON Lines line that is not JSON.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import main
from archiver.warc.reader import Record, iter_records
from decoder_mirror import serve_mirror
from tests.support.crawl import SMALL_BOUNDS, run_crawl
from tests.support.records import jsonl_records


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("pristine")
    with serve_mirror() as mirror:
        run_crawl("decoder", archive, {"en_url": mirror.en_url, "de_url": mirror.de_url,
                                       "edition": "en"}, SMALL_BOUNDS)
    return archive


@pytest.fixture
def copy(pristine, tmp_path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(pristine, target, ignore=shutil.ignore_patterns(".archive-*"))
    return target


def warc(directory: Path) -> Path:
    [path] = directory.glob("*.warc.gz")
    return path


def responses(path: Path) -> list[Record]:
    return [r for r in iter_records(path) if isinstance(r, Record) and r.type == "response"
            and "json" not in (r.get("WARC-Target-URI") or "") and len(r.block) > 2000]


def truncate(directory: Path) -> int:
    path = warc(directory)
    last = responses(path)[-1]
    path.write_bytes(path.read_bytes()[:last.offset + (last.end - last.offset) // 2])
    return last.offset


def corrupt_member(directory: Path) -> int:
    path = warc(directory)
    victim = responses(path)[len(responses(path)) // 2]
    data = bytearray(path.read_bytes())
    data[victim.offset + 30:victim.offset + 70] = b"\x00" * 40
    path.write_bytes(bytes(data))
    return victim.offset


def wrong_digest(directory: Path) -> int:
    """Re-compress one response with a changed body byte: valid gzip, wrong WARC-Block-Digest."""
    path = warc(directory)
    victim = responses(path)[1]
    data = path.read_bytes()
    raw = bytearray(gzip.decompress(data[victim.offset:victim.end]))
    raw[-100] = ord("X") if raw[-100] != ord("X") else ord("Y")
    path.write_bytes(data[:victim.offset] + gzip.compress(bytes(raw)) + data[victim.end:])
    return victim.offset


def bad_json_line(directory: Path) -> int:
    [path] = directory.glob("*.jsonl")
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines.insert(2, "this is {not JSON\n")
    path.write_text("".join(lines), "utf-8")
    return 3


DAMAGE = {"truncated": truncate, "corrupt-member": corrupt_member, "wrong-digest": wrong_digest}


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("kind", [*DAMAGE, "bad-json-line"])
def test_check_names_file_and_offset_and_checks_the_rest(copy, kind, pristine):
    if kind == "bad-json-line":
        where, name = f"line {bad_json_line(copy)}", next(copy.glob("*.jsonl")).name
    else:
        where, name = f"offset {DAMAGE[kind](copy)}", warc(copy).name
    result = cli("check", str(copy))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(rf"PROBLEM .*{re.escape(name)}.*{where}", result.output), result.output
    articles = int(re.search(r"(\d+) articles", result.output.splitlines()[-1]).group(1))
    assert articles >= len(jsonl_records(pristine)) - 1       # it read on past the damage


@pytest.mark.parametrize("kind", DAMAGE)
def test_replay_reports_and_lists_the_rest(copy, kind):
    offset = DAMAGE[kind](copy)
    result = cli("replay", str(copy))
    assert result.exit_code == 0 and "Traceback" not in result.output
    listed = [line for line in result.stdout.splitlines() if "\t" in line]
    assert len(listed) >= len(jsonl_records(copy)) - 1
    if kind != "wrong-digest":      # replay reads records; verifying digests is check's job
        assert f"{warc(copy)}: offset {offset}:" in result.stderr


@pytest.mark.parametrize("kind", DAMAGE)
def test_reprocess_reports_and_extracts_the_rest(copy, kind, tmp_path):
    offset = DAMAGE[kind](copy)
    out = tmp_path / "clean"
    result = cli("reprocess", str(copy), "-o", str(out))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    written = int(re.search(r"(\d+) articles written", result.stderr).group(1))
    assert written >= len(jsonl_records(copy)) - 1 >= 6
    if kind != "wrong-digest":
        assert f"offset {offset}" in result.stderr


def test_replay_jsonl_skips_a_bad_json_line(copy):
    bad_json_line(copy)
    result = cli("replay", str(copy), "--jsonl")   # rebuilt from the WARC files, not the JSONL
    assert result.exit_code == 0
    assert all(json.loads(line) for line in result.stdout.splitlines())
