"""``MirrorRedirectMiddleware``: crawling a mirror of a real site
(``-a en_url=http://127.0.0.1:8001``), its redirects to the real host are followed on the mirror.

A mirror made by saving the real site often still names the real host in its redirects: the
shortlink ``/?p=ID`` answers ``301 Location: https://the-decoder.com/slug/``. The spider already
maps real-host URLs it finds in robots.txt, sitemaps and feeds onto the mirror (``spider.rebase``);
this middleware does the same for redirect targets, so the crawl follows the redirect on the
mirror instead of leaving it (archiver.middlewares.allowed_hosts would refuse the real host).

It sits below the WARC capture (950) and above RedirectMiddleware (600): the archive keeps the
response exactly as served, and only the hop that Scrapy follows is mapped.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


class MirrorRedirectMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> MirrorRedirectMiddleware:
        return cls(crawler)

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        rebase = getattr(self.crawler.spider, "rebase", None)
        location = response.headers.get(b"Location")
        if rebase is None or not location or not 300 <= response.status < 400:
            return response
        target = location.decode("latin-1")
        mapped = rebase(response.urljoin(target))
        if mapped == response.urljoin(target):
            return response
        self.crawler.stats.inc_value("archiver/mirror/redirect_rebased")
        logger.debug("Redirect %s -> %s followed on the mirror as %s", request.url, target, mapped)
        headers = response.headers.copy()
        headers[b"Location"] = mapped.encode("latin-1")
        return response.replace(headers=headers)
