"""Titles: entities decoded, the site's name taken off, the headline the reader sees chosen,
kickers left out where the sources disagree on them, and a title for refused pages too."""

from __future__ import annotations

import pytest

from archiver.extract import NotAnArticle, extract_article
from archiver.extract.titles import site_keys, strip_site

from tests.support.pages import article_page, ld, meta, og

URL = "https://www.rheinblick.example/politik/2026/05/bahn-streik/"
ARTICLE = "NewsArticle"


# -- entities -------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, head, title_tag, want", [
    ("de", ld({"@type": ARTICLE, "headline": "Wie Roboter Lagerh&auml;user zerst&ouml;ren"}), None,
     "Wie Roboter Lagerhäuser zerstören"),
    ("en", og("og:title", 'Mayor says &quot;no&quot; to the tower'), None, 'Mayor says "no" to the tower'),
    ("en", og("og:title", "Mayor says &amp;quot;no&amp;quot; to the tower"), None,       # encoded twice
     'Mayor says "no" to the tower'),
    ("en", "", "Council&#039;s plan &#8216;on hold&#8217;", "Council's plan ‘on hold’"),
    ("de", "", "Gr&uuml;ne fordern Tempo&shy;limit", "Grüne fordern Tempolimit"),   # soft hyphen gone
])
def test_entities_are_decoded_whatever_the_source(lang, head, title_tag, want):
    page = article_page(lang, head=head, title_tag=title_tag)
    assert extract_article(page, URL).title == want


# -- the site's name around the headline ----------------------------------------------------------
@pytest.mark.parametrize("names, title, want", [
    (["Rheinische Börsenpost"], "Anleihen steigen weiter | Rheinische Börsenpost", "Anleihen steigen weiter"),
    (["The Harbour Courier"], "Council approves budget | Politics | The Harbour Courier", "Council approves budget"),
    (["Harbour Courier"], "Harbour Courier - Council approves budget", "Council approves budget"),
    (["RB"], "Bahn-Streik: Was Pendler wissen müssen | Politik | RB | 28.04.2023",
     "Bahn-Streik: Was Pendler wissen müssen"),
    (["Rheinblick"], "Rheinblick: Bahn-Streik legt Pendelverkehr lahm", "Bahn-Streik legt Pendelverkehr lahm"),
    ([], "Bahn-Streik legt Pendelverkehr lahm - rheinblick.example", "Bahn-Streik legt Pendelverkehr lahm"),
    ([], "Bahn-Streik legt Pendelverkehr lahm – Rheinblick Online", "Bahn-Streik legt Pendelverkehr lahm"),
    (["ライン新聞"], "鉄道ストで通勤に混乱：ライン新聞", "鉄道ストで通勤に混乱"),
    (["Rheinblick"], "Council votes - here's how to check your bill", "Council votes - here's how to check your bill"),
    (["Rheinblick"], "Covid-19 | Rheinblick", "Covid-19"),
])
def test_site_name_section_and_date_are_taken_off(names, title, want):
    assert strip_site(title, site_keys(names, URL)) == want


def test_site_suffix_is_taken_off_in_the_record_too():
    head = og("og:site_name", "Rheinblick") + og("og:title", "Bahn-Streik: Züge stehen still | Rheinblick")
    assert extract_article(article_page("de", head=head), URL).title == "Bahn-Streik: Züge stehen still"


# -- which statement is the title ------------------------------------------------------------------
@pytest.mark.parametrize("lang, seo, shown", [
    ("de", "Bahn-Streik heute: Alle Infos zu Ausfällen, Ersatzverkehr und Erstattung",
     "Stillstand auf der Schiene: Pendler im Stau"),
    ("en", "Rail strike today: all you need to know about cancellations and refunds",
     "Standstill on the tracks: commuters stuck in traffic"),
])
def test_the_headline_the_page_shows_beats_the_search_engine_headline(lang, seo, shown):
    head = (ld({"@type": ARTICLE, "headline": seo}) + og("og:title", shown) +
            meta("twitter:title", seo))
    crumbs = f'<nav class="breadcrumb"><ol><li><h1>{seo}</h1></li></ol></nav>'
    page = article_page(lang, head=head, chrome=crumbs, header=f"<h1>{shown}</h1>",
                        title_tag=f"{seo} | Rheinblick")
    assert extract_article(page, URL).title == shown


