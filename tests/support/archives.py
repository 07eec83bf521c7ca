"""Small archives for the read-side commands, written by the crawl's own WARC writer.

The pages are made up but shaped like the real ones: a raw page with ads and a shortlink,
gzip-encoded like a real server would send it, and the clean article the pipeline would keep.
No crawl is run: each article goes straight to WarcArchive.write_article, as the pipeline's.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from archiver.extract.article import Article
from archiver.warc.archive import WarcArchive
from archiver.warc.exchange import Exchange

AD_TEXT = "BUY CHEAP GPUS NOW"


@dataclass
class Page:
    url: str
    title: str
    body: str
    language: str
    published: str
    fetched_at: str
    post_id: int
    paywalled: bool = False
    site: str = "decoder"


PAGES = [
    Page("https://the-decoder.com/openai-ships-a-new-model/", "OpenAI ships a new model",
         "The model writes code. Researchers measured its accuracy on benchmarks.", "en",
         "2024-03-05T10:00:00+00:00", "2024-03-06T08:00:00+00:00", 101),
    Page("https://the-decoder.de/neues-sprachmodell-von-aleph-alpha/",
         "Neues Sprachmodell von Aleph Alpha",
         "Das Modell übersetzt Texte. Forschende prüften seine Genauigkeit.", "de",
         "2024-04-10T09:00:00+02:00", "2024-04-11T08:00:00+00:00", 202),
    Page("https://the-decoder.com/robots-learn-to-fold-laundry/", "Robots learn to fold laundry",
         "A robot arm folds shirts in the lab. The paper is behind a subscription.", "en",
         "2024-05-20T12:00:00+00:00", "2024-05-21T08:00:00+00:00", 303, paywalled=True),
]


def raw_page(page: Page, body: str | None = None) -> bytes:
    html = (f'<!doctype html><html lang="{page.language}"><head><meta charset="utf-8">'
            f"<title>{page.title}</title>"
            f'<link rel="shortlink" href="https://{page.url.split("/")[2]}/?p={page.post_id}">'
            f'</head><body><div class="ad">{AD_TEXT}</div><article><h1>{page.title}</h1>'
            f"<p>{body or page.body}</p></article><script>alert(1)</script></body></html>")
    return html.encode("utf-8")


def exchange_for(page: Page, raw: bytes) -> Exchange:
    body = gzip.compress(raw, mtime=0)
    return Exchange(
        url=page.url, method="GET", request_target="/" + page.url.split("/", 3)[3],
        request_headers=[(b"Host", page.url.split("/")[2].encode())], request_body=b"",
        protocol="HTTP/1.1", status=200, reason="OK",
        response_headers=[(b"Content-Type", b"text/html; charset=UTF-8"),
                          (b"Content-Encoding", b"gzip"),
                          (b"Content-Length", str(len(body)).encode())],
        body=body, ip_address="127.0.0.1", date=_dt(page.fetched_at))


def article_for(page: Page, body: str | None = None) -> Article:
    text = f"{page.title}\n\n{body or page.body}"
    html = (f"<h1>{page.title}</h1><p>{body or page.body}</p>"
            '<p><a href="javascript:alert(1)" onclick="alert(2)">link</a></p>')
    return Article(url=page.url, canonical_url=page.url, title=page.title, authors=["Jo Doe"],
                   published=page.published, language=page.language, language_confidence=0.99,
                   declared_language=page.language, text=text, html=html,
                   word_count=len(text.split()), paywalled=page.paywalled,
                   removed={"ads": 1, "scripts": 1})


def write_archive(directory: Path, pages: list[Page], bodies: dict[int, str] | None = None) -> Path:
    """Write ``pages`` (one article each) into a new WARC file in ``directory``; returns it."""
    archive = WarcArchive(directory, repair=False, host="test")
    archive.write_exchange(_robots(pages[0]))
    for n, page in enumerate(pages):
        body = (bodies or {}).get(n)
        exchange = exchange_for(page, raw_page(page, body))
        archive.write_article(article_for(page, body), exchange, site=page.site,
                              fetched_at=page.fetched_at, http_status=200)
    name = archive.file_name
    archive.close()
    return directory / name


def _robots(page: Page) -> Exchange:
    exchange = exchange_for(page, b"User-agent: *\nDisallow:\n")
    exchange.url = page.url.split("/", 3)[0] + "//" + page.url.split("/")[2] + "/robots.txt"
    exchange.response_headers = [(b"Content-Type", b"text/plain"),
                                 (b"Content-Length", str(len(exchange.body)).encode())]
    exchange.body = b"User-agent: *\nDisallow:\n"
    return exchange


def _dt(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(timezone.utc)


def make_archive_dir(tmp_path: Path) -> Path:
    """Three articles (en, de, en paywalled) and, in a second file, a recrawl of the first."""
    directory = tmp_path / "archive"
    write_archive(directory, PAGES)
    later = Page(**{**PAGES[0].__dict__, "fetched_at": "2024-06-01T08:00:00+00:00"})
    write_archive(directory, [later], bodies={0: "The model writes code. An update was added."})
    return directory


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    text: str


def get(url: str) -> Fetched:
    """GET without raising on 4xx/5xx and without touching the path (no normalisation)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", url[len(f"{parts.scheme}://{parts.netloc}"):] or "/")
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return Fetched(response.status, dict(response.getheaders()), body)
    finally:
        conn.close()


def write_as_an_older_writer(archive: WarcArchive, exchange: Exchange, record: dict,
                             clean_html: str) -> None:
    """An article as an older version of the writer left it: ``record`` is of another schema
    than the one write_article builds today, so it goes into the archive's one-write unit as
    given (the ``warc`` links added), with no warc-fields lines."""
    links = archive._begin_article()
    archive._write_article(links, exchange, clean_html, [], {**record, "warc": links})

