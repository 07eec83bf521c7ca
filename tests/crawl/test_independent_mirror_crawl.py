"""`scrapy crawl decoder` against a mirror that is not ours: laid out as another person might.

Both editions on 127.0.0.1 under two ports; the English robots.txt names no sitemap (so the
profile's fallback paths are tried), its post sitemap has no lastmod and lists a slug without
its slash (answered with 301 to the slash) and one in capitals; the German robots.txt names a
gzip sitemap index (.xml.gz) whose post sitemap is gzip too and lists a non-ASCII slug
unencoded, while the feed has it percent-encoded in lower case; feeds carry only <guid>s.
The pages are the independent-markup fixtures of tests/sites/decoder.
"""

from __future__ import annotations

import gzip
import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote

import pytest
from tests.support.crawl import run_crawl
from tests.support.records import jsonl_records
from tests.support.server import LoopbackServer

PAGES = Path(__file__).parents[1] / "sites" / "decoder"
SM = '<?xml version="1.0"?><{0} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{1}</{0}>'
EN_ARTICLES = {"/weather-models-learn-to-forecast-hail/": "weather-models-learn-to-forecast-hail",
               "/Inside-The-Race-To-Build-A-Memory-Chip/": "inside-the-race-to-build-a-memory-chip"}
DE_ARTICLES = {"/bahnbetreiber-testet-ki-kameras-gegen-laub/": "bahnbetreiber-testet-ki-kameras-gegen-laub",
               "/warum-sprachmodelle-beim-rechnen-mit-brüchen-scheitern/":
               "warum-sprachmodelle-beim-rechnen-mit-bruechen-scheitern"}


def _urls(kind: str, host: str, paths: list[str]) -> str:
    tag, inner = ("sitemapindex", "sitemap") if kind == "index" else ("urlset", "url")
    return SM.format(tag, "".join(f"<{inner}><loc>https://{host}{p}</loc></{inner}>" for p in paths))


def _feed(host: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>t</title><guid>https://{host}{p}</guid></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode()


def edition_files(lang: str) -> dict[str, tuple[bytes, str]]:
    xml = "application/xml"
    if lang == "en":
        host = "the-decoder.com"
        return {
            "/robots.txt": (b"User-agent: *\nDisallow: /wp-admin/\n", "text/plain"),
            "/sitemap_index.xml": (_urls("index", host, ["/post-sitemap.xml", "/page-sitemap.xml"]).encode(), xml),
            "/post-sitemap.xml": (_urls("set", host, ["/weather-models-learn-to-forecast-hail",
                                                      "/Inside-The-Race-To-Build-A-Memory-Chip/"]).encode(), xml),
            "/page-sitemap.xml": (_urls("set", host, ["/contact-us/"]).encode(), xml),
            "/feed/": (_feed(host, list(EN_ARTICLES)), "application/rss+xml"),
        }
    host = "the-decoder.de"
    return {
        "/robots.txt": (f"User-agent: *\nSitemap: https://{host}/sitemap_index.xml.gz\n".encode(), "text/plain"),
        "/sitemap_index.xml.gz": (gzip.compress(_urls("index", host, ["/post-sitemap.xml.gz",
                                                                     "/post_tag-sitemap.xml"]).encode()),
                                  "application/gzip"),
        "/post-sitemap.xml.gz": (gzip.compress(_urls("set", host, list(DE_ARTICLES)).encode()), "application/x-gzip"),
        "/post_tag-sitemap.xml": (_urls("set", host, ["/tag/ki/"]).encode(), xml),
        "/feed/": (_feed(host, ["/warum-sprachmodelle-beim-rechnen-mit-br%c3%bcchen-scheitern/",
                                "/bahnbetreiber-testet-ki-kameras-gegen-laub"]), "application/rss+xml"),
    }


def handler(lang: str, requested: list[str]):
    files = edition_files(lang)
    articles = {k.lower(): v for k, v in (EN_ARTICLES if lang == "en" else DE_ARTICLES).items()}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            requested.append(f"{lang} {self.path}")

        def do_GET(self):
            path = self.path.split("?")[0]
            key = unquote(path).lower()
            if path in files:
                self._send(200, *files[path])
            elif key in articles:
                self._send(200, (PAGES / f"{articles[key]}.html").read_bytes(), "text/html; charset=utf-8")
            elif key + "/" in articles:
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif key == "/contact-us/":
                self._send(200, b"<html><body><h1>Contact us</h1><p>" + b"Write to us. " * 40 + b"</p></body></html>",
                           "text/html")
            else:
                self._send(404, b"not found", "text/html")

        def _send(self, code: int, body: bytes, content_type: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    return Handler


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    requested: list[str] = []
    out = tmp_path_factory.mktemp("independent-mirror")
    with LoopbackServer(handler("en", requested)) as en, \
            LoopbackServer(handler("de", requested)) as de:
        done = run_crawl("decoder", out, {"en_url": en.url, "de_url": de.url},
                         {"LOG_LEVEL": "INFO"}, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return {"records": jsonl_records(out), "requested": requested, "en": en.url, "de": de.url}


def test_every_article_archived_once_and_nothing_else(crawl):
    titles = sorted(r["title"] for r in crawl["records"])
    assert len(titles) == 4 == len(set(titles))
    assert all(r["url"].startswith((crawl["en"] + "/", crawl["de"] + "/")) for r in crawl["records"])
    assert not any("contact-us" in r["url"] or "/tag/" in r["url"] for r in crawl["records"])


@pytest.mark.parametrize("slug", [*EN_ARTICLES.values(), *DE_ARTICLES.values()])
def test_records_match_the_fixture(crawl, slug):
    expected = json.loads((PAGES / f"{slug}.expected.json").read_text("utf-8"))
    record = next(r for r in crawl["records"] if r["title"] == expected["title"])
    assert [p for p in expected["paragraphs"] if p not in record["text"]] == []
    assert [s for s in expected["absent"] if s in record["text"]] == []
    for field in ("authors", "language", "published", "paywalled"):
        assert record[field] == expected[field], field


def test_sub_sitemaps_of_pages_and_tags_are_not_fetched(crawl):
    assert not any("page-sitemap" in r or "post_tag-sitemap" in r for r in crawl["requested"])
    assert "de /post-sitemap.xml.gz" in crawl["requested"]
