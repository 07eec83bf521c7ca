"""Storage faults lose nothing: a full disk (a real tmpfs that fills up), empty leftovers of a
killed crawl, a file cut at any byte, an ARCHIVE_DIR that cannot be written, a WARC_PREFIX that
would write elsewhere.

Full-disk and read-only cases mount their own tmpfs (root, as `.ci/run` runs); where mounting is
impossible they skip on a developer's machine and fail in CI.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from tests.reliability.small_news_site import SLUGS, SmallNewsSite, article_path

from archiver.extract.article import Article
from archiver.state import ArchiveState, Capture
from archiver.warc.archive import ArchiveWriteFailed, WarcArchive
from archiver.warc.check import check_paths
from archiver.warc.records import sha1_digest, warc_date
from archiver.warc.repair import repair_directory
from tests.support.crawl import ROOT, SMALL_BOUNDS, archive_check, crawl_command, run_crawl
from tests.support.disks import fill, remount, tmpfs
from tests.support.exchanges import exchange
from tests.support.records import archived_paths, jsonl_records

FAST_POOL = {"ARCHIVER_EXTRACT_WORKERS": 0}


def write_article(archive: WarcArchive, n: int) -> dict:
    page = exchange(f"https://example.org/story-{n}/", body=b"<html>story %d</html>" % n)
    article = Article(url=page.url, title=f"Story {n}", html=f"<p>story {n}</p>")
    return archive.write_article(article, page, site=None, fetched_at=page.date.isoformat(),
                                 http_status=200)


def problems(directory: Path) -> list[str]:
    return [str(p) for p in check_paths([directory]).problems]


# --- disk full --------------------------------------------------------------------------------

@pytest.mark.parametrize("max_size", [1_000_000_000, 1], ids=["mid-file", "at-rotation"])
def test_disk_full_stops_keeps_every_article_and_the_next_crawl_goes_on(tmp_path, max_size):
    site = SmallNewsSite().start()
    args = {"url": site.url + "/"}
    settings = {**FAST_POOL, "WARC_MAX_SIZE": max_size}
    try:
        with tmpfs(tmp_path / "disk", "96k") as disk:
            archive = disk / "archive"
            full = subprocess.run(crawl_command("news", archive, args, {**SMALL_BOUNDS, **settings}),
                                  cwd=ROOT,
                                  capture_output=True, text=True, timeout=120)
            said = [line for line in full.stderr.splitlines() if "disk full" in line.lower()]
            assert full.returncode == 1, full.stderr[-3000:]
            assert len(said) == 1, full.stderr[-3000:]          # one line says why
            assert "Traceback" not in full.stderr, full.stderr[-5000:]
            kept = archived_paths(archive)
            assert 0 < len(kept) < len(SLUGS)
            closed = list(archive.glob("*.warc.gz"))
            assert all(not problems_in(p) for p in closed)    # a final name is never a cut file
            remount(disk, "8m")
            run_crawl("news", archive, args, {**SMALL_BOUNDS, **settings})
            urls = sorted(r["url"] for r in jsonl_records(archive))
            assert urls == sorted(site.url + article_path(s) for s in SLUGS)   # each once
            assert kept <= archived_paths(archive)
            assert not list(archive.glob("*.open"))
            done = archive_check(archive)
            assert done.returncode == 0, done.stdout[-3000:]
    finally:
        site.stop()


def problems_in(path: Path) -> list[str]:
    return [str(p) for p in check_paths([path]).problems if "JSONL" not in str(p)]


def test_disk_full_at_rotation_keeps_the_closed_file_and_leaves_nothing_cut(tmp_path):
    with tmpfs(tmp_path / "disk", "64k") as disk:
        archive = WarcArchive(disk, max_size=1)        # every article starts a new file
        write_article(archive, 0)
        first = archive.file_name
        filler = fill(disk)
        with pytest.raises(ArchiveWriteFailed) as failed:
            write_article(archive, 1)                  # rotation: the new file's warcinfo fails
        assert failed.value.disk_full
        with pytest.raises(ArchiveWriteFailed):
            write_article(archive, 2)                  # nothing more is written
        archive.close()
        assert (disk / first).exists() and not problems_in(disk / first)
        assert not list(disk.glob("*.open"))           # the empty new file was ours: removed
        filler.unlink()
        again = WarcArchive(disk, max_size=1)
        write_article(again, 3)
        again.close()
        assert problems(disk) == []
        assert len(jsonl_records(disk)) == 2


def test_disk_full_mid_file_leaves_it_open_and_repair_keeps_every_whole_article(tmp_path):
    with tmpfs(tmp_path / "disk", "64k") as disk:
        archive = WarcArchive(disk)
        written = [write_article(archive, n) for n in range(3)]
        filler = fill(disk)
        with pytest.raises(ArchiveWriteFailed):
            for n in range(3, 50):
                written.append(write_article(archive, n))
        archive.close()
        [left] = disk.glob("*.warc.gz.open")           # cut back and left for repair
        filler.unlink()
        [result] = WarcArchive(disk).repaired
        assert result.outcome == "repaired"
        urls, wanted = [r["url"] for r in jsonl_records(disk)], [r["url"] for r in written]
        # an article whose records were written but whose line was not gets it back
        assert urls[:len(wanted)] == wanted and len(urls) - len(wanted) in (0, 1)
        assert problems(disk) == []


# --- empty leftovers --------------------------------------------------------------------------

def test_empty_leftovers_are_set_aside_and_the_crawl_and_commands_go_on(tmp_path):
    site = SmallNewsSite().start()
    archive = tmp_path / "archive"
    try:
        run_crawl("news", archive, {"url": site.url + "/"}, {**SMALL_BOUNDS, **FAST_POOL})
        (archive / "ARCHIVER-20240101000000-00000-host-1.warc.gz.open").write_bytes(b"")
        (archive / "ARCHIVER-20240101000000-00001-host-1.warc.gz").write_bytes(b"")
        log = run_crawl("news", archive, {"url": site.url + "/"},
                        {**SMALL_BOUNDS, **FAST_POOL}).stderr
    finally:
        site.stop()
    assert "ARCHIVER-20240101000000-00000-host-1.warc.gz.open: invalid" in log
    assert (archive / "ARCHIVER-20240101000000-00000-host-1.warc.gz.invalid").exists()
    for command in (["replay", str(archive)], ["stats", str(archive)],
                    ["replay", str(archive), "--jsonl"],
                    ["reprocess", str(archive), "-o", str(tmp_path / "again")]):
        done = subprocess.run([sys.executable, "-m", "archiver.cli", *command], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (command, done.stderr[-2000:])
        assert "00001-host-1.warc.gz: offset 0: empty file" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    listed = subprocess.run([sys.executable, "-m", "archiver.cli", "replay", str(archive)],
                            cwd=ROOT, capture_output=True, text=True)
    urls = {line.split("\t")[-1] for line in listed.stdout.splitlines()}
    assert urls == {site.url + article_path(s) for s in SLUGS}


def test_reader_serves_a_directory_with_an_empty_leftover(tmp_path):
    archive = tmp_path / "archive"
    writer = WarcArchive(archive)
    write_article(writer, 1)
    writer.close()
    (archive / "ARCHIVER-20240101000000-00001-host-1.warc.gz").write_bytes(b"")
    from archiver.library.library import Library
    seen = []
    library = Library([archive], seen.append)
    assert len(library.entries()) == 1 and "empty file" in str(seen[0])


# --- repair of a file cut at any byte ---------------------------------------------------------

def _archive_of_every_unit(directory: Path) -> Path:
    """A closed file with articles, plain captures and a revisit, in crawl order."""
    archive = WarcArchive(directory)
    for n in range(4):
        write_article(archive, n)
        archive.write_exchange(exchange(f"https://example.org/sitemap-{n}.xml", b"<urlset/>"))
    page = exchange("https://example.org/story-0/", body=b"<html>story 0</html>")
    archive.write_revisit(page, sha1_digest(page.body), "<urn:uuid:x>", page.url, warc_date(page.date))
    write_article(archive, 9)
    name = archive.file_name
    archive.close()
    return directory / name


def test_repair_of_a_file_cut_at_any_byte_passes_check(tmp_path):
    whole = _archive_of_every_unit(tmp_path / "whole")
    data = whole.read_bytes()
    lines = (whole.with_name(whole.name.replace(".warc.gz", ".jsonl"))).read_bytes()
    from archiver.warc.reader import iter_records
    after_warcinfo = next(iter_records(whole)).end
    rng = random.Random(13)
    cuts = sorted({rng.randrange(after_warcinfo, len(data)) for _ in range(60)})
    for cut in cuts:
        case = tmp_path / f"cut-{cut}"
        case.mkdir()
        (case / (whole.name + ".open")).write_bytes(data[:cut])
        (case / whole.with_suffix("").with_suffix(".jsonl").name).write_bytes(lines)
        [result] = repair_directory(case)
        assert result.outcome == "repaired", (cut, str(result))
        assert problems(case) == [], (cut, problems(case))
        for record in jsonl_records(case):                   # every line has its records
            assert record["url"].startswith("https://example.org/story-")


def test_repair_drops_an_article_cut_after_its_request_and_the_state_forgets_it(tmp_path):
    archive = WarcArchive(tmp_path)
    write_article(archive, 1)
    links = write_article(archive, 2)["warc"]
    name = archive.file_name
    os.close(archive._fd)                                     # a kill, lock released
    path = tmp_path / (name + ".open")
    from archiver.warc.reader import iter_records
    records = list(iter_records(path))
    conversion = next(r for r in records if r.id == links["conversion_id"])
    path.write_bytes(path.read_bytes()[:conversion.offset + 30])   # cut inside the conversion
    state = ArchiveState(tmp_path)
    state.put(["https://example.org/story-2/"], Capture(
        url="https://example.org/story-2/", captured=datetime.now(timezone.utc),
        record_id=links["response_id"]))
    state.close()
    [result] = WarcArchive(tmp_path).repaired
    assert links["response_id"] in result.dropped
    assert [r["url"] for r in jsonl_records(tmp_path)] == ["https://example.org/story-1/"]
    assert problems(tmp_path) == []
    from archiver.warc.reader import Record
    kept = [r for r in iter_records(tmp_path / name) if isinstance(r, Record)]
    assert links["response_id"] not in {r.id for r in kept}   # no raw capture posing as done
    state = ArchiveState(tmp_path)
    state.forget_records(result.dropped)
    assert state.get("https://example.org/story-2/") is None


# --- an archive directory that cannot be written, a prefix that escapes it ---------------------

def _crawl_refused(tmp_path: Path, settings: dict) -> subprocess.CompletedProcess:
    done = subprocess.run(crawl_command("news", settings.pop("ARCHIVE_DIR", tmp_path / "a"),
                                        {"url": "http://127.0.0.1:9/"},
                                        {**SMALL_BOUNDS, **settings}),
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    return done


def _last_line(done: subprocess.CompletedProcess) -> str:
    return done.stderr.strip().splitlines()[-1]


def test_a_prefix_that_leaves_the_archive_directory_is_refused(tmp_path):
    done = _crawl_refused(tmp_path, {"WARC_PREFIX": "../../x"})
    assert _last_line(done).startswith("error: WARC_PREFIX '../../x' is not a file name prefix")
    assert not list(tmp_path.rglob("*.warc.gz*")) and not list(tmp_path.parent.glob("x-*"))
    with pytest.raises(ValueError):
        WarcArchive(tmp_path, prefix="../x")
    out = subprocess.run([sys.executable, "-m", "archiver.cli", "reprocess", str(tmp_path),
                          "-o", str(tmp_path.parent / "out"), "--prefix", "../x"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode != 0 and out.stderr.strip().count("\n") == 0, out.stderr
    assert "--prefix '../x' is not a file name prefix" in out.stderr


@pytest.mark.parametrize("kind", ["a file", "under a file"])
def test_archive_dir_that_is_a_file_is_refused_in_one_line(tmp_path, kind):
    target = tmp_path / "plain-file"
    target.write_text("not a directory")
    done = _crawl_refused(tmp_path, {"ARCHIVE_DIR": target if kind == "a file"
                                     else target / "archive"})
    assert _last_line(done) == f"error: ARCHIVE_DIR {target if kind == 'a file' else target / 'archive'} is {kind}" + (", not a directory")


def test_archive_dir_on_a_read_only_disk_is_refused_in_one_line(tmp_path):
    with tmpfs(tmp_path / "ro", "1m", read_only=True) as disk:
        done = _crawl_refused(tmp_path, {"ARCHIVE_DIR": disk})
        assert _last_line(done) == (f"error: ARCHIVE_DIR {disk} is not writable: "
                                    "Read-only file system")
        done = _crawl_refused(tmp_path, {"ARCHIVE_DIR": disk / "sub"})
        assert _last_line(done).startswith(f"error: ARCHIVE_DIR {disk / 'sub'}: cannot create")


def test_archive_dir_on_a_full_disk_is_refused_in_one_line(tmp_path):
    with tmpfs(tmp_path / "disk", "64k") as disk:
        fill(disk)
        done = _crawl_refused(tmp_path, {"ARCHIVE_DIR": disk})
        assert _last_line(done) == f"error: ARCHIVE_DIR {disk}: disk full (No space left on device)"
