"""A discovered URL and the date its source gives for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DiscoveredUrl:
    """One URL found in a sitemap or feed; ``when`` is its lastmod / publication date, if any."""

    url: str
    when: datetime | None = None
    title: str | None = None

    def on_or_after(self, since: date | None) -> bool:
        """True when there is no bound, no date (we cannot tell, so we keep it) or a late enough one."""
        return since is None or self.when is None or self.when.date() >= since

