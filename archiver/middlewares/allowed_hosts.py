"""``AllowedHostsMiddleware``: every request, redirect hops included, stays on the site.

Scrapy's OffsiteMiddleware lets every request with
``dont_filter=True`` through, and RedirectMiddleware copies ``dont_filter`` onto the redirected
request (so does RetryMiddleware): an off-site redirect of such a request would be followed. This
one checks every request, redirect and meta-refresh hops included, against the spider's
``allowed_domains`` and, where the spider names them, its ``allowed_origins`` (host *and* port:
another server on the same host is another site), and refuses any scheme but http(s)
(``file:``, ``ftp:``, ``data:`` from a hostile sitemap or feed).
A request may name further hosts (exact names) for itself in ``meta[EXTRA_HOSTS_KEY]`` (an article's
images).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from archiver.request_meta import EXTRA_HOSTS_KEY

logger = logging.getLogger(__name__)


class OffsiteRefused(IgnoreRequest):
    """The request would leave the allowed hosts or use a scheme other than http(s)."""


def origin_key(url: str) -> tuple[str, int | None]:
    """(host, port) of a URL, the port None when it is its scheme's default: http and https on
    their default ports are one site (an upgrade redirect stays on it), any other port is not."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return (parts.hostname or "").lower().rstrip("."), (None if port in (None, default) else port)


def origin_allowed(url: str, origins: list[tuple[str, int | None]]) -> bool:
    """The URL's host is an origin's host (or a subdomain of it) and its port is that origin's."""
    host, port = origin_key(url)
    return any((host == h or host.endswith("." + h)) and port == p for h, p in origins)


def host_allowed(host: str, domains: list[str]) -> bool:
    """The host is one of the domains or a subdomain of one (ports never matter)."""
    host = host.lower().rstrip(".")
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in domains)


class AllowedHostsMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler, self.stats = crawler, crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> AllowedHostsMiddleware:
        return cls(crawler)

    def process_request(self, request: Any, spider: Any = None) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self._refuse("scheme", request, "not an http(s) URL")
        spider = self.crawler.spider      # Scrapy >= 2.13 no longer passes it
        allowed = [d for d in getattr(spider, "allowed_domains", None) or [] if d]
        extra = request.meta.get(EXTRA_HOSTS_KEY) or ()
        origins = getattr(spider, "allowed_origins", None)
        if (parts.hostname or "").lower() not in extra and (
                (allowed and not host_allowed(parts.hostname or "", allowed))
                or (origins and not origin_allowed(request.url, origins))):
            via = request.meta.get("redirect_urls")
            hop = f" (redirect from {via[-1]})" if via else ""
            self._refuse("offsite", request, f"host or port not allowed{hop}")

    def _refuse(self, kind: str, request: Any, why: str) -> None:
        self.stats.inc_value(f"archiver/refused/{kind}")
        logger.warning("Refused %s: %s", request.url, why)
        raise OffsiteRefused(f"{why}: {request.url}")
