"""`archive wacz`: a WACZ that the real `wacz validate` accepts and that ReplayWeb.page can use:
the article list as pages.jsonl, and a CDX index that leads to each raw capture."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from archiver.cli import main
from archiver.warc.reader import iter_records, parse_record
from tests.support.archives import AD_TEXT, PAGES
from tests.support.ci import require_tool


def wacz_tool() -> str:
    """py-wacz's command line: $PYWB_BIN_DIR (CI: its own venv), else next to this Python."""
    return require_tool("wacz", "PYWB_BIN_DIR")


def make_wacz(archive_dir: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["wacz", str(archive_dir), "-o", str(out), *extra])


def captures(archive_dir: Path) -> list[tuple[str, str]]:
    """(URL, 14-digit timestamp) of every article's raw capture, from the WARC files."""
    out = []
    for path in sorted(archive_dir.glob("*.warc.gz")):
        for record in iter_records(path):
            if record.type == "response" and not record.get("WARC-Target-URI").endswith(".txt"):
                date = record.get("WARC-Date")
                out.append((record.get("WARC-Target-URI"), "".join(c for c in date[:19] if c.isdigit())))
    return out


def test_wacz_passes_wacz_validate(archive_dir: Path, tmp_path: Path):
    tool = wacz_tool()
    out = tmp_path / "out" / "decoder.wacz"
    result = make_wacz(archive_dir, out, "--title", "Decoder test")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "2 WARC files, 4 pages" in result.stderr
    check = subprocess.run([tool, "validate", "-f", str(out)], capture_output=True, text=True,
                           timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Validation succeeded" in check.stdout and "1.1.1" in check.stdout
    assert not list(out.parent.glob(".*.part"))


def test_wacz_lists_articles_and_indexes_raw_captures(archive_dir: Path, tmp_path: Path):
    out = tmp_path / "decoder.wacz"
    assert make_wacz(archive_dir, out).exit_code == 0
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        lines = zf.read("pages/pages.jsonl").decode("utf-8").splitlines()
        package = json.loads(zf.read("datapackage.json"))
        cdx = gzip.decompress(zf.read("indexes/index.cdx.gz")).decode("utf-8").splitlines()
        warcs = {n: zf.read(n) for n in names if n.startswith("archive/")}
    assert sorted(warcs) == sorted(f"archive/{p.name}" for p in archive_dir.glob("*.warc.gz"))
    assert package["wacz_version"] == "1.1.1" and package["title"] == "Archive of 4 articles"
    assert {r["path"] for r in package["resources"]} == set(names) - {"datapackage.json",
                                                                        "datapackage-digest.json"}
    assert all(r["hash"].startswith("sha256:") for r in package["resources"])

    assert json.loads(lines[0]) == {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
    pages = [json.loads(line) for line in lines[1:]]
    got = [(p["url"], "".join(c for c in p["ts"][:19] if c.isdigit())) for p in pages]
    assert sorted(got) == sorted(captures(archive_dir))          # articles only, recrawl too
    titles = {p.title for p in PAGES}
    assert {p["title"] for p in pages} == titles and all(p["id"] for p in pages)

    for page in pages:       # what ReplayWeb.page does: CDX line -> record in the zipped WARC
        stamp = "".join(c for c in page["ts"][:19] if c.isdigit())
        line = next(l for l in cdx if f" {stamp} " in l and f'"url": "{page["url"]}"' in l)
        entry = json.loads(line.split(" ", 2)[2])
        data = warcs["archive/" + entry["filename"]]
        start, length = int(entry["offset"]), int(entry["length"])
        raw = gzip.decompress(data[start:start + length])
        record = parse_record(raw, entry["filename"], start, start + length)
        assert record.type == "response" and record.get("WARC-Target-URI") == page["url"]
        head, body = record.http_split()
        assert b"Content-Encoding: gzip" in head and AD_TEXT in gzip.decompress(body).decode()


def test_wacz_leaves_out_files_still_being_written(archive_dir: Path, tmp_path: Path):
    first = sorted(archive_dir.glob("*.warc.gz"))[0]
    shutil.copy(first, archive_dir / ("ZZZ-crawling" + ".warc.gz.open"))
    out = tmp_path / "decoder.wacz"
    result = make_wacz(archive_dir, out)
    assert result.exit_code == 0, result.output
    assert "ZZZ-crawling.warc.gz.open: still being written" in result.stderr
    with zipfile.ZipFile(out) as zf:
        assert not any("ZZZ" in n for n in zf.namelist())
        assert len(zf.read("pages/pages.jsonl").splitlines()) == 1 + 4


def test_wacz_user_errors(archive_dir: Path, tmp_path: Path, monkeypatch):
    result = make_wacz(archive_dir, tmp_path / "out.zip")
    assert result.exit_code == 2 and "name it *.wacz" in result.stderr
    result = make_wacz(tmp_path / "missing", tmp_path / "out.wacz")
    assert result.exit_code == 1 and "no such file or directory" in result.stderr
    assert "Traceback" not in result.output

    monkeypatch.setitem(sys.modules, "wacz.main", None)       # py-wacz not installed
    result = make_wacz(archive_dir, tmp_path / "out.wacz")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: archive wacz needs py-wacz: "
                                     "pip install -e '.[wacz]' (in the archiver checkout)")
    assert not (tmp_path / "out.wacz").exists()
