"""Which records of a WARC file hold an image the reader may show: index rows for them.

A 2xx response whose HTTP Content-Type is an image and whose body is whole (no
``WARC-Truncated``), or a revisit of one (it points at the record that holds the payload).
Looking at the HTTP head is enough, so the pass over the file stays cheap.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from archiver.warc.reader import Record

_STATUS = re.compile(rb"^HTTP/\S+ (\d{3})")
_TYPE = re.compile(rb"\r\ncontent-type:[ \t]*image/", re.I)


class ImageRow(NamedTuple):
    rid: str                   # the record's id, without <urn:uuid: >
    url: str
    offset: int
    refers_to: str | None      # a revisit: the id of the record holding the payload


def short(record_id: str | None) -> str:
    return (record_id or "").strip().strip("<>").removeprefix("urn:uuid:")


def image_row(record: Record) -> ImageRow | None:
    if record.type not in ("response", "revisit"):
        return None
    if record.type == "response" and record.get("WARC-Truncated"):
        return None
    head = record.block[:record.block.find(b"\r\n\r\n") + 2]
    status = _STATUS.match(head)
    if not status or not status.group(1).startswith(b"2") or not _TYPE.search(head):
        return None
    url = (record.get("WARC-Target-URI") or "").strip().strip("<>")
    refers = short(record.get("WARC-Refers-To")) if record.type == "revisit" else None
    return ImageRow(short(record.id), url, record.offset, refers)
