"""Site and publisher: ``publisher`` is the site's own name (null only when the page names
none); ``site`` is the profile's name or the host, never null; the record follows its schema."""

from __future__ import annotations

import jsonschema
import pytest

from archiver.extract import extract_article
from archiver.items import SCHEMA_VERSION, build_record, record_schema, site_of

from tests.support.pages import article_page, ld, meta, og

URL = "https://www.rheinblick.example/politik/2026/05/bahn-streik/"


def publisher(lang: str = "de", **parts) -> str | None:
    return extract_article(article_page(lang, **parts), URL).publisher


@pytest.mark.parametrize("head, title_tag, want", [
    (og("og:site_name", "Rheinblick"), None, "Rheinblick"),
    (ld({"@type": "NewsArticle", "headline": "x", "publisher": {"@type": "NewsMediaOrganization",
                                                               "name": "Rheinblick Zeitung"}}), None,
     "Rheinblick Zeitung"),
    (og("og:site_name", "rheinblick.example") +            # a bare host name: the real name wins
     ld({"@type": "NewsArticle", "headline": "x", "publisher": {"@type": "Organization", "name": "RHEINBLICK"}}),
     None, "RHEINBLICK"),
    (ld({"@graph": [{"@type": "WebSite", "name": "Rheinblick Online"}]}), None, "Rheinblick Online"),
    (meta("application-name", "Rheinblick"), None, "Rheinblick"),
    ("", "Bahn-Streik legt Pendelverkehr lahm – Rheinblick", "Rheinblick"),       # the <title>'s suffix
    ("", "Bahn-Streik legt Pendelverkehr lahm", None),                            # names none
    ("", None, None),
])
def test_publisher_is_the_sites_own_name(head, title_tag, want):
    header = "<h1>Bahn-Streik legt Pendelverkehr lahm</h1>"
    assert publisher(head=head, header=header, title_tag=title_tag) == want


def test_publisher_in_english_pages_too():
    head = og("og:site_name", "The Harbour Courier")
    assert publisher("en", head=head) == "The Harbour Courier"


@pytest.mark.parametrize("url, site", [
    ("https://www.rheinblick.example/politik/x/", "rheinblick.example"),
    ("https://news.example.org/2026/05/x/", "news.example.org"),
    ("http://127.0.0.1:8123/news/x/", "127.0.0.1:8123"),
    ("https://example.org:443/x/", "example.org"),
])
def test_site_of_a_url_is_its_host(url, site):
    assert site_of(url) == site


def _record(url: str, site: str | None) -> dict:
    head = og("og:site_name", "Rheinblick") + og("article:published_time", "2026-05-05T09:30:00+02:00")
    article = extract_article(article_page("de", head=head, header="<h1>Bahn-Streik</h1>"), url)
    return build_record(article, site=site, fetched_at="2026-05-06T08:00:00+00:00", http_status=200,
                        warc=None)


def test_a_record_without_a_profile_names_the_host_and_follows_the_schema():
    record = _record(URL, None)
    assert record["site"] == "rheinblick.example"
    assert record["publisher"] == "Rheinblick"
    assert record["schema_version"] == SCHEMA_VERSION == 2
    jsonschema.validate(record, record_schema())


def test_a_profiles_name_is_kept_as_the_site():
    record = _record("https://the-decoder.de/some-article/", "decoder")
    assert record["site"] == "decoder"
    jsonschema.validate(record, record_schema())


def test_the_schema_refuses_a_null_site():
    record = _record(URL, None)
    record["site"] = None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, record_schema())
    del record["site"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, record_schema())


def test_publisher_as_most_of_its_sources_name_it():
    """og:site_name holds a section ("Security"); JSON-LD, application-name and the <title>
    name the site."""
    head = (og("og:site_name", "Security") + meta("application-name", "rheinblick online") +
            ld({"@type": "NewsArticle", "headline": "x", "publisher": {"@type": "Organization",
                                                                      "name": "rheinblick online"}}))
    assert publisher(head=head, title_tag="Bahn-Streik legt Pendelverkehr lahm | rheinblick online",
                     header="<h1>Bahn-Streik legt Pendelverkehr lahm</h1>") == "rheinblick online"


@pytest.mark.parametrize("site_name, want", [
    ("https://www.rheinblick.example", "rheinblick.example"),    # only a host: without scheme
    ("Rheinblick.example", "Rheinblick.example"),                # a brand spelt like a host
])
def test_a_host_as_publisher_only_when_nothing_else(site_name, want):
    assert publisher(head=og("og:site_name", site_name)) == want
