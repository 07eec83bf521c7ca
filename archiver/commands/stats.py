"""`archive stats`: what an archive holds, counted from its index (fast on big archives)."""

from __future__ import annotations

import json
from collections import Counter

import click

from archiver.library.clisupport import open_library, user_errors
from archiver.library.library import Entry, Library

EXAMPLES = """
\b
Examples:
  archive stats archives/
  archive stats archives/ --json | jq .languages
"""


def collect(library: Library, entries: list[Entry]) -> dict:
    """Counts by site, language and month; bytes on disk; what cleaning removed, by kind."""
    removed: Counter[str] = Counter()
    for entry in entries:
        removed.update(entry.removed)
    return {
        "files": len(library.files),
        "bytes": sum(p.stat().st_size for p in library.files),
        "raw_bytes": sum(e.raw_bytes for e in entries),
        "articles": len(entries),
        "urls": len({e.url for e in entries}),
        "paywalled": sum(e.paywalled for e in entries),
        "words": sum(e.word_count for e in entries),
        "sites": dict(Counter(e.site or "?" for e in entries).most_common()),
        "languages": dict(Counter(e.language or "?" for e in entries).most_common()),
        "months": dict(sorted(Counter((e.date or "?")[:7] for e in entries).items())),
        "removed": dict(removed.most_common()),
    }


def human(size: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def render(stats: dict) -> str:
    lines = [f"files      {stats['files']} ({human(stats['bytes'])}; raw pages "
             f"{human(stats['raw_bytes'])} as stored)",
             f"articles   {stats['articles']} captures of {stats['urls']} URLs, "
             f"{stats['paywalled']} paywalled, {stats['words']} words"]
    for title, key in (("sites", "sites"), ("languages", "languages"), ("months", "months"),
                       ("removed", "removed")):
        counts = stats[key]
        lines.append(f"{title}:" + ("" if counts else " none"))
        width = max((len(k) for k in counts), default=0)
        lines += [f"  {k.ljust(width)}  {v:>7}" for k, v in counts.items()]
    return "\n".join(lines) + "\n"


@click.command(epilog=EXAMPLES, short_help="Count articles by site, language, month; bytes; removals.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def stats(paths: tuple[str, ...], as_json: bool) -> None:
    """Count the archived articles by site, language and month, the bytes they take, and what
    cleaning removed from them (ads, scripts, ... as the records' `removed` says)."""
    with user_errors():
        library = open_library(paths)
        figures = collect(library, library.entries())
        click.echo(json.dumps(figures, indent=2) if as_json else render(figures), nl=as_json)
