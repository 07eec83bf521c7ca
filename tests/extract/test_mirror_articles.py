"""Every article page of the bundled mirror (decoder_mirror) extracts clean and complete,
checked against the mirror's own expectations (tests.support.mirror_expected)."""

from __future__ import annotations

import pytest

from archiver.extract import NotAnArticle, extract_article
from decoder_mirror.site import site
from tests.support.mirror_expected import expected_articles

ARTICLES = expected_articles()


@pytest.mark.parametrize("exp", ARTICLES, ids=lambda e: f"{e.edition}-{e.markup}-{e.id}")
def test_mirror_article(exp):
    html = site(exp.edition).resolve("GET", exp.path).body
    article = extract_article(html, exp.url, site="decoder")
    text = article.text
    position = 0
    for required in exp.required:               # present and in order
        found = text.find(required, position)
        assert found >= 0, required
        position = found + len(required)
    assert exp.boilerplate_in(text) == []
    assert (article.title, tuple(article.authors), article.published, article.modified) == (
        exp.title, exp.authors, exp.published, exp.modified)
    assert (article.language, article.declared_language) == (exp.language, exp.declared_language)
    assert article.paywalled is exp.paywalled
    assert tuple(article.sources) == exp.sources
    assert article.image == exp.image
    assert article.canonical_url == exp.url
    for cell in exp.table_cells:
        assert cell in text
    if exp.code:
        assert exp.code in text


def test_mirror_listing_pages_are_not_articles():
    resources = site("en").resources
    for path in ("/artificial-intelligence-news/", "/tag/llm/", "/author/priya-raman/"):
        with pytest.raises(NotAnArticle) as info:
            extract_article(resources[path].body, "https://the-decoder.com" + path, site="decoder")
        assert info.value.reason == "listing"
