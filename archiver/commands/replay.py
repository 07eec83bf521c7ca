"""`archive replay`: list the archived articles, show one, or dump every record as JSON Lines."""

from __future__ import annotations

import shutil
import sys
from datetime import datetime

import click

from archiver.library.clisupport import day, open_library, parse_when, user_errors, warn
from archiver.library.library import Entry, Filters, Library
from archiver.library.render import (FORMATS, as_html, as_json, as_markdown, as_text,
                                     format_table, table_rows)

EXAMPLES = """
\b
Examples:
  archive replay archives/                          list every capture of every article
  archive replay archives/ --latest                 one row per article (its latest capture)
  archive replay archives/ --lang de --since 2024-01-01 --search "sprachmodell"
  archive replay archives/ https://the-decoder.com/some-article/
  archive replay archives/ 'https://the-decoder.com/?p=12345' --format markdown
  archive replay archives/ URL --at 2024-06-01      pick one of several captures
  archive replay archives/ URL --format raw         the page as it was served
  archive replay archives/ --jsonl | jq .title      every record, rebuilt from the WARC files
"""


@click.command(epilog=EXAMPLES, short_help="List archived articles, show one, or print all records as JSON Lines.")
@click.argument("args", nargs=-1, required=True, metavar="PATH... [URL]")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="How to show the article named by URL.")
@click.option("--jsonl", is_flag=True, help="Print every (matching) JSON record, one per line; "
                                           "with URL, one per capture of it.")
@click.option("--at", "at", metavar="DATE", help="The capture closest to DATE (several versions).")
@click.option("--lang", help="Only articles in this language (ISO 639-1, e.g. en).")
@click.option("--site", help="Only articles of this site (a profile, e.g. decoder, or a host, "
                             "e.g. example.org).")
@click.option("--publisher", help="Only articles of this publisher, as the site names itself "
                                  "(e.g. \"THE DECODER\"; any case).")
@click.option("--since", metavar="DATE", help="Only articles dated on or after DATE.")
@click.option("--until", metavar="DATE", help="Only articles dated on or before DATE.")
@click.option("--search", metavar="WORDS", help="Only articles whose title or text has all WORDS.")
@click.option("-n", "--limit", type=click.IntRange(min=1), help="Show at most N articles.")
@click.option("--latest", is_flag=True, help="List one row per article: its latest capture.")
def replay(args: tuple[str, ...], fmt: str, jsonl: bool, at: str | None, lang: str | None,
           site: str | None, publisher: str | None, since: str | None, until: str | None,
           search: str | None, limit: int | None, latest: bool) -> None:
    """Get articles back out of WARC files (files or directories, searched recursively).

    Without URL: a table of the captures (date, capture time in UTC, language, site,
    $ = paywalled, title, URL), one row per capture (a recapture stored as a revisit too),
    tab-separated when piped. With URL (as archived, its canonical form, a ?p= shortlink,
    with or without tracking parameters): that article.
    """
    paths = tuple(a for a in args if not _is_url(a))
    urls = [a for a in args if _is_url(a)]
    if len(urls) > 1:
        raise click.UsageError("give at most one URL")
    filters = Filters(lang=lang, site=site, publisher=publisher, since=day(since, "--since"),
                      until=day(until, "--until"), search=search)
    with user_errors():
        library = open_library(paths)
        if jsonl and urls:
            _print_url_jsonl(library, urls[0], at)
        elif jsonl:
            _print_jsonl(library, filters, limit, latest)
        elif urls:
            _print_article(library, urls[0], fmt, at)
        else:
            _print_table(library.entries(filters, limit=limit, latest=latest, revisits=True))


def _echo(text: str, nl: bool = True) -> None:
    """Output for stdout. To a terminal, control characters are removed: archived pages are
    written by strangers, and ``ESC ] 52`` (clipboard write), cursor and colour commands in a
    title must not reach the terminal as commands. Piped output stays as stored."""
    if sys.stdout.isatty():
        from archiver.extract.article import CONTROLS
        text = CONTROLS.sub("", text.replace("\r\n", "\n"))
    click.echo(text, nl=nl)


def _is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def _print_table(entries: list[Entry]) -> None:
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    _echo(format_table(table_rows(entries), width), nl=False)


def _print_jsonl(library: Library, filters: Filters, limit: int | None, latest: bool) -> None:
    """The stored JSON records in archive order (file, then offset): equal to the crawl's lines."""
    entries = sorted(library.entries(filters, latest=latest), key=lambda e: (str(e.path), e.json_off))
    for entry in entries[:limit]:
        _echo(library.record_json(entry))


def _print_url_jsonl(library: Library, url: str, at: str | None) -> None:
    """The JSON record of every capture of one URL (or the one --at picks), oldest first; a
    revisit as the record it repeats, with its own time and ids (see Library.record)."""
    from archiver.items import dumps_record
    versions = _versions(library, url)
    for entry in [_pick(versions, parse_when(at, "--at"))] if at else versions:
        stored = entry.revisit_of is None
        _echo(library.record_json(entry) if stored else dumps_record(library.record(entry)))


def _versions(library: Library, url: str) -> list[Entry]:
    versions = library.versions(url)
    if not versions:
        raise click.ClickException(f"{url}: not in the archive (list it with: archive replay PATH)")
    return versions


def _print_article(library: Library, url: str, fmt: str, at: str | None) -> None:
    versions = _versions(library, url)
    entry = _pick(versions, parse_when(at, "--at")) if at else versions[-1]
    if len(versions) > 1 and not at:
        dates = ", ".join((v.fetched_at or "?")[:19] for v in versions)
        warn(f"{len(versions)} captures of this URL ({dates}); showing the latest, pick one with --at")
    if fmt == "raw":
        from archiver.extract.decode import decode_html
        response = library.raw(entry)
        if not response.complete:
            warn(f"the capture is too large to show whole; showing its first "
                 f"{len(response.body) // 1024} KiB")
        _echo(decode_html(response.body, response.charset), nl=False)
        return
    record = library.record(entry)
    width = min(shutil.get_terminal_size().columns, 100)
    output = {"text": lambda: as_text(record, width), "json": lambda: as_json(record),
              "html": lambda: as_html(record, record.get("html") or ""),
              "markdown": lambda: as_markdown(record, record.get("html") or "")}[fmt]()
    _echo(output, nl=False)


def _pick(versions: list[Entry], when: datetime) -> Entry:
    """The capture closest in time to ``when`` (as a Wayback Machine picks one)."""
    def distance(entry: Entry) -> float:
        fetched = parse_when(entry.fetched_at or "1970-01-01", "--at")
        return abs((fetched - when).total_seconds())
    return min(versions, key=distance)
