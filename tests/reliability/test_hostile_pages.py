"""Hostile pages cannot stall or poison the archive: parse time, a time bound per page, decoding,
control characters. One `scrapy crawl news` of a mock site serves most tests; the time bound has
a crawl of its own (with a small bound), and the terminal tests run `archive replay` on a pty.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from tests.reliability.fault_site import FaultSite, article_html

from archiver.extract import extract_article
from archiver.extract.article import CONTROLS
from archiver.extract.article import Article
from archiver.extract.candidate import looks_binary
from archiver.extract.decode import decode_html
from archiver.extract.parse import drop_raw_text, flatten_deep_nesting
from archiver.warc.archive import WarcArchive
from archiver.warc.reader import Record, iter_records
from tests.support.crawl import ROOT, SMALL_BOUNDS, archive_check, run_crawl, stats_of
from tests.support.records import jsonl_records

P = "/news/"
NEST = 45_000          # 0.4 MB of tags, as in the page that stalled a crawl
UMLAUTS = "Grüße aus München: schöne Größe, Ärger über Öl und Straßenbahnen."
JA = "東京都は月曜日、新しい水道料金の計画を発表しました。市民の反応はさまざまで、多くの人が説明会に参加しました。"
KO = "서울시는 월요일 새로운 수도 요금 계획을 발표했습니다. 시민들의 반응은 다양했으며 많은 사람들이 설명회에 참석했습니다."
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"          # OSC 52: "write this to the clipboard"
CSI = "\x9b31m"                                       # C1 CSI: recolour the terminal


def foreign_article(title: str, paragraph: str, lang: str, meta_charset: str | None) -> str:
    head = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "".join(f"<p>{paragraph} ({i})</p>" for i in range(8))
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{head}<title>{title}</title>'
            '<meta property="og:type" content="article"></head><body><article>'
            f"<h1>{title}</h1>{body}</article></body></html>")


def hostile_title_page() -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": f"Clipboard {CLIPBOARD}and colour {CSI}headline",
                     "author": {"@type": "Person", "name": f"Eve{CLIPBOARD}"},
                     "description": f"Bell\x07 and escape\x1b[2J description"})
    return article_html("Control characters story").replace(
        "</head>", f'<script type="application/ld+json">{ld}</script></head>')


PAGES = {   # path -> (body, content type)
    "deep-divs-then-stray-closing-b-story": (
        article_html("Deep divs story").replace("<article>", "<div>" * NEST + "<article>")
        .replace("</article>", "</article>" + "</b>" * NEST).encode(), "text/html; charset=utf-8"),
    "thousands-of-unclosed-script-tags-story": (
        article_html("Scripts story").replace("<h1>", "<script>" * NEST + "<h1>").encode(),
        "text/html; charset=utf-8"),
    "utf8-with-one-invalid-byte-story": (
        article_html("Umlauts", extra=f"<p>{UMLAUTS}</p>").encode()
        .replace(b"part 3", b"part \xff3"), "text/html; charset=utf-8"),
    "shift-jis-labelled-utf8-story": (
        foreign_article("水道料金", JA, "", "utf-8").encode("shift_jis"), "text/html; charset=utf-8"),
    "shift-jis-unlabelled-story": (
        foreign_article("水道料金", JA, "", None).encode("shift_jis"), "text/html"),
    "euc-kr-labelled-utf8-story": (
        foreign_article("수도 요금", KO, "", "utf-8").encode("euc_kr"), "text/html; charset=utf-8"),
    "euc-kr-unlabelled-story": (
        foreign_article("수도 요금", KO, "", None).encode("euc_kr"), "text/html"),
    "a-nul-byte-in-the-text-story": (
        article_html("Nul byte").encode().replace(b"part 2", b"part \x002"), "text/html"),
    "utf16-with-bom-story": (
        article_html("Sixteen bits", charset="utf-16", extra=f"<p>{UMLAUTS}</p>").encode("utf-16"),
        "text/html; charset=utf-16"),
    "utf16-without-bom-unlabelled-story": (
        article_html("Sixteen bits again", extra=f"<p>{UMLAUTS}</p>").replace(
            '<meta charset="utf-8">', "").encode("utf-16-le"), "text/html"),
    "control-characters-in-the-title-story": (hostile_title_page().encode(), "text/html"),
}


def serve(pages: dict[str, tuple[bytes, str]]) -> FaultSite:
    site = FaultSite()
    url = site.url
    site.page("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {url}/sitemap.xml\n", "text/plain")
    locs = "".join(f"<url><loc>{url}{P}{name}/</loc></url>" for name in pages)
    site.page("/sitemap.xml", "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/"
              f"schemas/sitemap/0.9'>{locs}</urlset>", "application/xml")
    site.page("/", "<html><body><p>Home</p></body></html>")
    for name, (body, ctype) in pages.items():
        site.page(f"{P}{name}/", body, ctype)
    return site.start()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = serve(PAGES)
    archive = tmp_path_factory.mktemp("hostile-pages")
    try:
        log = run_crawl("news", archive, {"url": site.url + "/"},
                        {**SMALL_BOUNDS, "ARCHIVER_EXTRACT_WORKERS": 1}, timeout=180).stderr
    finally:
        site.stop()
    records = {r["url"].removeprefix(site.url + P).rstrip("/"): r for r in jsonl_records(archive)}
    return {"archive": archive, "log": log, "stats": stats_of(log), "records": records}


# --- parse time ---------------------------------------------------------------------------------

def test_deep_nesting_repair_is_linear_and_keeps_the_text():
    """Ten times the tags must not take a hundred times as long: measured in operations of the
    repair (tags visited), not seconds. The quadratic version walked the whole stack for every
    stray closing tag."""
    page = "<div>" * NEST + "<p>kept text</p>" + "</b>" * NEST
    out = flatten_deep_nesting(page)
    assert "kept text" in out and out.count("<div>") == 200
    scripts = "<p>before</p>" + "<script>" * NEST + "never closed"
    assert drop_raw_text(scripts) == "<p>before</p>"


def test_deep_and_script_pages_do_not_stall_the_crawl(crawled):
    assert "Deep divs story" in crawled["records"]["deep-divs-then-stray-closing-b-story"]["title"]
    assert crawled["stats"].get("archiver/not_article/timeout") is None     # under 30 s each
    assert crawled["stats"]["finish_reason"] == "finished"
    done = archive_check(crawled["archive"])
    assert done.returncode == 0, done.stdout[-3000:]


def test_a_page_over_the_time_bound_is_archived_raw_and_the_crawl_goes_on(tmp_path):
    slow = ("<html><head><title>Slow</title></head><body><article><h1>Slow</h1>"
            + "<div><p><span>word</span> <a href='/x'>link</a></p></div>" * 25_000
            + "</article></body></html>").encode()       # many seconds of extraction
    pages = {"a-page-that-takes-many-seconds-story": (slow, "text/html; charset=utf-8")}
    pages |= {f"an-ordinary-article-number-{n}-story": (article_html(f"Ordinary {n}").encode(),
                                                          "text/html") for n in range(4)}
    site = serve(pages)
    try:
        log = run_crawl("news", tmp_path, {"url": site.url + "/"},
                        {**SMALL_BOUNDS, "ARCHIVER_EXTRACT_WORKERS": 1, "ARCHIVER_EXTRACT_TIMEOUT": 2,
                         "DOWNLOAD_MAXSIZE": 4 * 1024 * 1024}).stderr
    finally:
        site.stop()
    stats = stats_of(log)
    assert stats["archiver/not_article/timeout"] == 1
    assert stats["archiver/articles"] == 4 and stats["finish_reason"] == "finished"
    assert "extraction ran over 2 s; archived raw" in log
    raw = [r for p in tmp_path.glob("*.warc.gz") for r in iter_records(p)
           if isinstance(r, Record) and r.type == "response"
           and (r.get("WARC-Target-URI") or "").endswith("many-seconds-story/")]
    assert len(raw) == 1 and raw[0].block.endswith(slow)


# --- decoding -----------------------------------------------------------------------------------

def test_one_invalid_byte_does_not_turn_utf8_into_mojibake(crawled):
    text = crawled["records"]["utf8-with-one-invalid-byte-story"]["text"]
    assert UMLAUTS in text and "Ã" not in text


@pytest.mark.parametrize("name,lang,phrase", [
    ("shift-jis-labelled-utf8-story", "ja", JA), ("shift-jis-unlabelled-story", "ja", JA),
    ("euc-kr-labelled-utf8-story", "ko", KO), ("euc-kr-unlabelled-story", "ko", KO)])
def test_cjk_pages_mislabelled_or_unlabelled_are_read_in_their_encoding(crawled, name, lang, phrase):
    record = crawled["records"][name]
    assert phrase in record["text"] and record["language"] == lang


@pytest.mark.parametrize("name", ["a-nul-byte-in-the-text-story", "utf16-with-bom-story",
                                  "utf16-without-bom-unlabelled-story"])
def test_nul_bytes_and_utf16_are_text_not_binary(crawled, name):
    assert name in crawled["records"]
    assert crawled["stats"].get("archiver/discovery/binary_body") is None
    if "utf16" in name:
        assert UMLAUTS in crawled["records"][name]["text"]


def test_decoding_rules():
    assert decode_html("Grüße".encode("cp1252")) == "Grüße"
    assert decode_html(b"<p>" + "Привет, мир! Сегодня хорошая погода.".encode("cp1251") + b"</p>") \
        == "<p>Привет, мир! Сегодня хорошая погода.</p>"
    assert not looks_binary(b"<html>" + b"text " * 500 + b"\x00" + b"more</html>")
    assert not looks_binary("<html>Grüße</html>".encode("utf-16-be"))
    assert looks_binary(bytes(range(256)) * 16)


# --- control characters -------------------------------------------------------------------------

def test_control_characters_are_stripped_from_every_field(crawled):
    record = crawled["records"]["control-characters-in-the-title-story"]
    assert record["description"] == "Bell and escape[2J description"     # BEL and ESC gone

    def walk(value):
        if isinstance(value, str):
            assert not CONTROLS.search(value), value
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
    for each in crawled["records"].values():
        walk(each)
    article = extract_article(hostile_title_page(), "https://example.org/a/")
    assert not CONTROLS.search(json.dumps(article.to_dict(), ensure_ascii=False))


def _old_archive_with_controls(directory: Path) -> str:
    """An archive some other writer made, whose title and text carry terminal commands."""
    from tests.support.exchanges import exchange
    archive = WarcArchive(directory)
    page = exchange("https://example.org/a-story/")
    article = Article(url=page.url, title=f"Title {CLIPBOARD}{CSI}end", language="en",
                      text=f"Text\x1b[2J with {CLIPBOARD} commands", published="2024-05-01",
                      html=f"<p>Text {CLIPBOARD}</p>")
    archive.write_article(article, page, site=None, fetched_at=page.date.isoformat(),
                          http_status=200)
    archive.close()
    return page.url


def _on_a_terminal(args: list[str]) -> bytes:
    """Run the archive command with a pseudo-terminal as its stdout; what the terminal got."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "archiver.cli", *args], cwd=ROOT,
                            stdout=slave, stderr=subprocess.DEVNULL)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:         # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=30)
    os.close(master)
    return out


@pytest.mark.parametrize("fmt", ["text", "json", "html", "markdown", "raw", "table", "jsonl"])
def test_replay_never_prints_control_characters_to_a_terminal(tmp_path, fmt):
    url = _old_archive_with_controls(tmp_path)
    args = {"table": [str(tmp_path)], "jsonl": [str(tmp_path), "--jsonl"]}.get(
        fmt, [str(tmp_path), url, "--format", fmt])
    shown = _on_a_terminal(["replay", *args]).decode("utf-8", "replace")
    assert shown.strip() and "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    if fmt == "jsonl":          # piped output stays as stored (JSON escapes the controls)
        piped = subprocess.run([sys.executable, "-m", "archiver.cli", "replay", *args],
                               cwd=ROOT, capture_output=True, text=True)
        assert "\\u001b]52" in piped.stdout
