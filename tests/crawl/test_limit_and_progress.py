"""`-a limit=N` is a hard stop, and a long crawl says how it is getting on.

The site is bench/mocknews.py's generated news site (20 articles here), with a little latency on
article pages so that requests overlap as they do on a real site.
"""

from __future__ import annotations

import re

import pytest

from bench.mocknews import serve
from tests.support.crawl import levels, run_crawl, summary_block, summary_figures
from tests.support.records import jsonl_records


def article_fetches(server) -> int:
    return sum(n for path, n in server.fetches.items() if path in server.article_set)


@pytest.mark.parametrize("limit, per_domain", [(1, 2), (5, 3)])
def test_limit_sends_at_most_the_per_domain_concurrency_more(tmp_path, limit, per_domain):
    """Without the hold-back, limit=1 fetched all 20 articles of this site."""
    with serve(20, page_kb=12, delay=0.2) as server:
        done = run_crawl("news", tmp_path, {"url": f"{server.url}/", "limit": limit},
                         {"CONCURRENT_REQUESTS_PER_DOMAIN": per_domain}, check=False)
        fetched = article_fetches(server)
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(jsonl_records(tmp_path)) == limit
    assert limit <= fetched <= limit + per_domain, fetched
    assert "WARNING" not in levels(done.stderr) and "ERROR" not in levels(done.stderr)
    assert "FetchedPage(" not in done.stderr and "Traceback" not in done.stderr
    block = summary_block(done.stderr)
    assert block.startswith("Crawl stopped at the article limit")
    assert re.search(r"(\d+) not fetched \(limit reached\)", block)
    assert summary_figures(block)["archived"] == limit


def test_progress_lines_on_a_long_crawl_and_stats_on_request(tmp_path):
    """Progress every ARCHIVER_PROGRESS_INTERVAL seconds; an explicit LOGSTATS_INTERVAL brings
    Scrapy's own LogStats lines and stats dump back."""
    with serve(12, page_kb=12, delay=0.25) as server:
        done = run_crawl("news", tmp_path, {"url": f"{server.url}/"},
                         {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "ARCHIVER_PROGRESS_INTERVAL": 0.5,
                          "LOGSTATS_INTERVAL": 60}, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    progress = [int(n) for n in re.findall(
        r"INFO: Progress: (\d+) articles archived \([\d.]+/min\), \d+ requests queued, "
        r"\d+ not articles, \d+ failed, [\d.]+ s elapsed", done.stderr)]
    assert progress, done.stderr[-3000:]
    assert progress == sorted(progress) and progress[-1] <= 12
    archived = summary_figures(summary_block(done.stderr))["archived"]
    assert archived == len(jsonl_records(tmp_path)) == 12
    assert "Dumping Scrapy stats" in done.stderr and "Crawled 0 pages" in done.stderr
