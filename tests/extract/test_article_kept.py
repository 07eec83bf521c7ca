"""Cleaning may remove a box, never the article: one page per kind of markup that once made
the cleaner or readability delete or miss the body (pages written here, modelled on the kinds
of markup seen on real news sites; no publisher's page is copied)."""

from __future__ import annotations

from archiver.extract import extract_article

from tests.support.pages import DE, EN

URL = "https://news.example.org/2026/05/tram-depot-library/"
TITLE = "Old tram depot becomes a library"
MORE = (
    "Local historians welcomed the decision and offered to help collect photographs of the "
    "depot's working years, which will be shown in the entrance hall.",
    "The library will open seven days a week, and the council hopes to extend the evening "
    "hours once the first year's visitor figures are known.",
    "A café in the former repair hall is planned, run by a social enterprise that trains "
    "young people who have left school without qualifications.",
    "Cyclists asked for secure parking, and the architects said a covered bicycle shelter "
    "for two hundred bicycles is part of every design option.",
)
PARAS = EN + MORE


def page(body: str, *, head: str = "", title: str = TITLE, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | '
            f'Example News</title><meta property="og:title" content="{title}">{head}</head>'
            f"<body>{body}</body></html>")


def paragraphs(texts=PARAS) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def assert_all(text: str, texts=PARAS) -> None:
    missing = [t[:40] for t in texts if t not in text]
    assert not missing, missing


def test_article_split_into_widgets_named_like_boxes():
    """Each chunk of the body is a 'widget'; together they are most of the page's prose."""
    chunks = "".join(f'<div class="article-widget article-widget-text">{paragraphs(PARAS[i:i + 2])}</div>'
                     for i in range(0, len(PARAS), 2))
    html = page(f"<main><h1>{TITLE}</h1><div class='article-widgets'>{chunks}</div>"
                "<div class='widget'><h3>Weather</h3><p>Sunny, 24 degrees.</p></div></main>")
    article = extract_article(html, URL)
    assert_all(article.text)
    assert "Sunny, 24 degrees" not in article.text


def test_article_in_a_sidebar_grid_with_its_lead_in_the_grid_header():
    """BEM names: the grid that lays out the article is a 'sidebar-grid'."""
    lead = "The council has decided the future of the tram depot after ten years of argument."
    chunks = "".join(f'<div class="sidebar-grid__container">{paragraphs(PARAS[i:i + 2])}</div>'
                     for i in range(0, len(PARAS), 2))
    html = page(f'<article class="article"><div class="sidebar-grid">'
                f'<header class="sidebar-grid__header article__header"><h1>{TITLE}</h1>'
                f'<p class="hero__excerpt">{lead}</p></header>{chunks}'
                f'<aside class="sidebar-grid__sidebar"><p>Most read: <a href="/x/">Another story '
                f'about something</a></p></aside></div></article>')
    text = extract_article(html, URL).text
    assert text.startswith(lead)
    assert_all(text)
    assert "Most read" not in text


def test_every_visible_metered_paragraph_marked_paywall():
    html = page(f"<article><h1>{TITLE}</h1><div class='body'><p>{PARAS[0]}</p>"
                + "".join(f'<p class="paywall">{t}</p>' for t in PARAS[1:]) + "</div></article>")
    assert_all(extract_article(html, URL).text)


def test_page_wide_aspnet_form():
    html = page(f'<form method="post" action="./story.aspx" id="aspnetForm"><input type="hidden" '
                f'name="__VIEWSTATE" value="x"><div id="page"><h1>{TITLE}</h1>'
                f'<div class="story">{paragraphs()}</div></div></form>')
    assert_all(extract_article(html, URL).text)


def test_article_streamed_hidden_until_a_script_reveals_it():
    """React's streaming renderer ships the content in <div hidden id="S:0"> and moves it."""
    html = page(f'<div id="root"><!--$?--><template id="B:0"></template><p>Loading…</p><!--/$-->'
                f'</div><div hidden id="S:0"><article><h1>{TITLE}</h1>{paragraphs()}</article></div>'
                '<script>$RC("B:0","S:0")</script>')
    article = extract_article(html, URL)
    assert_all(article.text)
    assert article.paywalled is False


