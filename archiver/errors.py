"""What goes wrong reading an archive, named once for the reader, the checker and the commands.

``ArchiveError`` and its kinds are what a user can fix (a path that is missing, a file that is
not a WARC file): the commands show them as one line and exit with status 2. ``Problem`` is
damage found while reading goes on (a record that cannot be read, a header the layout forbids),
with its place: the offset of the gzip member in a WARC file, or the line of a JSON Lines file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class ArchiveError(Exception):
    """Something the user can fix: shown as one line on stderr, exit status 2."""


class PathNotFound(ArchiveError):
    """A path named on the command line (or to open_archive) does not exist."""


class NotAWarc(ArchiveError):
    """The file is not a gzip-compressed WARC file."""


class RecordUnreadable(ArchiveError):
    """A record the index points at can no longer be read (file changed or damaged)."""


@dataclass(frozen=True)
class Problem:
    """Something wrong in an archive file, and where: a WARC file's offset or a JSONL line."""

    path: str
    message: str
    offset: int | None = None
    line: int | None = None

    @property
    def where(self) -> str:
        return f"line {self.line}" if self.line is not None else f"offset {self.offset or 0}"

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.message}"


ProblemHandler = Callable[[Problem], None]
