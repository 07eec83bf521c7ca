"""Article pages of our own making for the metadata tests: a head and a body we choose, the
article text from conftest (English or German), nothing from ../shared."""

from __future__ import annotations

import json

from .conftest import TEXTS


def ld(data) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def meta(name: str, content: str, attr: str = "name") -> str:
    return f'<meta {attr}="{name}" content="{content}">'


def og(name: str, content: str) -> str:
    return meta(name, content, "property")


def article_page(lang: str = "en", *, head: str = "", header: str = "", chrome: str = "",
                 after: str = "", title_tag: str | None = None) -> str:
    """A page with ``head`` in <head>, ``chrome`` before the article (navigation, breadcrumbs),
    ``header`` at the top of the <article> (headline, byline, dateline) and ``after`` after its
    text. No <title>, og:site_name or <h1> unless given: each test states what it tests."""
    body = "".join(f"<p>{p}</p>" for p in TEXTS[lang])
    title = f"<title>{title_tag}</title>" if title_tag is not None else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{title}{head}</head>'
            f'<body>{chrome}<main><article><header>{header}</header>'
            f'<div class="entry-content">{body}</div>{after}</article></main>'
            f'<footer class="site-footer"><a href="/about/">About</a></footer></body></html>')
