"""Replay in a real pywb: the raw capture at its timestamp (ads and all, as served) and the clean
conversion at its own, one second or more later."""

from __future__ import annotations

import gzip
import subprocess
import urllib.request
from pathlib import Path

import pytest

from warc_helpers import HERE, require_tool
from warc_mock_site import AD_MARKER, article_html
from archiver.warc.reader import iter_records


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
    wb_manager = Path(require_tool("wb-manager", env="PYWB_BIN_DIR"))
    python = wb_manager.parent / "python"
    subprocess.run([wb_manager, "init", "archive"], cwd=tmp_path, check=True, capture_output=True)
    for warc in sorted(crawled.glob("*.warc.gz")):
        subprocess.run([wb_manager, "add", "archive", warc], cwd=tmp_path, check=True,
                       capture_output=True)
    server = subprocess.Popen([python, HERE / "warc_pywb_server.py"], cwd=tmp_path,
                              stdout=subprocess.PIPE, text=True)
    port = next((int(line.split()[1]) for line in server.stdout if line.startswith("PYWB-PORT")), None)
    assert port, "pywb did not start"
    yield f"http://127.0.0.1:{port}/archive"
    server.kill()
    server.wait(10)


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
