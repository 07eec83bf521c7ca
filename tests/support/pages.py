"""Article pages of our own making (English and German text, a head and a body each test
chooses) for the extraction tests; nothing from ../shared."""

from __future__ import annotations

import json

EN = (
    "The city council voted on Tuesday to turn the old tram depot into a public library, "
    "ending a debate that had lasted for almost a decade.",
    "Supporters said the building, with its tall windows and iron beams, was ideal for reading "
    "rooms, while critics argued that the money should go to repairing roads instead.",
    "The conversion is expected to take three years and will be paid for partly by a regional "
    "grant, according to the council's planning office.",
    "Residents will be able to comment on the designs at a public meeting next month, where "
    "architects plan to present three different options for the main hall.",
)
DE = (
    "Der Stadtrat hat am Dienstag beschlossen, das alte Straßenbahndepot in eine öffentliche "
    "Bibliothek umzuwandeln, und damit eine fast zehn Jahre lange Debatte beendet.",
    "Befürworter sagten, das Gebäude mit seinen hohen Fenstern und Eisenträgern eigne sich "
    "ideal für Lesesäle, während Kritiker das Geld lieber in die Reparatur von Straßen stecken wollten.",
    "Der Umbau soll drei Jahre dauern und wird nach Angaben des Planungsamtes teilweise aus "
    "einem regionalen Zuschuss finanziert.",
    "Die Bürgerinnen und Bürger können die Entwürfe im nächsten Monat bei einer öffentlichen "
    "Versammlung kommentieren, bei der Architekten drei Varianten für die Haupthalle vorstellen.",
)
TEXTS = {"en": EN, "de": DE}


def make_page(lang: str = "en", *, inside: str = "", after: str = "", before: str = "",
              head: str = "", title: str | None = None, paragraphs: tuple[str, ...] | None = None,
              chrome: str = "") -> str:
    """An article page: head, optional chrome, an <article> with paragraphs, insertions."""
    paras = paragraphs if paragraphs is not None else TEXTS[lang]
    title = title or ("Old tram depot becomes a library" if lang == "en"
                      else "Altes Straßenbahndepot wird Bibliothek")
    body = "".join(f"<p>{p}</p>" for p in paras[:2]) + inside + "".join(f"<p>{p}</p>" for p in paras[2:])
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | '
            f'Example News</title><meta property="og:site_name" content="Example News">{head}</head>'
            f'<body>{chrome}<main><article><h1>{title}</h1>{before}<div class="entry-content">{body}'
            f'</div>{after}</article></main><footer class="site-footer"><a href="/about/">About</a>'
            f' <a href="/imprint/">Imprint</a></footer></body></html>')


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
