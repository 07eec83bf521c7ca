"""URL helpers: one key per article however it was linked, and mirrors of real sites.

A mirror (e.g. http://127.0.0.1:8001 for https://the-decoder.com) often still names the real host
in its robots.txt, sitemaps and feeds; `Rebaser` maps such URLs onto the mirror so a crawl of a
mirror never leaves it.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "matomo_", "ga_", "hsa_")
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mkt_tok", "ref",
                   "ref_src", "cmpid", "ncid", "_hsenc", "_hsmi", "oly_enc_id", "oly_anon_id",
                   "vero_id", "wt_mc", "at_medium", "at_campaign", "amp"}


def is_http_url(url: str) -> bool:
    """Only http(s) URLs are ever fetched (no file:, ftp:, javascript:, data: from sitemaps/feeds)."""
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def discovery_url(url: str) -> str:
    """A discovery document's URL in one spelling: no fragment, lower-case scheme and host, no
    default port, ``//`` collapsed and ``.``/``..`` segments resolved (RFC 3986 5.2.4), so that
    ``/sitemap.xml#a``, ``//sitemap.xml`` and ``/./sitemap.xml`` are fetched once."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    trailing = path.endswith(("/", "/.", "/.."))
    path = posixpath.normpath(path)
    path = "/" + path.lstrip("/") if path != "." else "/"
    if trailing and not path.endswith("/"):
        path += "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def without_tracking(url: str) -> str:
    """The URL to fetch: tracking parameters and the fragment dropped, the rest as linked.

    Feeds often add ``?utm_source=rss`` to every link; fetching the clean URL keeps the record's
    ``url`` (and the WARC's Target-URI) the article's own address."""
    parts = urlsplit(url.strip())
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query = parts.query if len(kept) == len(parse_qsl(parts.query, keep_blank_values=True)) \
        else urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def canonical_key(url: str) -> str:
    """A key under which one article is one entry: lower-case host without ``www.``, no fragment,
    no tracking parameters, sorted query, no trailing slash, scheme folded to https, and one
    spelling of the path (``brüchen``, ``br%c3%bcchen`` and ``br%C3%BCchen`` are one slug: a
    sitemap and a feed often encode the same URL differently)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    path = parts.path.rstrip("/") or "/"
    return canonicalize_url(urlunsplit(("https", host, path, urlencode(sorted(query)), "")))


class Rebaser:
    """Maps URLs of the real editions onto the bases actually crawled (identity when not mirrored)."""

    def __init__(self, real_to_crawled: dict[str, str]) -> None:
        self._map: list[tuple[str, str]] = []
        for real, crawled in real_to_crawled.items():
            real_host = (urlsplit(real).hostname or "").removeprefix("www.")
            for scheme in ("https", "http"):
                for host in (real_host, f"www.{real_host}"):
                    self._map.append((f"{scheme}://{host}", crawled.rstrip("/")))

    def __call__(self, url: str) -> str:
        for prefix, target in self._map:
            if url.startswith(prefix) and url[len(prefix):len(prefix) + 1] in ("", "/", "?", "#"):
                return target + url[len(prefix):]
        return url
