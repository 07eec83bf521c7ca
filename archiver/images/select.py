"""Which pictures belong to an article, and which of them a crawl fetches.

Pure functions over the extracted Article (no Scrapy): the crawl, ``archive reprocess`` and the
tests call the same code.

An article's images are its lead image and the images of its clean body: page chrome, teasers,
avatars and ads were removed by the cleaner, so they are never candidates. Tracking pixels are
dropped here even when they sit inside the article (the German publishers' VG Wort counting
pixel does): an image declared 1 px wide or high, or one on a known beacon host, is a request to
a counter, not a picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement, fragment_fromstring

from archiver.discovery.urls import is_http_url
from archiver.extract.article import Article
from archiver.extract.attribution import split_caption

MODES = ("article", "lead", "none")

# Hosts whose images are counters and beacons (suffix match), not pictures.
BEACON_HOSTS = (
    "met.vgwort.de", "vgwort.de", "pixel.wp.com", "stats.wp.com", "google-analytics.com",
    "googletagmanager.com", "doubleclick.net", "facebook.com", "facebook.net",
    "scorecardresearch.com", "bat.bing.com", "px.ads.linkedin.com", "analytics.twitter.com",
    "t.co", "pixel.quantserve.com", "quantserve.com", "chartbeat.net", "ioam.de", "tns-cs.net",
    "hotjar.com", "matomo.cloud", "pinterest.com", "adnxs.com", "criteo.com", "taboola.com",
    "outbrain.com", "parsely.com", "newrelic.com", "nr-data.net",
)


@dataclass
class ImageRef:
    """One picture of an article, as the article names it."""

    url: str
    caption: str | None = None
    credit: str | None = None
    width: int | None = None
    height: int | None = None
    lead: bool = False

    def entry(self, captured: bool, reason: str | None = None,
              size: tuple[int, int] | None = None) -> dict[str, Any]:
        """The record's ``images`` item; ``size`` (read from the captured bytes) wins over the
        markup's width and height."""
        width, height = size or (self.width, self.height)
        out: dict[str, Any] = {"url": self.url, "caption": self.caption, "credit": self.credit}
        if width and height:
            out["width"], out["height"] = width, height
        out["captured"] = captured
        if self.lead:
            out["lead"] = True
        if reason and not captured:
            out["reason"] = reason
        return out


def is_tracking_pixel(url: str, width: int | None = None, height: int | None = None) -> bool:
    """1x1 (or 0-sized) images and images on beacon hosts."""
    if (width is not None and width <= 1) or (height is not None and height <= 1):
        return True
    host = (urlsplit(url).hostname or "").lower()
    return any(host == b or host.endswith("." + b) for b in BEACON_HOSTS)


def _dimension(value: str | None) -> int | None:
    match = re.match(r"\s*(\d+)", value or "")
    return int(match.group(1)) if match else None


def _body_ref(img: HtmlElement) -> ImageRef:
    figure = next((a for a in img.iterancestors() if a.tag == "figure"), None)
    caption, credit = split_caption(figure) if figure is not None else (None, None)
    return ImageRef((img.get("src") or "").strip(), caption, credit,
                    _dimension(img.get("width")), _dimension(img.get("height")))


def body_images(html: str) -> list[ImageRef]:
    """The images of a clean article body, in document order (each ``src`` once)."""
    if "<img" not in html:
        return []
    root = fragment_fromstring(html, create_parent="div")
    return [_body_ref(img) for img in root.iter("img") if img.get("src")]


def article_images(article: Article) -> tuple[list[ImageRef], int]:
    """(the article's images, lead first, each URL once; how many tracking pixels were left out)."""
    refs: list[ImageRef] = []
    lead = article.image or {}
    if lead.get("url"):
        refs.append(ImageRef(lead["url"], lead.get("caption"), lead.get("credit"), lead=True))
    refs += body_images(article.html or "")
    kept: dict[str, ImageRef] = {}
    pixels = 0
    for ref in refs:
        if not is_http_url(ref.url):
            continue
        if is_tracking_pixel(ref.url, ref.width, ref.height):
            pixels += 1
            continue
        kept.setdefault(ref.url, ref)
    return list(kept.values()), pixels


def choose(refs: list[ImageRef], mode: str, maximum: int) -> list[tuple[ImageRef, str | None]]:
    """Each image with None (fetch it) or why it is not fetched: ``setting`` (ARCHIVER_IMAGES
    leaves it out) or ``limit`` (past ARCHIVER_IMAGES_MAX; the lead comes first)."""
    out: list[tuple[ImageRef, str | None]] = []
    wanted = 0
    for ref in refs:
        if mode == "none" or (mode == "lead" and not ref.lead):
            out.append((ref, "setting"))
        elif wanted >= maximum:
            out.append((ref, "limit"))
        else:
            wanted += 1
            out.append((ref, None))
    return out


def uncaptured_entries(article: Article, reason: str | None = None) -> list[dict[str, Any]]:
    """The ``images`` of a record whose images were not fetched (no crawl, no carried records)."""
    return [ref.entry(False, reason) for ref in article_images(article)[0]]
