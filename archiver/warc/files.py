"""Naming, creating and locking WARC files in a directory shared by several crawlers.

Names follow WARC 1.1 Annex C: ``{prefix}-{timestamp}-{serial:05d}-{host}.warc.gz``. The host
part carries the process id, and the file is created with O_EXCL, so two crawlers never pick
the same name even on one host within one second. An open file holds an exclusive ``flock``
for its whole life: crash repair skips locked files because their writer is still alive.
"""

from __future__ import annotations

import fcntl
import os
import re
import socket
from datetime import datetime, timezone
from pathlib import Path

OPEN_SUFFIX = ".open"
INVALID_SUFFIX = ".invalid"
WARC_SUFFIX = ".warc.gz"


class FileLocked(Exception):
    """Another live process holds this WARC file open."""


def host_token(hostname: str | None = None, pid: int | None = None) -> str:
    """``hostname-pid`` with everything but letters, digits, dots and hyphens replaced."""
    raw = f"{hostname or socket.gethostname()}-{pid if pid is not None else os.getpid()}"
    return re.sub(r"[^A-Za-z0-9.-]+", "-", raw).strip("-") or "host"


def warc_name(prefix: str, moment: datetime, serial: int, host: str) -> str:
    stamp = moment.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")
    return f"{prefix}-{stamp}-{serial:05d}-{host}{WARC_SUFFIX}"


def jsonl_path(warc_path: Path) -> Path:
    """The JSON Lines file beside a WARC file: same stem, ``.jsonl``."""
    name = warc_path.name
    for suffix in (OPEN_SUFFIX, INVALID_SUFFIX):
        name = name.removesuffix(suffix)
    return warc_path.with_name(name.removesuffix(WARC_SUFFIX).removesuffix(".warc") + ".jsonl")


def create_locked(directory: Path, prefix: str, serial: int, host: str) -> tuple[int, Path, int]:
    """Create ``NAME.warc.gz.open`` exclusively and lock it; returns (fd, final path, serial)."""
    directory.mkdir(parents=True, exist_ok=True)
    while True:
        final = directory / warc_name(prefix, datetime.now(timezone.utc), serial, host)
        taken = [final, final.with_name(final.name + OPEN_SUFFIX),
                 final.with_name(final.name + INVALID_SUFFIX)]
        if not any(p.exists() for p in taken):
            try:
                fd = os.open(taken[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
            except FileExistsError:
                pass
            else:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd, final, serial
        serial += 1


def lock_existing(path: Path, flags: int = os.O_RDWR) -> int:
    """Open and lock a leftover file; FileLocked if a live writer holds it.

    After taking the lock, check the name still points at the same file: its writer may have
    renamed it between our open and our lock.
    """
    fd = os.open(path, flags)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.stat(path).st_ino != os.fstat(fd).st_ino:
            raise FileLocked(str(path))
    except (BlockingIOError, FileNotFoundError) as exc:
        os.close(fd)
        raise FileLocked(str(path)) from exc
    except FileLocked:
        os.close(fd)
        raise
    return fd


def archive_dir_problem(directory: str | Path) -> str | None:
    """Why WARC files cannot be written in ``directory``, or None; it is not created here.

    Tried for real, with a small file created and removed in the directory (or, when it does not
    exist yet, in the nearest directory above it, where it would be created): permissions do not
    tell a read-only mount or a full disk apart from a writable directory, and root passes every
    permission test.
    """
    path = Path(directory)
    if path.exists() and not path.is_dir():
        return f"ARCHIVE_DIR {path} is a file, not a directory"
    above = path
    while not above.exists():
        if above.parent == above:
            break
        above = above.parent
    if above != path and not above.is_dir():
        return f"ARCHIVE_DIR {path} is under a file, not a directory"
    probe = above / f".archiver-write-test-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            write_all(fd, b"\0" * 4096)
            os.fsync(fd)
        finally:
            os.close(fd)
            probe.unlink()
    except OSError as exc:
        import errno
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"ARCHIVE_DIR {path}: disk full ({exc.strerror})"
        if above != path:
            return f"ARCHIVE_DIR {path}: cannot create it: {exc.strerror or exc}"
        return f"ARCHIVE_DIR {path} is not writable: {exc.strerror or exc}"
    return None


def write_all(fd: int, data: bytes) -> None:
    """os.write may write less than asked; loop until all of ``data`` is on its way."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def fsync_dir(directory: Path) -> None:
    """Make a rename durable (the directory entry lives in the directory)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
