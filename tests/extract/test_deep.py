"""A page nesting 10,000 levels deep: the article is found, nothing crashes."""

from __future__ import annotations

import time

from archiver.extract import extract_article
from archiver.extract.parse import flatten_deep_nesting

from tests.support.pages import EN

URL = "https://news.example.org/deep/"


def test_article_below_10000_levels_survives():
    body = "".join(f"<p>{p}</p>" for p in EN)
    html = ("<html><head><title>Deep</title></head><body>" + "<div>" * 10_000 + body
            + "</div>" * 10_000 + "</body></html>")
    start = time.perf_counter()
    article = extract_article(html, URL)
    assert time.perf_counter() - start < 5
    for paragraph in EN:
        assert paragraph in article.text


def test_flatten_keeps_text_and_shallow_tags():
    out = flatten_deep_nesting("<div><div><p>a</p></div></div>", max_depth=1)
    assert out == "<div><p>a</p></div>" or out == "<div>a</div>"
