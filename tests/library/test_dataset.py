"""`archiver.open_archive()`: records, filters, tables, versions, diffs and changes from Python,
on archives written by the crawl's own WARC writer (tests.support.archives)."""

from __future__ import annotations

import logging
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

import archiver
from archiver.errors import ArchiveError, PathNotFound
from archiver.identity import article_id, text_sha1, version_id
from archiver.library.dataset import NotInArchive, VersionNotFound
from archiver.library.tabular import MissingExtra
from archiver.warc.archive import WarcArchive
from archiver.warc.records import sha1_digest, warc_date

from tests.support.archives import (PAGES, Page, article_for, exchange_for, raw_page, write_archive, write_as_an_older_writer)
from tests.support.records import json_lines, jsonl_records

URL = PAGES[0].url


def test_records_are_the_stored_records_plus_keys_oldest_first(archive_dir: Path):
    arc = archiver.open_archive(archive_dir)
    records = list(arc.records())
    assert len(arc) == len(records) == 4
    assert [r["fetched_at"] for r in records] == sorted(r["fetched_at"] for r in records)
    stored = {record["version_id"]: record for record in jsonl_records(archive_dir)}
    for record in records:
        assert {k: v for k, v in record.items() if k != "revisit_of"} == stored[record["version_id"]]
        assert record["revisit_of"] is None
    assert [r["article_id"] for r in records].count(article_id(URL)) == 2


@pytest.mark.parametrize("options, titles", [
    ({"latest": True}, {p.title for p in PAGES}),
    ({"language": "de"}, {PAGES[1].title}),
    ({"site": "decoder", "since": "2024-04-01", "until": date(2024, 4, 30)}, {PAGES[1].title}),
    ({"search": "laundry shirts"}, {PAGES[2].title}),
])
def test_filters(archive_dir: Path, options: dict, titles: set[str]):
    found = list(archiver.open_archive(archive_dir).records(**options))
    assert {r["title"] for r in found} == titles
    if options.get("latest"):
        assert len(found) == 3
        assert [r["fetched_at"] for r in found if r["url"] == URL] == ["2024-06-01T08:00:00Z"]


def test_bad_filter_date_is_a_value_error(archive_dir: Path):
    with pytest.raises(ValueError, match="since"):
        list(archiver.open_archive(archive_dir).records(since="soon"))


def test_html_can_be_left_out(archive_dir: Path):
    assert all("html" not in r for r in archiver.open_archive(archive_dir).records(html=False))


def test_to_arrow_and_to_pandas_are_typed(archive_dir: Path):
    import pyarrow as pa

    arc = archiver.open_archive(archive_dir)
    table = arc.to_arrow()
    assert table.num_rows == 4
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("image").type == pa.struct(
        [("url", pa.string()), ("caption", pa.string()), ("credit", pa.string()),
         ("captured", pa.bool_())])
    assert table.schema.field("images").type.value_type.field("width").type == pa.int64()
    df = arc.to_pandas(latest=True)
    assert len(df) == 3 and df["article_id"].is_unique
    assert str(df["fetched_at"].dtype) == "datetime64[us, UTC]"
    assert df["authors"].map(type).eq(list).all() and df["sources"].map(type).eq(list).all()
    assert df.loc[df["language"] == "de", "published"].iloc[0].isoformat() == "2024-04-10T07:00:00+00:00"
    assert arc.to_pandas(language="de", html=False).columns.tolist().count("html") == 0


def test_missing_pandas_names_the_extra(archive_dir: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match=r"pip install -e '\.\[data\]'"):
        archiver.open_archive(archive_dir).to_pandas()


def test_versions_by_any_url_form(archive_dir: Path):
    arc = archiver.open_archive(archive_dir)
    for form in (URL, "http://www.the-decoder.com/?p=101", URL + "?utm_source=x"):
        versions = arc.versions(form)
        assert [v["fetched_at"] for v in versions] == ["2024-03-06T08:00:00Z", "2024-06-01T08:00:00Z"]
    with pytest.raises(NotInArchive):
        arc.versions("https://the-decoder.com/never-archived/")


def test_diff_selects_versions_by_default_position_id_and_time(archive_dir: Path):
    arc = archiver.open_archive(archive_dir)
    first, second = (v["version_id"] for v in arc.versions(URL))
    default = arc.diff(URL)
    assert (default.old.version_id, default.new.version_id) == (first, second)
    assert default.summary() == "1 paragraph added, 1 removed"
    for a, b in ((0, -1), (first, second), ("2024-03-06", datetime(2024, 6, 1, 9, tzinfo=timezone.utc)),
                 (second, first)):                    # given the wrong way round: still old -> new
        found = arc.diff(URL, a, b)
        assert (found.old.version_id, found.new.version_id) == (first, second)
    with pytest.raises(VersionNotFound):
        arc.diff(URL, 5)
    with pytest.raises(VersionNotFound):
        arc.diff(URL, first, first)
    with pytest.raises(VersionNotFound, match="only one capture"):
        arc.diff(PAGES[1].url)


def test_changes(archive_dir: Path):
    arc = archiver.open_archive(archive_dir)
    [change] = arc.changes()
    assert change.url == URL and change.new.fetched_at == "2024-06-01T08:00:00Z"
    assert list(arc.changes(since="2024-06-02")) == []


