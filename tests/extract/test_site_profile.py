"""The site profile extends the generic rules: a Decoder-like page (own text) comes out clean."""

from __future__ import annotations

import pytest

from archiver.extract import extract_article

URL = "https://the-decoder.de/stadtwerke-ki-stromverbrauch/"
BOILERPLATE = ("Anzeige", "DEC_D_", "Zum Inhalt springen", "Privatsphäre", "Log In", "Key Points",
               "Zwölf Stadtwerke testen", "Frag etwas", "Artikel teilen", "Zur Kommentarsektion",
               "Image description", "Midjourney", "KI-News ohne Hype", "THE‑DECODER‑Abo",
               "Wöchentlicher KI-Newsletter", "abonnieren", "Quelle", "Energie-Report",
               "Top-Storys", "anderer Artikel", "Spannend", "Impressum", "heise", "Mara Kessler",
               "4. März 2026")


@pytest.fixture
def article(page_file):
    return extract_article(page_file("decoder_like_de.html"), URL, site="decoder")


def test_body_clean(article):
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    assert article.text.startswith("Zwölf kommunale Versorger")
    assert article.text.endswith("zunehmend belastet.")
    assert "Weniger teure Ausgleichsenergie" in article.text
    assert "Januar | 3,1 %" in article.text and "endlich." in article.text


def test_metadata(article):
    assert article.title == "Stadtwerke lassen KI den Stromverbrauch vorhersagen"
    assert article.authors == ["Mara Kessler"]
    assert article.published == "2026-03-04T10:15:00+01:00"
    assert article.modified == "2026-03-05T08:00:00+01:00"
    assert (article.language, article.declared_language) == ("de", "de-DE")
    assert article.section == "KI-Praxis" and article.tags == ["Energie", "Prognosen"]
    assert article.image == {"url": "https://the-decoder.de/wp-content/uploads/2026/03/stadtwerke.png",
                             "caption": None, "credit": "Midjourney prompted by THE DECODER"}
    assert article.sources == [{"name": "Energie-Report", "url": "https://energie.example/bericht"},
                               {"name": "VKU", "url": "https://vku.example/pm"}]
    assert article.paywalled is False


def test_removed_counts(article):
    assert article.removed["ad"] >= 2
    assert article.removed["skip_link"] == 1
    assert article.removed["site"] >= 1
    assert {"consent", "related", "share"} <= set(article.removed)   # comments: a site selector


def test_generic_rules_alone_still_drop_the_ads(page_file):
    article = extract_article(page_file("decoder_like_de.html"), URL)
    assert "Anzeige" not in article.text and "DEC_D_Incontent" not in article.text


def test_profile_chosen_by_host_when_none_is_named(page_file, article):
    """``site=None`` on a registered host uses that host's profile, as the spiders do."""
    by_host = extract_article(page_file("decoder_like_de.html"), URL)
    assert by_host.to_dict() == article.to_dict()
    generic = extract_article(page_file("decoder_like_de.html"), "https://example.org/stadtwerke/")
    assert generic.removed.get("site") is None and article.removed.get("site")
