"""`archive serve`: the reader's routes and security headers, then the real thing in Chromium."""

from __future__ import annotations

import pytest

from tests.support.archives import AD_TEXT, PAGES, get


def _rid(base: str, title: str) -> str:
    listing = get(base + "/").text
    link = listing.split(f'">{title}</a>')[0].rsplit('href="', 1)[1]
    return link.removeprefix("/a/")


def test_list_search_and_filters(reader: str):
    page = get(reader + "/")
    assert page.status == 200 and "3 articles" in page.text      # one row per article
    assert "4 captures" in get(reader + "/?all=1").text
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


def test_article_page_lists_versions_and_shows_what_changed(reader: str):
    listing = get(reader + "/?all=1").text
    rids = [link.split('"')[0] for link in listing.split('href="/a/')[1:]
            if '">OpenAI ships a new model</a>' in link.split("</li>")[0]]
    assert len(rids) == 2                              # both captures, each with its own page
    latest = _rid(reader, "OpenAI ships a new model")  # the default list shows the latest
    page = get(f"{reader}/a/{latest}").text
    versions = page.split('<section class="versions">')[1].split("</section>")[0]
    assert "2 captures" in versions and "2024-06-01 08:00:00 UTC</strong> (shown)" in versions
    assert "2024-03-06 08:00:00 UTC" in versions and "text changed" in versions
    diff = page.split('<section class="diff">')[1].split("</section>")[0]
    assert "1 paragraph added, 1 removed" in diff
    assert "<ins>The model writes code. An update was added.</ins>" in diff
    assert "<del>The model writes code. Researchers measured its accuracy on benchmarks.</del>" in diff
    [first] = [r for r in rids if r != latest]
    assert '<section class="diff">' not in get(f"{reader}/a/{first}").text   # nothing before it
    compared = get(f"{reader}/a/{first}?from={latest}").text
    assert "<ins>The model writes code. An update was added.</ins>" in compared
