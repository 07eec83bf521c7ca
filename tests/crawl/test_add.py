"""`archive add URL...` and `scrapy crawl news -a url=ARTICLE_URL` archive exactly the named
articles, with the real crawler (robots.txt, WARC capture, extraction, state), against the
offline mirror of The Decoder."""

from __future__ import annotations

import pytest

from decoder_mirror import serve_mirror
from tests.support.crawl import POLITENESS_LIFTED, archive, run_crawl, setting_args, summary_figures
from tests.support.mirror_expected import disallowed_paths, expected_articles
from tests.support.records import jsonl_records, warc_records

EN = {e.path: e for e in expected_articles() if e.edition == "en"}
FAST = setting_args(POLITENESS_LIFTED)
A, B = sorted(EN)[:2]


def with_images(mirror, *paths: str) -> list[str]:
    """The paths an article fetch asks the edition's server for: the article and its images."""
    from urllib.parse import urlsplit
    images = [urlsplit(mirror.to_mirror(u)) for p in paths for u in EN[p].images]
    return sorted({"/robots.txt", *paths, *(u.path for u in images
                                             if u.netloc == urlsplit(mirror.en_url).netloc)})


@pytest.fixture
def mirror():
    with serve_mirror() as served:
        yield served


def add(mirror, out, *args: str):
    return archive("add", *args, "--site", "decoder", "-o", str(out), *FAST)


def test_add_archives_exactly_the_named_articles(mirror, tmp_path):
    done = add(mirror, tmp_path, mirror.en_url + A, mirror.en_url + B)
    assert done.returncode == 0, done.stderr[-3000:]
    records = {r["url"]: r for r in jsonl_records(tmp_path)}
    assert set(records) == {mirror.en_url + A, mirror.en_url + B}
    for path in (A, B):
        record, exp = records[mirror.en_url + path], EN[path]
        assert record["site"] == "decoder" and record["title"] == exp.title
        assert all(needle in record["text"] for needle in exp.required)
        assert exp.boilerplate_in(record["text"]) == []         # the profile's cleaning applied
    assert sorted(set(mirror.en.requested_paths())) == with_images(mirror, A, B)
    assert mirror.en.requested_paths().count("/robots.txt") == 1
    assert not mirror.de.requested_paths()
    lines = done.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["archived", mirror.en_url + A], ["archived", mirror.en_url + B]]
    assert EN[A].title in lines[0]
    assert summary_figures(done.stderr)["archived"] == 2
    assert archive("check", str(tmp_path)).returncode == 0


def test_add_reports_what_is_not_an_article_and_keeps_it_raw(mirror, tmp_path):
    disallowed = sorted(disallowed_paths("en"))[0]
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# my reading list\n{mirror.en_url}/\n\n{mirror.en_url}{disallowed}\n")
    done = add(mirror, tmp_path / "out", mirror.en_url + A, "--from", str(listing))
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3                                      # one line per URL, in order
    assert lines[0].startswith("archived ") and (mirror.en_url + A) in lines[0]
    assert lines[1].startswith("not an article ") and "listing" in lines[1]
    assert "(raw capture kept)" in lines[1]
    assert lines[2].startswith("not fetched ") and "disallowed by robots.txt" in lines[2]
    assert [r["url"] for r in jsonl_records(tmp_path / "out")] == [mirror.en_url + A]
    # three requests waited for robots.txt together: each was checked (Scrapy let all but one by)
    assert not mirror.en.was_requested(disallowed)
    raw = [r for r in warc_records(tmp_path / "out") if r.type == "response"
           and r.get("WARC-Target-URI") == mirror.en_url + "/"]
    assert len(raw) == 1                                        # the listing, archived raw


def test_adding_an_archived_article_again_stores_no_copy(mirror, tmp_path):
    assert add(mirror, tmp_path, mirror.en_url + A).returncode == 0
    again = add(mirror, tmp_path, mirror.en_url + A)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.split()[:2] == ["unchanged", mirror.en_url + A]
    assert len(jsonl_records(tmp_path)) == 1
    assert [r.type for r in warc_records(tmp_path)].count("conversion") == 1
    assert "not modified (304)" in again.stderr or "identical (revisit" in again.stderr


def test_news_with_an_article_url_archives_that_article_only(mirror, tmp_path):
    done = run_crawl("news", tmp_path, {"url": f"{mirror.en_url}{A}"}, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert [r["url"] for r in jsonl_records(tmp_path)] == [mirror.en_url + A]
    assert sorted(set(mirror.en.requested_paths())) == with_images(mirror, A)
    assert f"Crawling news: the article {mirror.en_url}{A}" in done.stderr
