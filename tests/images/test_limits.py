"""The bounds on image capture: which images (ARCHIVER_IMAGES), how many (ARCHIVER_IMAGES_MAX),
how large (ARCHIVER_IMAGE_MAXSIZE); robots.txt and the allowed hosts; WARC rotation; and dedup
against what an earlier crawl archived. Crawls of the English edition, one per setting; the
mirror is shared, except by the tests that change what it serves."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import pytest

from decoder_mirror.site import Resource
from tests.support.ci import require
from tests.support.crawl import archive_check
from tests.support.images import crawl_images, image_paths, is_image_record
from tests.support.mirror_expected import expected_articles
from tests.support.server import LoopbackServer

EN = expected_articles("en")


def entries(result) -> list[dict]:
    return [i for r in result.records for i in r["images"]]


def checks_clean(directory) -> None:
    done = archive_check(directory)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_lead_only(image_mirror, tmp_path):
    result = crawl_images(image_mirror, tmp_path, {"edition": "en"}, {"ARCHIVER_IMAGES": "lead"})
    assert len(result.records) == len(EN)
    for record in result.records:
        lead, *body = record["images"]
        assert lead["captured"] and record["image"]["captured"]
        assert all(not i["captured"] and i["reason"] == "setting" for i in body)
    leads = {urlsplit(image_mirror.to_mirror(e.images[0])).path for e in EN}
    assert set(image_paths(result.requested["en"])) == leads
    assert result.requested["third_party"] == []


def test_none(image_mirror, tmp_path):
    result = crawl_images(image_mirror, tmp_path, {"edition": "en"}, {"ARCHIVER_IMAGES": "none"})
    assert entries(result) and all(i["reason"] == "setting" for i in entries(result))
    assert not any(r["image"]["captured"] for r in result.records)
    assert image_paths(result.requested["en"]) == [] and result.requested["third_party"] == []


def test_at_most_n_per_article_lead_first(image_mirror, tmp_path):
    result = crawl_images(image_mirror, tmp_path, {"edition": "en"}, {"ARCHIVER_IMAGES_MAX": 1})
    with_figures = [r for r in result.records if len(r["images"]) > 1]
    assert with_figures
    for record in result.records:
        assert record["images"][0]["captured"]
        assert all(i["reason"] == "limit" for i in record["images"][1:])
    assert len(image_paths(result.requested["en"])) == len(EN)


def test_an_image_over_the_size_bound_is_kept_cut_and_flagged(image_mirror, tmp_path):
    """1000 bytes: the 32-byte WebP fits; the PNGs (~3 KB) and JPEGs (~20 KB) do not."""
    result = crawl_images(image_mirror, tmp_path, {"edition": "en"},
                          {"ARCHIVER_IMAGE_MAXSIZE": 1000})
    images = entries(result)
    small = [i for i in images if i["url"].endswith(".webp")]
    assert len(small) == 1 and small[0]["captured"]
    cut = [i for i in images if not i["url"].endswith(".webp")]
    assert cut and all(not i["captured"] and i["reason"] == "too_large" for i in cut)
    truncated = [r for r in result.warc_records() if r.type == "response"
                 and r.get("WARC-Truncated") == "length"]
    assert {r.get("WARC-Target-URI") for r in truncated} == {i["url"] for i in cut}
    assert all(len(r.http_split()[1]) <= 1000 + 65536 for r in truncated)
    checks_clean(tmp_path)


def test_rotation_never_separates_an_article_from_its_images(image_mirror, tmp_path):
    result = crawl_images(image_mirror, tmp_path, {"edition": "en"}, {"WARC_MAX_SIZE": 1})
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert len(files) > len(EN)              # every article opened a file of its own
    for record in result.records:
        in_file = {r.get("WARC-Target-URI") for r in result.warc_records()
                   if r.path.endswith(record["warc"]["file"]) and is_image_record(r)}
        assert in_file == {i["url"] for i in record["images"]}, record["url"]
    checks_clean(tmp_path)


def test_robots_txt_of_the_image_host_is_obeyed(fresh_mirror, tmp_path):
    fresh_mirror.third_party.resources["/robots.txt"] = Resource(
        200, "text/plain", b"User-agent: *\nDisallow: /the-decoder.com/\n")
    result = crawl_images(fresh_mirror, tmp_path, {"edition": "en"})
    cdn = [i for i in entries(result) if urlsplit(i["url"]).hostname == fresh_mirror.third_party.host]
    assert len(cdn) == 1 and not cdn[0]["captured"] and cdn[0]["reason"] == "robots"
    assert result.requested["third_party"] == ["/robots.txt"]


@pytest.fixture
def elsewhere():
    """A server on another loopback address that no article names: it must see no request."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:           # noqa: N802
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    try:
        server = LoopbackServer(Handler, "127.0.0.3")
    except OSError:
        require("a third loopback address (127.0.0.3)")
    with server:
        yield server.url, seen


def test_a_redirect_to_a_host_the_article_does_not_name_is_refused(fresh_mirror, tmp_path,
                                                                    elsewhere):
    base, seen = elsewhere
    cdn_path = next(p for p in fresh_mirror.third_party.resources if p.endswith(".png"))
    fresh_mirror.third_party.resources[cdn_path] = Resource(302, "text/html", b"",
                                                            location=f"{base}/tracker.png")
    result = crawl_images(fresh_mirror, tmp_path, {"edition": "en"})
    cdn = [i for i in entries(result) if urlsplit(i["url"]).path == cdn_path]
    assert len(cdn) == 1 and not cdn[0]["captured"] and cdn[0]["reason"] in ("offsite", "refused")
    assert seen == []
    hops = [r for r in result.warc_records() if r.type == "response"
            and urlsplit(r.get("WARC-Target-URI")).path == cdn_path]
    assert len(hops) == 1 and b" 302 " in hops[0].block[:20]     # the hop itself is archived
    checks_clean(tmp_path)


def test_a_later_crawl_stores_an_upload_it_holds_as_a_revisit(image_mirror, tmp_path):
    """The German edition serves the English edition's Kestrel uploads under its own host."""
    crawl_images(image_mirror, tmp_path, {"edition": "en"})
    result = crawl_images(image_mirror, tmp_path, {"edition": "de"})
    first = sorted(tmp_path.glob("*.warc.gz"))[0].name
    revisits = [r for r in result.warc_records() if r.type == "revisit" and is_image_record(r)]
    assert len(revisits) == 2
    by_id = {r.id: r for r in result.warc_records()}
    assert all(by_id[r.get("WARC-Refers-To")].path.endswith(first) for r in revisits)
    kestrel = next(r for r in result.records if "kestrel" in r["url"])
    assert all(i["captured"] for i in kestrel["images"])
    checks_clean(tmp_path)
