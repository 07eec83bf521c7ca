"""`archive changes`: articles whose text or title changed between captures (silent edits)."""

from __future__ import annotations

import json
import shutil
import sys

import click

from archiver.library.clisupport import open_library, parse_when, user_errors
from archiver.library.dataset import Archive
from archiver.library.render import captured
from archiver.library.textdiff import ArticleDiff

EXAMPLES = """
\b
Examples:
  archive changes archives/                        every edit found between captures
  archive changes archives/ --since 2026-05-01     edits captured on or after a day
  archive changes archives/ --jsonl | jq -r .url   one JSON object per edit
  archive diff archives/ URL                       then look at one of them
"""


@click.command(epilog=EXAMPLES, short_help="List articles whose text or title changed between captures.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--since", metavar="DATE", help="Only edits captured on or after DATE.")
@click.option("--jsonl", is_flag=True, help="One JSON object per edit (the full diff).")
def changes(paths: tuple[str, ...], since: str | None, jsonl: bool) -> None:
    """Compare each capture of each article with the capture before it and list the ones
    whose clean text or title differ, one line per edit: when the new version was captured,
    what changed (paragraphs added, removed, changed; title changed), title and URL.
    Recaptures with the same text and title (revisits among them) are not changes."""
    moment = parse_when(since, "--since") if since else None
    with user_errors():
        archive = Archive(open_library(paths))
        found = archive.changes(since=moment)
        count, articles = 0, set()
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        if width:
            click.echo(_line(("CHANGED", "SUMMARY", "TITLE", "URL"), width))
        for change in found:
            count += 1
            articles.add(change.article_id)
            click.echo(json.dumps(change.to_dict(), ensure_ascii=False) if jsonl
                       else _line(_cells(change), width))
    click.echo(f"{count} change{'s' * (count != 1)} in {len(articles)} "
               f"article{'s' * (len(articles) != 1)}", err=True)


def _cells(change: ArticleDiff) -> tuple[str, str, str, str]:
    when = captured(change.new.fetched_at)
    return when, change.summary(), " ".join((change.new.title or "").split()), change.url


def _line(cells: tuple[str, ...], width: int | None) -> str:
    """Tab-separated when piped; else aligned, the title cut to what the terminal leaves."""
    if width is None:
        return "\t".join(cells)
    when, summary, title, url = cells
    room = max(20, width - 19 - 44 - 6 - 40)          # the URL gets about 40 columns
    title = title if len(title) <= room else title[:room - 1] + "…"
    return f"{when:<19}  {summary:<44}  {title:<{room}}  {url}".rstrip()
