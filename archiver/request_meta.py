"""The ``request.meta`` keys our components hand things over by, each named once.

A spider, the downloader middlewares and the item pipeline pass per-request facts along in
Scrapy's ``Request.meta`` (the response the spider gets shares its request's meta).
"""

from __future__ import annotations

from typing import Any

# An article page is fetched (spiders): the limit holds it back, the state may skip it, the
# WARC capture keeps its exchange for the pipeline.
ARTICLE_META_KEY = "archiver_article"
# The discovery date (sitemap lastmod, feed date) the article was scheduled for, or None.
LASTMOD_META_KEY = "archiver_lastmod"
# The raw capture of an article page (archiver.warc.exchange.Exchange), held for the pipeline.
EXCHANGE_META_KEY = "warc_exchange"
# When the request went out: the capture's WARC-Date.
START_META_KEY = "warc_capture_start"
# An article image's archiver.warc.images.ImageCapture, which its exchanges are filed in.
IMAGE_META_KEY = "archiver_image"
# Hosts (exact names) this request and its redirect hops may use besides the site's own: the
# hosts an article names for its images.
EXTRA_HOSTS_KEY = "archiver_extra_hosts"


def request_urls(request: Any) -> list[str]:
    """Every URL this fetch was reached by: redirect hops first, the final URL last."""
    return [*request.meta.get("redirect_urls", []), request.url]
