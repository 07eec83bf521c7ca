"""``ImageHostsMiddleware``: the image hosts an article names may be asked for their robots.txt.

Which hosts besides the site's own a crawl may fetch from: the image hosts its articles name.

Publishers serve uploads from CDNs on other hosts. An image request may go to any host the
article itself references for images, and nowhere else: it carries those hosts in its meta
(``archiver.request_meta.EXTRA_HOSTS_KEY``), which AllowedHostsMiddleware accepts for that request and
its redirect hops only.

``ImageHostsMiddleware`` closes the one gap left: before the first image from a new host,
Scrapy's RobotsTxtMiddleware fetches that host's robots.txt with a request of its own, which
carries no such meta. Refused, it would count as "no robots.txt", i.e. everything allowed.
So a robots.txt request to a host that an article of this crawl named for its images is let
through (and nothing else on that host is).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from archiver.request_meta import EXTRA_HOSTS_KEY

CRAWLER_ATTR = "_archiver_image_hosts"


def image_hosts(crawler: Any) -> set[str]:
    """The crawl's registry of hosts that its articles named for images."""
    hosts = getattr(crawler, CRAWLER_ATTR, None)
    if hosts is None:
        hosts = set()
        setattr(crawler, CRAWLER_ATTR, hosts)
    return hosts


class ImageHostsMiddleware:
    """Runs before AllowedHostsMiddleware (priority below 50)."""

    def __init__(self, crawler: Any) -> None:
        self.hosts = image_hosts(crawler)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ImageHostsMiddleware:
        return cls(crawler)

    def process_request(self, request: Any, spider: Any = None) -> None:
        if not request.meta.get("dont_obey_robotstxt"):
            return
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        if parts.path == "/robots.txt" and host in self.hosts:
            request.meta["allow_offsite"] = True
            request.meta[EXTRA_HOSTS_KEY] = (host,)
