"""Authors: persons, split where several are named, without e-mail addresses, places, agency
suffixes or job titles; found in printed bylines when the metadata has none; an organisation
only when no person is named (the convention in README)."""

from __future__ import annotations

import pytest

from archiver.extract import extract_article
from archiver.extract.authors import ORG, PERSON, Name, split_names

from tests.support.pages import article_page, ld, meta, og

URL = "https://www.rheinblick.example/politik/2026/05/bahn-streik/"
ARTICLE = "NewsArticle"
SITE = og("og:site_name", "Rheinblick")


def authors(lang: str = "en", **parts) -> list[str]:
    parts["head"] = SITE + parts.get("head", "")
    return extract_article(article_page(lang, **parts), URL).authors


# -- e-mail addresses and places are no names ------------------------------------------------------
def test_email_addresses_are_no_names():
    assert authors(head=meta("author", "jane.roe@rheinblick.example")) == []
    assert authors(head=meta("author", "Jane Roe <jane.roe@rheinblick.example>")) == ["Jane Roe"]
    person = {"@type": "Person", "name": "max.muster@rheinblick.example"}
    assert authors("de", head=ld({"@type": ARTICLE, "author": person})) == []


@pytest.mark.parametrize("lang, byline, want", [
    ("en", "By Jane Roe, Frankfurt, Germany", ["Jane Roe"]),
    ("de", "Von Max Muster, Berlin", ["Max Muster"]),
    ("fr", "Par Jeanne Dupont, Lyon", ["Jeanne Dupont"]),
])
def test_places_after_a_name_are_no_names(lang, byline, want):
    lang = lang if lang in ("en", "de") else "en"
    assert authors(lang, header=f'<p class="byline">{byline}</p>') == want


# -- several names --------------------------------------------------------------------------------
@pytest.mark.parametrize("value, want", [
    ("Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
    ("Max Muster und Erika Musterfrau", ["Max Muster", "Erika Musterfrau"]),
    ("Max Muster, Erika Musterfrau und Hans Meier", ["Max Muster", "Erika Musterfrau", "Hans Meier"]),
    ("Jeanne Dupont et Paul Martin", ["Jeanne Dupont", "Paul Martin"]),
    ("Giulia Rossi e Marco Bianchi", ["Giulia Rossi", "Marco Bianchi"]),
    ("Lucía Pérez y Carlos Gómez", ["Lucía Pérez", "Carlos Gómez"]),
    ("Jane Roe & John Doe; Ann Lee", ["Jane Roe", "John Doe", "Ann Lee"]),
])
def test_several_names_are_split_in_json_ld_and_meta_tags(value, want):
    assert authors(head=ld({"@type": ARTICLE, "author": value})) == want
    assert authors(head=meta("author", value)) == want
    assert authors(head=ld({"@type": ARTICLE, "author": {"@type": "Person", "name": value}})) == want


def test_an_organisation_with_and_in_its_name_stays_whole():
    head = og("og:site_name", "Radio und Fernsehen Rheinland") + \
        ld({"@type": ARTICLE, "author": {"@type": "Organization", "name": "Radio und Fernsehen Rheinland"}})
    page = article_page("de", head=head)
    assert extract_article(page, URL).authors == ["Radio und Fernsehen Rheinland"]


# -- agencies --------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, want", [
    ("Jane Roe, dpa", ["Jane Roe"]),
    ("Max Muster (AFP)", ["Max Muster"]),
    ("Max Muster mit Reuters", ["Max Muster"]),
    ("dpa", ["dpa"]),
    ("AFP/dpa", ["AFP/dpa"]),
])
def test_an_agency_is_split_off_and_named_only_without_a_person(value, want):
    assert authors("de", head=meta("author", value)) == want


def test_agency_suffix_is_classified_as_an_organisation():
    assert split_names("Max Muster (AFP)") == [Name("Max Muster", PERSON), Name("AFP", ORG)]
    assert split_names("Jane Roe, dpa") == [Name("Jane Roe", PERSON), Name("dpa", ORG)]


