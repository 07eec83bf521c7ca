"""Finding WARC files under the paths a user names, and reading their records.

Record reading itself is archiver.warc.reader's (member by member, damage reported with file and
offset, reading resumes after it); this module adds what a command line needs: user-facing
errors for bad paths, problems handed to a callback, and one record read back at an offset.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from archiver.errors import NotAWarc, PathNotFound, Problem, ProblemHandler, RecordUnreadable
from archiver.warc import reader
from archiver.warc.reader import Record

WARC_SUFFIXES = (".warc.gz", ".warc.gz.open")


def looks_like_warc(path: Path) -> bool:
    """A gzip header at the start: enough to tell our WARC files from a stray file."""
    with path.open("rb") as fh:
        return fh.read(3) == reader.GZIP_MAGIC


def _readable_warc(path: Path, on_problem: ProblemHandler | None) -> bool:
    try:
        if looks_like_warc(path):
            return True
        reason = _refusal(path).split(": ", 1)[1]
        if path.stat().st_size == 0:
            reason = "empty file (left by a killed crawl?)"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    if on_problem is not None:
        on_problem(Problem(str(path), f"{reason}; skipped", offset=0))
    return False


def _refusal(path: Path) -> str:
    with path.open("rb") as fh:
        if fh.read(5) == b"WARC/":
            return f"{path}: an uncompressed WARC file; {reader.RECOMPRESS_HINT}"
    return f"{path}: not a WARC file (expected a gzip-compressed .warc.gz)"


def find_warcs(paths: Iterable[str | Path],
               on_problem: ProblemHandler | None = None) -> list[Path]:
    """WARC files named, or found recursively under directories; each once, sorted per path.

    A file named on the command line that is not a WARC file is an error; one found in a
    directory (a zero-byte leftover of a killed crawl, a stray file) is reported to
    ``on_problem`` and set aside, and the rest of the directory is read."""
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Resolved once for the directory, not per file: opening an archive of many files
            # stays cheap (files linked in from elsewhere keep their name in this directory).
            children = (p for p in path.resolve().rglob("*") if p.name.endswith(WARC_SUFFIXES))
            for child in sorted(c for c in children if c.is_file()):
                if not _readable_warc(child, on_problem):
                    continue
                found.setdefault(child)
        elif path.is_file():
            if not looks_like_warc(path):
                raise NotAWarc(_refusal(path))
            found.setdefault(path.resolve())
        else:
            raise PathNotFound(f"{path}: no such file or directory")
    return list(found)


def readable_records(path: Path, on_problem: ProblemHandler) -> Iterator[Record]:
    """Every readable record of ``path``; each damaged one goes to ``on_problem``."""
    for item in reader.iter_records(path):
        if isinstance(item, reader.CorruptRecord):
            on_problem(Problem(item.path, item.reason, offset=item.offset))
        else:
            yield item


def record_at(path: Path, offset: int) -> Record:
    """The record whose gzip member starts at ``offset`` (as the index recorded it)."""
    try:
        return reader.record_at(path, offset)
    except reader.CorruptRecord as exc:
        raise RecordUnreadable(f"{path}: offset {offset}: unreadable record ({exc.reason})") from None
    except OSError as exc:
        raise RecordUnreadable(f"{path}: offset {offset}: {exc.strerror or exc}") from None
