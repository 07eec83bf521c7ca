"""The parts behind the crawl's reporting, one at a time: the summary text, failure reasons, the
shared extraction decision, the site a reprocess extracts with, the settings check."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings
from twisted.internet.error import ConnectionRefusedError, DNSLookupError
from twisted.python.failure import Failure

from archiver.crawl_checks import BadSetting, check_settings
from archiver.crawl_summary import Written, duration, progress_line, summary
from archiver.extract.candidate import skip_reason
from archiver.library.reprocess import recorded_site, sites_for
from archiver.outcomes import failure_reason
from archiver.warc.reader import Record

STATS = {"archiver/articles": 5, "archiver/language/en": 3, "archiver/language/de": 2,
         "archiver/edition/en": 3, "archiver/edition/de": 2, "archiver/paywalled": 1,
         "archiver/not_article/listing": 2, "archiver/not_article/not_html": 1,
         "archiver/failed/article/HTTP 404": 2, "archiver/failed/discovery/timeout": 1,
         "archiver/incremental/revisit": 4, "archiver/unchanged/not_refetched": 2, "archiver/discovery/forbidden_by_robots": 3,
         "archiver/limit/not_fetched": 7, "downloader/response_count": 99}


def test_summary_lines():
    written = Written(Path("/data/news"), ["A-1.warc.gz", "A-2.warc.gz"], 61, 5)
    text = summary(STATS, written, 125.0, "finished")
    assert text.splitlines() == [
        "Crawl finished in 2 min 05 s:",
        "  archived      5 articles (en 3, de 2)",
        "  editions      en 3, de 2",
        "  paywalled     1 (archived as served, flagged)",
        "  unchanged     2 not refetched, 4 identical (revisit record)",
        "  skipped       3 disallowed by robots.txt, 7 not fetched (limit reached)",
        "  not articles  listing 2, not_html 1 (raw capture kept)",
        "  failures      articles: HTTP 404 2; discovery: timeout 1",
        "  written       /data/news/: 2 WARC files, 61 records, 5 JSON lines",
        "                A-1.warc.gz",
        "                A-2.warc.gz"]


def test_an_empty_crawl_says_so_briefly():
    text = summary({}, Written(Path("out")), 3.25, "closespider_itemcount")
    assert text.splitlines() == ["Crawl stopped at the article limit in 3.2 s:",
                                 "  archived  0 articles",
                                 "  written   out/: 0 WARC files, 0 records, 0 JSON lines"]


def test_many_files_are_shown_first_and_last():
    written = Written(Path("d"), [f"F-{i}.warc.gz" for i in range(9)], 900, 100)
    assert summary({}, written, 1, "finished").splitlines()[-3:] == [
        "            F-0.warc.gz", "            …", "            F-8.warc.gz"]


def test_progress_line_and_durations():
    line = progress_line(STATS, 60.0, queued=12)
    assert line == ("Progress: 5 articles archived (5.0/min), 12 requests queued, 3 not articles,"
                    " 3 failed, 1 min 00 s elapsed")
    assert [duration(s) for s in (0.04, 59.9, 61, 3600 * 2 + 180)] == [
        "0.0 s", "59.9 s", "1 min 01 s", "2 h 03 min"]


class _Response:
    status = 503


def test_failure_reasons():
    from scrapy.spidermiddlewares.httperror import HttpError
    from scrapy.exceptions import IgnoreRequest
    from archiver.middlewares.allowed_hosts import OffsiteRefused

    assert failure_reason(Failure(ConnectionRefusedError())) == "connection refused"
    assert failure_reason(DNSLookupError()) == "host not found"
    assert failure_reason(HttpError(_Response(), "Ignoring non-200 response")) == "HTTP 503"
    assert failure_reason(IgnoreRequest("max redirections reached")) == "redirect loop"
    assert failure_reason(OffsiteRefused("host not allowed")) == "refused: off the site"
    assert failure_reason(IgnoreRequest("Ignored response <200 u> because its body (9 B "
                                        "compressed…) exceeded DOWNLOAD_MAXSIZE")) == "too large"
    assert failure_reason(KeyError("x")) == "KeyError"


@pytest.mark.parametrize("status, ctype, body, truncated, reason", [
    (200, b"text/html; charset=utf-8", b"<html><p>story</p></html>", False, None),
    (200, None, b"<html><p>story</p></html>", False, None),          # no Content-Type: try it
    (200, "application/xhtml+xml", b"<html/>", False, None),
    (404, b"text/html", b"<html>gone</html>", False, "http_status"),
    (206, b"text/html", b"<html>part</html>", False, "http_status"),
    (200, b"application/pdf", b"%PDF-1.4", False, "not_html"),
    (200, b"text/html", bytes(range(256)) * 20, False, "binary"),
    (200, None, b"\x00\x01\x02 PNG-ish", False, "binary"),
    (200, b"text/html", b"<html><p>sto", "length", "truncated"),
])
def test_one_decision_on_what_goes_to_extraction(status, ctype, body, truncated, reason):
    assert skip_reason(status, ctype, body, truncated) == reason


def _metadata(content_type: str, block: bytes) -> Record:
    return Record(path="x.warc.gz", offset=0, end=0, version="WARC/1.1", headers=[
        ("WARC-Type", "metadata"), ("WARC-Record-ID", "<urn:uuid:1>"),
        ("Content-Type", content_type)], block=block)


def test_the_site_recorded_with_a_capture():
    assert recorded_site(_metadata("application/json", b'{"site": "decoder"}')) == "decoder"
    assert recorded_site(_metadata("application/json", b'{"site": null}')) is None
    assert recorded_site(_metadata("application/warc-fields",
                                   b"title: T\r\nsite: decoder\r\n")) == "decoder"
    assert recorded_site(_metadata("application/json", b"not json")) is None


def test_which_site_a_reprocess_extracts_with():
    mirror, real = "http://127.0.0.1:8001/a-story/", "https://the-decoder.com/a-story/"
    assert sites_for(mirror, "decoder", None) == ("decoder", "decoder")     # as recorded
    assert sites_for(mirror, None, None) == (None, None)                    # generic
    assert sites_for(real, None, None) == ("decoder", "decoder")            # by host
    assert sites_for(mirror, "example.org", None) == (None, "example.org")  # a host, kept
    assert sites_for(mirror, None, "decoder") == ("decoder", "decoder")     # --site


@pytest.mark.parametrize("name, value, message", [
    ("ARCHIVER_EXTRACT_WORKERS", "-1", "ARCHIVER_EXTRACT_WORKERS must be a whole number"),
    ("ARCHIVER_NEWS_MAX_PAGES", "many", "ARCHIVER_NEWS_MAX_PAGES must be a whole number"),
    ("ARCHIVER_PROGRESS_INTERVAL", "-5", "must be at least 0.0"),
    ("CONCURRENT_REQUESTS_PER_DOMAIN", "0", "must be at least 1"),
    ("ROBOTSTXT_OBEY", "perhaps", "ROBOTSTXT_OBEY must be 0/1"),
    ("ARCHIVER_IMAGES", "all", "ARCHIVER_IMAGES must be one of article, lead, none, not 'all'"),
    ("ARCHIVER_IMAGES_MAX", "-1", "ARCHIVER_IMAGES_MAX must be at least 0"),
    ("ARCHIVER_IMAGE_MAXSIZE", "5MB", "ARCHIVER_IMAGE_MAXSIZE must be a whole number"),
])
def test_settings_are_checked(name, value, message):
    settings = Settings()
    settings.setmodule("archiver.settings")
    check_settings(settings)                                            # the defaults pass
    settings.set(name, value)
    with pytest.raises(BadSetting, match=message):
        check_settings(settings)


def test_summary_counts_the_articles_images():
    stats = {"archiver/articles": 2, "archiver/language/en": 2, "archiver/images/captured": 5,
             "archiver/images/revisit": 1, "archiver/images/not_captured/robots": 2,
             "archiver/images/not_captured/http_404": 1, "archiver/images/tracking_pixel": 1}
    text = summary(stats, Written(Path("out")), 3.0, "finished")
    assert ("  images    5 archived, 1 of them as revisits, not archived: robots 2, http_404 1, "
            "1 tracking pixel left out") in text
