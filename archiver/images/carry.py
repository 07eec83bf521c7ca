"""``archive reprocess``: the images of the input archives carried over to the clean archive.

Why a first pass over the inputs: an article's image records may come after it (our crawl
writes them right behind the article), before it, or in another file (an image kept once for
several articles, a wget crawl's order). So the image records of every input are located first
(file and offset only, nothing held in memory), and each reprocessed article then takes its
images along: the records are read back, bytes unchanged, and written after the article's own,
as the crawl does. An image the inputs hold as a ``revisit`` (the same upload under another URL)
is carried with the payload it points at and stored again as a revisit when the output already
holds that payload. Which images belong to an article is decided by today's extraction
(archiver.images.select), the same way as in a crawl; limits do not apply: nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from archiver.errors import ProblemHandler
from archiver.extract.article import Article
from archiver.library.image_rows import image_row, short
from archiver.library.payload import decode_body
from archiver.library.reprocess import exchange_of, target_uri
from archiver.library.scan import readable_records, record_at
from archiver.warc.digests import parse_date
from archiver.warc.exchange import Exchange
from archiver.warc.images import ArticleImages, ImageCapture

from .ledger import ImageLedger
from .select import article_images
from .size import image_size


class Place(NamedTuple):
    path: Path
    offset: int


class ImageCarrier:
    def __init__(self, files: Iterable[Path], on_problem: ProblemHandler) -> None:
        self.by_url: dict[str, tuple[Place, str | None]] = {}   # url -> (record, refers-to id)
        self.by_id: dict[str, Place] = {}                        # image response id -> record
        self.requests: dict[str, Place] = {}                     # response id -> its request
        self.ledger = ImageLedger()
        for path in files:
            self._scan(path, on_problem)

    def _scan(self, path: Path, on_problem: ProblemHandler) -> None:
        for record in readable_records(path, on_problem):
            if record.type == "request" and record.get("WARC-Concurrent-To"):
                self.requests[short(record.get("WARC-Concurrent-To"))] = Place(path, record.offset)
            row = image_row(record)
            if row is not None:
                self.by_url[row.url] = (Place(path, row.offset), row.refers_to)
                if row.refers_to is None:
                    self.by_id[row.rid] = Place(path, row.offset)

    def images_for(self, article: Article) -> ArticleImages:
        """The record's ``images`` and the captures to write with the article."""
        out = ArticleImages()
        for ref in article_images(article)[0]:
            if self.ledger.holds(ref.url):
                out.entries.append(ref.entry(True))
                continue
            exchange = self._exchange(ref.url)
            if exchange is None:
                out.entries.append(ref.entry(False, "not_in_input"))
                continue
            capture = ImageCapture(ref.url, [exchange])
            out.captures.append(capture)
            size = image_size(decode_body(exchange.body, _text_headers(exchange)))
            out.entries.append(ref.entry(True, size=size))
        return out

    def _exchange(self, url: str) -> Exchange | None:
        """The stored exchange of ``url``; a revisit gets the payload it refers to."""
        found = self.by_url.get(url)
        if found is None:
            return None
        (place, refers_to) = found
        record = record_at(place.path, place.offset)
        request = self.requests.get(short(record.id))
        when = parse_date(record.get("WARC-Date")) or datetime.now(timezone.utc)
        exchange = exchange_of(record, record_at(*request) if request else None, when)
        if refers_to is None:
            return exchange
        original = self.by_id.get(refers_to)
        if original is None:
            return None
        split = record_at(*original).http_split()
        exchange.body = split[1] if split else b""
        exchange.truncated = False
        exchange.url = target_uri(record)
        return exchange


def _text_headers(exchange: Exchange) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in exchange.response_headers]
