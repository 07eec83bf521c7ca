"""An article's image fetches, held until they are written with the article.

Why held: an article and its images stay together in one WARC file. The capture middleware
files every exchange of an image request (redirect hops included) in the ``ImageCapture`` the
request carries in its meta, instead of writing it at once; the article's write then puts the
image records right after the article's own, in the same write, so file rotation (which only
happens between articles) never separates them.

An image whose payload the archive already holds under another URL (the same upload served by
two hosts) is written as a ``revisit`` record (identical-payload-digest profile) that points at
the stored response, not as a second copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .compose import request_record, response_record, revisit_record
from .exchange import Exchange
from .records import WarcRecord, new_record_id, sha1_digest, warc_date


@dataclass(frozen=True)
class StoredPayload:
    """A response record that holds a payload: what a revisit of it must name."""

    record_id: str
    url: str
    date: str                      # its WARC-Date, as written
    digest: str


@dataclass
class ImageCapture:
    """The exchanges of one image request, in the order they happened (redirect hops first)."""

    url: str
    exchanges: list[Exchange] = field(default_factory=list)
    revisit_of: StoredPayload | None = None   # set when the final payload is already stored

    def add(self, exchange: Exchange) -> None:
        self.exchanges.append(exchange)

    @property
    def final(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None

    @property
    def payload_digest(self) -> str | None:
        """The final 2xx exchange's payload digest (None for an error or a cut body)."""
        final = self.final
        if final is None or not 200 <= final.status < 300 or final.truncated:
            return None
        return sha1_digest(final.body)

    def records(self) -> list[WarcRecord]:
        """response/revisit + request for every exchange; record ids are set on the exchanges."""
        out: list[WarcRecord] = []
        for exchange in self.exchanges:
            record_id = new_record_id()
            stored = self.revisit_of if exchange is self.final else None
            if stored is not None:
                out.append(revisit_record(exchange, record_id, stored.digest, stored.record_id,
                                          stored.url, stored.date))
            else:
                out.append(response_record(exchange, record_id))
            out.append(request_record(exchange, record_id))
            exchange.record_id = record_id
        return out

    def stored(self) -> StoredPayload | None:
        """After the write: the response record that now holds this image's payload."""
        final, digest = self.final, self.payload_digest
        if final is None or digest is None or final.record_id is None:
            return None
        if self.revisit_of is not None:
            return self.revisit_of
        return StoredPayload(final.record_id, final.url, warc_date(final.date), digest)


@dataclass
class ArticleImages:
    """What became of an article's images: the record's ``images`` entries, and the captures
    written with the article (the crawl's fetches, or the image records a reprocess carries)."""

    entries: list[dict[str, Any]] = field(default_factory=list)   # the record's "images"
    captures: list[ImageCapture] = field(default_factory=list)    # written with the article

    @property
    def lead_captured(self) -> bool:
        return any(e.get("lead") and e["captured"] for e in self.entries)
