"""article_id, version_id, text_sha1 and capture_time (archiver.identity): one key per article
however it is linked, one per capture, and one spelling of a capture time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from archiver.extract.article import Article
from archiver.identity import article_id, capture_time, record_keys, text_sha1, version_id
from archiver.items import build_record, record_schema

URL = "https://the-decoder.com/kestrel-ai-open-model-math-benchmarks/"


@pytest.mark.parametrize("form", [
    URL,
    "http://the-decoder.com/kestrel-ai-open-model-math-benchmarks/",            # scheme
    "https://The-Decoder.COM/kestrel-ai-open-model-math-benchmarks/",           # host case
    "https://www.the-decoder.com/kestrel-ai-open-model-math-benchmarks",        # www, no slash
    URL + "?utm_source=newsletter&utm_medium=email&fbclid=x#comments",          # tracking, fragment
])
def test_article_id_is_the_same_for_every_spelling_of_the_canonical_url(form: str):
    assert article_id(form) == article_id(URL)
    assert article_id("http://127.0.0.1:8001/?p=241503", form) == article_id(URL)


def test_article_id_differs_between_articles_and_keeps_real_query_parameters():
    assert article_id(URL) != article_id(URL.replace("kestrel", "falcon"))
    assert article_id("https://example.org/story?id=1") != article_id("https://example.org/story?id=2")
    assert len(article_id(URL)) == 16 and int(article_id(URL), 16) >= 0


def test_a_canonical_url_naming_the_home_page_is_not_the_articles_identity():
    """Sites that point every page's canonical at the home page must not merge all articles."""
    a = article_id("https://example.org/news/a-story/", "https://example.org/")
    b = article_id("https://example.org/news/another-story/", "https://example.org/")
    assert a != b and a == article_id("https://example.org/news/a-story/")


def test_version_id_is_per_capture_and_ignores_the_spelling_of_the_time():
    aid = article_id(URL)
    one = version_id(aid, "2026-05-12T14:03:07Z")
    assert one == version_id(aid, "2026-05-12T16:03:07.654321+02:00")      # same second, UTC
    assert one == version_id(aid, datetime(2026, 5, 12, 14, 3, 7, tzinfo=timezone.utc))
    assert one != version_id(aid, "2026-05-12T14:03:08Z")                   # a later capture
    assert one != version_id(article_id(URL + "x"), "2026-05-12T14:03:07Z")


def test_capture_time_is_utc_whole_seconds_z():
    assert capture_time("2026-05-12T16:03:07.987654+02:00") == "2026-05-12T14:03:07Z"
    assert capture_time("2026-05-12T14:03:07") == "2026-05-12T14:03:07Z"          # naive: UTC
    moment = datetime(2026, 5, 12, 14, 3, 7, 500000, tzinfo=timezone(timedelta(hours=-5)))
    assert capture_time(moment) == "2026-05-12T19:03:07Z"
    with pytest.raises(ValueError):
        capture_time("yesterday")


def test_text_sha1_tells_texts_apart():
    assert text_sha1("a\n\nb") == text_sha1("a\n\nb") != text_sha1("a\n\nb.")
    assert len(text_sha1(None)) == 40


def _record(fetched_at: str, confidence: float | int = 1) -> dict:
    article = Article(url=URL + "?utm_source=rss", canonical_url=URL, title="T", text="T\n\nBody.",
                      language="en", language_confidence=confidence, published="2025-02-11T14:20:07+00:00")
    links = {"file": "f.warc.gz", "response_id": "<urn:uuid:1>", "conversion_id": "<urn:uuid:2>"}
    return build_record(article, site="decoder", fetched_at=fetched_at, http_status=200, warc=links)


def test_build_record_writes_schema_2_keys_and_one_form_of_fetched_at():
    """The crawl passes whole seconds with Z, reprocess passed the WARC-Date with microseconds:
    both now write the same value for the same capture."""
    crawl = _record("2026-05-12T14:03:07Z")
    reprocess = _record("2026-05-12T14:03:07.123456+00:00")
    assert crawl["fetched_at"] == reprocess["fetched_at"] == "2026-05-12T14:03:07Z"
    assert crawl["schema_version"] == 2
    assert crawl["article_id"] == reprocess["article_id"] == article_id(URL)
    assert crawl["version_id"] == reprocess["version_id"]
    assert crawl["text_sha1"] == text_sha1("T\n\nBody.")
    assert crawl["published"] == "2025-02-11T14:20:07+00:00"          # the page's own offset kept
    import jsonschema
    jsonschema.validate(crawl, record_schema())


def test_language_confidence_is_always_a_float():
    record = _record("2026-05-12T14:03:07Z", confidence=1)
    assert type(record["language_confidence"]) is float
    from archiver.items import dumps_record
    assert '"language_confidence":1.0' in dumps_record(record)


def test_record_keys_fill_in_old_records_and_keep_stored_ones():
    old = {"url": URL, "canonical_url": URL, "text": "x", "fetched_at": "2024-01-01T00:00:00+00:00"}
    keys = record_keys(old)
    assert keys == {"article_id": article_id(URL), "version_id": version_id(article_id(URL),
                    "2024-01-01T00:00:00Z"), "text_sha1": text_sha1("x")}
    assert record_keys({**old, "article_id": "0" * 16})["article_id"] == "0" * 16
