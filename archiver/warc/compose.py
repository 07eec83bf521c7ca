"""The records of our WARC layout (README, "WARC layout"), each built from plain values.

Kept apart from the file handling so that unit tests can build records with fixed IDs and
dates and compare bytes.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from .exchange import Exchange

if TYPE_CHECKING:
    from archiver.extract.article import Article
from .records import (CONVERSION_TYPE, HTTP_REQUEST, HTTP_RESPONSE, JSON_TYPE, WARC_FIELDS,
                      WarcRecord, new_record_id, warc_fields)

FORMAT = "WARC File Format 1.1"
CONFORMS_TO = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
# CDXJ indexes have one-second precision: a conversion in the capture's second could be replayed
# in place of the raw page (README, "WARC layout").
CONVERSION_DELAY = timedelta(seconds=1)


def article_fields(article: Article, site: str) -> list[tuple[str, str]]:
    """The warc-fields metadata record's `name: value` lines for an article (Dublin Core names
    where they exist); ``site`` is the record's."""
    fields = [("title", article.title or ""), *[("creator", a) for a in article.authors],
              ("language", article.language or ""), ("issued", article.published or ""),
              ("modified", article.modified or ""), ("description", article.description or ""),
              ("subject", article.section or ""), *[("subject", t) for t in article.tags],
              ("identifier", article.canonical_url or article.url),
              ("paywalled", "true" if article.paywalled else "false"),
              ("word-count", str(article.word_count)), ("site", site or "")]
    return [(k, " ".join(v.split())) for k, v in fields if v]


def response_record(exchange: Exchange, record_id: str) -> WarcRecord:
    head = exchange.response_head()
    headers = []
    if exchange.ip_address:
        headers.append(("WARC-IP-Address", exchange.ip_address))
    if exchange.truncation_reason:
        headers.append(("WARC-Truncated", exchange.truncation_reason))
    return WarcRecord("response", record_id, exchange.date, HTTP_RESPONSE, head + exchange.body,
                      target_uri=exchange.url, payload_offset=len(head), headers=headers)


def request_record(exchange: Exchange, response_id: str,
                   record_id: str | None = None) -> WarcRecord:
    """Same WARC-Date as its response (WARC 1.1 section 5.7: records of one exchange)."""
    block = exchange.request_block()
    payload_offset = len(block) - len(exchange.request_body)
    return WarcRecord("request", record_id or new_record_id(), exchange.date, HTTP_REQUEST, block,
                      target_uri=exchange.url, payload_offset=payload_offset,
                      headers=[("WARC-Concurrent-To", response_id)])


def conversion_date(capture: datetime, now: datetime | None = None) -> datetime:
    """Conversion time, but never within a second of the capture."""
    now = now or datetime.now(timezone.utc)
    return max(now, capture + CONVERSION_DELAY)


def conversion_record(url: str, html: str, response_id: str, date: datetime,
                      record_id: str) -> WarcRecord:
    block = html.encode("utf-8")
    return WarcRecord("conversion", record_id, date, CONVERSION_TYPE, block, target_uri=url,
                      payload_offset=0, headers=[("WARC-Refers-To", response_id)])


def fields_record(fields: list[tuple[str, str]], response_id: str, date: datetime,
                  record_id: str | None = None) -> WarcRecord:
    """Extracted fields as warc-fields. No Target-URI: it must never be replayed as the page."""
    return WarcRecord("metadata", record_id or new_record_id(), date, WARC_FIELDS,
                      warc_fields(fields), headers=[("WARC-Refers-To", response_id)])


def json_record(record: dict[str, Any], response_id: str, date: datetime,
                record_id: str | None = None) -> WarcRecord:
    """The full JSON record, so that the JSON Lines can be rebuilt from the WARC alone."""
    block = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return WarcRecord("metadata", record_id or new_record_id(), date, JSON_TYPE, block,
                      headers=[("WARC-Refers-To", response_id)])


def warcinfo_record(filename: str, info: list[tuple[str, str]], date: datetime,
                    record_id: str | None = None) -> WarcRecord:
    fields = [("format", FORMAT), ("conformsTo", CONFORMS_TO)] + info
    return WarcRecord("warcinfo", record_id or new_record_id(), date, WARC_FIELDS,
                      warc_fields(fields), headers=[("WARC-Filename", filename)])


def article_records(links: dict[str, str], exchange: Exchange, clean_html: str,
                    fields: list[tuple[str, str]], record: dict[str, Any],
                    now: datetime | None = None) -> list[WarcRecord]:
    """response, request, conversion, warc-fields metadata, JSON metadata — in that order."""
    response_id = links["response_id"]
    later = conversion_date(exchange.date, now)
    return [
        response_record(exchange, response_id),
        request_record(exchange, response_id),
        conversion_record(exchange.url, clean_html, response_id, later, links["conversion_id"]),
        fields_record(fields, response_id, later),
        json_record(record, response_id, later),
    ]


REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


def revisit_record(exchange: Exchange, record_id: str, payload_digest: str, refers_to: str,
                   refers_to_uri: str, refers_to_date: str) -> WarcRecord:
    """A refetch whose payload is byte-identical to an earlier capture: the HTTP head only,
    pointing at the response record that holds the payload (identical-payload-digest profile)."""
    headers = [("WARC-Profile", REVISIT_PROFILE), ("WARC-Payload-Digest", payload_digest),
               ("WARC-Refers-To", refers_to), ("WARC-Refers-To-Target-URI", refers_to_uri),
               ("WARC-Refers-To-Date", refers_to_date), ("WARC-Truncated", "length")]
    if exchange.ip_address:
        headers.insert(0, ("WARC-IP-Address", exchange.ip_address))
    return WarcRecord("revisit", record_id, exchange.date, HTTP_RESPONSE, exchange.response_head(),
                      target_uri=exchange.url, headers=headers)
