"""`archive diff`: what changed in one article between two of its captures."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime

import click

from archiver.library.clisupport import open_library, parse_when, user_errors
from archiver.library.dataset import Archive

EXAMPLES = """
\b
Examples:
  archive diff archives/ https://the-decoder.com/some-article/        the last two versions
  archive diff archives/ URL --from 2026-05-01 --to 2026-06-01        as of two days
  archive diff archives/ URL --from 1a2b3c4d5e6f7a8b --format html > diff.html
  archive diff archives/ URL --format json | jq .summary
"""
FORMATS = ("text", "html", "json")


@click.command(epilog=EXAMPLES, short_help="Show what changed in an article between two captures.")
@click.argument("args", nargs=-1, required=True, metavar="PATH... URL")
@click.option("--from", "old", metavar="WHEN",
              help="The older version: a version_id, or a date/time (the last capture on or "
                   "before it; a bare date means the end of that day).")
@click.option("--to", "new", metavar="WHEN", help="The newer version (default: the latest).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="text (word-diff marks [-old-]{+new+}), html or json.")
def diff(args: tuple[str, ...], old: str | None, new: str | None, fmt: str) -> None:
    """Compare two captures of the article URL (any form of it: canonical, shortlink, with
    tracking parameters): title and date changes, then the clean text paragraph by paragraph
    (added, removed, changed word by word). Default: the last two different versions."""
    from archiver.library.diffview import as_html, as_json, as_text

    paths, url = args[:-1], args[-1]
    if not url.startswith(("http://", "https://")):
        raise click.UsageError("the last argument must be the article's URL (http:// or https://)")
    with user_errors():
        archive = Archive(open_library(paths))
        try:
            result = archive.diff(url, _when(old, "--from"), _when(new, "--to"))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    width = min(shutil.get_terminal_size().columns, 100)
    output = {"text": lambda: as_text(result, width), "html": lambda: as_html(result),
              "json": lambda: as_json(result)}[fmt]()
    click.echo(output, nl=False)


def _when(value: str | None, option: str) -> str | date | datetime | None:
    """A version id or ISO time as given; WARC/CDX digit stamps (YYYYMMDD[hhmmss]) parsed."""
    if value is None:
        return None
    text = value.strip()
    if re.fullmatch(r"\d{14}", text):
        return parse_when(text, option)
    if re.fullmatch(r"\d{8}", text):
        return parse_when(text, option).date()
    return text
