"""Publication dates: every usual meta variant, <time>, printed datelines in several languages,
a date in the title or the URL; never an update date; the page's time zone kept."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from archiver.extract import extract_article
from archiver.extract.dates import date_in_url, parse_printed_date

from tests.support.pages import article_page, ld, meta, og

URL = "https://www.rheinblick.example/politik/bahn-streik-legt-pendelverkehr-lahm/"
ARTICLE = "NewsArticle"


def published(lang: str = "en", url: str = URL, **parts) -> str | None:
    return extract_article(article_page(lang, **parts), url).published


@pytest.mark.parametrize("tag", [
    og("article:published_time", "2026-05-05T09:30:00+02:00"),
    meta("date", "2026-05-05T09:30:00+02:00"),
    meta("DC.date", "2026-05-05T09:30:00+02:00"),
    meta("DC.date.issued", "2026-05-05T09:30:00+02:00"),
    meta("dcterms.created", "2026-05-05T09:30:00+02:00"),
    meta("sailthru.date", "2026-05-05 09:30:00 +0200"),
    meta("parsely-pub-date", "2026-05-05T07:30:00Z"),
    meta("pubdate", "2026-05-05T09:30:00+02:00"),
    '<meta itemprop="datePublished" content="2026-05-05T09:30:00+02:00">',
])
def test_every_usual_meta_variant_gives_the_date(tag):
    when = datetime.fromisoformat(published("de", head=tag))
    assert when == datetime(2026, 5, 5, 7, 30, tzinfo=timezone.utc)


def test_time_zones_are_kept():
    assert published(head=og("article:published_time", "2026-05-05T09:30:00+0200")) == "2026-05-05T09:30:00+02:00"
    assert published(head=ld({"@type": ARTICLE, "datePublished": "2026-05-04T22:15:00-04:00"})) == \
        "2026-05-04T22:15:00-04:00"


def test_the_publication_time_element_not_a_teaser_or_an_update():
    chrome = '<aside class="most-read"><time datetime="2026-05-09T10:00:00+02:00">9 May</time></aside>'
    header = ('<time class="updated" datetime="2026-05-07T18:00:00+02:00">Updated 7 May</time>'
              '<time class="published" datetime="2026-05-05T09:30:00+02:00">5 May 2026</time>')
    assert published(chrome=chrome, header=header) == "2026-05-05T09:30:00+02:00"


def test_microdata_date_published_is_read():
    header = '<span itemprop="datePublished" content="2026-05-05T09:30:00+02:00">5. Mai 2026</span>'
    assert published("de", header=header) == "2026-05-05T09:30:00+02:00"


@pytest.mark.parametrize("lang, header", [
    ("en", '<p class="meta">Published: April 28, 2023, 10:05 am</p>'),
    ("en", '<div class="dateline">Friday, April 28, 2023</div>'),
    ("de", '<p class="meta">Veröffentlicht am 28. April 2023, 15:23 Uhr</p>'),
    ("de", '<span>Freitag, 28.04.2023</span>'),
    ("de", '<ul class="facts"><li><strong>Datum</strong> 28.04.2023</li></ul>'),
    ("en", '<span class="date">Publié le 28 avril 2023 à 15h23</span>'),
    ("en", '<span class="date">Pubblicato il 28 aprile 2023</span>'),
    ("en", '<span class="date">Publicado el 28 de abril de 2023</span>'),
])
def test_printed_datelines_are_read(lang, header):
    assert published(lang, header=f"<h1>Bahn-Streik</h1>{header}") == "2023-04-28T00:00:00+00:00"


@pytest.mark.parametrize("lang, header", [
    ("de", '<p class="meta">Aktualisiert am 28.04.2023</p>'),
    ("de", '<p class="meta">Stand: 28.04.2023, 17:23 Uhr</p>'),
    ("en", '<p class="meta">Updated April 28, 2023</p>'),
    ("en", '<time class="updated" datetime="2023-04-28T10:00:00Z">April 28</time>'),
])
def test_an_update_date_is_not_the_publication_date(lang, header):
    head = og("article:modified_time", "2023-04-28T10:00:00+00:00")
    article = extract_article(article_page(lang, head=head, header=header), URL)
    assert article.published is None
    assert article.modified == "2023-04-28T10:00:00+00:00"


def test_a_date_in_the_title_is_read_when_nothing_else_states_one():
    head = og("og:title", "Bahn-Streik legt Pendelverkehr lahm | RB | 28.04.2023")
    article = extract_article(article_page("de", head=head), URL)
    assert article.published == "2023-04-28T00:00:00+00:00"
    assert article.title == "Bahn-Streik legt Pendelverkehr lahm"     # date and short label off


@pytest.mark.parametrize("url, day", [
    ("https://www.rheinblick.example/2025/04/01/bahn-streik/", "2025-04-01"),
    ("https://www.rheinblick.example/politik/2025-04-01-bahn-streik.html", "2025-04-01"),
    ("https://www.rheinblick.example/politik/bahn_streik_2025_04_01.html", "2025-04-01"),
    ("https://www.rheinblick.example/news/article/A2026012914320005196", "2026-01-29"),
])
def test_the_url_date_is_the_last_resort(url, day):
    assert published("de", url=url) == f"{day}T00:00:00+00:00"


@pytest.mark.parametrize("url", [
    "https://www.rheinblick.example/story/12345678901",
    "https://www.rheinblick.example/2026/13/45/slug",
    "https://www.rheinblick.example/politik/bahn-streik/",
])
def test_urls_without_a_date(url):
    assert date_in_url(url) is None


def test_the_stated_date_beats_the_url():
    url = "https://www.rheinblick.example/2025/04/01/bahn-streik/"
    head = og("article:published_time", "2025-04-02T08:00:00+02:00")
    assert published("de", url=url, head=head) == "2025-04-02T08:00:00+02:00"


@pytest.mark.parametrize("printed, day", [
    ("28 avril 2023 à 15h23", "2023-04-28"), ("lunedì 3 marzo 2025", "2025-03-03"),
    ("5 de mayo de 2024", "2024-05-05"), ("04/28/2023", "2023-04-28"),
    ("2025年1月13日 21時37分", "2025-01-13"), ("2026.01.29 18:40", "2026-01-29"),
    ("Posted May 24, 2026 10:05 am", "2026-05-24"), ("28. April 2023, 05:00 Uhr", "2023-04-28"),
])
def test_printed_dates_in_many_forms(printed, day):
    assert parse_printed_date(printed).date().isoformat() == day


@pytest.mark.parametrize("printed", ["04/05/2026", "Stand: 28.04.2023", "Updated May 5, 2026", "Mai 2026"])
def test_ambiguous_or_update_dates_are_not_read(printed):
    assert parse_printed_date(printed) is None


@pytest.mark.parametrize("placeholder", ["0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z"])
def test_placeholder_dates_are_no_dates(placeholder):
    head = ld({"@type": ARTICLE, "datePublished": placeholder}) + \
        og("article:published_time", "2026-05-05T09:30:00+02:00")
    assert published(head=head) == "2026-05-05T09:30:00+02:00"


def test_dates_in_other_common_markup():
    assert published(header='<time datetime="2019-11-18 17:19:53 GMT">Nov 18</time>') == \
        "2019-11-18T17:19:53+00:00"
    assert published(header='<abbr class="published" title="2019-11-18T17:19:53-05:00">Nov 18</abbr>') == \
        "2019-11-18T17:19:53-05:00"
    graph = {"@graph": [{"@type": "WebPage", "datePublished": "2018-04-18T14:39:09+02:00"}]}
    assert published(head=ld(graph)) == "2018-04-18T14:39:09+02:00"


def test_a_dateline_printed_as_loose_text_after_the_headline():
    header = "<dl class='title'><dt>Bahn-Streik</dt></dl> Veröffentlicht: [ 2018-09-28 17:32 ]"
    assert published("de", header=header) == "2018-09-28T00:00:00+00:00"


@pytest.mark.parametrize("lang, url, day", [
    ("de", URL, "2018-10-05"),                                        # German: day first
    ("en-US", URL, "2018-05-10"),                                     # American: month first
    ("en", URL, None),                                                # "en": cannot tell
    ("", "https://www.jornal.example.br/noticia/x", "2018-10-05"),    # no language, a country's domain
])
def test_a_numeric_date_is_read_in_the_pages_own_order(lang, url, day):
    page = article_page("de", header="<h1>Bahn-Streik</h1><small><b>05/10/2018</b></small>")
    page = page.replace('<html lang="de">', f'<html lang="{lang}">' if lang else "<html>")
    got = extract_article(page, url).published
    assert got == (f"{day}T00:00:00+00:00" if day else None)
