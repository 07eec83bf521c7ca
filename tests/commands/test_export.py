"""`archive export`: typed tables that DuckDB and pandas read back with the right types."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import main
from archiver.identity import article_id

from tests.support.archives import PAGES
from tests.support.records import json_lines


def export(*args: str):
    return CliRunner().invoke(main, ["export", *args])


@pytest.fixture
def parquet(archive_dir: Path, tmp_path: Path) -> Path:
    out = tmp_path / "news.parquet"
    result = export(str(archive_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "4 rows (captures) written to" in result.stderr
    return out


def test_duckdb_reads_typed_columns(parquet: Path):
    import duckdb

    con = duckdb.connect()
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE "
                             f"SELECT * FROM '{parquet}')").fetchall())
    assert types["published"] == types["modified"] == types["fetched_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == types["tags"] == "VARCHAR[]"
    assert types["image"] == "STRUCT(url VARCHAR, caption VARCHAR, credit VARCHAR, captured BOOLEAN)"
    assert types["images"] == ("STRUCT(url VARCHAR, caption VARCHAR, credit VARCHAR, width BIGINT, "
                               "height BIGINT, captured BOOLEAN, lead BOOLEAN, reason VARCHAR)[]")
    assert types["warc"] == "STRUCT(file VARCHAR, response_id VARCHAR, conversion_id VARCHAR)"
    assert types["sources"] == "STRUCT(\"name\" VARCHAR, url VARCHAR)[]"
    assert types["language_confidence"] == "DOUBLE" and types["paywalled"] == "BOOLEAN"
    assert types["word_count"] == types["http_status"] == "BIGINT"
    con.execute("SET TimeZone = 'UTC'")
    rows = con.execute(f"SELECT article_id, count(*), min(fetched_at), max(fetched_at) FROM "
                       f"'{parquet}' GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    assert len(rows) == 3 and rows[0][:2] == (article_id(PAGES[0].url), 2)      # two versions
    assert str(rows[0][3]) == "2024-06-01 08:00:00+00:00"
    # the German article was published at 09:00 +02:00: the same instant, in UTC
    [(published, authors, warc_file)] = con.execute(
        f"SELECT published, authors, warc.file FROM '{parquet}' WHERE language = 'de'").fetchall()
    assert str(published) == "2024-04-10 07:00:00+00:00" and authors == ["Jo Doe"]
    assert warc_file.endswith(".warc.gz")


def test_pandas_reads_utc_timestamps_lists_and_structs(parquet: Path):
    import pandas as pd

    df = pd.read_parquet(parquet)
    assert len(df) == 4 and df["version_id"].is_unique
    for column in ("published", "modified", "fetched_at"):
        assert str(df[column].dtype) == "datetime64[us, UTC]", column
    assert df["language_confidence"].dtype == "float64" and df["word_count"].dtype == "int64"
    assert df["paywalled"].dtype == bool
    row = df[df["language"] == "de"].iloc[0]
    assert row["published"] == pd.Timestamp("2024-04-10T07:00:00Z")
    assert list(row["authors"]) == ["Jo Doe"] and row["warc"]["file"].endswith(".warc.gz")
    assert (df.groupby("article_id").size().sort_values().tolist()) == [1, 1, 2]


def test_latest_gives_one_row_per_article_and_no_html_drops_the_column(archive_dir, tmp_path):
    out = tmp_path / "latest.parquet"
    result = export(str(archive_dir), "-o", str(out), "--latest", "--no-html")
    assert result.exit_code == 0, result.output
    import pandas as pd
    df = pd.read_parquet(out)
    assert len(df) == 3 and df["article_id"].is_unique and "html" not in df.columns
    recaptured = df[df["url"] == PAGES[0].url].iloc[0]
    assert recaptured["fetched_at"] == pd.Timestamp("2024-06-01T08:00:00Z")
    assert "An update was added." in recaptured["text"]


def test_filters_as_in_replay(archive_dir, tmp_path):
    out = tmp_path / "de.parquet"
    assert export(str(archive_dir), "-o", str(out), "--lang", "de").exit_code == 0
    import pandas as pd
    assert pd.read_parquet(out)["title"].tolist() == [PAGES[1].title]


def test_csv_and_jsonl_hold_the_same_rows(archive_dir, tmp_path):
    import pandas as pd

    csv_path, jsonl_path = tmp_path / "news.csv", tmp_path / "news.jsonl"
    assert export(str(archive_dir), "-o", str(csv_path)).exit_code == 0       # format by suffix
    assert export(str(archive_dir), "-o", str(jsonl_path)).exit_code == 0
    table = pd.read_csv(csv_path)
    lines = json_lines(jsonl_path.read_text("utf-8"))
    assert len(table) == len(lines) == 4
    assert [r["published"] for r in lines if r["language"] == "de"] == ["2024-04-10T07:00:00Z"]
    # no "Mixed timezones": every time is UTC, so pandas parses the column as one
    assert str(pd.to_datetime(table["published"]).dtype) == "datetime64[us, UTC]"
    assert json.loads(table.loc[0, "authors"]) == ["Jo Doe"]
    assert lines[0]["image"] is None and isinstance(lines[0]["warc"], dict)
    assert isinstance(lines[0]["language_confidence"], float)


def test_jsonl_to_stdout(archive_dir):
    result = export(str(archive_dir), "-o", "-", "--format", "jsonl", "--no-html")
    assert result.exit_code == 0, result.output
    rows = json_lines(result.stdout)
    assert len(rows) == 4 and all("html" not in r for r in rows)
    assert [r["fetched_at"] for r in rows] == sorted(r["fetched_at"] for r in rows)  # oldest first


def test_parquet_to_stdout_is_refused(archive_dir):
    result = export(str(archive_dir), "-o", "-")
    assert result.exit_code == 2 and "Parquet needs a file" in result.output


def test_missing_pyarrow_is_one_line_with_the_install_hint(archive_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)          # import pyarrow -> ImportError
    out = tmp_path / "x.parquet"
    result = export(str(archive_dir), "-o", str(out))
    assert result.exit_code == 1
    assert "pip install -e '.[data]'" in result.output and "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.glob(".x.parquet.part"))


def test_missing_path_is_one_line(tmp_path):
    result = export(str(tmp_path / "nope"), "-o", str(tmp_path / "x.parquet"))
    assert result.exit_code == 1 and "no such file or directory" in result.output
