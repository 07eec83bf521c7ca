"""Pages that are not articles give a reason, never an Article."""

from __future__ import annotations

import pytest

from archiver.extract import NotAnArticle, extract_article

from .conftest import make_page

URL = "https://news.example.org/some/page/"


def reason_of(html: str | bytes) -> str:
    with pytest.raises(NotAnArticle) as info:
        extract_article(html, URL)
    return info.value.reason


def test_consent_wall():
    html = ("<html><head><title>Before you continue</title></head><body><div class='consent'>"
            "<h1>We value your privacy</h1><p>We and our partners store and access information on "
            "your device.</p><button>Accept all</button><button>Manage options</button></div></body></html>")
    assert reason_of(html) == "consent_wall"


def test_consent_wall_german():
    html = ("<html lang='de'><body><div id='cmp'><p>Wir verwenden Cookies und ähnliche Technologien."
            "</p><button>Alle akzeptieren</button></div><p>Zustimmen und weiter</p></body></html>")
    assert reason_of(html) == "consent_wall"


def test_captcha_challenge():
    html = ("<html><head><title>Just a moment...</title></head><body><div id='challenge-form'>"
            "<p>Checking your browser before accessing the site.</p><div class='g-recaptcha'></div>"
            "</div></body></html>")
    assert reason_of(html) == "challenge"


def test_login_wall():
    html = ("<html><body><main><h1>Sign in to continue reading</h1><form><input name='user'>"
            "<input type='password' name='pw'><button>Log in</button></form></main></body></html>")
    assert reason_of(html) == "login_wall"


def test_error_page():
    html = make_page(title="Page not found", paragraphs=(
        "Sorry, the page you are looking for does not exist or has been moved to a new address.",))
    assert reason_of(html) == "error_page"


def test_listing_page():
    cards = "".join(
        f"<article class='card'><h2><a href='/story-{i}/'>Story number {i} about the city</a></h2>"
        f"<p>A short teaser for story {i}.</p></article>" for i in range(10))
    html = f"<html><head><title>City news</title></head><body><main>{cards}</main></body></html>"
    assert reason_of(html) == "listing"


def test_empty_and_garbage():
    assert reason_of("") == "empty"
    assert reason_of(b"\x00\xff\xfe garbage \x81") in ("not_html", "empty")
    assert reason_of("<html><body><p>Hi.</p></body></html>") == "empty"
    assert reason_of('{"json": true}') == "not_html"


def test_short_article_beside_a_cookie_banner_is_an_article():
    """Walls are only called when little text survives: a real article with a banner passes."""
    html = make_page(chrome="<div class='cookie-notice'><p>We use cookies.</p><button>Accept all"
                            "</button></div><div class='g-recaptcha'></div>")
    assert "tram depot" in extract_article(html, URL).text


def test_article_with_many_related_teasers_is_an_article():
    related = "".join(f"<h3><a href='/r{i}/'>Related story {i}</a></h3>" for i in range(8))
    head = '<meta property="og:type" content="article">'
    html = make_page(head=head, after=f"<div class='more'>{related}</div>")
    assert "tram depot" in extract_article(html, URL).text


def test_control_characters_and_bodyless_pages_do_not_crash():
    html = make_page().replace("decade.", "decade.\x01\x0b\ufffe")
    assert "decade." in extract_article(html, URL).text
    assert reason_of("<html><head><title>t</title></head></html>") == "empty"