def test_text_hidden_behind_a_paywall_stays_out_and_flags_the_record():
    html = page(f"<article><h1>{TITLE}</h1><div class='article-body'>{paragraphs(PARAS[:2])}"
                f"<div class='paywall-content' style='display: none'>{paragraphs(PARAS[2:])}</div>"
                "</div></article>")
    article = extract_article(html, URL)
    assert_all(article.text, PARAS[:2])
    assert PARAS[4] not in article.text
    assert article.paywalled is True


def test_every_paragraph_in_its_own_deep_wrapper():
    """Component frameworks: article > div > div > div > p, per paragraph and subheading;
    one paragraph is mostly a link."""
    def block(inner: str) -> str:
        return f'<div class="sc-1 blk"><div class="sc-2 in"><div class="sc-3 x">{inner}</div></div></div>'
    linked = 'It also <a href="https://example.com/plans">publishes its plans for the building</a>.'
    blocks = [block(f"<p>{t}</p>") for t in PARAS[:4]] + [block("<h2>What happens next?</h2>")]
    blocks += [block(f"<p>{linked}</p>")] + [block(f"<p>{t}</p>") for t in PARAS[4:]]
    html = page(f"<main><article><h1>{TITLE}</h1>{''.join(blocks)}</article>"
                "<aside class='promo-rail'><div><p>A short teaser for a podcast episode about "
                "something else entirely.</p></div></aside></main>")
    text = extract_article(html, URL).text
    assert_all(text)
    assert "What happens next?" in text
    assert "It also publishes its plans for the building." in text


def test_page_that_appends_the_next_article_keeps_its_own():
    """Infinite scroll: a second, longer article with its own h1 follows the first."""
    other = [t.replace("library", "museum").replace("depot", "station") + " More on this later."
             for t in PARAS] * 2
    html = page(f"<main><article id='main-article'><h1>{TITLE}</h1>{paragraphs()}</article>"
                f"<div class='next'><article><h1>Old station becomes a museum</h1>"
                f"{paragraphs(other)}</article></div></main>")
    text = extract_article(html, URL).text
    assert_all(text)
    assert "museum" not in text


def test_japanese_article_beside_an_english_named_promo_box():
    ja = ("市議会は火曜日、古い路面電車の車庫を公共図書館に改修することを決め、十年近く続いた議論に決着をつけた。",
          "支持者は、高い窓と鉄の梁を持つ建物が閲覧室に理想的だと述べ、批判する人は道路の修理に予算を回すべきだと主張した。",
          "改修には三年かかる見込みで、費用の一部は地域の補助金でまかなわれると市の計画課は説明している。")
    html = page(f"<main><h1>車庫が図書館に</h1><div class='nfy'>{paragraphs(ja)}</div>"
                "<div class='ArticleNoteBox'><p><b>【キャンペーン】</b>有料記事読み放題！今なら月額100円！"
                "<a href='/pr/'>詳しくはこちら</a></p></div></main>", title="車庫が図書館に", lang="ja")
    text = extract_article(html, "https://news.example.jp/articles/1.html").text
    assert_all(text, ja)
    assert "キャンペーン" not in text


def test_body_with_many_inline_links_is_kept():
    """A list of places, each linked: readability's clean-up dropped the container it chose."""
    places = "、".join(f'<a href="/place/{i}">町{i}</a>' for i in range(30))
    html = page(f"<main><h1>{TITLE}</h1><div class='c'><p>{EN[0]}</p><p>Affected: {places}</p>"
                f"<p>{EN[1]}</p><p>{EN[2]}</p></div></main>")
    assert_all(extract_article(html, URL).text, EN[:3])


def test_lead_in_the_header_is_part_of_the_text():
    lead = "After ten years of debate, the council has decided what becomes of the old depot."
    html = page(f"<article><header class='article-header'><h1>{TITLE}</h1>"
                f"<p class='article-subtitle'>{lead}</p><div class='byline'>By Jane Roe</div>"
                f"</header><div class='article-body'>{paragraphs()}</div></article>")
    text = extract_article(html, URL).text
    assert text.startswith(lead)
    assert "Jane Roe" not in text


