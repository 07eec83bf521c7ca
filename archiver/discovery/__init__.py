"""Discovery: turning robots.txt, sitemaps and feeds into dated article URLs.

Pure functions over bytes, no Scrapy requests: the spiders schedule, these parse. Shared by every
spider (the per-site `decoder` one and the generic `news` one).
"""

from .discovered import DiscoveredUrl
from .feeds import parse_feed
from .sitemaps import SitemapKind, parse_sitemap, sitemap_body

__all__ = ["DiscoveredUrl", "SitemapKind", "parse_feed", "parse_sitemap", "sitemap_body"]
