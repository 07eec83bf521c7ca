"""Packaging an archive as WACZ 1.1.1, with the archived articles as its page list.

Why py-wacz and not our own zip writer: it is Webrecorder's reference implementation, the one
ReplayWeb.page is tested against (CDX index with ZipNum ``index.idx``, WARC files stored
uncompressed in the zip, ``datapackage.json`` with sha256 hashes, ``datapackage-digest.json``).
What we add is the page list: one page per archived article (not every HTML response, which
would list robots.txt redirects and feeds too), dated with its raw capture's WARC-Date so that
ReplayWeb.page opens the page as it was served, and titled with the extracted title.

py-wacz prints progress with ``print``; it is captured so that stdout stays ours, and shown
only when packaging fails.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from archiver.errors import ArchiveError

from .library import Entry, Library

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
# The project is installed from its checkout (README), so the extra is named by path: a bare
# `pip install 'archiver[wacz]'` would ask PyPI for an unrelated package of that name.
INSTALL_HINT = "pip install -e '.[wacz]' (in the archiver checkout)"


class WaczUnavailable(ArchiveError):
    """py-wacz is not installed (it is an optional extra: its dependencies are heavy)."""


class WaczFailed(ArchiveError):
    """py-wacz could not package the archive."""


class DuplicateWarcName(ArchiveError):
    """Two WARC files share a name: a WACZ keeps them side by side in one ``archive/`` folder."""


@dataclass
class Page:
    """One line of pages.jsonl: what ReplayWeb.page lists and opens."""

    id: str
    url: str
    ts: str          # the raw capture's WARC-Date
    title: str

    def json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


@dataclass
class WaczResult:
    path: Path
    warcs: list[Path]
    pages: int               # pages in the WACZ's list
    unmatched: int           # articles whose raw capture py-wacz did not find in its index
    skipped_open: list[Path]  # .warc.gz.open files left out (still being written)


def article_pages(library: Library, entries: list[Entry]) -> list[Page]:
    """One page per article capture, in archive order; articles without a raw capture have
    nothing to replay and are left out."""
    pages = []
    for entry in sorted(entries, key=lambda e: (str(e.path), e.json_off)):
        if entry.resp_off is None:
            continue
        headers = record_headers(entry.path, entry.resp_off)
        url = headers.get("warc-target-uri") or entry.url
        ts = headers.get("warc-date") or entry.fetched_at or ""
        pages.append(Page(id=entry.rid, url=url, ts=ts, title=entry.title or url))
    return pages


def record_headers(path: Path, offset: int) -> dict[str, str]:
    """The WARC headers of the record at ``offset``, decompressing only as far as they go
    (a page list of 100,000 articles must not inflate 100,000 raw pages)."""
    decomp, data = zlib.decompressobj(31), b""
    with path.open("rb") as fh:
        fh.seek(offset)
        while b"\r\n\r\n" not in data and len(data) < 65536 and not decomp.eof \
                and (chunk := fh.read(4096)):
            try:
                data += decomp.decompress(chunk)
            except zlib.error as exc:
                raise ArchiveError(f"{path}: offset {offset}: unreadable record ({exc})") from None
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace").split("\r\n")[1:]
    pairs = (line.split(":", 1) for line in head if ":" in line)
    return {name.strip().lower(): value.strip() for name, value in pairs}


def packable_warcs(files: list[Path]) -> tuple[list[Path], list[Path]]:
    """(closed WARC files, .open files still being written); names must be unique."""
    closed = [f for f in files if f.name.endswith(".warc.gz")]
    names: dict[str, Path] = {}
    for path in closed:
        if path.name in names:
            raise DuplicateWarcName(f"two WARC files named {path.name}: {names[path.name]} and "
                                    f"{path} (a WACZ holds one flat archive/ folder)")
        names[path.name] = path
    return closed, [f for f in files if not f.name.endswith(".warc.gz")]


def write_wacz(library: Library, output: Path, title: str | None = None,
               description: str | None = None) -> WaczResult:
    """Package every closed WARC file of ``library`` into ``output`` (written atomically)."""
    create = _py_wacz()
    warcs, still_open = packable_warcs(library.files)
    if not warcs:
        raise ArchiveError("no closed WARC files (*.warc.gz) to package")
    included = set(warcs)
    pages = article_pages(library, [e for e in library.entries() if e.path in included])
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="archive-wacz-") as tmp:
        pages_file = Path(tmp) / "pages.jsonl"
        pages_file.write_text("".join(line + "\n" for line in
                                      [json.dumps(PAGES_HEADER)] + [p.json() for p in pages]),
                              encoding="utf-8")
        partial = output.with_name(f".{output.name}.part")
        args = ["create", "-o", str(partial), "--pages", str(pages_file),
                "--title", title or f"Archive of {len(pages)} articles"]
        args += ["--desc", description] if description else []
        _run(create, args + [str(w) for w in warcs], partial)
        listed = count_pages(partial)
        os.replace(partial, output)
    return WaczResult(output, warcs, listed, len(pages) - listed, still_open)


def count_pages(wacz: Path) -> int:
    with zipfile.ZipFile(wacz) as zf:
        if "pages/pages.jsonl" not in zf.namelist():
            return 0
        lines = zf.read("pages/pages.jsonl").decode("utf-8").splitlines()
    return sum(1 for line in lines[1:] if line.strip())


def _py_wacz():
    try:
        from wacz.main import main as wacz_main
    except ImportError:
        raise WaczUnavailable(f"archive wacz needs py-wacz: {INSTALL_HINT}") from None
    return wacz_main


def _run(create, args: list[str], partial: Path) -> None:
    """py-wacz's own command line, in process, with its chatter captured."""
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter):
            status = create(args)
    except (Exception, SystemExit) as exc:   # argparse exits; py-wacz raises ValueError etc.
        status = f"{type(exc).__name__}: {exc}"
    if status != 0:
        partial.unlink(missing_ok=True)
        last = [line for line in chatter.getvalue().splitlines() if line.strip()][-3:]
        raise WaczFailed(f"py-wacz failed ({status}): {' / '.join(last) or 'no output'}")