def test_german_lead_called_teaser_survives_cleaning():
    lead = "Nach zehn Jahren Streit steht fest, was aus dem alten Depot wird: eine Bibliothek."
    html = page(f"<article><header><h1>Altes Depot wird Bibliothek</h1>"
                f"<p class='article__teaser'>{lead}</p></header>"
                f"<div class='article__body'>{paragraphs(DE)}</div></article>"
                "<div class='teaser'><h3><a href='/x/'>Anderer Artikel</a></h3><p>Kurz.</p></div>",
                title="Altes Depot wird Bibliothek", lang="de")
    text = extract_article(html, "https://zeitung.example.de/a/1").text
    assert text.startswith(lead)
    assert_all(text, DE)


def test_caption_between_headline_and_body_is_not_a_lead():
    caption = "In this 2006 file photo, the depot's repair hall is seen from the north gate."
    html = page(f"<article><h1>{TITLE}</h1><div class='image top'><img src='/a.jpg' alt=''>"
                f"<p>{caption}</p></div><div class='story'>{paragraphs()}</div></article>")
    text = extract_article(html, URL).text
    assert caption not in text
    assert_all(text)


def test_subheading_with_a_widget_class_between_paragraphs_stays():
    html = page(f"<article><h1>{TITLE}</h1><div class='cms'>{paragraphs(PARAS[:3])}"
                f"<h2 class='widget-title'>ROADS REOPENED</h2>{paragraphs(PARAS[3:])}</div></article>")
    assert "ROADS REOPENED" in extract_article(html, URL).text


def test_picture_credit_stays_out_of_the_text():
    html = page(f"<article><h1>{TITLE}</h1><div class='body'>{paragraphs(PARAS[:3])}"
                "<figure><img src='/a.jpg' alt='Depot'><span class='credit-x'>Getty Images</span>"
                f"</figure>{paragraphs(PARAS[3:])}</div></article>")
    article = extract_article(html, URL)
    assert "Getty Images" not in article.text
    assert "<img" in article.html


def test_client_rendered_page_ships_the_article_in_script_data():
    """An empty app shell; the article is in the hydration state as escaped HTML."""
    import json
    content = "".join(f"<p class='editor-p'>{t}</p>" for t in PARAS[:4])
    content += "<div class='caption'><p>The depot in 1931.</p></div>$$ARTICLEAD$$" + paragraphs(PARAS[4:])
    state = {"props": {"pageProps": {"article": {"title": TITLE, "contentHtml": content}}}}
    html = page(f"<div id='__next'><header><a href='/'>Example News</a></header><main></main></div>"
                f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(state)}</script>")
    text = extract_article(html, URL).text
    assert_all(text)
    assert "$$ARTICLEAD$$" not in text and "1931" not in text


def test_article_body_only_in_json_ld():
    import json
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE,
          "articleBody": "\n".join(PARAS)}
    html = page(f"<div id='app'></div><script type='application/ld+json'>{json.dumps(ld)}</script>")
    assert_all(extract_article(html, URL).text)


def test_script_data_about_something_else_is_not_the_article():
    import json
    other = {"policy": " ".join(["Our terms of use govern the use of this website. "] * 20)}
    html = page(f"<div id='app'></div><script>window.__STATE__ = {json.dumps(other)};</script>")
    import pytest
    from archiver.extract import NotAnArticle
    with pytest.raises(NotAnArticle):
        extract_article(html, URL)


SHORT = PARAS[:3]


def test_privacy_settings_panel_does_not_win_over_a_short_article():
    purposes = "".join(
        f"<div class='p{i}'><h4>Purpose {i}</h4><p>We and our partners may store and access "
        f"information on your device and process personal data for purpose {i}, including "
        f"measuring content performance, developing products and personalising advertising, "
        f"on the basis of your consent or our legitimate interest.</p></div>" for i in range(10))
    html = page(f"<main><h1>{TITLE}</h1><div class='c'>{paragraphs(SHORT)}</div></main>"
                f"<div class='k7x' data-nosnippet><h3>Privacy settings</h3>{purposes}</div>")
    text = extract_article(html, URL).text
    assert_all(text, SHORT)
    assert "Purpose" not in text and "legitimate interest" not in text


