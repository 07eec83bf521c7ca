"""A generated news site for benchmarks and scale tests, served fast from memory on 127.0.0.1.

    python bench/mocknews.py --pages 2000 [--page-kb 160]     prints "READY <url>", serves
                                                              until stdin closes

Pages look like a real news page where it costs the extractor: head with meta tags, JSON-LD
and big inline styles and scripts, a cookie banner, navigation, ad slots inside the article,
a related-articles rail, comments and a footer; the article itself is 8 to 16 paragraphs of
English. Discovery as on a real site: robots.txt -> sitemap index -> post sitemaps (500 URLs
each), and a home page linking the latest articles.

Every page is rendered and gzip-compressed once, before serving, so the server only copies
bytes (HTTP/1.1 keep-alive, one thread per connection): its fetch rate is the one to beat, not
a bottleneck. Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import random
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = ("the city council said on tuesday that new plans for the harbour would be published "
         "after a long public consultation with residents and local business owners who have "
         "asked for better transport more housing and cleaner water in the bay where fishing "
         "boats still land their catch every morning before the market opens while tourists "
         "watch from the old stone pier that was built more than a century ago by workers from "
         "across the region many of whom settled here and raised families in the narrow streets "
         "behind the church school library museum station hospital university court").split()
SECTIONS = ("politics", "business", "science", "culture", "sport", "world")
SITEMAP_SIZE = 500
# Layout wrappers: real pages nest the article a dozen containers deep.
WRAP_OPEN = "".join(f'<div class="layout l{k} grid-col" data-block="b{k}">' for k in range(12))
WRAP_CLOSE = "</div>" * 12


@dataclass
class Site:
    """path -> (content type, gzip body) for every page; ``articles`` lists article paths."""

    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)

    def add(self, path: str, ctype: str, text: str) -> None:
        self.pages[path] = (ctype, gzip.compress(text.encode("utf-8"), 6))


def sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    """Sentences with the inline markup of a real article (a link, emphasis)."""
    parts = [sentence(rng) for _ in range(rng.randint(3, 6))]
    parts[0] = f"<strong>{parts[0]}</strong>"
    parts[-1] = f'<a href="/{rng.choice(SECTIONS)}/">{parts[-1]}</a> <em>{sentence(rng, 3, 5)}</em>'
    return " ".join(parts)


def article_path(i: int) -> str:
    day = 1 + i % 28
    return f"/2026/05/{day:02d}/harbour-council-story-number-{i:05d}/"


def filler_script(rng: random.Random, size: int) -> str:
    """Minified-looking tracking/ads JavaScript: the bulk of a real page's bytes."""
    parts, total = [], 0
    while total < size:
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
        chunk = (f"function {name}(a,b){{var c=a||{{}};c.k='{name}{rng.randint(0, 99999)}';"
                 f"if(b&&b.length>{rng.randint(1, 9)}){{c.v=b.slice(0,{rng.randint(2, 40)})}}"
                 f"return window.__ads&&window.__ads.push(c),c}}")
        parts.append(chunk)
        total += len(chunk)
    return ";".join(parts)


def filler_style(rng: random.Random, size: int) -> str:
    parts, total = [], 0
    while total < size:
        chunk = (f".c{rng.randint(0, 99999)}{{margin:{rng.randint(0, 40)}px;"
                 f"padding:{rng.randint(0, 20)}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}")
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)


def nav(rng: random.Random, n: int) -> str:
    links = " ".join(f'<li class="nav-item"><a href="/{rng.choice(SECTIONS)}/page-{k}/">'
                     f'<span class="icon icon-{k}"></span><span>Topic {k}</span></a></li>'
                     for k in range(n))
    return f'<nav class="site-nav"><ul>{links}</ul></nav>'


def ad_slot(k: int) -> str:
    return (f'<div class="ad-slot ad-inline" id="ad-{k}"><small>Advertisement</small>'
            f'<ins class="adsbygoogle" data-ad-slot="{k}"></ins>'
            f'<script>(adsbygoogle=window.adsbygoogle||[]).push({{}});</script></div>')


def related(rng: random.Random, total: int) -> str:
    """Teaser cards, as real pages carry dozens of them (figure, kicker, headline each)."""
    items = "".join(f'<li class="card"><a href="{article_path(rng.randrange(total))}">'
                    f'<figure><img src="/img/{k}.jpg" alt="" loading="lazy"><figcaption>'
                    f'Photo {k}</figcaption></figure><span class="kicker">'
                    f'{rng.choice(SECTIONS)}</span><h4>{sentence(rng, 5, 9)}</h4></a></li>'
                    for k in range(36))
    return f'<aside class="related"><h3>Read more</h3><ul>{items}</ul></aside>'


