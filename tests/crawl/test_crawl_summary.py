"""One `scrapy crawl decoder` of the offline mirror, as a user runs it, and what it says.

The end-of-crawl summary must state exactly what was written (JSON lines, WARC files and
records, counted here independently); the log must be the summary, not Scrapy's stats dump, with
expected outcomes at INFO and not a single WARNING; robots.txt must be fetched once per host; and
`archive reprocess` of the crawl must give the crawl's records again (text and site per URL).
"""

from __future__ import annotations

from collections import Counter

import pytest

from decoder_mirror import serve_mirror
from tests.support.crawl import archive, levels, run_crawl, summary_block, summary_figures
from tests.support.mirror import mirror_args
from tests.support.mirror_expected import expected_articles
from tests.support.records import jsonl_records, warc_records

EXPECTED = expected_articles()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("summary-crawl")
    with serve_mirror() as mirror:
        done = run_crawl("decoder", out, mirror_args(mirror), check=False)
        requested = {code: mirror.server(code).requested_paths() for code in ("en", "de")}
        bases = {**mirror.bases, "images": mirror.third_party.url}    # the CDN an article names
    assert done.returncode == 0, done.stderr[-4000:]
    return {"dir": out, "log": done.stderr, "records": jsonl_records(out), "requested": requested,
            "bases": bases}


def test_the_summary_states_what_was_written(crawl):
    figures = summary_figures(summary_block(crawl["log"]))
    on_disk = sorted(p.name for p in crawl["dir"].glob("*.warc.gz"))
    assert figures["archived"] == len(crawl["records"]) == len(EXPECTED)
    assert figures["json_lines"] == sum(
        len(p.read_text("utf-8").splitlines()) for p in crawl["dir"].glob("*.jsonl"))
    assert figures["records"] == len(warc_records(crawl["dir"]))
    assert figures["files"] == len(on_disk) and figures["names"] == on_disk
    assert figures["directory"] == str(crawl["dir"])


def test_the_summary_counts_languages_editions_and_paywalled(crawl):
    block = summary_block(crawl["log"])
    languages = Counter(r["language"] for r in crawl["records"])
    listed = ", ".join(f"{k} {v}" for k, v in sorted(languages.items(), key=lambda kv: -kv[1]))
    assert f"({listed})" in block.splitlines()[1]
    assert "editions " in block and "en 8, de 6" in block
    paywalled = sum(r["paywalled"] for r in crawl["records"])
    assert paywalled and f"paywalled  {paywalled} (archived as served, flagged)" in block
    assert "skipped    2 disallowed by robots.txt" in block      # one preview page per edition
    assert "failures   discovery: HTTP 404 1" in block          # post-sitemap3.xml is gone


def test_the_log_is_the_summary_not_the_framework(crawl):
    log = crawl["log"]
    assert "Dumping Scrapy stats" not in log and "Traceback" not in log
    assert "Overridden settings" not in log and "Enabled downloader middlewares" not in log
    assert "WARNING" not in levels(log) and "ERROR" not in levels(log)
    assert "Crawling decoder: en " in log
    # an expected outcome is INFO: a sitemap the index lists that answers 404
    assert "INFO: Discovery fetch failed: " in log and "post-sitemap3.xml (HTTP 404)" in log


def test_robots_txt_is_fetched_once_per_host(crawl):
    for code in ("en", "de"):
        assert crawl["requested"][code].count("/robots.txt") == 1, code
    robots = [r for r in warc_records(crawl["dir"]) if r.type == "response"
              and (r.get("WARC-Target-URI") or "").endswith("/robots.txt")]
    assert sorted(r.get("WARC-Target-URI") for r in robots) == sorted(
        f"{base}/robots.txt" for base in crawl["bases"].values())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_reprocess_of_the_crawl_equals_the_crawl(crawl, tmp_path, jobs):
    done = archive("reprocess", str(crawl["dir"]), "-o", str(tmp_path / "again"), "--jobs", jobs)
    assert done.returncode == 0, done.stderr[-3000:]
    crawled = {r["url"]: r for r in crawl["records"]}
    again = {r["url"]: r for r in jsonl_records(tmp_path / "again")}
    assert set(again) == set(crawled)
    for url, record in crawled.items():
        assert again[url]["site"] == record["site"] == "decoder", url
        assert again[url]["text"] == record["text"], url
        assert again[url]["paywalled"] == record["paywalled"], url
