"""What the read-side commands share: opening an archive with user-facing errors and warnings.

Rules: results go to stdout, everything else (warnings, progress) to stderr, and a mistake the
user can fix is one line and exit status 1 or 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import click

from archiver.errors import ArchiveError, Problem

from .library import Library


def warn(problem: Problem | str) -> None:
    click.echo(f"warning: {problem}", err=True)


def open_library(paths: tuple[str, ...]) -> Library:
    if not paths:
        raise click.UsageError("give at least one WARC file or archive directory")

    def indexing(path: Path) -> None:
        if sys.stderr.isatty():
            click.echo(f"indexing {path.name} …", err=True)

    try:
        library = Library(list(paths), warn, indexing)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    if not library.files:
        raise click.ClickException(f"no WARC files (*.warc.gz) under {', '.join(paths)}")
    return library


@contextmanager
def user_errors() -> Iterator[None]:
    """ArchiveError -> one line; a closed pipe (``| head``) -> quiet exit."""
    try:
        yield
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise SystemExit(0) from None


def parse_when(value: str, option: str) -> datetime:
    """YYYY-MM-DD, an ISO 8601 time, or a 14-digit WARC/CDX timestamp; naive means UTC."""
    text = value.strip()
    try:
        if text.isdigit() and len(text) in (8, 14):
            moment = datetime.strptime(text, "%Y%m%d" if len(text) == 8 else "%Y%m%d%H%M%S")
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD or ISO 8601)",
                                 param_hint=option) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def day(value: str | None, option: str) -> str | None:
    """A --since/--until value, checked, as YYYY-MM-DD."""
    return parse_when(value, option).date().isoformat() if value else None
