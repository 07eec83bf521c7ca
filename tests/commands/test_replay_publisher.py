"""`archive replay --publisher` and `--site` on records of a profiled and a generic crawl."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from click.testing import CliRunner

from archiver.cli import main
from archiver.library.index import INDEX_NAME
from archiver.warc.archive import WarcArchive

from tests.support.archives import PAGES, Page, article_for, exchange_for, raw_page
from tests.support.records import json_lines

TITLE = 5          # DATE, CAPTURED, LANG, SITE, $, TITLE, URL
HARBOUR = Page("https://www.harbour-courier.example/news/2026/05/12/cranes/", "Harbour cranes go electric",
               "The cranes on the north quay will run on electricity from the autumn.", "en",
               "2026-05-12T08:30:00+01:00", "2026-05-13T08:00:00+00:00", 404, site=None)


def write(directory: Path) -> None:
    """The Decoder's first article (publisher "THE DECODER") and a generic crawl's article."""
    archive = WarcArchive(directory, repair=False, host="test")
    for page, publisher in ((PAGES[0], "THE DECODER"), (HARBOUR, "The Harbour Courier")):
        article = dataclasses.replace(article_for(page), publisher=publisher)
        archive.write_article(article, exchange_for(page, raw_page(page)), site=page.site,
                              fetched_at=page.fetched_at, http_status=200)
    archive.close()


def titles(directory: Path, *options: str) -> set[str]:
    result = CliRunner().invoke(main, ["replay", str(directory), *options])
    assert result.exit_code == 0, result.output
    return {line.split("\t")[TITLE] for line in result.stdout.splitlines()}


def test_filter_by_publisher_any_case(tmp_path: Path):
    write(tmp_path)
    assert titles(tmp_path, "--publisher", "the decoder") == {PAGES[0].title}
    assert titles(tmp_path, "--publisher", "The Harbour Courier") == {HARBOUR.title}
    assert titles(tmp_path, "--publisher", "Nobody") == set()


def test_a_generic_record_is_listed_and_filtered_by_its_host(tmp_path: Path):
    write(tmp_path)
    assert titles(tmp_path, "--site", "harbour-courier.example") == {HARBOUR.title}
    assert titles(tmp_path, "--site", "decoder") == {PAGES[0].title}
    result = CliRunner().invoke(main, ["replay", str(tmp_path), "--jsonl"])
    records = json_lines(result.stdout)
    assert {(r["site"], r["publisher"]) for r in records} == {
        ("decoder", "THE DECODER"), ("harbour-courier.example", "The Harbour Courier")}


def test_an_index_of_the_old_version_is_rebuilt(tmp_path: Path):
    """An index written before ``publisher`` existed is replaced, not misread."""
    import sqlite3
    write(tmp_path)
    titles(tmp_path)
    db = sqlite3.connect(tmp_path / INDEX_NAME)
    db.execute("UPDATE meta SET value = '2' WHERE key = 'version'")     # before publisher
    db.commit()
    db.close()
    assert titles(tmp_path, "--publisher", "THE DECODER") == {PAGES[0].title}


def test_the_python_api_and_export_carry_publisher_and_site(tmp_path: Path):
    from archiver import open_archive
    write(tmp_path)
    archive = open_archive(tmp_path)
    assert [r["title"] for r in archive.records(publisher="the decoder")] == [PAGES[0].title]
    table = archive.to_pandas()
    assert set(zip(table["site"], table["publisher"])) == {
        ("decoder", "THE DECODER"), ("harbour-courier.example", "The Harbour Courier")}
    out = tmp_path / "rows.jsonl"
    result = CliRunner().invoke(main, ["export", str(tmp_path), "-o", str(out), "--publisher",
                                       "The Harbour Courier"])
    assert result.exit_code == 0, result.output
    rows = json_lines(out.read_text("utf-8"))
    assert [(r["site"], r["publisher"]) for r in rows] == [("harbour-courier.example", "The Harbour Courier")]
