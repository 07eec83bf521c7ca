"""`archive stats`: counts by site, language, month; bytes; what cleaning removed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from archiver.cli import main


def test_stats_json(archive_dir: Path):
    result = CliRunner().invoke(main, ["stats", str(archive_dir), "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["files"] == 2 and stats["articles"] == 4 and stats["urls"] == 3
    assert stats["languages"] == {"en": 3, "de": 1} and stats["sites"] == {"decoder": 4}
    assert stats["months"] == {"2024-03": 2, "2024-04": 1, "2024-05": 1}
    assert stats["removed"] == {"ads": 4, "scripts": 4} and stats["paywalled"] == 1
    assert stats["bytes"] == sum(p.stat().st_size for p in archive_dir.glob("*.warc.gz"))
    assert 0 < stats["raw_bytes"] < stats["bytes"]


def test_stats_text(archive_dir: Path):
    result = CliRunner().invoke(main, ["stats", str(archive_dir)])
    assert result.exit_code == 0
    assert "4 captures of 3 URLs, 1 paywalled" in result.stdout
    assert "  2024-03        2" in result.stdout and "  ads" in result.stdout


def test_stats_of_a_missing_path():
    result = CliRunner().invoke(main, ["stats", "/nonexistent/archive"])
    assert result.exit_code == 1 and "no such file or directory" in result.stderr
