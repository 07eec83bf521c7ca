"""One pass over a WARC file: the index row of each archived article in it.

An article is an ``application/json`` metadata record (the full JSON record); the records it
refers to (response, conversion) come before it in the same file, so one pass finds their
offsets. Alternative keys come from the record (URL, canonical URL) and from the raw page's
``rel=shortlink`` (WordPress ``/?p=123``), so that any form of the URL finds the article.

A ``revisit`` record (a recrawl whose payload was identical) is a capture too: it becomes a
RevisitRow naming the response it repeats, which the index joins to that article's row (often
in an earlier file), so that every capture has its own line, time and version id.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.discovery.urls import canonical_key
from archiver.errors import Problem, ProblemHandler
from archiver.identity import capture_time, record_keys
from archiver.warc.reader import Record

from .image_rows import ImageRow, image_row
from .payload import parse_response
from .scan import readable_records

_SHORTLINK = re.compile(rb"""<link[^>]+rel=["']?shortlink["']?[^>]*>""", re.I)
_HREF = re.compile(rb"""href=["']([^"']+)["']""", re.I)
_RECENT = 32          # responses kept in memory while waiting for their article's records


@dataclass
class ArticleRow:
    rid: str
    url: str
    title: str | None
    site: str | None
    publisher: str | None
    language: str | None
    date: str | None                  # published (or else fetched) day, YYYY-MM-DD
    fetched_at: str | None
    paywalled: bool
    word_count: int
    removed: dict[str, int]
    text: str
    resp_off: int | None
    conv_off: int | None
    json_off: int
    raw_bytes: int = 0
    keys: set[str] = field(default_factory=set)
    article_id: str = ""
    version_id: str = ""
    text_sha1: str = ""


@dataclass
class RevisitRow:
    """A capture stored as a revisit of the response ``refers_to`` (a short record id)."""

    rid: str
    url: str
    fetched_at: str
    refers_to: str
    offset: int


def is_json_record(record: Record) -> bool:
    return record.type == "metadata" and \
        (record.get("Content-Type") or "").startswith("application/json")


@dataclass
class SeenResponse:
    """What an article row needs of its response record (not the record: its body may be big)."""

    offset: int
    end: int
    target_uri: str | None
    shortlinks: list[str]


def seen_response(record: Record) -> SeenResponse:
    return SeenResponse(record.offset, record.end, record.get("WARC-Target-URI"),
                        shortlinks(record))


def article_rows(path: Path, on_problem: ProblemHandler,
                 on_image: Callable[[ImageRow], None] | None = None
                 ) -> Iterator[ArticleRow | RevisitRow]:
    """Each article's (and revisit's) row; each stored image goes to ``on_image`` on the way."""
    responses: OrderedDict[str, SeenResponse] = OrderedDict()
    conversions: dict[str, int] = {}
    for record in readable_records(path, on_problem):
        if on_image is not None and (image := image_row(record)) is not None:
            on_image(image)
        if record.type == "response":
            responses[short_id(record.id)] = seen_response(record)
            if len(responses) > _RECENT:
                responses.popitem(last=False)
        elif record.type == "revisit":
            row = revisit_row(record)
            if row is not None:
                yield row
        elif record.type == "conversion":
            conversions[short_id(record.get("WARC-Refers-To") or "")] = record.offset
        elif is_json_record(record):
            try:
                data = json.loads(record.block.decode("utf-8"))
            except ValueError:
                on_problem_json(path, record, on_problem)
                continue
            yield make_row(data, record, responses, conversions)


def on_problem_json(path: Path, record: Record, on_problem: ProblemHandler) -> None:
    on_problem(Problem(str(path), "JSON metadata record is not valid JSON", offset=record.offset))


def short_id(record_id: str) -> str:
    """``<urn:uuid:X>`` -> ``X``: the article's id in URLs and in the index."""
    return record_id.strip().strip("<>").removeprefix("urn:uuid:")


def make_row(data: dict[str, Any], record: Record, responses: dict[str, SeenResponse],
             conversions: dict[str, int]) -> ArticleRow:
    warc = data.get("warc") or {}
    rid = short_id(warc.get("response_id") or record.get("WARC-Refers-To") or record.id)
    response = responses.get(rid)
    published = data.get("published") or data.get("fetched_at") or ""
    keys = record_keys(data)
    row = ArticleRow(
        rid=rid, url=data.get("url") or "",
        title=data.get("title"), site=data.get("site"), publisher=data.get("publisher"),
        language=data.get("language"),
        date=published[:10] or None, fetched_at=_capture_time(data.get("fetched_at")),
        paywalled=bool(data.get("paywalled")), word_count=int(data.get("word_count") or 0),
        removed=data.get("removed") or {}, text=data.get("text") or "",
        resp_off=response.offset if response else None, conv_off=conversions.get(rid),
        json_off=record.offset, raw_bytes=(response.end - response.offset) if response else 0,
        **keys)
    urls = [data.get("url"), data.get("canonical_url"), response and response.target_uri]
    urls += response.shortlinks if response else []
    row.keys = {canonical_key(u) for u in urls if u}
    return row


def revisit_row(record: Record) -> RevisitRow | None:
    refers_to, date = record.get("WARC-Refers-To"), record.get("WARC-Date")
    fetched_at = _capture_time(date)
    if not refers_to or fetched_at is None:
        return None
    url = (record.get("WARC-Target-URI") or "").strip().strip("<>")
    return RevisitRow(short_id(record.id), url, fetched_at, short_id(refers_to), record.offset)


def _capture_time(value: str | None) -> str | None:
    """One spelling of a capture time in the index (so that ordering by it is by time)."""
    try:
        return capture_time(value) if value else None
    except ValueError:
        return None


def shortlinks(response: Record | None) -> list[str]:
    """The page's ``<link rel="shortlink">`` targets (looked for in its first 64 KiB)."""
    if response is None:
        return []
    http = parse_response(response, max_body=65536)
    if http is None:
        return []
    out = []
    for tag in _SHORTLINK.findall(http.body[:65536]):
        match = _HREF.search(tag)
        if match:
            out.append(match.group(1).decode("utf-8", "replace").replace("&#038;", "&")
                       .replace("&amp;", "&"))
    return out
