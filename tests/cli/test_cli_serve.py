"""`archive serve`: the reader's routes and security headers, then the real thing in Chromium."""

from __future__ import annotations

import pytest

from cli_archives import AD_TEXT, PAGES, get


def _rid(base: str, title: str) -> str:
    listing = get(base + "/").text
    link = listing.split(f'">{title}</a>')[0].rsplit('href="', 1)[1]
    return link.removeprefix("/a/")


def test_list_search_and_filters(reader: str):
    page = get(reader + "/")
    assert page.status == 200 and "4 articles" in page.text
    assert "script-src" not in page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert "1 articles" in get(reader + "/?q=laundry").text
    assert "Aleph Alpha" in get(reader + "/?lang=de").text
    assert "Aleph Alpha" not in get(reader + "/?lang=en").text


def test_article_page_is_sanitized_and_links_to_original_and_raw(reader: str):
    rid = _rid(reader, "Robots learn to fold laundry")
    page = get(f"{reader}/a/{rid}")
    assert page.status == 200
    assert "A robot arm folds shirts in the lab." in page.text
    assert AD_TEXT not in page.text and "javascript:" not in page.text and "onclick" not in page.text
    assert f'href="{PAGES[2].url}"' in page.text and f'href="/a/{rid}/raw"' in page.text
    assert 'class="badge paywall"' in page.text and 'class="badge lang">en<' in page.text
    assert "<h1>Robots learn to fold laundry</h1>" in page.text.split('<div class="body">')[0]


def test_raw_capture_is_inert_text(reader: str):
    rid = _rid(reader, "Robots learn to fold laundry")
    raw = get(f"{reader}/a/{rid}/raw")
    assert raw.status == 200 and raw.headers["Content-Type"].startswith("text/plain")
    assert raw.headers["Content-Security-Policy"].startswith("sandbox")
    assert "<script>alert(1)</script>" in raw.text and AD_TEXT in raw.text


@pytest.mark.parametrize("path", ["/a/00000000-0000-0000-0000-000000000000", "/a/../etc/passwd",
                                  "/static/../web.py", "/%2e%2e/%2e%2e/etc/passwd", "/a/x/raw",
                                  "/index.py"])
def test_unknown_ids_and_paths_are_404(reader: str, path: str):
    assert get(reader + path).status == 404
