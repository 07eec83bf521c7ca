"""Replay in a real pywb: the raw capture at its timestamp (ads and all, as served) and the clean
conversion at its own, one second or more later."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from archiver.warc.reader import iter_records
from tests.support.pywb_replay import serve_pywb
from tests.warc.warc_mock_site import AD_MARKER, article_html


def timestamp(record) -> str:
    return "".join(ch for ch in record.get("WARC-Date")[:19] if ch.isdigit())


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as reply:
        body = reply.read()
        if reply.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return reply.status, body


@pytest.fixture
def pywb(crawled, tmp_path):
    with serve_pywb(sorted(crawled.glob("*.warc.gz")), tmp_path) as url:
        yield url


def test_pywb_replays_raw_capture_and_conversion(pywb, crawled):
    records = list(iter_records(next(crawled.glob("*.warc.gz"))))
    response = next(r for r in records if r.type == "response"
                    and r.get("WARC-Target-URI").endswith("/article/2"))
    conversion = next(r for r in records if r.type == "conversion"
                      and r.get("WARC-Refers-To") == response.id)
    url = response.get("WARC-Target-URI")
    assert timestamp(conversion) > timestamp(response)

    status, raw = fetch(f"{pywb}/{timestamp(response)}id_/{url}")
    assert status == 200 and raw == article_html(2) and AD_MARKER in raw.decode()

    status, clean = fetch(f"{pywb}/{timestamp(conversion)}id_/{url}")
    assert status == 200 and clean == conversion.block and AD_MARKER not in clean.decode()
