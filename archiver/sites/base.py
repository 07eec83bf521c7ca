"""The shape of per-site knowledge.

A site profile is a declaration, not code: hosts, where articles are discovered, which URLs are
articles, what extra markup is never the article, and how the site says an article is paywalled.
The generic pipeline reads these fields; it never names a site itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class SelectorSet:
    """Site-specific cleaning rules valid for captures in a date range (sites get redesigned).

    ``since``/``until`` bound the capture date (inclusive); ``None`` means open-ended.
    """

    remove: tuple[str, ...] = ()            # CSS selectors of elements that are never the article
    body: tuple[str, ...] = ()              # CSS selectors of the article body, tried in order
    since: date | None = None
    until: date | None = None

    def applies(self, when: date | None) -> bool:
        if when is None:
            return True
        return (self.since is None or when >= self.since) and (self.until is None or when <= self.until)


@dataclass(frozen=True)
class SiteProfile:
    """Everything the archiver knows about one site (or one publisher with several editions)."""

    name: str
    editions: dict[str, str]                 # edition code -> default base URL ("en" -> https://…)
    sitemap_paths: tuple[str, ...] = ("/sitemap_index.xml",)   # used when robots.txt names none
    sitemap_follow: tuple[str, ...] = ()     # regexes on sitemap URLs worth following (empty: all)
    feed_paths: tuple[str, ...] = ("/feed/",)
    article_url: str = r"^/[^/?#]+/?$"       # regex on the URL path of an article
    not_article_paths: tuple[str, ...] = ()  # regexes on paths that are never articles
    selector_sets: tuple[SelectorSet, ...] = ()
    boilerplate_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> phrases
    ad_labels: tuple[str, ...] = ()          # exact texts of ad labels ("Ad", "Anzeige")
    paywall_selectors: tuple[str, ...] = ()  # present on the page -> paywalled
    paywall_labels: tuple[str, ...] = ()     # a label with exactly this text by the headline
    paywall_phrases: tuple[str, ...] = ()    # prompts standing in for the rest of a cut body -> paywalled
    trust_accessible_for_free: bool = True   # False for publishers that mark every page not free
    source_prefixes: tuple[str, ...] = ("Source:", "Sources:", "Quelle:", "Quellen:")
    title_suffixes: tuple[str, ...] = ()     # site-name suffixes to strip from titles

    def hosts(self, bases: dict[str, str] | None = None) -> set[str]:
        """Host names of the editions (of the given base URLs, e.g. mirrors, if any)."""
        from urllib.parse import urlsplit

        return {urlsplit(u).hostname or "" for u in (bases or self.editions).values()}

    def is_article_path(self, path: str) -> bool:
        """Rules are written for paths as sent (percent-encoded); a sitemap may list ``/brüchen/``."""
        from w3lib.url import safe_url_string

        path = safe_url_string(path)
        if any(re.search(p, path) for p in self.not_article_paths):
            return False
        return re.search(self.article_url, path) is not None

    def selectors_for(self, when: date | None = None) -> list[SelectorSet]:
        return [s for s in self.selector_sets if s.applies(when)]
