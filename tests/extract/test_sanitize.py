"""The html is allow-list sanitized and its URLs absolute."""

from __future__ import annotations

from archiver.extract import extract_article

from tests.support.pages import make_page

URL = "https://news.example.org/2026/05/tram-depot-library/"
NASTY = ("<p onclick='steal()'>Read the <a href='javascript:alert(1)'>plan</a> and the "
         "<a href='/docs/plan.pdf'>PDF</a> <img src='../img/x.png' onerror='bad()'>.</p>"
         "<script>alert('x')</script><style>p{color:red}</style>"
         "<iframe src='https://evil.example/'></iframe><form action='/x'><input name='q'></form>"
         "<p style='color:red'>Styled text stays as text.</p>")


def test_sanitized_html():
    html = extract_article(make_page(inside=NASTY), URL).html
    for bad in ("<script", "alert(", "onclick", "onerror", "javascript:", "<iframe", "<form",
                "<input", "<style", "style="):
        assert bad not in html, bad
    assert 'href="https://news.example.org/docs/plan.pdf"' in html
    assert 'src="https://news.example.org/2026/05/img/x.png"' in html
    assert "Styled text stays as text." in html


def test_text_has_no_markup_or_script():
    text = extract_article(make_page(inside=NASTY), URL).text
    assert "alert" not in text and "<" not in text and "color:red" not in text
