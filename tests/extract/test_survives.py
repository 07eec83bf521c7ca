"""What the article is made of must survive cleaning and readability: structure and media."""

from __future__ import annotations

from archiver.extract import extract_article

from tests.support.pages import make_page

URL = "https://news.example.org/2026/05/tram-depot-library/"

RICH = (
    "<h2>What the plan costs</h2>"
    "<table><thead><tr><th>Item</th><th>Cost</th></tr></thead><tbody><tr><td>Roof</td>"
    "<td>1.2 million</td></tr><tr><td>Windows</td><td>0.4 million</td></tr></tbody></table>"
    "<h3>Steps</h3><ul><li>Clear the hall</li><li>Repair the roof</li><li>Install shelves</li></ul>"
    "<ol><li>Design phase</li><li>Construction phase</li></ol>"
    "<blockquote><p>A library is a promise that the city keeps to every reader.</p></blockquote>"
    "<pre><code>budget = roof + windows\nprint(budget)</code></pre>"
    "<figure><img src='/img/depot.jpg' alt='The depot'><figcaption>The depot in 1950 | "
    "Image: City Archive</figcaption></figure>"
)


def test_tables_lists_quotes_code_survive():
    article = extract_article(make_page(inside=RICH), URL)
    text, html = article.text, article.html
    assert "What the plan costs" in text and "Steps" in text
    assert "Roof | 1.2 million" in text
    assert "- Clear the hall\n- Repair the roof\n- Install shelves" in text
    assert "A library is a promise" in text
    assert "budget = roof + windows\nprint(budget)" in text
    for tag in ("<table>", "<ul>", "<ol>", "<blockquote>", "<pre>", "<h2>", "<figure>"):
        assert tag in html, tag


def test_caption_kept_in_html_not_in_text():
    article = extract_article(make_page(inside=RICH), URL)
    assert "<figcaption>The depot in 1950 | Image: City Archive</figcaption>" in article.html
    assert "City Archive" not in article.text
    assert 'src="https://news.example.org/img/depot.jpg"' in article.html


def test_paragraphs_separated_by_blank_line():
    article = extract_article(make_page(inside=RICH), URL)
    assert "decade.\n\nSupporters" in article.text
    assert "\n\n\n" not in article.text


def test_link_rich_list_of_the_article_survives():
    """A list of external links inside the body is content (a reading list), not a teaser."""
    links = ("<ul><li><a href='https://other.org/report.pdf'>The full planning report</a></li>"
             "<li><a href='https://another.org/study'>An earlier study on reuse</a></li></ul>")
    article = extract_article(make_page(inside=links), URL)
    assert "The full planning report" in article.text


def test_word_count():
    article = extract_article(make_page(), URL)
    assert article.word_count == len(article.text.split())
