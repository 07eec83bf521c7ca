"""Keys that make an archive a dataset: which article a record is, which capture, which text.

Why these and not ``url`` + ``fetched_at``: an article is reached by many URLs (tracking
parameters, ``www.``, ``http``, a trailing slash, a mirror, a ``?p=`` shortlink) and captured
many times; an analyst needs one key per article (``article_id``), one per capture
(``version_id``) and a cheap way to tell two texts apart (``text_sha1``), all computable from
the record alone, so that old records (schema 1) get the same keys when they are read.

- ``article_id`` comes from the canonical URL, normalised by the same ``canonical_key`` the
  crawl deduplicates on; it is the same across crawls, versions and reprocessing, and for every
  URL that redirects to the article.
- ``version_id`` comes from the article and the capture time (to the second, UTC): a revisit of
  an unchanged page is a capture of its own, and reprocessing a capture keeps its id (the WARC
  date of the response is kept).
- ``fetched_at`` is written one way everywhere: UTC, whole seconds, ``Z``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from urllib.parse import urlsplit

from archiver.discovery.urls import canonical_key

ID_LENGTH = 16          # hex digits: 64 bits, no collision in any archive of realistic size


def _digest(text: str, length: int | None = None) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def identity_url(url: str, canonical_url: str | None = None) -> str:
    """The URL an article is known by: its canonical URL, unless that names a site's home page
    while the article is elsewhere (a common misconfiguration that would merge every article)."""
    if not canonical_url:
        return url
    home = urlsplit(canonical_url).path.strip("/") == "" and not urlsplit(canonical_url).query
    if home and urlsplit(url).path.strip("/") != "":
        return url
    return canonical_url


def article_id(url: str, canonical_url: str | None = None) -> str:
    """The article's stable id: a digest of its normalised canonical URL."""
    return _digest(canonical_key(identity_url(url, canonical_url)), ID_LENGTH)


def version_id(article: str, fetched_at: str | datetime) -> str:
    """The id of one capture of one article (``article`` is its article_id)."""
    return _digest(f"{article} {capture_time(fetched_at)}", ID_LENGTH)


def text_sha1(text: str | None) -> str:
    """SHA-1 (hex) of the clean text: equal digests, equal texts."""
    return _digest(text or "")


def parse_time(value: str | datetime | None) -> datetime | None:
    """An ISO 8601 time (``Z`` or an offset; naive means UTC) as an aware datetime; None if
    it is not one."""
    if isinstance(value, datetime):
        moment = value
    elif not value:
        return None
    else:
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def to_utc(value: str | datetime | None) -> datetime | None:
    """The same instant in UTC (for exports: one time zone per column), or None."""
    moment = parse_time(value)
    return moment.astimezone(timezone.utc) if moment else None


def capture_time(value: str | datetime) -> str:
    """``fetched_at`` as every record writes it: UTC, whole seconds, ``Z``."""
    moment = to_utc(value)
    if moment is None:
        raise ValueError(f"not an ISO 8601 time: {value!r}")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def record_keys(record: dict) -> dict[str, str]:
    """article_id, version_id and text_sha1 of a record (the stored ones when it has them)."""
    aid = record.get("article_id") or article_id(record.get("url") or "",
                                                 record.get("canonical_url"))
    vid = record.get("version_id") or version_id(aid, record.get("fetched_at") or "1970-01-01")
    return {"article_id": aid, "version_id": vid,
            "text_sha1": record.get("text_sha1") or text_sha1(record.get("text"))}
