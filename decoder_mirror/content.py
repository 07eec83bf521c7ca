"""The two editions of the mirror as data: sections, authors, posts, static and account pages.

Real base URLs throughout; the server rewrites them to the mirror's bases at serve time.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from . import content_de, content_en
from .model import Author, Edition, Post, Section, StaticPage

BASES = {"en": "https://the-decoder.com", "de": "https://the-decoder.de"}

# Posts published before this day are rendered in the older WordPress markup (`.entry-content`,
# `.summary__text`, `a.link-overlay`); later ones in the current utility-class markup.
REDESIGN = date(2025, 9, 1)

_EN_HUB = Section("artificial-intelligence-news", "AI news", "/artificial-intelligence-news/")
_DE_HUB = Section("kuenstliche-intelligenz-news", "KI-News", "/kuenstliche-intelligenz-news/")


def _sub(hub: Section, slug: str, name: str) -> Section:
    return Section(slug, name, f"{hub.path}{slug}/")


_LI = "https://www.linkedin.com/in/"
_AV = "/wp-content/uploads/2024/01/"

EN = Edition(
    code="en", base=BASES["en"], html_lang="en-US", locale="en_US", hub=_EN_HUB,
    sections=(_sub(_EN_HUB, "ai-research", "AI research"),
              _sub(_EN_HUB, "ai-and-society", "AI and society"),
              _sub(_EN_HUB, "ai-practice", "AI in practice"),
              _sub(_EN_HUB, "short-news", "Short news")),
    authors=(Author("clara-whitfield", "Clara Whitfield", _LI + "clara-whitfield-example/",
                    _AV + "clara-whitfield-96x96.png"),
             Author("jonas-reiter", "Jonas Reiter", _LI + "jonas-reiter-example/",
                    _AV + "jonas-reiter-96x96.png"),
             Author("marco-stein", "Marco Stein", _LI + "marco-stein-example/",
                    _AV + "marco-stein-96x96.png"),
             Author("priya-raman", "Priya Raman", _LI + "priya-raman-example/",
                    _AV + "priya-raman-96x96.png")),
    posts=content_en.POSTS,
    static_pages=(
        StaticPage("/about/", "About THE DECODER", (
            "THE DECODER covers artificial intelligence for professionals: research, products and "
            "the effects of AI on work and society, written and edited by people.",
            "The editorial team works from Germany and publishes an English and a German "
            "edition.")),
        StaticPage("/advertise/", "Advertise", (
            "Reach decision makers who follow artificial intelligence closely. Contact our sales "
            "team for rates and formats.",)),
        StaticPage("/imprint/", "Imprint", (
            "DEEP CONTENT GmbH, Example Street 1, 10115 Berlin, Germany.",
            "Managing directors: A. Example, B. Example. Commercial register: HRB 000000.")),
        StaticPage("/privacy-policy/", "Privacy Policy", (
            "This policy explains which personal data we process when you visit this website, "
            "why we process it and which rights you have.",
            "We use a consent manager to ask for your permission before any advertising "
            "cookies are set. You can change your choice at any time in the Privacy Manager.")),
        StaticPage("/terms-and-conditions/", "Terms and Conditions", (
            "These terms govern subscriptions to THE DECODER and the use of this website.",)),
        StaticPage("/sign-in/", "Log In", ("Log in to your THE DECODER account.",), "account"),
        StaticPage("/register/", "Register", ("Create a free THE DECODER account.",), "account"),
        StaticPage("/subscription/", "Subscribe to THE DECODER", (
            "Choose the plan that suits you. All plans include ad-free reading and the weekly "
            "newsletter.",), "account"),
    ),
    disallowed=("/private-preview/",),
    tagline="Artificial Intelligence: News, Business, Research",
)

DE = Edition(
    code="de", base=BASES["de"], html_lang="de-DE", locale="de_DE", hub=_DE_HUB,
    sections=(_sub(_DE_HUB, "ki-forschung", "KI-Forschung"),
              _sub(_DE_HUB, "ki-und-gesellschaft", "KI und Gesellschaft"),  # inferred slug
              _sub(_DE_HUB, "short-news", "Short News")),
    authors=(Author("lena-hoffmann", "Lena Hoffmann", _LI + "lena-hoffmann-example/",
                    _AV + "lena-hoffmann-96x96.png"),
             Author("felix-brandt", "Felix Brandt", _LI + "felix-brandt-example/",
                    _AV + "felix-brandt-96x96.png")),
    posts=content_de.POSTS,
    static_pages=(
        # /ueber-uns/ looks like a flat article slug: only the page itself says it is no article.
        StaticPage("/ueber-uns/", "Über THE DECODER", (
            "THE DECODER berichtet über künstliche Intelligenz für Fachleute: Forschung, Produkte "
            "und die Folgen von KI für Arbeit und Gesellschaft, geschrieben und redigiert von "
            "Menschen.",
            "Die Redaktion arbeitet in Deutschland und veröffentlicht eine deutsche und eine "
            "englische Ausgabe.")),
        StaticPage("/werbung/", "Werbung", (
            "Erreichen Sie Entscheiderinnen und Entscheider, die KI aufmerksam verfolgen.",)),
        StaticPage("/impressum/", "Impressum", (
            "DEEP CONTENT GmbH, Beispielstraße 1, 10115 Berlin.",
            "Geschäftsführung: A. Beispiel, B. Beispiel. Handelsregister: HRB 000000.")),
        StaticPage("/datenschutz/", "Datenschutzerklärung", (
            "Diese Erklärung beschreibt, welche personenbezogenen Daten wir beim Besuch dieser "
            "Website verarbeiten und welche Rechte du hast.",)),
        StaticPage("/agb/", "Allgemeine Geschäftsbedingungen", (
            "Diese Bedingungen gelten für Abonnements von THE DECODER.",)),
        StaticPage("/sign-in/", "Anmelden", ("Melde dich mit deinem Konto an.",), "account"),
        StaticPage("/register/", "Registrieren", ("Erstelle ein kostenloses Konto.",), "account"),
        StaticPage("/subscription/", "THE DECODER abonnieren", (
            "Wähle das passende Abo. Alle Abos enthalten werbefreies Lesen und den "
            "wöchentlichen Newsletter.",), "account"),
    ),
    disallowed=("/vorschau-intern/",),
    tagline="Künstliche Intelligenz: News, Business, Forschung",
)

EDITIONS: dict[str, Edition] = {"en": EN, "de": DE}

# Footer link targets, in the order of texts.TEXTS[lang]["footer"] (Privacy Manager is a button).
FOOTER_PATHS = {
    "en": ("/about/", "/advertise/", "/privacy-policy/", None, "/imprint/",
           "/terms-and-conditions/"),
    "de": ("/ueber-uns/", "/werbung/", "/datenschutz/", None, "/impressum/", "/agb/"),
}


def edition(code: str) -> Edition:
    return EDITIONS[code]


def markup_of(post: Post) -> str:
    """'classic' (older WordPress markup) or 'current' (utility classes), by publication date."""
    return "classic" if post.published_dt.date() < REDESIGN else "current"


@cache
def public_posts(code: str) -> tuple[Post, ...]:
    """Posts that are listed on the site (newest first); robots-disallowed pages left out."""
    ed = EDITIONS[code]
    posts = [p for p in ed.posts if p.path not in ed.disallowed]
    return tuple(sorted(posts, key=lambda p: p.published_dt, reverse=True))


def find_post(post_id: int) -> Post | None:
    """A post of either edition by its WordPress id (ids are unique across the mirror)."""
    return next((p for ed in EDITIONS.values() for p in ed.posts if p.id == post_id), None)
