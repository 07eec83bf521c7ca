"""`archive export`: the archive as one typed table (Parquet, CSV or JSON Lines)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from archiver.library.clisupport import day, open_library, user_errors
from archiver.library.dataset import Archive
from archiver.library.library import Filters
from archiver.library.tablewriters import FORMATS, WRITERS, format_for
from archiver.library.tabular import MissingExtra

EXAMPLES = """
\b
Examples:
  archive export archives/ -o news.parquet             one row per capture (version)
  archive export archives/ -o latest.parquet --latest  one row per article, its latest capture
  archive export archives/ -o de.csv --lang de --since 2026-01-01 --no-html
  archive export archives/ -o - --format jsonl | jq -r .title
  duckdb -c "select language, count(*) from 'news.parquet' group by 1"
"""


@click.command(epilog=EXAMPLES, short_help="Export the archive as a typed table (Parquet, CSV, JSON Lines).")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", required=True, metavar="FILE",
              help="File to write ('-': stdout, for csv and jsonl).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS),
              help="Table format (default: from FILE's suffix, else parquet).")
@click.option("--latest", is_flag=True, help="One row per article (its latest capture).")
@click.option("--no-html", "no_html", is_flag=True, help="Leave out the clean HTML column.")
@click.option("--lang", help="Only articles in this language (ISO 639-1, e.g. en).")
@click.option("--site", help="Only articles of this site (a profile, e.g. decoder, or a host).")
@click.option("--publisher", help="Only articles of this publisher (the site's own name, any case).")
@click.option("--since", metavar="DATE", help="Only articles dated on or after DATE.")
@click.option("--until", metavar="DATE", help="Only articles dated on or before DATE.")
@click.option("--search", metavar="WORDS", help="Only articles whose title or text has all WORDS.")
def export(paths: tuple[str, ...], output: str, fmt: str | None, latest: bool, no_html: bool,
           lang: str | None, site: str | None, publisher: str | None, since: str | None,
           until: str | None, search: str | None) -> None:
    """Write every capture of the archive's articles as one row of a table: the JSON record's
    keys as typed columns (published, modified and fetched_at as UTC timestamps, authors,
    tags and sources as lists, image and warc as structs), plus article_id, version_id,
    text_sha1 and revisit_of. Rows come oldest capture first and are written as they are read,
    so memory stays flat however large the archive."""
    fmt = fmt or format_for(output)
    if output == "-" and fmt == "parquet":
        raise click.UsageError("Parquet needs a file (-o FILE); use --format csv or jsonl for stdout")
    filters = Filters(lang=lang, site=site, publisher=publisher, since=day(since, "--since"),
                      until=day(until, "--until"), search=search)
    with user_errors():
        library = open_library(paths)
        total = library.count(filters, latest=latest, revisits=True)
        rows = Archive(library).records(latest=latest, language=lang, site=site, publisher=publisher,
                                        since=filters.since, until=filters.until,
                                        search=search, html=not no_html)
        target = None if output == "-" else Path(output)
        try:
            count = WRITERS[fmt](_progress(rows, total), target, html=not no_html)
        except MissingExtra as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise click.ClickException(f"{output}: {exc.strerror or exc}") from None
    unit = "articles" if latest else "captures"
    click.echo(f"{count} rows ({unit}) written to {output}" if target else
               f"{count} rows ({unit})", err=True)


def _progress(rows: Iterable[dict[str, Any]], total: int) -> Iterator[dict[str, Any]]:
    """A progress bar on stderr when it is a terminal; the rows pass through unchanged."""
    if not sys.stderr.isatty() or total < 1000:
        yield from rows
        return
    with click.progressbar(length=total, label="exporting", file=sys.stderr, width=30) as bar:
        for row in rows:
            yield row
            bar.update(1)
