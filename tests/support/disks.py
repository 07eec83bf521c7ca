"""Disks that really fill up or really are read-only: a tmpfs mounted for the test (needs root,
as .ci/run has; without it the test follows the suite's rule, tests.support.ci)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .ci import require


@contextmanager
def tmpfs(path: Path, size: str, read_only: bool = False) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path`` while the block runs."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                              capture_output=True, text=True)
    except FileNotFoundError:
        require("the mount command (util-linux)")
    if done.returncode != 0:
        require(f"permission to mount a tmpfs ({done.stderr.strip()})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount(path: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(path)], check=True)


def fill(directory: Path) -> Path:
    """Fill the file system of ``directory`` to the last byte; returns the filler file."""
    filler = directory / "filler"
    with open(filler, "wb", buffering=0) as out:
        chunk = b"\0" * 4096
        while True:
            try:
                if not out.write(chunk):
                    break
            except OSError:
                break
        while True:
            try:
                if not out.write(b"\0"):
                    break
            except OSError:
                break
    return filler