# -- printed bylines -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, header, want", [
    ("en", '<p class="byline">By Jane Roe</p>', ["Jane Roe"]),
    ("en", '<div class="byline"><span>By</span> <a href="/staff/jane">Jane Roe</a> and '
           '<a href="/staff/john">John Doe</a><time>May 5, 2026</time></div>', ["Jane Roe", "John Doe"]),
    ("de", '<div class="autor">Von Max Muster</div>', ["Max Muster"]),
    ("de", '<p class="article-author">Ein Kommentar von Erika Musterfrau</p>', ["Erika Musterfrau"]),
    ("en", '<span class="auteur">Par Jeanne Dupont et Paul Martin</span>', ["Jeanne Dupont", "Paul Martin"]),
    ("en", '<div class="article-author">Di Giulia Rossi</div>', ["Giulia Rossi"]),
    ("en", '<p class="byline">Por Lucía Pérez</p>', ["Lucía Pérez"]),
    ("de", '<ul class="facts"><li><strong>Autorin/Autor</strong> Max Muster</li>'
           '<li><strong>Datum</strong> 28.04.2023</li></ul>', ["Max Muster"]),
    ("en", '<div class="meta"><a href="/author/jane-roe/">Jane Roe</a></div>', ["Jane Roe"]),
    ("en", '<p class="byline">By <span class="name">Emma Roe</span> '
           '<span class="role">Lifestyle Writer</span></p>', ["Emma Roe"]),
    ("de", '<p class="byline">Von Max Muster, Redakteur</p>', ["Max Muster"]),
    ("de", '<p class="byline">Von dpa</p>', ["dpa"]),
])
def test_bylines_printed_only_in_the_page_are_found(lang, header, want):
    assert authors(lang, header=f"<h1>Bahn-Streik</h1>{header}") == want


def test_authors_of_comments_quotes_and_teasers_are_not_the_byline():
    after = ('<section class="comments"><div class="comment-author">Karl Leser</div></section>'
             '<aside><div class="author">Anna Andere</div></aside>'
             '<div class="related-articles"><p class="byline">By John Other</p></div>')
    assert authors(after=after) == []


def test_metadata_persons_come_before_the_printed_byline():
    head = ld({"@type": ARTICLE, "author": {"@type": "Person", "name": "Jane Roe"}})
    assert authors(head=head, header='<p class="byline">By Jane Roe and the Desk</p>') == ["Jane Roe"]


# -- persons and organisations ---------------------------------------------------------------------
@pytest.mark.parametrize("lang, byline, want", [
    ("de", "Von Max Muster", ["Max Muster"]), ("en", "By Jane Roe", ["Jane Roe"])])
def test_a_printed_person_beats_an_organisation_in_the_metadata(lang, byline, want):
    head = ld({"@type": ARTICLE, "author": {"@type": "Organization", "name": "Rheinblick"}})
    assert authors(lang, head=head, header=f'<span class="author">{byline}</span>') == want


def test_a_person_named_like_the_site_is_the_site():
    head = ld({"@type": ARTICLE, "author": [{"@type": "Person", "name": "Rheinblick"},
                                              {"@type": "Person", "name": "Max Muster"}]})
    assert authors("de", head=head) == ["Max Muster"]


@pytest.mark.parametrize("author, want", [
    ({"@type": "Organization", "name": "Rheinblick"}, ["Rheinblick"]),
    ([{"@type": "Organization", "name": "dpa"}], ["dpa"]),
    ({"@type": "Person", "name": "Rheinblick Redaktion"}, ["Rheinblick Redaktion"]),
    ({"@type": "NewsMediaOrganization", "name": "Example Newsdesk"}, ["Example Newsdesk"]),
])
def test_an_organisation_is_the_author_when_no_person_is_named(author, want):
    assert authors("de", head=ld({"@type": ARTICLE, "author": author})) == want


def test_given_and_family_names_are_joined():
    people = [{"@type": "Person", "givenName": "Anna Maria", "familyName": "Berger"},
              {"@type": "Person", "givenName": "Jan", "familyName": "Novak"}]
    assert authors("de", head=ld({"@type": ARTICLE, "author": people})) == ["Anna Maria Berger", "Jan Novak"]


@pytest.mark.parametrize("value, want", [
    ("(Image: Getty Images)", []),
    ("https://www.facebook.com/rheinblick", []),
    ("jane-roe", []),                         # a URL slug, not a name
    ("Deutsche Welle (www.dw.com)", ["Deutsche Welle (www.dw.com)"]),    # an organisation
    ("박준석 기자", ["박준석"]),                  # a job title after the name
    ("松岡大地", ["松岡大地"]),
])
def test_what_is_no_person_name(value, want):
    assert authors(head=meta("author", value)) == want


@pytest.mark.parametrize("value, want", [
    ("LISA MASCARO, ERIC TUCKER, Associated Press", ["LISA MASCARO", "ERIC TUCKER"]),   # capitals: persons
    ("Max Muster. Rheinblick", ["Max Muster"]),                  # "Name. Outlet" (the site)
    ("Victor Tangermann, Futurism", ["Victor Tangermann"]),      # one word beside a full name: an outlet
    ("AP National", ["AP National"]),                             # an agency's desk, and nobody else
    ("admin", []),                                                # a CMS account, not a name
])
def test_metadata_values_in_the_wild(value, want):
    assert authors(head=meta("author", value)) == want


def test_a_desk_named_after_the_site_is_an_organisation():
    head = og("og:site_name", "RB") + meta("author", "Max Muster, RB Sachsen")
    assert extract_article(article_page("de", head=head), URL).authors == ["Max Muster"]