def test_the_visible_headline_beats_the_title_tag():
    """<title> says one thing, the page's own headline (stated as og:title) another."""
    head = og("og:title", "Council approves the harbour budget")
    page = article_page("en", head=head, header="<h1>Council approves the harbour budget</h1>",
                        title_tag="Harbour budget 2026: what changes for residents | Harbour Courier")
    assert extract_article(page, URL).title == "Council approves the harbour budget"


def test_without_a_visible_match_json_ld_comes_first():
    head = ld({"@type": ARTICLE, "headline": "Strike halts trains across the region"}) + \
        og("og:title", "Trains halted")
    page = article_page("en", head=head, header="<h1>Live: what commuters need to know</h1>")
    assert extract_article(page, URL).title == "Strike halts trains across the region"


def test_json_ld_and_opengraph_agreeing_are_the_title():
    head = (ld({"@type": ARTICLE, "headline": "Strike halts trains"}) + og("og:title", "Strike halts trains") +
            meta("twitter:title", "Strike! Trains halted"))
    page = article_page("en", head=head, header='<h2 class="headline">Strike! Trains halted</h2>')
    assert extract_article(page, URL).title == "Strike halts trains"


@pytest.mark.parametrize("lang, kicker, headline", [
    ("en", "Rail strike", "Commuters face a week without trains"),
    ("de", "Bahn-Streik", "Pendler stehen eine Woche ohne Züge da"),
])
def test_a_kicker_one_source_adds_is_not_the_title(lang, kicker, headline):
    head = ld({"@type": ARTICLE, "headline": f"{kicker}: {headline}"}) + og("og:title", headline)
    assert extract_article(article_page(lang, head=head), URL).title == headline


def test_a_heading_printed_as_kicker_and_headline_gives_the_headline():
    """The metadata carries one kicker, the page prints another above the same headline."""
    head = og("og:title", "Angriff auf das Netz: «Wir waren nicht vorbereitet»")
    header = ('<h1 class="article-title"><span class="article-title__overline">Cyberattacke</span>'
              '<span class="h-offscreen"> - </span>'
              '<span class="article-title__text">«Wir waren nicht vorbereitet»</span></h1>')
    page = article_page("de", head=head, header=header)
    assert extract_article(page, URL).title == "«Wir waren nicht vorbereitet»"


def test_a_heading_split_over_elements_matches_its_statement():
    """Kicker and headline in two spans read "Kicker Headline": still the stated title."""
    head = (og("og:title", "Bahn-Streik: Pendler im Stau") +
            ld({"@type": ARTICLE, "headline": "Pendler warten auf Ersatzbusse"}))
    header = '<h1><span class="kicker">Bahn-Streik</span><span>Pendler im Stau</span></h1>'
    page = article_page("de", head=head, header=header)
    assert extract_article(page, URL).title == "Bahn-Streik: Pendler im Stau"


# -- refused pages ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, wall, title", [
    ("en", "<h2>Before you continue</h2><p>We use cookies. Accept all or manage consent.</p>"
           "<button>Accept all</button>", "Before you continue"),
    ("de", "<h2>Bevor Sie weiterlesen</h2><p>Wir verwenden Cookies. Alle akzeptieren oder "
           "Zustimmung verwalten.</p><button>Alle akzeptieren</button>", "Bevor Sie weiterlesen"),
])
def test_a_refused_page_still_has_its_title(lang, wall, title):
    page = (f'<html lang="{lang}"><head><title>{title} | Rheinblick</title>'
            f'{og("og:site_name", "Rheinblick")}</head><body><div class="cmp-wall">{wall}</div></body></html>')
    with pytest.raises(NotAnArticle) as refused:
        extract_article(page, URL)
    assert refused.value.reason == "consent_wall"
    assert refused.value.title == title
    assert refused.value.meta.publisher == "Rheinblick"


def test_a_phrase_starting_with_the_sites_name_is_not_the_site():
    keys = site_keys(["The Harbour Courier"], "https://www.harbourcourier.example/x")
    title = "The Harbour Courier view on the ferry strike: a port on the brink"
    assert strip_site(title, keys) == title
    assert strip_site("The Harbour Courier: a port on the brink", keys) == "a port on the brink"
