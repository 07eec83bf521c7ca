"""One page per boilerplate kind, in English and German: the block goes, the article stays."""

from __future__ import annotations

import pytest

from archiver.extract import extract_article

from .conftest import TEXTS, make_page

URL = "https://news.example.org/2026/05/tram-depot-library/"

# (kind, where, html, the string that must not survive, the kind expected in `removed`)
CASES = {
    "en": [
        ("ad_label", "inside", '<div class="ad-container"><span>Advertisement</span>'
         '<div id="gpt-slot-1">Buy shoes now at great prices</div></div>', "Buy shoes now", "ad"),
        ("ad_text_label", "inside", "<p>Ad</p>", "\nAd\n", "ad"),
        ("upsell", "after", '<div class="subscription-box"><h3>Support independent journalism</h3>'
         "<p>Subscribe now and read every article without limits.</p></div>", "Subscribe now", "upsell"),
        ("newsletter", "after", '<section class="newsletter"><h3>Stay in the loop</h3><p>Get our '
         "daily briefing.</p><p>Your email address</p></section>", "daily briefing", "newsletter"),
        ("consent", "chrome", '<div id="cookie-banner"><p>We use cookies to improve your '
         "experience.</p><a href='#'>Accept all</a></div>", "We use cookies", "consent"),
        ("share", "before", '<div class="share-bar"><a href="#">Share this article</a>'
         '<a href="#">Copy the url to clipboard</a></div>', "Share this article", "share"),
        ("comments", "after", '<section id="comments"><h3>12 comments</h3><p>Great piece, thanks '
         "for writing it!</p></section>", "Great piece", "comments"),
        ("related", "after", '<div class="related-posts"><h3>Related articles</h3><ul><li><a '
         'href="/a/">City buys new buses</a></li><li><a href="/b/">Bridge repairs start</a></li>'
         "</ul></div>", "City buys new buses", "related"),
        ("most_popular", "after", "<div><h3>Most Popular</h3><ol><li><a href='/x/'>A story about "
         "cats</a></li><li><a href='/y/'>A story about dogs</a></li></ol></div>", "story about cats",
         "related"),
        ("author_box", "after", '<div class="author-bio"><p>Jane Roe covers city hall and has '
         "written for the paper since 2009.</p></div>", "covers city hall", "author_box"),
        ("breadcrumb", "before", '<div class="breadcrumbs"><a href="/">Home</a> › <a '
         'href="/city/">City</a></div>', "Home ›", "breadcrumb"),
        ("skip_link", "chrome", '<a class="skip-link" href="#content">Skip to content</a>',
         "Skip to content", "skip_link"),
        ("dateline", "before", '<p class="posted">Updated 9:41 am EST, Tuesday, May 5, 2026</p>',
         "9:41", "meta"),
        ("byline", "before", "<p>By Jane Roe and John Doe</p>", "Jane Roe", "meta"),
    ],
    "de": [
        ("ad_label", "inside", "<div><span>Anzeige</span><div id='DEC_D_Incontent-1'></div></div>",
         "Anzeige", "ad"),
        ("upsell", "after", "<div><h3>Jetzt abonnieren</h3><p>Lesen Sie alle Artikel ohne "
         "Werbung.</p></div>", "ohne Werbung", "upsell"),
        ("newsletter", "after", '<div class="newsletter-signup"><p>Newsletter abonnieren und '
         "nichts verpassen.</p></div>", "nichts verpassen", "newsletter"),
        ("consent", "chrome", '<div class="consent-layer"><p>Wir verwenden Cookies, um unsere '
         "Website zu verbessern.</p><button>Alle akzeptieren</button></div>", "Cookies", "consent"),
        ("share", "before", "<div class='teilen'><a href='#'>Artikel teilen</a></div>",
         "Artikel teilen", "share"),
        ("comments", "after", "<div class='kommentare'><h3>Kommentare</h3><p>Endlich eine gute "
         "Entscheidung der Stadt!</p></div>", "Endlich eine gute", "comments"),
        ("related", "after", "<div><h3>Das könnte Sie auch interessieren</h3><ul><li><a "
         "href='/a/'>Neue Busse für die Stadt</a></li><li><a href='/b/'>Brücke wird saniert</a>"
         "</li></ul></div>", "Neue Busse", "related"),
        ("skip_link", "chrome", "<a href='#content'>Zum Inhalt springen</a>", "Zum Inhalt", "skip_link"),
    ],
}


@pytest.mark.parametrize("lang,case", [(lang, c) for lang, cs in CASES.items() for c in cs],
                         ids=lambda v: v if isinstance(v, str) else v[0])
def test_boilerplate_kind_removed(lang, case):
    name, where, snippet, leftover, kind = case
    html = make_page(lang, **{where: snippet})
    article = extract_article(html, URL)
    assert leftover.strip() not in article.text, article.text
    assert leftover.strip() not in article.html
    for paragraph in TEXTS[lang]:
        assert paragraph in article.text
    assert article.removed.get(kind, 0) >= 1, article.removed


def test_chrome_outside_article_removed():
    html = make_page(chrome="<header><nav><a href='/'>Home</a><a href='/world/'>World</a></nav>"
                            "</header><aside><p>Weather: sunny and warm all week long.</p></aside>")
    article = extract_article(html, URL)
    assert "World" not in article.text and "Weather" not in article.text
    assert "About" not in article.text and "Imprint" not in article.text


def test_title_not_repeated_in_body():
    article = extract_article(make_page(), URL)
    assert article.title == "Old tram depot becomes a library"
    assert "Old tram depot" not in article.text


def test_body_word_is_not_a_class_word():
    """'header' and 'shadow' contain 'ad' but are not ad tokens: their text stays."""
    html = make_page(inside='<div class="shadow-header"><p>The depot was built in 1904 and served '
                            "the eastern tram lines until they closed in 1961.</p></div>")
    assert "built in 1904" in extract_article(html, URL).text
