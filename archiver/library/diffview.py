"""An ArticleDiff as people read it: text (git's word-diff marks) or HTML (<del>/<ins>).

The texts are the archive's clean plain text, so HTML output escapes everything: no markup
from the archived page ever reaches the reader through a diff.
"""

from __future__ import annotations

import json
import textwrap
from html import escape

from .textdiff import ArticleDiff, ParagraphChange

MARKS = {"added": "+", "removed": "-", "changed": "~"}


def header_lines(diff: ArticleDiff) -> list[str]:
    old, new = diff.old, diff.new
    lines = [f"from {old.fetched_at or '?'} (version {old.version_id})",
             f"  to {new.fetched_at or '?'} (version {new.version_id})"]
    for key, (was, now) in diff.fields.items():
        lines.append(f"{key}: {_show(was)} -> {_show(now)}")
    return lines


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else "none"


def as_text(diff: ArticleDiff, width: int = 80) -> str:
    title = diff.new.title or diff.url
    out = [title, "=" * min(len(title), width), diff.url, *header_lines(diff), ""]
    for change in diff.paragraphs:
        out.append(f"{MARKS[change.kind]} paragraph {change.number} {change.kind}:")
        out += [textwrap.indent(textwrap.fill(_plain_words(change), width - 2,
                                              break_on_hyphens=False), "  "), ""]
    out.append(f"summary: {diff.summary()}")
    return "\n".join(out) + "\n"


def _plain_words(change: ParagraphChange) -> str:
    if change.kind != "changed":
        return change.new or change.old or ""
    return join_runs(change, {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}, str)


def join_runs(change: ParagraphChange, forms: dict[str, str], quote) -> str:
    """The word runs of a changed paragraph, each in its form; a replacement (a deletion
    followed by an insertion) is written without a space between, as ``git diff
    --word-diff`` does."""
    out, previous = "", None
    for op, text in change.words():
        glue = "" if not out or (previous == "delete" and op == "insert") else " "
        out += glue + forms[op].format(quote(text))
        previous = op
    return out


def as_html_fragment(diff: ArticleDiff) -> str:
    """The diff as a <section> (the reader embeds it under the article)."""
    meta = "".join(f"<li>{escape(line.strip())}</li>" for line in header_lines(diff))
    items = "".join(_paragraph_html(c) for c in diff.paragraphs)
    if not items:
        items = '<p class="unchanged">The clean text is the same in both versions.</p>'
    return (f'<section class="diff"><h2>What changed</h2><p class="summary">'
            f"{escape(diff.summary())}</p><ul class=\"diff-meta\">{meta}</ul>{items}</section>")


def _paragraph_html(change: ParagraphChange) -> str:
    label = f"Paragraph {change.number} {change.kind}"
    if change.kind == "changed":
        body = join_runs(change, {"equal": "{}", "delete": "<del>{}</del>",
                                  "insert": "<ins>{}</ins>"}, escape)
    elif change.kind == "added":
        body = f"<ins>{escape(change.new or '')}</ins>"
    else:
        body = f"<del>{escape(change.old or '')}</del>"
    return (f'<div class="para {change.kind}"><p class="label">{escape(label)}</p>'
            f"<p>{body}</p></div>")


def as_html(diff: ArticleDiff) -> str:
    """A standalone, script-free HTML page of the diff."""
    title = escape(diff.new.title or diff.url)
    return ('<!doctype html>\n<html><head><meta charset="utf-8">'
            f"<title>{title}</title><style>del{{background:#fdd}}ins{{background:#dfd}}</style>"
            f"</head>\n<body><h1>{title}</h1><p>{escape(diff.url)}</p>\n"
            f"{as_html_fragment(diff)}</body></html>\n")


def as_json(diff: ArticleDiff) -> str:
    return json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n"
