"""One page per boilerplate kind, in English and German: the block goes, the article stays."""

from __future__ import annotations

import pytest

from archiver.extract import extract_article

from tests.support.pages import TEXTS, make_page

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
        # Told by what they say, whatever their classes (utility classes only here).
        ("subscription_box", "after", '<div class="not-prose my-10 rounded-2xl p-6"><h3>News '
         "without the noise</h3><p>With a subscription you read ad-free and get 25 % off our "
         "events.</p><ul><li>No ad banners</li><li>Full access to the archive</li></ul><p><a "
         'class="btn" href="/subscription/">Subscribe now</a></p></div>', "ad-free", "upsell"),
        ("registration_prompt", "after", '<div class="intro-body__register"><p>REGISTER TO '
         "UNLOCK MORE ARTICLES</p><p>Create an account or sign in to continue with your reading "
         'experience.</p><a href="/register/">Register</a></div>', "UNLOCK MORE", "upsell"),
        ("video_fallback", "inside", "<div class='vjs'><p>To view this video please enable "
         "JavaScript, and consider upgrading to a web browser that supports HTML5 video</p></div>",
         "enable JavaScript", "embed"),
        ("screen_reader_text", "inside", "<p><span class='h-offscreen'>Box aufklappen</span></p>",
         "aufklappen", "skip_link"),
        ("labelled_teaser_link", "inside", "<p>READ MORE | <a href='/2026/05/buses/'>City buys "
         "forty new electric buses</a></p>", "forty new electric", "related"),
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
        ("subscription_box", "after", "<div class='mt-10 rounded-2xl bg-neutral-900 p-6'><p><strong>"
         "Nachrichten ohne Lärm</strong></p><ul><li>Mehr als 20 Prozent Rabatt.</li><li>Lesen "
         "ohne Ablenkung – keine Werbebanner.</li></ul><p><a href='/abo/'>Jetzt abonnieren</a>"
         "</p></div>", "Werbebanner", "upsell"),
        ("support_appeal", "after", "<div class='tzi-bottom'><p>Gemeinsam stark</p><p>Eine offene "
         "Gesellschaft braucht frei zugänglichen Journalismus. Unterstützen Sie unsere Arbeit "
         "mit einem Beitrag Ihrer Wahl.</p><a href='/spenden/'>Jetzt unterstützen</a></div>",
         "frei zugänglichen", "upsell"),
        ("two_click_embed", "inside", "<div class='yt-x'><h4>Empfohlener redaktioneller "
         "Inhalt</h4><p>An dieser Stelle findest du einen externen Inhalt von YouTube, der den "
         "Artikel ergänzt.</p><p>Ich bin damit einverstanden, dass mir Inhalte von YouTube "
         "angezeigt werden.</p></div>", "externen Inhalt", "embed"),
        ("dateline_sv", "before", "<p class='x'>Publicerad 23 okt 2025 kl 10.23 Uppdaterad kl "
         "12.17</p>", "Publicerad", "meta"),
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
