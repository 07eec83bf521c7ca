"""What the archive already holds of images: by URL, and by payload digest.

Why both: an image URL archived once (in this crawl, or in an earlier one, which the crawl state
knows) is not fetched again; WordPress uploads never change under their URL. And one upload is
often served under several URLs (both editions of a site, a CDN and the origin): the second is
fetched (nothing tells us before) but stored as a ``revisit`` of the first payload.

Only payloads on disk are remembered: the ledger learns an image when its article's records
have been written, so a revisit never names a record that is not in the archive.
"""

from __future__ import annotations

from typing import Any

from archiver.warc.images import ImageCapture, StoredPayload


class ImageLedger:
    def __init__(self, state: Any = None) -> None:
        self.state = state                   # archiver.state.ArchiveState, or None
        self.by_url: dict[str, StoredPayload] = {}
        self.by_digest: dict[str, StoredPayload] = {}

    def holds(self, url: str) -> bool:
        """True if a full 2xx capture of ``url`` (or a revisit of one) is in the archive."""
        if url in self.by_url:
            return True
        capture = self.state.get(url) if self.state is not None else None
        return bool(capture and capture.record_id and capture.payload_digest)

    def payload(self, digest: str | None) -> StoredPayload | None:
        """The stored response with this payload digest, if the archive holds one."""
        if not digest:
            return None
        if digest in self.by_digest:
            return self.by_digest[digest]
        finder = getattr(self.state, "by_digest", None)
        capture = finder(digest) if finder else None
        if capture is None or not capture.record_id:
            return None
        return StoredPayload(capture.record_id, capture.url, capture.record_date or "", digest)

    def mark_revisits(self, captures: list[ImageCapture]) -> int:
        """Before the write: captures whose payload is stored become revisits; returns how many."""
        count = 0
        for capture in captures:
            stored = self.payload(capture.payload_digest)
            if stored is not None and stored.url != capture.url:
                capture.revisit_of = stored
                count += 1
        return count

    def remember(self, captures: list[ImageCapture], file: str | None) -> None:
        """After the write: every stored image, by URL and digest (and in the crawl state)."""
        for capture in captures:
            stored = capture.stored()
            if stored is None:
                continue
            self.by_url[capture.url] = stored
            self.by_digest.setdefault(stored.digest, stored)
            if self.state is not None:
                self._record(capture, stored, file)

    def _record(self, capture: ImageCapture, stored: StoredPayload, file: str | None) -> None:
        from archiver.state import Capture
        final = capture.final
        assert final is not None
        headers = {k.lower(): v for k, v in final.response_headers}
        etag, modified = headers.get(b"etag"), headers.get(b"last-modified")
        self.state.put([capture.url], Capture(
            url=capture.url, captured=final.date, payload_digest=stored.digest,
            record_id=stored.record_id, record_date=stored.date,
            file=file,
            etag=etag.decode("latin-1") if etag else None,
            last_modified=modified.decode("latin-1") if modified else None))

