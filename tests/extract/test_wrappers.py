"""collapse_wrappers: wrapper chains merged so readability sees the container of the article."""

from __future__ import annotations

import lxml.html

from archiver.extract.wrappers import collapse_wrappers

TEXT = "The council voted on Tuesday to turn the old tram depot into a public library."


def collapsed(html: str):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    collapse_wrappers(root)
    return root


def test_a_chain_around_a_paragraph_becomes_the_paragraph():
    root = collapsed(f'<div class="a"><div class="b"><p>{TEXT}</p></div></div>')
    assert [el.tag for el in root] == ["p"]


def test_a_chain_around_text_stays_a_div_whatever_wraps_it():
    """<section><div><div><span>text: a paragraph written in wrappers. Merged into a <section>
    readability would not read it at all; as a div it reads it as a paragraph."""
    root = collapsed(f'<section class="content-group"><div class="inline"><div><span>{TEXT}'
                     "</span></div></div></section>")
    (only,) = list(root)
    assert only.tag == "div"
    assert only.text_content() == TEXT
    assert "content-group" in only.get("class") and "inline" in only.get("class")


def test_a_chain_around_blocks_keeps_the_stronger_tag():
    root = collapsed(f'<article class="story"><div class="body"><p>{TEXT}</p><p>{TEXT}</p>'
                     "</div></article>")
    (only,) = list(root)
    assert only.tag == "article"
    assert [el.tag for el in only] == ["p", "p"]