def article_html(i: int, total: int, base: str, page_kb: int) -> str:
    rng = random.Random(i)
    title = sentence(rng, 6, 10).rstrip(".")
    author = f"{rng.choice(['Ana', 'Tom', 'Lea', 'Sam'])} {rng.choice(['Berg', 'Okafor', 'Lund'])}"
    date = f"2026-05-{1 + i % 28:02d}T{8 + i % 10:02d}:00:00+00:00"
    paras = [f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(10, 20))]
    for k in (2, 6):
        paras.insert(k, ad_slot(k))
    body = "\n".join(paras)
    ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":"%s",'
          '"datePublished":"%s","author":[{"@type":"Person","name":"%s"}],'
          '"inLanguage":"en"}' % (title, date, author))
    comments = "".join(f'<div class="comment"><div class="meta"><b>reader{k}</b> <time>'
                       f'1 h</time></div><p>{sentence(rng)}</p><button>Reply</button></div>'
                       for k in range(24))
    footer = nav(rng, 70).replace("site-nav", "footer-nav")
    head = (f'<meta charset="utf-8"><title>{title} | The Bench Courier</title>'
            f'<meta property="og:type" content="article"><meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{date}">'
            f'<link rel="canonical" href="{base}{article_path(i)}">'
            f'<script type="application/ld+json">{ld}</script>')
    page = (f'<!DOCTYPE html><html lang="en"><head>{head}<style>{{STYLE}}</style>'
            f'<script>{{SCRIPT}}</script></head><body>'
            f'<div class="cmp-banner"><p>We and our 312 partners use cookies.</p>'
            f'<button>Accept all</button></div><header><a href="/">The Bench Courier</a>'
            f'{nav(rng, 90)}</header><main>{WRAP_OPEN}<article class="story">'
            f'<h1>{title}</h1><p class="byline">By {author} · <time datetime="{date}">'
            f'{date[:10]}</time></p><div class="story-body">{body}</div></article>'
            f'{related(rng, total)}<section class="comments">{comments}</section>'
            f'{WRAP_CLOSE}</main>'
            f'<footer>{footer}<p>© 2026 The Bench Courier</p></footer></body></html>')
    room = max(0, page_kb * 1024 - len(page))
    return page.replace("{STYLE}", filler_style(rng, room // 4)).replace(
        "{SCRIPT}", filler_script(rng, room - room // 4))


def build_site(pages: int, base: str, page_kb: int = 160) -> Site:
    """Every page of a site of ``pages`` articles whose URLs start with ``base``."""
    site = Site(articles=[article_path(i) for i in range(pages)])
    for i, path in enumerate(site.articles):
        site.add(path, "text/html; charset=utf-8", article_html(i, pages, base, page_kb))
    chunks = [site.articles[k:k + SITEMAP_SIZE] for k in range(0, pages, SITEMAP_SIZE)]
    for n, chunk in enumerate(chunks):
        urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in chunk)
        site.add(f"/post-sitemap{n + 1}.xml", "application/xml", _urlset(urls))
    maps = "".join(f"<sitemap><loc>{base}/post-sitemap{n + 1}.xml</loc></sitemap>"
                   for n in range(len(chunks)))
    site.add("/sitemap_index.xml", "application/xml",
             f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns='
             f'"http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>')
    site.add("/robots.txt", "text/plain", f"User-agent: *\nDisallow: /private/\n"
                                          f"Sitemap: {base}/sitemap_index.xml\n")
    latest = "".join(f'<li><a href="{p}">Story {k}</a></li>'
                     for k, p in enumerate(site.articles[:20]))
    site.add("/", "text/html; charset=utf-8", f"<!DOCTYPE html><html lang=en><head><title>"
             f"The Bench Courier</title></head><body><ul>{latest}</ul></body></html>")
    return site


def _urlset(urls: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "SiteServer"

    def do_GET(self) -> None:  # noqa: N802 — http.server's naming
        path = self.path.split("?", 1)[0]
        page = self.server.site.pages.get(path)
        self.server.count(path)
        if self.server.delay and path in self.server.article_set:
            time.sleep(self.server.delay)        # the network latency of a real site
        if page is None:
            self._send(404, "text/plain", b"not found", gzipped=False)
        else:
            self._send(200, page[0], page[1], gzipped=True)

    def setup(self) -> None:
        super().setup()           # no Nagle: a response is one write, nothing to coalesce
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send(self, status: int, ctype: str, body: bytes, gzipped: bool) -> None:
        """Status line, headers and body in one write (two writes meet delayed ACKs)."""
        head = (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Found'}\r\n"
                f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
                + ("Content-Encoding: gzip\r\n" if gzipped else "") + "\r\n")
        self.wfile.write(head.encode("latin-1") + body)

    def log_message(self, *args: object) -> None:
        pass


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Site, port: int = 0, delay: float = 0.0) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.site, self.delay = site, delay
        self.article_set: set[str] = set()
        self.fetches: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, path: str) -> None:
        with self._lock:
            self.fetches[path] += 1

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve(pages: int, page_kb: int = 160, delay: float = 0.0) -> Iterator[SiteServer]:
    """The site on a free port of 127.0.0.1, in a daemon thread, for the with-block; article
    responses wait ``delay`` seconds (latency, so that a crawl of a small site lasts)."""
    server = SiteServer(Site(), delay=delay)
    server.site = build_site(pages, server.url, page_kb)
    server.article_set = set(server.site.articles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--page-kb", type=int, default=160)
    args = parser.parse_args()
    with serve(args.pages, args.page_kb) as server:
        print(f"READY {server.url}", flush=True)
        sys.stdin.read()          # serve until the parent closes our stdin


if __name__ == "__main__":
    main()
