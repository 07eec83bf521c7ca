"""`archive check PATH...`: validate WARC files and their JSON records; non-zero exit on problems."""

from __future__ import annotations

import click

from archiver.errors import NotAWarc
from archiver.warc.check import check_paths


class InputError(click.ClickException):
    """A path the user named is missing or not an archive file (exit 2, like a usage error)."""

    exit_code = 2


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--repair", is_flag=True,
              help="First repair leftover .warc.gz.open files from a crashed crawl.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary.")
def check(paths: tuple[str, ...], repair: bool, quiet: bool) -> None:
    """Check WARC files (and directories of them, recursively).

    Walks every gzip member and record: digests, the WARC layout's headers, links between
    records, and the JSON Lines' links into the WARC files. Each problem names file and offset.
    Exit status: 0 clean, 1 problems found, 2 a path that is missing or not a WARC file.

    \b
    Examples:
      archive check archives/                 every WARC file under archives/
      archive check --repair archives/        after a crash: repair .open files, then check
      archive check -q a.warc.gz b.warc.gz    only problems and the summary
    """
    try:
        report = check_paths(list(paths), repair=repair)
    except (FileNotFoundError, NotAWarc, PermissionError, IsADirectoryError) as exc:
        raise InputError(str(exc)) from None
    if not (report.files or report.jsonl_lines or report.notes or report.problems):
        # Nothing was checked (an empty or mistyped directory): a cron job must not read
        # "0 problems" as a clean archive. replay and stats refuse the same paths.
        raise InputError(f"no WARC files (*.warc.gz) under {', '.join(paths)}")
    if not quiet:
        for note in report.notes:
            click.echo(f"note: {note}")
    for problem in report.problems:
        click.echo(f"PROBLEM {problem}")
    click.echo(report.summary())
    if not report.ok:
        raise SystemExit(1)
