"""Boxes an independent mirror writes without a wrapper, and metadata it gives only as text.

A boilerplate title followed by its list as flat siblings ("Key Points" + <ul>), a lead image
without <figure>, a byline date printed as "17. Feb. 2026": each generic, each tested in both
directions (the junk goes, the article stays).
"""

from __future__ import annotations

import pytest

from archiver.extract import extract_article
from archiver.extract.dates import parse_printed_date

from tests.support.pages import EN, TEXTS, make_page

URL = "https://news.example.org/2026/05/tram-depot-library/"


def test_boilerplate_heading_takes_its_flat_list_along():
    inside = ("<h3>Related articles</h3><ul><li>Buses get new seats this spring</li>"
              "<li>Bridge repairs start on Monday morning</li></ul>")
    text = extract_article(make_page(inside=inside), URL).text
    assert "Buses get new seats" not in text and "Bridge repairs" not in text
    assert all(p in text for p in EN)


def test_upsell_title_takes_one_line_and_the_benefit_list():
    after_para = ("<p>Subscribe now</p><p>Curated by people, every week.</p>"
                  "<ul><li>No banners at all</li><li>Weekly briefing</li></ul>")
    text = extract_article(make_page(inside=after_para), URL).text
    assert "No banners at all" not in text and "Curated by people" not in text
    assert all(p in text for p in EN)


def test_a_false_title_never_takes_prose_or_a_list_after_prose():
    # "Most popular" starts a boilerplate phrase, but here a paragraph follows: the section ends.
    inside = ("<h2>Most popular</h2><p>" + EN[0] + "</p><ul><li>Reading rooms on two floors</li>"
              "<li>A café in the old ticket hall</li></ul>")
    text = extract_article(make_page(inside=inside, paragraphs=EN[1:]), URL).text
    assert EN[0] in text and "Reading rooms on two floors" in text


def test_list_after_an_ordinary_heading_stays():
    inside = "<h3>What the library will offer</h3><ul><li>Reading rooms</li><li>A café</li></ul>"
    text = extract_article(make_page(inside=inside), URL).text
    assert "Reading rooms" in text and "A café" in text


@pytest.mark.parametrize("printed, iso", [
    ("Feb 17, 2026", "2026-02-17"), ("17. Feb. 2026", "2026-02-17"),
    ("17. Februar 2026", "2026-02-17"), ("3. März 2026", "2026-03-03"),
    ("Sept. 2, 2024", "2024-09-02"), ("17.02.2026", "2026-02-17"),
])
def test_printed_dates(printed, iso):
    assert parse_printed_date(printed).date().isoformat() == iso


@pytest.mark.parametrize("printed", ["Foo 1, 2020", "32. Jan. 2020", "about 2020", ""])
def test_not_printed_dates(printed):
    assert parse_printed_date(printed) is None


def test_printed_byline_date_is_the_last_resort():
    before = '<div class="x"><a href="/author/jane/">Jane Roe</a> <span>17. Feb. 2026</span></div>'
    article = extract_article(make_page("de", before=before), URL)
    assert article.published == "2026-02-17T00:00:00+00:00"
    head = '<meta property="article:published_time" content="2026-02-16T08:00:00+01:00">'
    assert extract_article(make_page("de", before=before, head=head), URL).published.startswith("2026-02-16")


def test_a_date_inside_the_body_is_not_the_byline():
    paras = (TEXTS["en"][0], "Jan 5, 2020") + TEXTS["en"][1:]
    assert extract_article(make_page(paragraphs=paras), URL).published is None


def test_lead_image_without_figure_with_credit_line_and_icons_skipped():
    before = ('<span><img src="/icons/calendar.svg" alt="Date of publication"> Feb 17, 2026</span>'
              '<div><img src="/uploads/lead.jpg" alt="Image description">'
              "<span>Midjourney prompted by Example News</span></div>")
    image = extract_article(make_page(before=before), URL).image
    assert image["url"] == "https://news.example.org/uploads/lead.jpg"
    assert image["credit"] == "Midjourney prompted by Example News"


def test_an_in_body_figure_is_not_the_lead_image():
    inside = '<figure><img src="/uploads/plan.jpg"><figcaption>The plan | Image: City</figcaption></figure>'
    assert extract_article(make_page(inside=inside), URL).image is None
