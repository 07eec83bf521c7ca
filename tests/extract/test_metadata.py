"""Metadata precedence: JSON-LD, then OpenGraph/meta, then the markup."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from archiver.extract import extract_article

from tests.support.pages import make_page

URL = "https://news.example.org/2026/05/tram-depot-library/?utm_source=x"

GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "NewsArticle", "@id": "#article", "headline": "Depot to become library",
         "datePublished": "2026-05-05T09:30:00+02:00", "dateModified": "2026-05-06T10:00:00Z",
         "author": [{"@id": "#jane"}, {"@id": "#john"}, {"@type": "Organization", "name": "Example News"}],
         "publisher": {"@id": "#org"}, "inLanguage": "en-GB", "articleSection": "City",
         "keywords": "libraries, trams", "isAccessibleForFree": True,
         "image": {"@type": "ImageObject", "url": "https://news.example.org/img/ld.jpg"}},
        {"@type": "Person", "@id": "#jane", "name": "By Jane Roe"},
        {"@type": "Person", "@id": "#john", "name": "John Doe"},
        {"@type": "Organization", "@id": "#org", "name": "Example News"},
    ],
}
OG = ('<meta property="og:title" content="OG title | Example News">'
      '<meta property="og:url" content="/2026/05/tram-depot-library/">'
      '<meta property="article:published_time" content="2026-01-01T00:00:00+00:00">'
      '<meta property="article:section" content="Local"><meta property="article:tag" content="depots">'
      '<meta property="og:image" content="/img/og.jpg"><meta name="description" content="Short.">')


def ld(data) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_jsonld_wins_over_opengraph():
    page = make_page(head=ld(GRAPH) + OG).replace("<h1>Old tram depot becomes a library</h1>", "")
    page = page.replace("<title>Old tram depot becomes a library | Example News</title>", "")
    a = extract_article(page, URL)
    assert a.title == "Depot to become library"
    assert a.publisher == "Example News"
    assert a.authors == ["Jane Roe", "John Doe"]
    assert a.published == "2026-05-05T09:30:00+02:00"
    assert a.modified == "2026-05-06T10:00:00+00:00"
    assert a.section == "City"
    assert a.tags == ["depots", "libraries", "trams"]
    assert a.declared_language == "en"            # html lang comes first
    assert a.canonical_url == "https://news.example.org/2026/05/tram-depot-library/"
    assert a.image["url"] == "https://news.example.org/img/og.jpg"
    assert a.description == "Short."


def test_the_stated_title_the_page_shows_wins():
    """JSON-LD, og:title and <title> differ; the one the article's heading shows is the title."""
    a = extract_article(make_page(head=ld(GRAPH) + OG), URL)
    assert a.title == "Old tram depot becomes a library"


def test_opengraph_then_title_then_h1():
    page = make_page(head=OG).replace("<title>Old tram depot becomes a library | Example News</title>", "")
    assert extract_article(page, URL).title == "OG title"
    assert extract_article(make_page(title="Heading only"), URL).title == "Heading only"
    plain = make_page().replace("<h1>Old tram depot becomes a library</h1>", "")
    assert extract_article(plain, URL).title == "Old tram depot becomes a library"


def test_canonical_link_is_absolute_and_preferred():
    head = '<link rel="canonical" href="/canonical/path/">' + OG
    assert extract_article(make_page(head=head), URL).canonical_url == "https://news.example.org/canonical/path/"


def test_dates_have_offsets_and_never_follow_the_fetch():
    head = '<meta property="article:published_time" content="2026-05-05 09:30:00">'
    a = extract_article(make_page(head=head), URL)
    assert a.published == "2026-05-05T09:30:00+00:00"
    fetched = datetime(2026, 3, 1, tzinfo=timezone.utc)
    future = ld({"@type": "Article", "headline": "x", "datePublished": "2027-01-01T00:00:00Z"})
    time_el = '<time datetime="2026-02-01T08:00:00+01:00">Feb 1</time>'
    a = extract_article(make_page(head=future, before=time_el), URL, fetched_at=fetched)
    assert a.published == "2026-02-01T08:00:00+01:00"


def test_authors_from_meta_and_byline_links():
    a = extract_article(make_page(head='<meta name="author" content="Jane Roe, John Doe">'), URL)
    assert a.authors == ["Jane Roe", "John Doe"]
    byline = '<p class="byline">By <a rel="author" href="/author/jane-roe/">Jane Roe</a></p>'
    assert extract_article(make_page(before=byline), URL).authors == ["Jane Roe"]


def test_lead_image_caption_and_credit():
    fig = ('<figure><img src="/img/lead.jpg" alt="Image description"><figcaption>The old depot '
           '<span class="credit">Photo: Ann Lee</span></figcaption></figure>')
    a = extract_article(make_page(before=fig), URL)
    assert a.image == {"url": "https://news.example.org/img/lead.jpg", "caption": "The old depot",
                       "credit": "Photo: Ann Lee"}
    fig2 = ('<figure><img src="/img/lead.jpg"><figcaption>Midjourney prompted by THE DECODER'
            '</figcaption></figure>')
    a = extract_article(make_page(before=fig2), URL)
    assert a.image["credit"] == "Midjourney prompted by THE DECODER" and a.image["caption"] is None
    fig3 = '<figure><img src="/i.jpg"><figcaption>Crowds at the depot | Image: City Archive</figcaption></figure>'
    a = extract_article(make_page(before=fig3), URL)
    assert (a.image["caption"], a.image["credit"]) == ("Crowds at the depot", "Image: City Archive")


def test_source_line_goes_to_sources_not_text():
    line = ('<p>Source: <a href="https://bloomberg.example/x">Bloomberg</a> | '
            '<a href="https://stack.example/y">Stackdiary</a></p>')
    a = extract_article(make_page(after=line), URL)
    assert a.sources == [{"name": "Bloomberg", "url": "https://bloomberg.example/x"},
                         {"name": "Stackdiary", "url": "https://stack.example/y"}]
    assert "Bloomberg" not in a.text and "Bloomberg" not in a.html
    de = extract_article(make_page("de", after="<p>Quelle: Reuters</p>"), URL)
    assert de.sources == [{"name": "Reuters", "url": None}]
    assert "Quelle" not in de.text
