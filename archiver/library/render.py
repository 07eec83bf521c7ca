"""An archived article in the formats `archive replay` offers: text, html, markdown, json, raw.

Archived HTML is untrusted (the site wrote it, our cleaner only reduced it), so every HTML or
Markdown output goes through nh3 again here, whatever was stored.
"""

from __future__ import annotations

import json
import textwrap
from html import escape
from typing import Any

import nh3

LINK_REL = "noopener noreferrer nofollow"
FORMATS = ("text", "html", "markdown", "json", "raw")


def sanitize(html: str) -> str:
    """Reader-safe HTML: no scripts, handlers, styles, forms or frames; http(s) links only."""
    return nh3.clean(html, link_rel=LINK_REL, url_schemes={"http", "https"},
                     strip_comments=True)


def byline(record: dict[str, Any]) -> list[str]:
    """The metadata lines shown above an article, in the order a reader scans them."""
    lines = []
    authors = ", ".join(record.get("authors") or [])
    date = (record.get("published") or "")[:10]
    if authors or date:
        lines.append(" · ".join(x for x in (authors, date) if x))
    flags = [record.get("language") or "?"]
    if record.get("paywalled"):
        flags.append("paywalled")
    lines.append(" · ".join(flags) + f" · {record.get('word_count') or 0} words")
    lines.append(record.get("url") or "")
    return lines


def as_text(record: dict[str, Any], width: int = 80) -> str:
    """Title, byline, then each paragraph wrapped to ``width``."""
    title = record.get("title") or record.get("url") or ""
    out = [title, "=" * min(len(title), width), *byline(record), ""]
    for paragraph in (record.get("text") or "").split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph and paragraph != title:
            out += [textwrap.fill(paragraph, width=width, break_on_hyphens=False), ""]
    return "\n".join(out).rstrip() + "\n"


def as_html(record: dict[str, Any], clean_html: str) -> str:
    """A standalone, script-free HTML document of the article."""
    lang = escape(record.get("language") or "")
    title = escape(record.get("title") or record.get("url") or "")
    meta = "".join(f"<p class=\"meta\">{escape(line)}</p>" for line in byline(record))
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head>\n<body><article>{meta}\n{sanitize(clean_html)}"
            "</article></body></html>\n")


def as_markdown(record: dict[str, Any], clean_html: str) -> str:
    from markdownify import markdownify

    body = markdownify(sanitize(clean_html), heading_style="ATX", bullets="-").strip()
    title = " ".join((record.get("title") or "").split())
    first, _, rest = body.partition("\n")
    if first.startswith("# ") and " ".join(first[2:].split()) == title:
        body = rest.strip()
    meta = [f"*{line}*  " for line in byline(record)]
    return "\n".join([f"# {title}", "", *meta, "", body]) + "\n"


def as_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def captured(fetched_at: str | None) -> str:
    """A capture time as lists show it: ``YYYY-MM-DD hh:mm:ss`` (UTC; recrawls minutes apart
    must not look alike)."""
    return (fetched_at or "")[:19].replace("T", " ")


def table_rows(entries: list[Any]) -> list[tuple[str, ...]]:
    """date, capture time, language, site, paywall mark, title, URL: the article list's
    columns (the capture time tells recaptures of one article apart)."""
    return [(e.date or "", captured(e.fetched_at), e.language or "", e.site or "",
             "$" if e.paywalled else "", " ".join((e.title or "").split()), e.url)
            for e in entries]


def format_table(rows: list[tuple[str, ...]], width: int | None) -> str:
    """Tab-separated when piped (``width`` None), else aligned with titles cut to fit."""
    if width is None:
        return "".join("\t".join(r) + "\n" for r in rows)
    header = ("DATE", "CAPTURED", "LANG", "SITE", "$", "TITLE", "URL")
    fixed = len(header) - 2
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(fixed)]
    room = max(20, width - sum(widths) - fixed * 2 - 2 - 40)
    lines = []
    for row in [header, *rows]:
        title = row[fixed] if len(row[fixed]) <= room else row[fixed][:room - 1] + "…"
        cells = [c.ljust(w) for c, w in zip(row[:fixed], widths)] + [title.ljust(room), row[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
