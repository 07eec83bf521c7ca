"""Pages that are not articles give a reason, never an Article."""

from __future__ import annotations

import pytest

from archiver.extract import NotAnArticle, extract_article

from tests.support.pages import make_page

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


# -- consent walls ("Pur" walls): the whole page is the question "consent, or pay?" ---------------

PUR_WALL_DE = """<html lang="de"><head><title>Willkommen bei der Beispiel Zeitung</title></head><body>
<div class="x9f"><img src="/logo.svg" alt="Beispiel Zeitung"><h1>Willkommen bei der Beispiel Zeitung</h1>
<div class="q1"><p>Sie haben die Wahl: Lesen Sie unsere Inhalte mit Werbung und Tracking oder
werbefrei im Pur-Abo.</p>
<p>Mit Werbung lesen: Wir und unsere 212 Partner speichern und/oder greifen auf Informationen auf
einem Gerät zu, zum Beispiel Cookies, und verarbeiten personenbezogene Daten wie eindeutige
Kennungen für personalisierte Werbung und Inhalte, Werbe- und Inhaltsmessungen.</p>
<p>Ihre Einwilligung ist freiwillig und kann jederzeit über den Link Datenschutz-Einstellungen am
Ende jeder Seite widerrufen werden. Einige Partner verarbeiten Daten auf Grundlage eines
berechtigten Interesses.</p>
<p>Pur-Abo: Nutzen Sie unser Angebot werbefrei und ohne Tracking für 2,99 Euro im Monat,
monatlich kündbar.</p>
<p>Weitere Informationen finden Sie in unserer Datenschutzerklärung und in der Liste der Partner.</p>
<div class="b"><a class="btn" href="#">Akzeptieren und weiter</a> <a class="btn" href="/pur/">Jetzt Pur-Abo abschließen</a></div>
</div></div></body></html>"""

PUR_WALL_EN = """<html lang="en"><head><title>Welcome to The Example Times</title></head><body>
<div class="w"><h1>Welcome to The Example Times</h1>
<p>We and our 842 partners store and/or access information on a device, such as cookies, and
process personal data, such as unique identifiers and standard information sent by a device for
personalised ads and content, ad and content measurement, and audience insights.</p>
<p>With your consent, we and our partners may use precise geolocation data and identification
through device scanning. Some partners process data on the basis of legitimate interest, which
you can object to in the privacy settings.</p>
<p>Not keen on ads and tracking? Subscribe to the ad-free version for £1.99 a month.</p>
<p>You can change your choices at any time by visiting the privacy centre linked at the bottom of
every page.</p>
<p><a href="#">Accept all</a> <a href="#">Reject and subscribe</a> <a href="#">Manage preferences</a></p>
</div></body></html>"""

PUR_WALL_FR = """<html lang="fr"><head><title>Bienvenue sur Exemple.fr</title></head><body><main>
<h1>Bienvenue sur Exemple.fr</h1>
<p>Nous et nos 187 partenaires stockons et/ou accédons à des informations sur un appareil, comme
des cookies, et traitons des données personnelles, comme des identifiants uniques, pour des
publicités personnalisées et la mesure d'audience.</p>
<p>Votre consentement est facultatif. Certains partenaires s'appuient sur leur intérêt légitime;
vous pouvez vous y opposer dans les paramètres de confidentialité.</p>
<p>Vous pouvez aussi accéder au site sans publicité et sans cookies publicitaires avec
l'abonnement à 2 euros par mois.</p>
<p><a href="#">Accepter et continuer</a> <a href="/abo/">Refuser et s'abonner</a></p>
</main></body></html>"""

PUR_WALL_IT = """<html lang="it"><head><title>Benvenuto su Esempio</title></head><body><div>
<h1>Benvenuto su Esempio</h1>
<p>Noi e i nostri 300 partner utilizziamo cookie e trattiamo dati personali, come identificatori
univoci, per annunci personalizzati e per misurare il pubblico, anche sulla base del legittimo
interesse.</p>
<p>Puoi dare il tuo consenso cliccando su Accetta, oppure leggere senza pubblicità e senza
tracciamento con l'abbonamento a 1 euro al mese.</p>
<p>Puoi modificare le tue scelte in qualsiasi momento dalle impostazioni della privacy.</p>
<p><a href="#">Accetta e continua</a> <a href="/abbonati/">Rifiuta e abbonati</a></p>
</div></body></html>"""


@pytest.mark.parametrize("html", [PUR_WALL_DE, PUR_WALL_EN, PUR_WALL_FR, PUR_WALL_IT],
                         ids=["de", "en", "fr", "it"])
def test_pur_consent_wall(html):
    """Told by what the text is about, not by class names (these have none to go by)."""
    assert reason_of(html) == "consent_wall"


COOKIE_NEWS = (
    "The data protection authority fined a large retailer on Tuesday for the way its website "
    "asked visitors for consent to advertising cookies.",
    "According to the ruling, the button to reject cookies was hidden in a second layer of the "
    "banner, while accepting took a single click.",
    "The retailer said it would appeal. A spokesperson said the company had followed the "
    "guidance that was in force when the banner was designed three years ago.",
    "Consumer groups welcomed the decision and said they expected more fines this year, as "
    "several authorities have announced checks of popular shopping sites.",
    "The fine amounts to two million euros and is the largest the authority has imposed since "
    "it was given new powers in the spring.",
)


def test_news_about_cookie_rules_is_an_article():
    html = make_page(paragraphs=COOKIE_NEWS, title="Retailer fined over cookie banner")
    assert "two million euros" in extract_article(html, URL).text


def test_short_article_that_mentions_cookies_is_an_article():
    html = make_page(paragraphs=COOKIE_NEWS[:2], title="Retailer fined over cookie banner")
    assert "second layer" in extract_article(html, URL).text


# -- listings: teasers *and* no article-like text --------------------------------------------------

def _teasers(n: int) -> str:
    return "".join(f"<div class='t'><h3><a href='/s{i}/'>Another story number {i} from the city"
                   f"</a></h3></div>" for i in range(n))


def test_article_surrounded_by_teaser_links_is_an_article():
    """No og:type, no JSON-LD: twelve teaser cards around a plain article."""
    html = make_page(chrome=_teasers(6), after=_teasers(6))
    assert "tram depot" in extract_article(html, URL).text


def test_long_blog_post_with_a_long_sidebar_is_an_article():
    from tests.support.pages import EN
    paras = tuple(f"{EN[i % 4]} ({i})" for i in range(40))
    html = make_page(paragraphs=paras, after=f"<div class='archive'>{_teasers(60)}</div>")
    assert "(39)" in extract_article(html, URL).text


def test_article_with_a_photo_gallery_is_an_article():
    from tests.support.pages import EN
    gallery = "".join(f"<figure><a href='/gallery/{i}/'><img src='/g{i}.jpg' alt=''></a>"
                      f"<figcaption><a href='/gallery/{i}/'>Picture {i} of the depot</a></figcaption>"
                      f"</figure><h3><a href='/gallery/{i}/'>Hall number {i}</a></h3>" for i in range(10))
    html = make_page(paragraphs=EN[:3], after=gallery)
    assert "tram depot" in extract_article(html, URL).text
