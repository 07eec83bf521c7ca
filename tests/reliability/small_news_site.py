"""A small news site of 17 articles on 127.0.0.1, the way many real ones are built: robots.txt
names a sitemap (without ``lastmod``: many CMSs leave it out), the home page advertises an RSS
feed and links two sections, one of them paginated. Some articles are only in the sitemap, some
only reachable through the section pages (so discovery needs the listings), some in both.

Written for these tests (no real site is mirrored); the markup is the plain article markup of
`fault_site.article_html`.
"""

from __future__ import annotations

import threading

from tests.reliability.fault_site import FaultHandler, FaultSite, article_html

SLUGS = [f"council-report-number-{n:02d}-on-the-water-supply" for n in range(1, 18)]
SITEMAP = SLUGS[:10]                       # 0-9 in the sitemap
WORLD = SLUGS[5:11]                        # 5-10 on /section/world/
WORLD_2 = SLUGS[11:14]                     # 11-13 on its page 2 only
SCIENCE = SLUGS[14:17]                     # 14-16 on /section/science/ only
FEED = SLUGS[12:17]


def article_path(slug: str) -> str:
    day = SLUGS.index(slug) + 1
    return f"/news/2024/05/{day:02d}/{slug}/"


class SmallNewsSite(FaultSite):
    """`hold` (a slug or None): that article's request is held until `held_release` is set."""

    def __init__(self, hold: str | None = None) -> None:
        super().__init__()
        self.held_release = threading.Event()
        self.hold = hold
        url = self.url
        self.page("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {url}/sitemap.xml\n",
                  "text/plain")
        locs = "".join(f"<url><loc>{url}{article_path(s)}</loc></url>" for s in SITEMAP)
        self.page("/sitemap.xml", "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns="
                  f"'http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>",
                  "application/xml")
        items = "".join(f"<item><title>{s}</title><link>{url}{article_path(s)}</link></item>"
                        for s in FEED)
        self.page("/feed/", f"<?xml version='1.0'?><rss version='2.0'><channel><title>News"
                            f"</title><link>{url}/</link>{items}</channel></rss>",
                  "application/rss+xml")
        self.page("/", _listing("Home", [*SLUGS[:3]], ["/section/world/", "/section/science/"],
                                feed=f"{url}/feed/"))
        self.page("/section/world/", _listing("World", WORLD, ["/section/world/page/2/"]))
        self.page("/section/world/page/2/", _listing("World, page 2", WORLD_2, []))
        self.page("/section/science/", _listing("Science", SCIENCE, []))
        for slug in SLUGS:
            self.routes[article_path(slug)] = self._article_route(slug)

    def _article_route(self, slug: str):
        body = article_html(slug.replace("-", " ").title()).encode()

        def route(h: FaultHandler) -> None:
            if slug == self.hold and not self.held_release.is_set():
                self.held_release.wait(timeout=300)
            h.send(200, body)
        return route

    def article_paths(self) -> set[str]:
        return {article_path(s) for s in SLUGS}


def _listing(title: str, slugs: list[str], more: list[str], feed: str | None = None) -> str:
    head = (f'<link rel="alternate" type="application/rss+xml" href="{feed}">' if feed else "")
    links = "".join(f'<li><a href="{article_path(s)}">{s}</a></li>' for s in slugs)
    links += "".join(f'<li><a href="{m}">More</a></li>' for m in more)
    return (f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>{head}</head>'
            f'<body><h1>{title}</h1><ul>{links}</ul></body></html>')
