"""The JSON record: one per archived article. Its JSON Schema ships beside it (record.schema.json).

The record is the Article's fields plus what the crawl knows (site, fetch time, status) and the
links to the WARC records that hold the raw capture and the clean conversion.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .extract.article import Article
from .identity import capture_time, record_keys

SCHEMA_VERSION = 2     # 2: article_id, version_id, text_sha1 (archiver.identity); site never null,
                       #    publisher; images, image.captured (archiver.images)

RECORD_KEYS = (
    "url", "canonical_url", "site", "publisher", "title", "authors", "published", "modified", "language",
    "language_confidence", "declared_language", "description", "section", "tags", "image",
    "images", "sources", "text", "html", "word_count", "paywalled", "fetched_at", "http_status",
    "warc", "article_id", "version_id", "text_sha1",
    "schema_version",
)


def build_record(article: Article, *, site: str | None, fetched_at: str, http_status: int,
                 warc: dict[str, str] | None,
                 images: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON record for ``article`` (keys in RECORD_KEYS order, then ``removed``).

    ``fetched_at`` is written in one form (UTC, whole seconds) whoever calls: the crawl and
    ``archive reprocess`` give the same value for the same capture. ``site`` is the profile's
    name; without a profile, the host the article was fetched from, so that every record says
    where it came from. ``images`` are the entries the crawl made while fetching the article's
    images (archiver.images); without them every image of the article is listed as not
    captured."""
    from archiver.images.select import uncaptured_entries
    data = article.to_dict()
    data["language_confidence"] = float(data.get("language_confidence") or 0.0)
    images = uncaptured_entries(article) if images is None else images
    extra = {"site": site or site_of(article.url), "fetched_at": capture_time(fetched_at),
             "http_status": http_status, "warc": warc, "schema_version": SCHEMA_VERSION,
             "images": images, "image": lead_entry(data.get("image"), images)}
    extra.update(record_keys({**data, **extra}))
    record = {k: extra[k] if k in extra else data[k] for k in RECORD_KEYS}
    record["removed"] = data.get("removed", {})
    return record


def site_of(url: str) -> str:
    """The host of ``url`` without ``www.``, with its port if not the scheme's default
    (``https://www.example.org/x`` -> ``example.org``; a mirror: ``127.0.0.1:8080``)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != {"http": 80, "https": 443}.get(parts.scheme):
        host = f"{host}:{port}"
    return host or url


def lead_entry(image: dict[str, Any] | None, images: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The lead image ({url, caption, credit}) and whether the archive holds it (``captured``)."""
    if not image:
        return None
    captured = any(e.get("lead") and e.get("captured") for e in images)
    return {**image, "captured": captured}


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record."""
    return json.loads(resources.files("archiver").joinpath("record.schema.json").read_text("utf-8"))


def dumps_record(record: dict[str, Any]) -> str:
    """One JSON Lines line (no trailing newline): UTF-8 text, not ASCII escapes."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


@dataclass
class FetchedPage:
    """What a spider hands the pipeline for a page it believes is an article.

    The spider does no extraction (discovery and scheduling only); the pipeline extracts, builds
    the record and writes it with the raw exchange (``exchange``, captured by the WARC middleware).
    """

    url: str
    html: str = field(repr=False)
    site: str | None
    fetched_at: str                 # ISO 8601 UTC, the capture time
    http_status: int
    exchange: Any = field(default=None, repr=False)  # archiver.warc.exchange.Exchange
    edition: str | None = None
