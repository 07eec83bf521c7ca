"""The captured images replay with the raw page (pywb, a WACZ for ReplayWeb.page) and travel
with their articles through `archive reprocess`."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import urllib.request
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver.cli import main
from archiver.library.payload import parse_response
from archiver.warc.reader import Record
from tests.support.ci import require_tool
from tests.support.images import is_image_record
from tests.support.pywb_replay import serve_pywb
from tests.support.records import jsonl_records, warc_records


def timestamp(record: Record) -> str:
    return "".join(ch for ch in record.get("WARC-Date")[:19] if ch.isdigit())


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as reply:
        body = reply.read()
        return gzip.decompress(body) if reply.headers.get("Content-Encoding") == "gzip" else body


def stored_images(records: list[Record]) -> dict[str, bytes]:
    """URL -> image bytes, revisits resolved to the payload they point at."""
    by_id = {r.id: r for r in records}
    out = {}
    for record in records:
        if not is_image_record(record):
            continue
        source = by_id[record.get("WARC-Refers-To")] if record.type == "revisit" else record
        out[record.get("WARC-Target-URI")] = parse_response(source).body
    return out


@pytest.fixture(scope="module")
def pywb(image_crawl, tmp_path_factory):
    warcs = sorted(image_crawl.dir.glob("*.warc.gz"))
    with serve_pywb(warcs, tmp_path_factory.mktemp("pywb")) as url:
        yield url.removesuffix("/archive")


def test_pywb_replays_the_raw_page_with_its_images(image_crawl, pywb):
    records = image_crawl.warc_records()
    images = stored_images(records)
    responses = {r.get("WARC-Target-URI"): r for r in records if r.type == "response"}
    replayed = 0
    for article in image_crawl.records:
        page = fetch(f"{pywb}/archive/{timestamp(responses[article['url']])}mp_/{article['url']}")
        html = page.decode("utf-8")
        for image in article["images"]:
            # pywb points every image URL of the page at itself: /archive/<ts>im_/<url> in src,
            # /archive/<ts>mp_/<url> in a srcset
            url = image["url"].replace("&", "&amp;")
            match = re.search(rf'/archive/(\d+)(?:im_|mp_)/{re.escape(url)}', html)
            assert match, f"{image['url']} not in the replayed page of {article['url']}"
            assert fetch(f"{pywb}/archive/{match.group(1)}im_/{image['url']}") == \
                images[image["url"]]
            replayed += 1
    assert replayed == len(images) == sum(len(a["images"]) for a in image_crawl.records)


def test_the_wacz_indexes_every_image_record(image_crawl, tmp_path):
    out = tmp_path / "images.wacz"
    result = CliRunner().invoke(main, ["wacz", str(image_crawl.dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as wacz:
        cdx = gzip.decompress(wacz.read("indexes/index.cdx.gz")).decode().splitlines()
        warcs = {Path(n).name: wacz.read(n) for n in wacz.namelist() if n.startswith("archive/")}
    indexed = {}
    for line in cdx:
        data = json.loads(line.split(" ", 2)[2])
        if "url" in data:                  # metadata records have no URL
            indexed[data["url"]] = data
    images = [r for r in image_crawl.warc_records() if is_image_record(r)]
    assert images
    for record in images:
        entry = indexed[record.get("WARC-Target-URI")]
        assert entry["mime"].startswith(("image/", "warc/revisit"))
        blob = warcs[entry["filename"]][int(entry["offset"]):][:int(entry["length"])]
        assert gzip.decompress(blob).startswith(b"WARC/1.1")
    tool = require_tool("wacz", env="PYWB_BIN_DIR")
    check = subprocess.run([tool, "validate", "-f", str(out)], capture_output=True, text=True,
                           timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


def test_reprocess_carries_the_images_over(image_crawl, tmp_path):
    out = tmp_path / "clean"
    result = CliRunner().invoke(main, ["reprocess", str(image_crawl.dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = jsonl_records(out)
    assert len(records) == len(image_crawl.records)
    before = {r["url"]: r["images"] for r in image_crawl.records}
    for record in records:
        assert [(i["url"], i["captured"]) for i in record["images"]] == \
            [(i["url"], i["captured"]) for i in before[record["url"]]]
        assert record["image"]["captured"]
    written = warc_records(out)
    assert stored_images(written) == stored_images(image_crawl.warc_records())
    assert sum(r.type == "revisit" for r in written) == 2
    check = CliRunner().invoke(main, ["check", str(out)])
    assert check.exit_code == 0, check.output
