"""URL keys, http(s) only, mirror rebasing, fetch URLs without tracking parameters."""

from archiver.discovery.urls import Rebaser, canonical_key, is_http_url



def test_canonical_key_folds_link_variants():
    key = canonical_key("https://example.org/story/")
    for variant in ("http://www.example.org/story", "https://EXAMPLE.org/story/#comments",
                    "https://example.org/story/?utm_source=x&utm_medium=y",
                    "https://example.org/story?fbclid=abc"):
        assert canonical_key(variant) == key
    assert canonical_key("https://example.org/?p=12") != canonical_key("https://example.org/?p=13")


def test_only_http_urls():
    assert is_http_url("https://example.org/a")
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x/y", "/relative", ""):
        assert not is_http_url(bad)


def test_rebaser_maps_real_hosts_onto_mirror():
    rebase = Rebaser({"https://the-decoder.com": "http://127.0.0.1:8001"})
    assert rebase("https://the-decoder.com/sitemap_index.xml") == "http://127.0.0.1:8001/sitemap_index.xml"
    assert rebase("https://www.the-decoder.com/?p=5") == "http://127.0.0.1:8001/?p=5"
    assert rebase("https://the-decoder.com.evil.org/x") == "https://the-decoder.com.evil.org/x"
    assert rebase("https://the-decoder.de/x/") == "https://the-decoder.de/x/"


def test_fetch_urls_lose_tracking_parameters_and_fragments_only():
    from archiver.discovery.urls import without_tracking

    assert without_tracking("https://e.org/a/?utm_source=rss&utm_medium=feed#top") == "https://e.org/a/"
    assert without_tracking("https://e.org/?p=12&utm_campaign=x") == "https://e.org/?p=12"
    assert without_tracking("https://e.org/list?page=2&b=1") == "https://e.org/list?page=2&b=1"