def test_list_of_other_articles_does_not_win_over_the_article():
    cards = "".join(
        f"<div class='card'><h3><a href='/2026/05/story-{i}/'>Another story from the region, "
        f"number {i}</a></h3><p>A summary of the other story number {i}, long enough to look like a "
        f"paragraph of prose to a scorer that counts characters and commas, like this one.</p></div>"
        for i in range(10))
    html = page(f"<main><article><h1>{TITLE}</h1><div class='c'>{paragraphs(SHORT)}</div></article>"
                f"<section class='grid'><h2>More from the region</h2>{cards}</section></main>")
    text = extract_article(html, URL).text
    assert_all(text, SHORT)
    assert "Another story" not in text and "A summary of the other story" not in text


def test_pull_quote_does_not_win_over_the_article():
    quote = ("“We waited ten years for this decision, and now the whole town can finally read, "
             "meet and learn under one roof, in a building we all love,” said the mayor, who has "
             "argued for the library since she was first elected to the council in 2016.")
    blocks = [f"<div class='t'><p>{t}</p></div>" for t in PARAS]
    html = page(f"<main><article><h1>{TITLE}</h1>{''.join(blocks[:4])}"
                f"<aside class='pull'><blockquote><p>{quote}</p></blockquote></aside>"
                f"{''.join(blocks[4:])}</article></main>")
    assert_all(extract_article(html, URL).text)


def test_hidden_text_on_a_page_that_declares_a_paywall_stays_out():
    """Shipped hidden under a neutral class, but the page says it is not free (JSON-LD)."""
    import json
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE,
          "isAccessibleForFree": False}
    html = page(f"<article><h1>{TITLE}</h1><div class='body'>{paragraphs(PARAS[:2])}"
                f"<div class='rest' style='display:none'>{paragraphs(PARAS[2:])}</div></div></article>",
                head=f"<script type='application/ld+json'>{json.dumps(ld)}</script>")
    article = extract_article(html, URL)
    assert PARAS[5] not in article.text and PARAS[0] in article.text
    assert article.paywalled is True


def test_ad_label_at_the_top_of_a_section_takes_only_the_ad():
    """A section of short paragraphs opens with an ad slot: the label's box is the slot."""
    short = ("The fire started at noon.", "Firefighters arrived within minutes of the call.",
             "The road was closed for an hour.", "Nobody was hurt, the police said later.")
    section = ("<div class='page-break item'><div class='adv'><span>REKLAM</span></div>"
               + "".join(f"<p>{t}</p>" for t in short) + "</div>")
    html = page(f"<article><h1>{TITLE}</h1><div class='cms'>{paragraphs(PARAS[:4])}{section}"
                f"{paragraphs(PARAS[4:])}</div></article>")
    text = extract_article(html, URL).text
    assert_all(text, short)
    assert "REKLAM" not in text


def test_advertiser_content_label_in_norwegian():
    html = page(f"<article><h1>{TITLE}</h1><div class='body'>{paragraphs()}</div>"
                "<div class='x'><span>Annonsørinnhold</span><h3><a href='https://ads.example/'>"
                "Stive ledd? Prøv dette</a></h3></div></article>")
    assert "Annonsørinnhold" not in extract_article(html, URL).text


def test_comment_thread_without_names_does_not_win_over_the_article():
    """Twelve long comments under neutral class names outweigh a short article; the article
    is the one the headline opens."""
    comments = "".join(
        f"<li class='c-item'><div class='c-author'>Reader {i}</div><p>I have lived near this "
        f"depot for many years and I think the decision is wonderful, although I worry about "
        f"parking and the noise during construction, which will surely last longer.</p></li>"
        for i in range(12))
    html = page(f"<main><article><h1>{TITLE}</h1><div class='c'>{paragraphs(SHORT)}</div></article>"
                f"<section class='rx'><h3>12 responses</h3><ol class='c-list'>{comments}</ol>"
                "</section></main>")
    text = extract_article(html, URL).text
    assert_all(text, SHORT)
    assert "lived near this depot" not in text


def test_live_blog_entries_and_their_lead_entry_are_one_text():
    """entry > (time, byline) + content > (h3, p, p): no container is credited with the whole;
    a time line leading an entry goes alone, not with its entry."""
    entries = "".join(
        f"<div class='le'><div class='le-info'><time>12:{i:02d}</time> <b>Jane Roe</b></div>"
        f"<div class='le-content'><h3>Update {i}</h3><p>{PARAS[i % 4]}</p><p>{PARAS[4 + i % 4]}</p>"
        "</div></div>" for i in range(6))
    lead = ("Follow the council's vote on the old tram depot as it happens, with reactions "
            "from residents and the architects.")
    html = page(f"<main><h1>{TITLE}</h1><div class='lc'><div class='lead-entry'><p>{lead}</p></div>"
                f"<div class='entries'>{entries}</div></div></main>")
    text = extract_article(html, URL).text
    assert_all(text, (lead,) + PARAS)
    assert "Update 5" in text


