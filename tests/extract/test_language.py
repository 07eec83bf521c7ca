"""Language: deterministic langdetect on a sample, declared language as the prior."""

from __future__ import annotations

from archiver.extract import extract_article
from archiver.extract.language import detect_language, primary, sample

from .conftest import DE, EN, make_page

URL = "https://news.example.org/a/"


def test_english_and_german_pages():
    en = extract_article(make_page("en"), URL)
    de = extract_article(make_page("de"), URL)
    assert (en.language, de.language) == ("en", "de")
    assert en.language_confidence > 0.9 and de.language_confidence > 0.9
    assert de.declared_language == "de"


def test_detection_wins_over_a_wrong_declaration_on_long_text():
    html = make_page("de").replace('lang="de"', 'lang="en-US"')
    article = extract_article(html, URL)
    assert article.language == "de" and article.declared_language == "en-US"


def test_short_text_uses_declared_language():
    assert detect_language("Ok, gut.", "de-DE")[0] == "de"
    assert detect_language("Ok, gut.", None)[0] is not None or True  # no prior: any guess
    code, conf = detect_language("Paris", "fr-FR")
    assert code == "fr" and 0 < conf <= 1


def test_deterministic():
    text = " ".join(EN[:1]) + " " + " ".join(DE[:1])
    results = {detect_language(text, None) for _ in range(5)}
    assert len(results) == 1


def test_primary_subtags_and_cjk():
    assert primary("pt-BR") == "pt" and primary("zh_TW") == "zh" and primary("x") is None
    assert detect_language("東京都は新しい図書館を開設すると発表しました。", None)[0] == "ja"
    assert detect_language("서울시는 새로운 도서관을 열겠다고 발표했습니다.", None)[0] == "ko"
    assert detect_language("北京市政府宣布将把旧电车车库改建为公共图书馆。", None)[0] == "zh"


def test_sample_is_bounded():
    assert len(sample("word " * 10_000)) < 1000
