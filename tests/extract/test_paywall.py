"""paywalled: what the page states (JSON-LD, site markers, a body cut off at an upsell)."""

from __future__ import annotations

import dataclasses
import json

from archiver.extract import extract_article
from archiver.sites import get_site

from tests.support.pages import make_page

URL = "https://news.example.org/2026/05/tram-depot-library/"


def ld(free) -> str:
    return ('<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "headline": "x", "isAccessibleForFree": free})
            + "</script>")


def test_free_by_default_and_by_jsonld():
    assert extract_article(make_page(), URL).paywalled is False
    assert extract_article(make_page(head=ld(True)), URL).paywalled is False


def test_jsonld_not_free_string_or_bool():
    assert extract_article(make_page(head=ld(False)), URL).paywalled is True
    assert extract_article(make_page(head=ld("False")), URL).paywalled is True


def test_profile_can_distrust_jsonld():
    profile = dataclasses.replace(get_site("decoder"), trust_accessible_for_free=False,
                                  paywall_selectors=(), paywall_phrases=())
    assert extract_article(make_page(head=ld(False)), URL, site=profile).paywalled is False


def test_body_ending_in_paywall_prompt():
    prompt = "<div><p>To continue reading, subscribe to Example News.</p></div>"
    article = extract_article(make_page(after=prompt), URL)
    assert article.paywalled is True
    assert "continue reading" not in article.text
    assert article.removed.get("paywall") == 1


def test_profile_marker():
    profile = get_site("decoder")
    html = make_page(before='<span class="plus-label">Plus</span>')
    assert extract_article(html, URL, site=profile).paywalled is True


def test_profile_label_text_by_the_headline_marks_paywalled():
    """A redesign renames the label's classes: its text next to the headline still counts."""
    profile = dataclasses.replace(get_site("decoder"), paywall_selectors=())
    label = '<div class="meta-row"><a href="/ai-research/">AI research</a><span class="x9">Plus</span></div>'
    html = make_page(before="").replace("<article><h1>", f"<article>{label}<h1>")
    assert extract_article(html, URL, site=profile).paywalled is True


def test_same_text_far_from_the_headline_is_not_a_paywall_label():
    profile = dataclasses.replace(get_site("decoder"), paywall_selectors=())
    menu = '<header><nav><ul><li><a href="/x/">News</a></li><li><a href="/plus/">Plus</a></li></ul></nav></header>'
    html = make_page(chrome=f"<div><div><div>{menu}</div></div></div>")
    assert extract_article(html, URL, site=profile).paywalled is False


def test_offer_that_cuts_the_article_marks_it_paywalled():
    """An offer box told by its words (no class to go by) that says the rest is for
    subscribers: removed, and the record is paywalled."""
    box = ("<div class='x1 rounded p-6'><h3>Subscribe to continue reading</h3><p>Get unlimited "
           "access to every article for $1 a week.</p><a href='/subscribe/'>Subscribe now</a></div>")
    article = extract_article(make_page(after=box), "https://news.example.org/a/")
    assert "unlimited access" not in article.text
    assert article.paywalled is True
