"""The offline mirror of The Decoder: discovery files, server behaviour, and the consistency of the
expectations (tests.support.mirror_expected) with the pages the mirror actually serves."""

from __future__ import annotations

import gzip
import html as html_module
import http.client
import json
import re
import threading
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html
from protego import Protego

from decoder_mirror import MirrorNotStarted, MirrorServer, serve_mirror
from tests.support.mirror_expected import (boilerplate_lines, boilerplate_phrases, disallowed_paths,
                                      expected_articles, expected_by_url, not_article_paths,
                                      to_mirror)

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMG = "{http://www.google.com/schemas/sitemap-image/1.1}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(scope="module")
def mirror():
    with serve_mirror() as m:
        yield m


def fetch(url: str, headers: dict | None = None, method: str = "GET", body: bytes | None = None):
    """One request, no redirect following, no decompression: (status, headers, raw body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path or "/", body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def get_text(url: str) -> str:
    status, headers, body = fetch(url)
    assert status == 200, url
    return body.decode("utf-8")


def page_text(html: bytes | str) -> str:
    doc = lxml_html.fromstring(html)
    for node in doc.xpath("//script|//style"):
        node.drop_tree()
    return re.sub(r"\s+", " ", doc.text_content())


def jsonld_article(html: str) -> dict:
    doc = lxml_html.fromstring(html)
    graph = json.loads(doc.xpath("//script[@type='application/ld+json']/text()")[0])["@graph"]
    return next(n for n in graph if "NewsArticle" in n["@type"])


def sitemap_locs(url: str) -> dict[str, ET.Element]:
    root = ET.fromstring(get_text(url))
    return {u.findtext(f"{SM}loc"): u for u in root.iter(f"{SM}url")}


# --- discovery files ----------------------------------------------------------------------------

@pytest.mark.parametrize("edition", ["en", "de"])
def test_robots_txt_disallows_preview_and_names_mirror_sitemap(mirror, edition):
    base = mirror.bases[edition]
    status, headers, body = fetch(f"{base}/robots.txt")
    assert status == 200 and headers["content-type"].startswith("text/plain; charset=")
    text = body.decode()
    assert "User-agent: *" in text and "Allow: /wp-admin/admin-ajax.php" in text
    assert f"Sitemap: {base}/sitemap_index.xml" in text.splitlines()
    robots = Protego.parse(text)        # Scrapy's parser: longest match wins (as Google does)
    agent = "archiver/0.1 (+https://github.com/archiver/archiver; news archiving bot)"
    article = next(e for e in expected_articles(edition))
    assert robots.can_fetch(to_mirror(article.url, mirror), agent)
    assert not robots.can_fetch(f"{base}/wp-admin/options.php", agent)
    assert robots.can_fetch(f"{base}/wp-admin/admin-ajax.php", agent)
    for path in disallowed_paths(edition):
        assert not robots.can_fetch(base + path, agent)
        assert fetch(base + path)[0] == 200          # served: only robots.txt keeps it out
    assert not robots.can_fetch(to_mirror(article.url, mirror), "GPTBot")


def test_sitemap_index_lists_yoast_sitemaps_with_lastmod(mirror):
    root = ET.fromstring(get_text(f"{mirror.en_url}/sitemap_index.xml"))
    entries = {s.findtext(f"{SM}loc"): s.findtext(f"{SM}lastmod") for s in root.iter(f"{SM}sitemap")}
    names = [urlsplit(u).path.lstrip("/") for u in entries]
    assert names == ["post-sitemap.xml", "post-sitemap2.xml", "post-sitemap3.xml",
                     "page-sitemap.xml", "category-sitemap.xml", "post_tag-sitemap.xml",
                     "author-sitemap.xml"]
    assert all(u.startswith(mirror.en_url + "/") for u in entries)
    assert all(datetime.fromisoformat(lm).tzinfo is not None for lm in entries.values())


def test_listed_post_sitemap3_is_a_404(mirror):
    status, headers, body = fetch(f"{mirror.en_url}/post-sitemap3.xml")
    assert status == 404 and headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("edition", ["en", "de"])
def test_post_sitemaps_hold_articles_with_lastmod_and_images(mirror, edition):
    base = mirror.bases[edition]
    urls: dict[str, ET.Element] = {}
    for name in ("post-sitemap.xml", "post-sitemap2.xml"):
        part = sitemap_locs(f"{base}/{name}")
        assert part, name
        urls.update(part)
    wanted = {to_mirror(e.url, mirror): e for e in expected_articles(edition) if e.in_sitemap}
    extra = {f"{base}/"} | {base + p for p in disallowed_paths(edition)}  # front page, preview
    assert set(urls) == set(wanted) | extra
    for url, exp in wanted.items():
        assert urls[url].findtext(f"{SM}lastmod") == exp.modified
        images = [i.findtext(f"{IMG}loc") for i in urls[url].iter(f"{IMG}image")]
        assert to_mirror(exp.image["url"], mirror) in images


def _feed_items(base: str) -> list[ET.Element]:
    root = ET.fromstring(get_text(f"{base}/feed/"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("./channel/item")


@pytest.mark.parametrize("edition,footer", [("en", "appeared first on"),
                                            ("de", "erschien zuerst auf")])
def test_feed_is_wordpress_rss(mirror, edition, footer):
    base = mirror.bases[edition]
    status, headers, _ = fetch(f"{base}/feed/")
    assert headers["content-type"] == "application/rss+xml; charset=UTF-8"
    items = _feed_items(base)
    wanted = [e for e in expected_articles(edition) if e.in_feed]
    assert [i.findtext("title") for i in items] == [e.title for e in wanted]
    for item, exp in zip(items, wanted):
        link = exp.shortlink if exp.feed_shortlink else exp.url
        assert item.findtext("link") == to_mirror(link, mirror)
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false" and guid.text == to_mirror(exp.shortlink, mirror)
        assert [c.text for c in item.findall(f"{DC}creator")] == list(exp.authors)
        desc = item.findtext("description")
        assert "wp-post-image" in desc and footer in desc and exp.description in desc
        assert item.findtext("pubDate")


def test_discovery_edge_cases_are_served(mirror):
    """Both, feed only, feed only as /?p=ID, sitemap only: derived from the served files."""
    base = mirror.en_url
    in_sitemaps = set(sitemap_locs(f"{base}/post-sitemap.xml")) | set(
        sitemap_locs(f"{base}/post-sitemap2.xml"))
    feed_links = {i.findtext("link") for i in _feed_items(base)}
    arts = {to_mirror(e.url, mirror): e for e in expected_articles("en")}
    both = [u for u in arts if u in in_sitemaps and u in feed_links]
    feed_only = [u for u in arts if u in feed_links and u not in in_sitemaps]
    sitemap_only = [u for u in arts if u in in_sitemaps and u not in feed_links]
    shortlinked = [e for e in arts.values() if to_mirror(e.shortlink, mirror) in feed_links]
    assert both and feed_only and sitemap_only and shortlinked
    assert all(to_mirror(e.url, mirror) not in in_sitemaps | feed_links for e in shortlinked)


# --- server behaviour ------------------------------------------------------------------------------

def test_shortlink_redirects_to_article_and_unknown_id_is_404(mirror):
    exp = next(e for e in expected_articles("en") if e.feed_shortlink)
    status, headers, _ = fetch(to_mirror(exp.shortlink, mirror))
    assert status == 301 and headers["location"] == to_mirror(exp.url, mirror)
    assert fetch(headers["location"])[0] == 200
    assert fetch(f"{mirror.en_url}/?p=999999")[0] == 404


def test_edition_switch_points_at_the_other_mirror(mirror):
    exp = next(e for e in expected_articles("en") if e.twin_url)
    html = get_text(to_mirror(exp.url, mirror))
    twin = expected_by_url(exp.twin_url)
    switch = f"{mirror.de_url}/?p={twin.id}"
    assert f'href="{switch}"' in html
    status, headers, _ = fetch(switch)
    assert status == 301 and headers["location"] == to_mirror(exp.twin_url, mirror)


def test_trailing_slash_redirect_and_404(mirror):
    exp = expected_articles("de")[0]
    status, headers, _ = fetch(to_mirror(exp.url, mirror).rstrip("/"))
    assert status == 301 and headers["location"] == to_mirror(exp.url, mirror)
    status, headers, body = fetch(f"{mirror.de_url}/gibt-es-nicht/")
    assert status == 404 and "Seite nicht gefunden" in body.decode()


def test_gzip_only_when_accepted(mirror):
    url = to_mirror(expected_articles("en")[0].url, mirror)
    status, plain_headers, plain_body = fetch(url)
    assert "content-encoding" not in plain_headers
    assert plain_headers["content-type"] == "text/html; charset=UTF-8"
    status, headers, body = fetch(url, {"Accept-Encoding": "gzip, deflate"})
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < len(plain_body)
    assert gzip.decompress(body) == plain_body
    assert "content-encoding" not in fetch(url, {"Accept-Encoding": "gzip;q=0"})[1]


def test_real_bases_are_rewritten_everywhere(mirror):
    exp = next(e for e in expected_articles("en") if e.markup == "classic")
    html = get_text(to_mirror(exp.url, mirror))
    assert "the-decoder.com/" not in html and "the-decoder.de/" not in html
    assert f'<link rel="canonical" href="{to_mirror(exp.url, mirror)}">' in html
    assert jsonld_article(html)["@id"] == to_mirror(exp.url, mirror) + "#article"
    enc = to_mirror(exp.url, mirror).replace(":", "%3A").replace("/", "%2F")
    assert enc in html                                  # percent-encoded share link
    xsl = f'href="//{urlsplit(mirror.en_url).netloc}/main-sitemap.xsl"'
    assert xsl in get_text(f"{mirror.en_url}/sitemap_index.xml")


def test_conditional_get_on_articles(mirror):
    url = to_mirror(expected_articles("en")[0].url, mirror)
    _, headers, _ = fetch(url)
    assert headers["etag"] and headers["last-modified"].endswith("GMT")
    assert fetch(url, {"If-None-Match": headers["etag"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": headers["last-modified"]})[0] == 304


def test_head_and_admin_ajax(mirror):
    status, headers, body = fetch(f"{mirror.en_url}/feed/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0
    status, _, body = fetch(f"{mirror.en_url}/wp-admin/admin-ajax.php", method="POST",
                            body=b"action=load_more&page=2",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and "link-overlay" in json.loads(body)["data"]["html"]
    assert fetch(f"{mirror.en_url}/wp-admin/admin-ajax.php")[0] == 400


def test_request_log_records_method_path_and_headers(mirror):
    server = mirror.de
    server.clear_requests()
    paths = [f"/feed/?n={i}" for i in range(8)]
    threads = [threading.Thread(target=fetch, args=(server.url + p, {"User-Agent": "probe"}))
               for p in paths]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    log = server.requests
    assert sorted(r.path for r in log) == sorted(paths)
    assert all(r.method == "GET" and r.headers["User-Agent"] == "probe" for r in log)
    assert server.was_requested("/feed/") and not server.was_requested("/vorschau-intern/")


def test_standalone_server_lifecycle():
    server = MirrorServer("de")
    with pytest.raises(MirrorNotStarted):
        server.url
    with server:
        assert get_text(f"{server.url}/robots.txt").endswith(f"{server.url}/sitemap_index.xml\n")
    assert server._httpd is None


# --- expectations agree with the served pages ----------------------------------------------------

def test_expected_articles_cover_the_brief():
    en, de = expected_articles("en"), expected_articles("de")
    assert len(en) == 8 and len(de) == 6
    for eds in (en, de):
        assert {e.markup for e in eds} == {"classic", "current"}
    assert any(len(e.authors) == 2 for e in en)
    rich = [e for e in en if e.subheads and e.list_items and e.table_cells and e.code
            and e.quote_citations and e.figure_captions]
    assert rich
    plus = [e for e in expected_articles() if e.paywalled]
    assert plus and all(len(e.paragraphs) == 2 and not e.sources for e in plus)
    assert len({e.path for e in expected_articles()}) == len(expected_articles())


@pytest.mark.parametrize("exp", expected_articles(), ids=lambda e: e.path.strip("/")[:40])
def test_expected_texts_are_on_the_page_and_clean_of_boilerplate(mirror, exp):
    html = get_text(to_mirror(exp.url, mirror))
    text = page_text(html)
    for required in exp.required:
        assert required in text
        assert not [b for b in (*boilerplate_phrases(exp.language), *exp.excluded) if b in required]
    assert not [b for b in boilerplate_lines(exp.language) if b in exp.required]
    article = jsonld_article(html)
    assert article["headline"] == exp.title
    assert [a["name"] for a in article["author"]] == list(exp.authors)
    assert article["datePublished"] == exp.published
    assert article["isAccessibleForFree"] is (not exp.paywalled)
    assert f'<html lang="{exp.declared_language}"' in html
    assert f"<title>{exp.title.replace(chr(39), '&#x27;')} | The Decoder</title>" in html
    assert f'<link rel="shortlink" href="{to_mirror(exp.shortlink, mirror)}">' in html
    assert ('class="entry-content"' in html) is (exp.markup == "classic")
    assert ('alt="Date of publication"' in html) is (exp.markup == "current")
    if exp.source_line:
        assert exp.source_line in text


@pytest.mark.parametrize("edition", ["en", "de"])
def test_boilerplate_list_matches_what_pages_emit(mirror, edition):
    """Every listed boilerplate phrase occurs in some served page (the list is not stale)."""
    base = mirror.bases[edition]
    pages = [get_text(base + p) for p in not_article_paths(edition)]
    pages += [get_text(to_mirror(e.url, mirror)) for e in expected_articles(edition)]
    pages.append(fetch(f"{base}/does-not-exist/")[2].decode())
    corpus = html_module.unescape("\n".join(pages))
    missing = [p for p in boilerplate_phrases(edition) if p not in corpus]
    assert not missing


@pytest.mark.parametrize("edition", ["en", "de"])
def test_non_article_pages_have_no_news_article(mirror, edition):
    paths = not_article_paths(edition)
    assert {"/", "/sign-in/", "/register/", "/subscription/"} <= set(paths)
    assert any("/page/2/" in p for p in paths) and any(p.startswith("/tag/") for p in paths)
    assert any(p.startswith("/author/") for p in paths)
    for path in paths:
        html = get_text(mirror.bases[edition] + path)
        assert "NewsArticle" not in html and 'og:type" content="website"' in html
    home = get_text(mirror.bases[edition] + "/")
    assert 'class="link-overlay"' in home and 'title="Read full article about: ' in home
