"""What the archive holds for one URL: a row of the crawl state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class Capture:
    """What the archive holds for one URL: the last payload stored in full, and when it was seen.

    ``captured`` is the latest time the payload was confirmed (full capture, revisit or 304);
    ``record_*`` always name the full response record a revisit must refer to.
    """

    url: str
    captured: datetime
    payload_digest: str | None = None
    record_id: str | None = None
    record_date: str | None = None       # WARC-Date of that response record, as written
    file: str | None = None
    lastmod: datetime | None = None      # the sitemap/feed date it was fetched for
    etag: str | None = None
    last_modified: str | None = None     # the server's Last-Modified header, verbatim

    def unchanged_since(self, when: datetime | None) -> bool:
        """True if a discovery date ``when`` says nothing new since this capture.

        No date: we cannot tell, so the caller refetches (conditionally). A date no later than the
        lastmod we fetched for, or than the capture itself, is old news.
        """
        if when is None:
            return False
        return any(known is not None and when <= known for known in (self.lastmod, self.captured))