def _revisit_of_first_capture(directory: Path) -> str:
    """A recrawl of PAGES[0] a month later, byte-identical: a revisit record, in a new file."""
    [path] = [p for p in directory.glob("*.warc.gz")
              if PAGES[1].url in p.with_suffix("").with_suffix(".jsonl").read_text()]
    [stored] = [r for r in json_lines(path.with_suffix("").with_suffix(".jsonl").read_text())
                if r["url"] == URL]
    body = exchange_for(PAGES[0], raw_page(PAGES[0])).body
    again = exchange_for(Page(**{**PAGES[0].__dict__, "fetched_at": "2024-04-01T08:00:00+00:00"}),
                         raw_page(PAGES[0]))
    again.body = body
    archive = WarcArchive(directory, repair=False, host="test")
    archive.write_revisit(again, sha1_digest(body), stored["warc"]["response_id"], URL,
                          warc_date(datetime(2024, 3, 6, 8, tzinfo=timezone.utc)))
    archive.close()
    return stored["version_id"]


def test_a_revisit_is_a_capture_of_its_own(archive_dir: Path):
    original = _revisit_of_first_capture(archive_dir)
    arc = archiver.open_archive(archive_dir)
    versions = arc.versions(URL)
    assert [v["fetched_at"] for v in versions] == [
        "2024-03-06T08:00:00Z", "2024-04-01T08:00:00Z", "2024-06-01T08:00:00Z"]
    revisit = versions[1]
    assert revisit["revisit_of"] == original and revisit["version_id"] != original
    assert revisit["version_id"] == version_id(article_id(URL), "2024-04-01T08:00:00Z")
    assert revisit["text"] == versions[0]["text"] and revisit["text_sha1"] == versions[0]["text_sha1"]
    assert revisit["warc"]["file"] != versions[0]["warc"]["file"]
    assert len(arc) == 5 and len(arc.to_pandas()) == 5
    # the recapture did not change the text: the one change is still the one of June
    assert [c.new.fetched_at for c in arc.changes()] == ["2024-06-01T08:00:00Z"]
    # the old side is the last capture of the old text: the edit happened after April 1
    assert arc.diff(URL).old.version_id == revisit["version_id"]


def test_records_written_before_schema_2_get_the_same_keys(tmp_path: Path):
    """An archive of schema 1 (no ids, fetched_at with an offset) reads like a new one."""
    archive = WarcArchive(tmp_path, repair=False, host="test")
    page = PAGES[1]
    article = article_for(page)
    record = {**article.to_dict(), "site": "decoder", "fetched_at": page.fetched_at,
              "http_status": 200, "schema_version": 1}
    write_as_an_older_writer(archive, exchange_for(page, raw_page(page)), record, article.html)
    archive.close()
    [found] = archiver.open_archive(tmp_path).records()
    assert found["schema_version"] == 1 and found["fetched_at"] == page.fetched_at
    assert found["article_id"] == article_id(page.url)
    assert found["version_id"] == version_id(article_id(page.url), page.fetched_at)
    assert found["text_sha1"] == text_sha1(article.text)


def test_damage_is_reported_and_the_rest_read(archive_dir: Path, caplog):
    [path, *_] = sorted(archive_dir.glob("*.warc.gz"))
    with path.open("ab") as fh:
        fh.write(b"\x1f\x8b\x08 this is not a gzip member")
    seen = []
    with caplog.at_level(logging.WARNING, logger="archiver"):
        arc = archiver.open_archive(archive_dir, on_problem=seen.append)
    assert len(list(arc.records())) == 4
    assert arc.problems and seen == arc.problems and str(path) in caplog.text


def test_opening_errors(tmp_path: Path):
    with pytest.raises(PathNotFound):
        archiver.open_archive(tmp_path / "missing")
    with pytest.raises(ArchiveError, match="no WARC files"):
        archiver.open_archive(tmp_path)
    with pytest.raises(ArchiveError):
        archiver.open_archive()


def test_replay_lists_a_revisit_as_a_capture_but_jsonl_keeps_the_stored_lines(archive_dir: Path):
    from click.testing import CliRunner

    from archiver.cli import main

    original = _revisit_of_first_capture(archive_dir)
    table = CliRunner().invoke(main, ["replay", str(archive_dir)]).stdout.splitlines()
    assert [r.split("\t")[1] for r in table if r.endswith(URL)] == [
        "2024-06-01 08:00:00", "2024-04-01 08:00:00", "2024-03-06 08:00:00"]
    assert len(CliRunner().invoke(main, ["replay", str(archive_dir), "--jsonl"]).stdout
               .splitlines()) == 4                       # the crawl's lines, as stored
    lines = CliRunner().invoke(main, ["replay", str(archive_dir), URL, "--jsonl"]).stdout
    captures = json_lines(lines)
    assert [c.get("revisit_of") for c in captures] == [None, original, None]
    assert captures[1]["fetched_at"] == "2024-04-01T08:00:00Z"


def test_an_archive_in_several_directories_is_one_dataset(tmp_path: Path):
    """Each directory has its own index; latest, versions and changes look across them."""
    write_archive(tmp_path / "2024-03", PAGES)
    later = Page(**{**PAGES[0].__dict__, "fetched_at": "2024-06-01T08:00:00+00:00"})
    write_archive(tmp_path / "2024-06", [later], bodies={0: "The model writes code. Updated."})
    arc = archiver.open_archive(tmp_path)
    assert len(arc) == 4 and len(arc.library.indexes) == 2
    latest = list(arc.records(latest=True))
    assert len(latest) == 3
    assert [r["fetched_at"] for r in latest if r["url"] == URL] == ["2024-06-01T08:00:00Z"]
    assert len(arc.versions(URL)) == 2 and len(arc.to_pandas(latest=True)) == 3
    [change] = arc.changes()
    assert change.url == URL and change.summary() == "1 paragraph changed"
    from click.testing import CliRunner

    from archiver.cli import main
    table = CliRunner().invoke(main, ["replay", str(tmp_path), "--latest", "-n", "2"]).stdout
    assert len(table.splitlines()) == 2
