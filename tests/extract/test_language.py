"""Language: deterministic langdetect on a sample, declared language as the prior."""

from __future__ import annotations

from archiver.extract import extract_article
from archiver.extract.language import detect_language, primary, sample

from tests.support.pages import DE, EN, make_page

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


# Short news paragraphs of our own, one per language: the detector must name each one.
DOZEN = {
    "en": "The city council approved the new budget on Tuesday after a long debate about "
          "public transport, housing and the cost of repairing old school buildings.",
    "de": "Der Stadtrat hat am Dienstag nach langer Debatte über den Nahverkehr, den Wohnungsbau "
          "und die Sanierung alter Schulgebäude den neuen Haushalt beschlossen.",
    "fr": "Le conseil municipal a adopté mardi le nouveau budget après un long débat sur les "
          "transports publics, le logement et la rénovation des vieilles écoles.",
    "es": "El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate sobre el "
          "transporte público, la vivienda y la reparación de los colegios antiguos.",
    "it": "Il consiglio comunale ha approvato martedì il nuovo bilancio dopo un lungo dibattito "
          "sui trasporti pubblici, sulla casa e sulla ristrutturazione delle vecchie scuole.",
    "pt": "A câmara municipal aprovou na terça-feira o novo orçamento depois de um longo debate "
          "sobre transportes públicos, habitação e a reparação das escolas antigas.",
    "nl": "De gemeenteraad heeft dinsdag na een lang debat over het openbaar vervoer, de "
          "woningbouw en de renovatie van oude schoolgebouwen de nieuwe begroting goedgekeurd.",
    "pl": "Rada miejska zatwierdziła we wtorek nowy budżet po długiej debacie o transporcie "
          "publicznym, mieszkalnictwie i remoncie starych budynków szkolnych.",
    "sv": "Kommunfullmäktige godkände på tisdagen den nya budgeten efter en lång debatt om "
          "kollektivtrafik, bostäder och renoveringen av gamla skolbyggnader.",
    "tr": "Belediye meclisi salı günü toplu taşıma, konut ve eski okul binalarının onarımı "
          "hakkında uzun bir tartışmanın ardından yeni bütçeyi onayladı.",
    "ru": "Городской совет во вторник утвердил новый бюджет после долгих споров об "
          "общественном транспорте, жилье и ремонте старых школьных зданий.",
    "ja": "市議会は火曜日、公共交通や住宅、古い校舎の修繕をめぐる長い議論の末に新しい予算案を可決した。",
    "zh": "市议会周二在就公共交通、住房和旧校舍维修进行长时间辩论后批准了新的预算。",
    "ko": "시의회는 화요일 대중교통과 주택, 낡은 학교 건물 보수에 관한 긴 토론 끝에 새 예산안을 승인했다.",
}


def test_a_dozen_languages_detected_without_a_declaration():
    found = {lang: detect_language(text, None)[0] for lang, text in DOZEN.items()}
    assert found == {lang: lang for lang in DOZEN}