def test_adobe_experience_manager_components_hold_the_article():
    """AEM names every component cmp-*: cmp-text is article text, not a consent platform."""
    html = page(f"<main><div class='cmp-title'><h1>{TITLE}</h1></div>"
                + "".join(f"<div class='cmp-text'><p>{t}</p></div>" for t in PARAS) + "</main>")
    assert_all(extract_article(html, URL).text)


def test_article_in_a_declarative_shadow_root():
    """<template shadowrootmode="open"> is rendered by the browser as it stands."""
    html = page(f"<news-article><template shadowrootmode='open'><article><h1>{TITLE}</h1>"
                f"{paragraphs()}</article></template></news-article>")
    assert_all(extract_article(html, URL).text)


def test_blog_post_of_br_lines_in_a_widget_box_without_an_h1():
    """Blog templates (Blogger's 'widget Blog') put the post in a box named 'widget', its title
    in an h3 and its text as lines between <br>s: no <p> on the page, so paragraphs cannot say
    which box is the article; the text outside links does."""
    post = "<br><br>".join(PARAS)
    sidebar = "".join(f'<div class="widget LinkList"><h2>Links</h2><ul><li><a href="/p/{i}/">'
                      f"Archive page number {i}</a></li></ul></div>" for i in range(6))
    html = page(f'<div id="main-wrapper"><div class="widget Blog" id="Blog1">'
                f'<div class="post"><h3 class="post-title">{TITLE}</h3>'
                f'<div class="post-body">{post}</div></div></div></div>'
                f'<div id="sidebar-wrapper">{sidebar}<div class="widget Text">Weather: sunny.</div></div>'
                '<div class="footer-widgets-wrap">Powered by a blog host. Theme images by someone.</div>')
    article = extract_article(html, URL)
    assert_all(article.text)
    assert "Archive page number" not in article.text


def test_article_of_div_paragraphs_in_grid_cells_named_sidebar():
    """The article written as <div> paragraphs, cut into cells of a grid its CSS calls
    'sidebar-grid': no cell holds most of the page's text, the run of cells does."""
    cells = "".join(f'<div class="sidebar-grid__container">'
                    + "".join(f"<div class='text'>{t}</div>" for t in PARAS[i:i + 2]) + "</div>"
                    for i in range(0, len(PARAS), 2))
    html = page(f'<article><div class="sidebar-grid"><h1>{TITLE}</h1>{cells}'
                f'<aside class="sidebar-grid__sidebar"><a href="/x/">Another story</a></aside>'
                "</div></article>")
    article = extract_article(html, URL)
    assert_all(article.text)


def test_metered_paragraphs_each_in_a_wrapper_of_their_own():
    """Every paragraph marked p.paywall, each alone in its text-block wrapper: no paragraph
    and no run of siblings holds most of the prose, the family of p.paywall does."""
    blocks = "".join(f'<div data-component="text-block"><p class="paywall">{t}</p></div>'
                     for t in PARAS)
    html = page(f"<header><h1>{TITLE}</h1></header><div id='main-content'>{blocks}</div>")
    assert_all(extract_article(html, URL).text)


def test_article_in_a_container_readability_names_negative():
    """readability penalises any name with 'scroll', 'media', 'tool' or 'promo' in it, and
    then drops what carries it; an infinite-scroll wrapper or a 'story-promo-layout' around
    the whole article is not a reason to lose the article."""
    for name in ("infinite-scroll-item", "story-promo-layout", "entry-content sidebar"):
        html = page(f"<main><h1>{TITLE}</h1><div class='{name}'><div class='inner'>"
                    f"{paragraphs()}</div></div><div class='weather'><p>Rain is expected on "
                    "Saturday, with temperatures of about twelve degrees in the city.</p><p>The "
                    "wind will ease on Sunday, and the afternoon should be dry.</p></div></main>")
        assert_all(extract_article(html, URL).text)
