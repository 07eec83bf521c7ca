"""A crawl of the mirror captures exactly the articles' images, and keeps each article's images
in its WARC file, right after it.

The mirror's articles name their pictures the ways the real site does (see
decoder_mirror/uploads.py): a srcset whose best candidate is the original, a WebP <picture>,
an upload served by a CDN on another host (127.0.0.2), a counting pixel; the page around them
has avatars, a logo and teaser thumbnails that are not the article's.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from archiver.items import record_schema
from tests.support.crawl import archive_check
from tests.support.images import image_paths, is_image_record
from tests.support.mirror_expected import expected_articles

EXPECTED = expected_articles()


def mirrored(crawl, url: str) -> str:
    return crawl.mirror.to_mirror(url)


def test_captures_exactly_the_articles_images(image_crawl):
    stored = {r.get("WARC-Target-URI") for r in image_crawl.warc_records() if is_image_record(r)}
    wanted = {mirrored(image_crawl, u) for e in EXPECTED for u in e.images}
    assert stored == wanted
    assert len(wanted) == sum(len(e.images) for e in EXPECTED) and len(wanted) > len(EXPECTED)


def test_nothing_else_is_fetched_no_pixel_no_other_rendition(image_crawl):
    wanted = {urlsplit(mirrored(image_crawl, u))[2:4] for e in EXPECTED for u in e.images}
    for server, paths in image_crawl.requested.items():
        for path in image_paths(paths):
            split = urlsplit(path)
            assert (split.path, split.query) in wanted, f"{server} fetched {path}"
    decoys = [mirrored(image_crawl, u) for e in EXPECTED for u in e.image_decoys]
    assert any("/na/" in u for u in decoys) and any("-300x169" in u for u in decoys)
    fetched = {f"{server}:{p}" for server, paths in image_crawl.requested.items() for p in paths}
    for url in decoys:
        assert not any(f.endswith(urlsplit(url).path) for f in fetched), url


def test_an_image_on_another_host_is_fetched_from_there_with_its_robots_txt(image_crawl):
    cdn = [u for e in EXPECTED for u in e.images if u.startswith("https://i0.wp.com/")]
    assert len(cdn) == 1
    url = urlsplit(mirrored(image_crawl, cdn[0]))
    site = urlsplit(image_crawl.mirror.en_url)
    assert url.hostname == image_crawl.mirror.third_party.host
    assert (url.hostname, url.port) != (site.hostname, site.port)
    assert image_crawl.requested["third_party"] == ["/robots.txt", f"{url.path}?{url.query}"]


@pytest.mark.parametrize("exp", EXPECTED, ids=lambda e: f"{e.edition}-{e.path.strip('/')[:30]}")
def test_the_record_lists_the_images(image_crawl, exp):
    record = image_crawl.record(exp.mirror_url(image_crawl.mirror))
    images = record["images"]
    assert [i["url"] for i in images] == [mirrored(image_crawl, u) for u in exp.images]
    assert all(i["captured"] for i in images) and record["image"]["captured"] is True
    assert images[0]["lead"] is True and not any(i.get("lead") for i in images[1:])
    assert (images[0]["width"], images[0]["height"]) == (1200, 675)       # read from the bytes
    for image, caption in zip(images[1:], exp.figure_captions):
        assert f"{image['caption']} | {image['credit']}" == caption
    jsonschema.validate(record, record_schema())


def test_srcset_and_picture_keep_the_best_source(image_crawl):
    by_url = {i["url"]: i for r in image_crawl.records for i in r["images"]}
    original = next(u for u in by_url if u.endswith("kestrel_nine_benchmark_chart.png"))
    assert (by_url[original]["width"], by_url[original]["height"]) == (1600, 900)
    assert any(u.endswith("agent_loop_diagram.webp") for u in by_url)
    record = next(r for r in image_crawl.records if "tool-calling" in r["url"])
    assert "agent_loop_diagram.webp" in record["html"] and "srcset" not in record["html"]


def test_each_article_is_followed_by_its_images_in_its_file(image_crawl):
    for path in sorted(image_crawl.dir.glob("*.warc.gz")):
        records = [r for r in image_crawl.warc_records() if r.path == str(path)]
        for i, record in enumerate(records):
            if record.type == "metadata" and record.get("Content-Type") == "application/json":
                data = json.loads(record.block)
                urls = {i["url"] for i in data["images"] if i["captured"]}
                following = []
                for later in records[i + 1:]:
                    if not is_image_record(later) and later.type != "request":
                        break
                    following.append(later)
                got = {r.get("WARC-Target-URI") for r in following if is_image_record(r)}
                assert got == urls, data["url"]
                assert all(r.type == "request" for r in following[1::2])


def test_one_upload_under_two_urls_is_stored_once(image_crawl):
    """Both editions serve the Kestrel lead and chart (one upload, two hosts): whichever is
    written second is a revisit of the first (articles finish in any order)."""
    records = image_crawl.warc_records()
    revisits = [r for r in records if r.type == "revisit" and is_image_record(r)]
    shared = {mirrored(image_crawl, u) for e in EXPECTED if "kestrel" in e.path for u in e.images}
    assert len(revisits) == 2 and len(shared) == 4
    by_id = {r.id: r for r in records}
    pairs = set()
    for revisit in revisits:
        original = by_id[revisit.get("WARC-Refers-To")]
        assert original.type == "response"
        assert original.get("WARC-Target-URI") == revisit.get("WARC-Refers-To-Target-URI")
        assert original.get("WARC-Payload-Digest") == revisit.get("WARC-Payload-Digest")
        assert original.get("WARC-Date") == revisit.get("WARC-Refers-To-Date")
        pairs |= {original.get("WARC-Target-URI"), revisit.get("WARC-Target-URI")}
        assert urlsplit(original.get("WARC-Target-URI")).path == \
            urlsplit(revisit.get("WARC-Target-URI")).path
    assert pairs == shared


def test_warcio_and_archive_check_pass(image_crawl):
    warcs = sorted(map(str, image_crawl.dir.glob("*.warc.gz")))
    done = subprocess.run([str(Path(sys.executable).parent / "warcio"), "check", "-v", *warcs],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]
    records = image_crawl.warc_records()
    assert "fail" not in done.stdout
    assert done.stdout.count("digest pass") == sum(r.type != "revisit" for r in records)
    done = archive_check(image_crawl.dir)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert " 0 problems" in done.stdout


def test_the_crawl_summary_counts_the_images(image_crawl):
    images = sum(len(e.images) for e in EXPECTED)
    assert re.search(rf"\n  images +{images} archived, 2 of them as revisits, 1 tracking pixel "
                     r"left out\n", image_crawl.log)
