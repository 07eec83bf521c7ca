"""The demo mirror crawled with the generic spider and no site profile (`scrapy crawl news`):
the generic rules alone keep subscription boxes, paywall prompts and ad labels out of every
record, and flag the paywalled article."""

from __future__ import annotations

from html import unescape

import pytest

from decoder_mirror import serve_mirror
from decoder_mirror.texts import t
from tests.support.crawl import run_crawl
from tests.support.mirror_expected import expected_articles
from tests.support.records import jsonl_records

SALES_KEYS = ("sub_h3", "sub_p", "sub_list", "sub_link", "upsell_lines", "upsell_list",
              "upsell_link")


def sales_texts(lang: str) -> list[str]:
    """Every line of the mirror's subscription box and paywall prompt ("Read on for…")."""
    out: list[str] = []
    for key in SALES_KEYS:
        value = t(lang, key)
        out += list(value) if isinstance(value, tuple) else [value] if value else []
    return out


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    out = tmp_path_factory.mktemp("generic-crawl")
    with serve_mirror() as mirror:
        for base in (mirror.en_url, mirror.de_url):
            run_crawl("news", out, {"url": base}, {"CONCURRENT_REQUESTS_PER_DOMAIN": 8})
    return jsonl_records(out)


def test_every_article_archived_without_a_profile(records):
    assert len(records) == len(expected_articles())
    assert all(r["site"] != "decoder" for r in records)


def test_no_subscription_box_paywall_prompt_or_ad_label(records):
    for record in records:
        lang = record["language"]
        text, html = record["text"], unescape(record["html"])
        lines = {line.strip() for line in text.splitlines()}
        leaks = [s for s in sales_texts(lang) if s in text or s in html]
        leaks += [label for label in (t(lang, "ad"), "Anzeige", "Ad", "Advertisement") if label in lines]
        assert not leaks, (record["url"], leaks)


def test_the_paywalled_article_is_flagged(records):
    plus = {e.path for e in expected_articles() if e.paywalled}
    flagged = {"/" + r["url"].split("/", 3)[3] for r in records if r["paywalled"]}
    assert plus and flagged == plus
