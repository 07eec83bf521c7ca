"""Bytes: the declared charset, the HTTP charset first, never a crash."""

from __future__ import annotations

import codecs

from archiver.extract import extract_article
from archiver.extract.decode import decode_html

from tests.support.pages import make_page

URL = "https://news.example.org/a/"


def test_meta_charset_cp1252_and_latin1():
    html = make_page("de").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    article = extract_article(html.encode("cp1252"), URL)
    assert "Straßenbahndepot" in article.text and "Bürger" in article.text
    latin = html.replace("windows-1252", "iso-8859-1").replace("Planungsamtes", "Planungsamtes „neu“")
    assert "„neu“" in extract_article(latin.encode("cp1252"), URL).text   # latin-1 label = cp1252


def test_http_encoding_wins_over_meta():
    html = make_page("de").replace('<meta charset="utf-8">', '<meta charset="utf-8">')
    data = html.encode("cp1252")
    assert "Straßenbahndepot" in extract_article(data, URL, encoding="latin-1").text


def test_fallbacks():
    assert decode_html(codecs.BOM_UTF8 + "ä".encode()) == "ä"
    assert decode_html("Grüße".encode("cp1252")) == "Grüße"        # not utf-8: cp1252
    assert decode_html("Grüße".encode()) == "Grüße"
    assert decode_html(b"\x81\x8d\xff", encoding="bogus-charset")       # no crash
