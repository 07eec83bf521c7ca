"""Nothing leaves the site and discovery ends: bounded sitemap chains, indexes and feeds, one
spelling per discovery URL, robots.txt errors meaning "disallow all", host *and port* checked on
every hop, and Scrapy's remote-control endpoint off. Each with a mock site on 127.0.0.1.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from tests.reliability.fault_site import FaultHandler, FaultSite, article_html
from tests.support.crawl import ROOT, SMALL_BOUNDS, crawl_command, run_crawl, stats_of
from tests.support.records import jsonl_records

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_index(locs: list[str]) -> str:
    items = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f"<?xml version='1.0'?><sitemapindex xmlns='{SITEMAP_NS}'>{items}</sitemapindex>"


def urlset(locs: list[str]) -> str:
    items = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return f"<?xml version='1.0'?><urlset xmlns='{SITEMAP_NS}'>{items}</urlset>"


def site_with_robots(sitemaps: list[str] | None = None, robots: str | None = None) -> FaultSite:
    site = FaultSite()
    lines = "".join(f"Sitemap: {s}\n" for s in sitemaps or [])
    site.page("/robots.txt", robots or f"User-agent: *\nAllow: /\n{lines}", "text/plain")
    site.page("/", "<html><body><p>Home</p></body></html>")
    return site


# --- discovery bounds -------------------------------------------------------------------------

def test_an_endless_sitemap_index_chain_stops_at_the_nesting_bound(tmp_path):
    site = site_with_robots()
    site.page("/robots.txt", f"User-agent: *\nSitemap: {site.url}/chain.xml?n=1\n", "text/plain")

    def chain(h: FaultHandler) -> None:      # ?n=1 -> ?n=2 -> ... for ever
        n = int(h.path.split("n=")[1])
        h.send(200, sitemap_index([f"{site.url}/chain.xml?n={n + 1}"]).encode(), "application/xml")
    site.routes["/chain.xml"] = chain
    site.start()
    try:
        log = run_crawl("news", tmp_path, {"url": site.url + "/"}, SMALL_BOUNDS, timeout=60).stderr
    finally:
        site.stop()
    fetched = site.hits_for("/chain.xml")
    assert len(fetched) == 4                      # the listed one and three levels below it
    assert stats_of(log)["archiver/discovery/bound/sitemap_max_depth"] == 1
    assert "Discovery bound reached" in log and "ARCHIVER_SITEMAP_MAX_DEPTH = 3" in log


def test_an_index_of_100000_sitemaps_is_not_fetched_whole(tmp_path):
    site = site_with_robots()
    site.page("/robots.txt", f"User-agent: *\nSitemap: {site.url}/index.xml\n", "text/plain")
    site.page("/index.xml", sitemap_index([f"{site.url}/part-{n}.xml" for n in range(100_000)]),
              "application/xml")
    for n in range(100):
        site.page(f"/part-{n}.xml", urlset([]), "application/xml")
    site.start()
    try:
        log = run_crawl("news", tmp_path, {"url": site.url + "/"},
                        {**SMALL_BOUNDS, "ARCHIVER_DISCOVERY_MAX_DOCUMENTS": 40,
                         "DOWNLOAD_MAXSIZE": 16 * 1024 * 1024}, timeout=120).stderr
    finally:
        site.stop()
    parts = [h for h in site.hits if h.path.startswith("/part-")]
    assert len(parts) == 40 - 1                   # the index itself is one of the 40
    assert stats_of(log)["archiver/discovery/bound/discovery_max_documents"] >= 1
    assert "ARCHIVER_DISCOVERY_MAX_DOCUMENTS = 40" in log


def test_a_home_page_advertising_3000_feeds_is_read_for_ten(tmp_path):
    site = site_with_robots()
    links = "".join(f'<link rel="alternate" type="application/rss+xml" href="/feed-{n}.xml">'
                    for n in range(3000))
    site.page("/", f"<html><head>{links}</head><body><p>Home</p></body></html>")
    site.start()
    try:
        log = run_crawl("news", tmp_path, {"url": site.url + "/"}, SMALL_BOUNDS, timeout=60).stderr
    finally:
        site.stop()
    feeds = [h for h in site.hits if h.path.startswith("/feed-")]
    assert len(feeds) == 10
    assert stats_of(log)["archiver/discovery/bound/feeds_per_page"] == 1
    assert "3000 feeds on one page, the rest not fetched (ARCHIVER_FEEDS_PER_PAGE = 10)" in log


def test_discovery_urls_are_normalised_before_deduplication(tmp_path):
    site = site_with_robots()
    url = site.url
    spellings = [f"{url}/sitemap.xml", f"{url}//sitemap.xml", f"{url}/./sitemap.xml",
                 f"{url}/sitemap.xml#top", f"{url}/news/../sitemap.xml"]
    site.page("/robots.txt", "User-agent: *\n" + "".join(f"Sitemap: {s}\n" for s in spellings),
              "text/plain")
    site.page("/sitemap.xml", sitemap_index(spellings), "application/xml")
    site.start()
    try:
        run_crawl("news", tmp_path, {"url": site.url + "/"}, SMALL_BOUNDS, timeout=60)
    finally:
        site.stop()
    assert [h.path for h in site.hits if "sitemap" in h.path] == ["/sitemap.xml"]


# --- robots.txt --------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [500, 503])
def test_a_robots_txt_server_error_means_disallow_all(tmp_path, status):
    site = FaultSite()
    site.page("/robots.txt", b"<html>Internal error</html>", "text/html", status=status)
    site.page("/", f'<html><body><a href="/news/2024/05/01/a-story-nobody-should-fetch/">'
                   "story</a></body></html>")
    site.page("/news/2024/05/01/a-story-nobody-should-fetch/", article_html("Forbidden"))
    site.page("/sitemap.xml", urlset([f"{site.url}/news/2024/05/02/another-story-to-skip/"]))
    site.start()
    try:
        log = run_crawl("news", tmp_path, {"url": site.url + "/"},
                        {**SMALL_BOUNDS, "RETRY_TIMES": 0}, timeout=60).stderr
    finally:
        site.stop()
    assert {h.path for h in site.hits} == {"/robots.txt"}
    assert stats_of(log)["archiver/robotstxt/unavailable"] == 1
    assert f"answered HTTP {status}: nothing is fetched from it in this crawl" in log
    assert jsonl_records(tmp_path) == []


def test_an_unreachable_robots_txt_means_disallow_all(tmp_path):
    site = FaultSite()
    site.routes["/robots.txt"] = FaultHandler.reset
    site.page("/", f'<html><body><a href="/news/2024/05/01/a-story-nobody-should-fetch/">'
                   "story</a></body></html>")
    site.start()
    try:
        done = subprocess.run(crawl_command("news", tmp_path, {"url": site.url + "/"},
                                            {**SMALL_BOUNDS, "RETRY_TIMES": 0}),
                              cwd=ROOT, capture_output=True,
                              text=True, timeout=60)
    finally:
        site.stop()
    assert {h.path for h in site.hits} == {"/robots.txt"}
    log = done.stderr
    assert ("robots.txt not fetched: " in log and "(connection lost); nothing is fetched from "
            "this host (RFC 9309: disallow all)" in log)
    assert done.returncode == 1 and "Traceback" not in log     # and it never reached the site


def test_a_robots_txt_404_still_allows_everything(tmp_path):
    site = FaultSite()
    site.page("/", f'<html><body><a href="/news/2024/05/01/an-allowed-story-to-archive/">'
                   "story</a></body></html>")
    site.page("/news/2024/05/01/an-allowed-story-to-archive/", article_html("Allowed"))
    site.start()
    try:
        run_crawl("news", tmp_path, {"url": site.url + "/"}, SMALL_BOUNDS, timeout=60)
    finally:
        site.stop()
    assert [r["title"] for r in jsonl_records(tmp_path)] == ["Allowed"]


# --- same host, another port ---------------------------------------------------------------------

def test_nothing_is_fetched_from_the_same_host_on_another_port(tmp_path):
    other = FaultSite()
    other.page("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    for path in ("/news/2024/05/01/other-port-redirect-target/",
                 "/news/2024/05/02/other-port-meta-refresh-target/",
                 "/news/2024/05/03/other-port-sitemap-article/"):
        other.page(path, article_html("Other server"))
    other.page("/sitemap.xml", urlset([f"{other.url}/news/2024/05/03/other-port-sitemap-article/"]))
    other.start()
    site = FaultSite()
    site.page("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {other.url}/sitemap.xml\n"
                             f"Sitemap: {site.url}/sitemap.xml\n", "text/plain")
    redirect = "/news/2024/05/04/redirects-to-another-port/"
    refresh = "/news/2024/05/05/meta-refresh-to-another-port/"
    site.page("/sitemap.xml", urlset([site.url + redirect, site.url + refresh,
                                      other.url + "/news/2024/05/03/other-port-sitemap-article/"]))
    site.page(redirect, b"", status=302,
              headers=[("Location", f"{other.url}/news/2024/05/01/other-port-redirect-target/")])
    site.page(refresh, f'<html><head><meta http-equiv="refresh" content="0; url={other.url}'
                       '/news/2024/05/02/other-port-meta-refresh-target/"></head><body></body></html>')
    site.page("/", "<html><body><p>Home</p></body></html>")
    site.start()
    try:
        log = run_crawl("news", tmp_path, {"url": site.url + "/"}, SMALL_BOUNDS, timeout=60).stderr
        decoder = run_crawl("decoder", tmp_path / "decoder",
                            {"en_url": site.url, "edition": "en"}, SMALL_BOUNDS,
                            timeout=60).stderr
    finally:
        site.stop()
        other.stop()
    assert other.hits == []
    assert stats_of(log)["archiver/refused/offsite"] >= 2          # redirect and meta refresh
    assert "host or port not allowed (redirect from" in log
    assert all("Other server" != r["title"] for r in jsonl_records(tmp_path))
    assert stats_of(decoder)["finish_reason"] == "finished"     # and its robots.txt line: refused


# --- Scrapy's remote control -----------------------------------------------------------------

def test_scrapys_remote_control_is_off_and_leaves_no_token_files(tmp_path):
    site = site_with_robots()
    site.page("/news/2024/05/01/a-story-for-the-remote-control-test/", article_html("Story"))
    site.page("/", '<html><body><a href="/news/2024/05/01/a-story-for-the-remote-control-test/">'
                   "s</a></body></html>")
    site.start()
    state = tmp_path / "state"
    env = {**os.environ, "XDG_STATE_HOME": str(state), "HOME": str(tmp_path / "home")}
    try:
        done = subprocess.run(crawl_command("news", tmp_path / "a", {"url": site.url + "/"},
                                            SMALL_BOUNDS),
                              cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
        killed = subprocess.Popen(crawl_command("news", tmp_path / "b", {"url": site.url + "/"},
                                                {**SMALL_BOUNDS, "DOWNLOAD_DELAY": 5}),
                                  cwd=ROOT, stderr=subprocess.PIPE, text=True, env=env,
                                  start_new_session=True)
        deadline = time.monotonic() + 60
        while not site.hits_for("/robots.txt") and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(killed.pid, signal.SIGKILL)
        killed_log = killed.communicate(timeout=30)[1]
    finally:
        site.stop()
    assert done.returncode == 0, done.stderr[-2000:]
    for log in (done.stderr, killed_log):
        assert "Remote control" not in log and "RemoteControl" not in log
    assert not [p for p in state.rglob("*") if p.is_file()]            # no job/token files
    assert not [p for p in (tmp_path / "home").rglob("*") if p.is_file()]
