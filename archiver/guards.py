"""Downloader middlewares that keep an unattended crawl inside its bounds.

``AllowedHostsMiddleware``: Scrapy's OffsiteMiddleware lets every request with
``dont_filter=True`` through, and RedirectMiddleware copies ``dont_filter`` onto the redirected
request (so does RetryMiddleware): an off-site redirect of such a request would be followed. This
one checks every request, redirect and meta-refresh hops included, against the spider's
``allowed_domains`` and, where the spider names them, its ``allowed_origins`` (host *and* port:
another server on the same host is another site), and refuses any scheme but http(s)
(``file:``, ``ftp:``, ``data:`` from a hostile sitemap or feed).
A request may name further hosts (exact names) for itself in ``meta[EXTRA_HOSTS_KEY]`` (an article's
images).

``RetryAfterMiddleware``: Scrapy's RetryMiddleware retries a 429/503 at once, ignoring the
server's ``Retry-After``; hammering an overloaded server is rude and usually futile. This one
waits as long as the server asks, but never longer than ``ARCHIVER_RETRY_AFTER_MAX`` seconds
(a hostile ``Retry-After: 86400`` must not stall the crawl), then retries within RETRY_TIMES.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future

# Importable from here too; the one decision on what goes to extraction lives in extract/.
from archiver.extract.candidate import is_html_type, looks_binary  # noqa: F401

logger = logging.getLogger(__name__)


# Hosts one request (and its redirect hops) may use besides the spider's allowed_domains: an
# article's image request carries the hosts the article references for images (archiver.images).
EXTRA_HOSTS_KEY = "archiver_extra_hosts"


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


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds()) if when.tzinfo else None


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware that honours Retry-After on 429 and 503, bounded."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("ARCHIVER_RETRY_AFTER_MAX", 60.0)

    async def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if self._will_retry(request, response):
            await self._honour_retry_after(request, response)
        return super().process_response(request, response)

    def _will_retry(self, request: Any, response: Any) -> bool:
        limit = request.meta.get("max_retry_times", self.max_retry_times)
        return response.status in (429, 503) and response.status in self.retry_http_codes \
            and not request.meta.get("dont_retry") and request.meta.get("retry_times", 0) < limit

    async def _honour_retry_after(self, request: Any, response: Any) -> None:
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked:
            wait = min(asked, self.max_wait)
            self.crawler.stats.inc_value("archiver/retry_after/waits")
            logger.info("HTTP %d with Retry-After %s s: waiting %.1f s before retrying %s",
                        response.status, int(asked), wait, request.url)
            await _pause(wait)


async def _pause(seconds: float) -> None:
    from twisted.internet import reactor, task

    await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))
