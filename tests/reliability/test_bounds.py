"""Bounds that keep an unattended crawl in line: robots.txt, big sitemaps, hosts, schemes,
Retry-After, content types, binary bodies, and the reader's default address."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from tests.reliability.fault_site import FaultSite, article_html
from scrapy import Request
from scrapy.utils.test import get_crawler

from archiver.extract.candidate import is_html_type, looks_binary
from archiver.middlewares.allowed_hosts import AllowedHostsMiddleware, OffsiteRefused, host_allowed
from archiver.middlewares.retry_after import retry_after_seconds
from tests.support.crawl import ROOT, SMALL_BOUNDS, run_crawl, stats_of
from tests.support.records import jsonl_records


def test_robots_disallowing_everything_means_nothing_is_fetched(tmp_path):
    site = FaultSite()
    url = site.url
    site.page("/robots.txt", f"User-agent: *\nDisallow: /\nSitemap: {url}/sitemap.xml\n", "text/plain")
    site.page("/sitemap.xml", f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/"
              f"schemas/sitemap/0.9'><url><loc>{url}/news/a-story-nobody-may-fetch/</loc></url>"
              "</urlset>", "text/xml")
    site.page("/news/a-story-nobody-may-fetch/", article_html("Forbidden"))
    site.start()
    try:
        log = run_crawl("news", tmp_path, {"url": url + "/"}, SMALL_BOUNDS).stderr
    finally:
        site.stop()
    assert [h.path for h in site.hits] == ["/robots.txt"]     # once: obeyed and read for sitemaps
    assert stats_of(log)["robotstxt/forbidden"] >= 1
    assert jsonl_records(tmp_path) == []


MEMORY_PROBE = """
import resource
body = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(f"<url><loc>https://example.org/2024/05/{i:06d}-a-story-about-things/</loc>"
                  "<lastmod>2024-05-01T10:00:00+00:00</lastmod></url>" for i in range(100_000))
        + "</urlset>").encode()
from archiver.discovery import parse_sitemap
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kind, entries = parse_sitemap(body)
count = sum(1 for _ in entries)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024
print(count, len(body) // 2**20, grown)
"""


def test_a_100000_url_sitemap_is_streamed():
    """Measured in a fresh process: walking it grows the peak RSS by less than a parsed tree
    would take (about 70 MB for this 12 MB file; streaming stays near 30 MB)."""
    done = subprocess.run([sys.executable, "-c", MEMORY_PROBE], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    count, size_mb, grown_mb = map(int, done.stdout.split())
    assert count == 100_000 and size_mb >= 10
    assert grown_mb < 45, f"peak RSS grew {grown_mb} MB walking a {size_mb} MB sitemap"


def _middleware(allowed: list[str]):
    crawler = get_crawler(settings_dict={})
    crawler.spider = SimpleNamespace(allowed_domains=allowed)
    return AllowedHostsMiddleware.from_crawler(crawler), crawler


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "http://evil.test/",
                                 "http://127.0.0.1.evil.test/", "http://localhost:8000/"])
def test_requests_off_the_allowed_hosts_or_not_http_are_refused(url):
    mw, crawler = _middleware(["127.0.0.1"])
    request = Request("http://127.0.0.1/", dont_filter=True).replace(url=url) \
        if url.startswith("http") else SimpleNamespace(url=url, meta={})
    with pytest.raises(OffsiteRefused):
        mw.process_request(request)
    assert sum(v for k, v in crawler.stats.get_stats().items() if k.startswith("archiver/refused/")) == 1


def test_redirect_hop_to_another_host_is_refused_even_with_dont_filter():
    mw, _ = _middleware(["127.0.0.1"])
    hop = Request("http://localhost:9/next/", dont_filter=True,
                  meta={"redirect_urls": ["http://127.0.0.1:9/start/"]})
    with pytest.raises(OffsiteRefused, match="redirect from http://127.0.0.1:9/start/"):
        mw.process_request(hop)
    assert mw.process_request(Request("http://127.0.0.1:9/ok/", dont_filter=True)) is None


def test_host_allowed_ignores_ports_and_allows_subdomains_only():
    assert host_allowed("127.0.0.1", ["127.0.0.1"])
    assert host_allowed("www.example.org", ["example.org"])
    assert not host_allowed("example.org.evil.test", ["example.org"])
    assert not host_allowed("notexample.org", ["example.org"])


def test_retry_after_values():
    now = datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds("Wed, 01 May 2024 10:00:30 GMT", now) == 30
    assert retry_after_seconds("Wed, 01 May 2024 09:00:00 GMT", now) == 0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


def test_content_type_and_binary_guards():
    assert is_html_type(b"text/html; charset=utf-8") and is_html_type(None)
    assert is_html_type("application/xhtml+xml")
    assert not is_html_type(b"application/pdf") and not is_html_type("image/png")
    assert looks_binary(bytes(range(256)) * 10)
    assert not looks_binary(article_html("Text").encode())
    assert not looks_binary("\ufeffutf-16 text".encode("utf-16"))


def test_archive_serve_binds_loopback_by_default():
    from archiver.commands.serve import serve

    [host] = [p for p in serve.params if p.name == "host"]
    assert host.default == "127.0.0.1"
