"""A discovered URL and the date its source gives for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class Entry:
    """One URL found in a sitemap or feed; ``when`` is its lastmod / publication date, if any."""

    url: str
    when: datetime | None = None
    title: str | None = None

    def on_or_after(self, since: date | None) -> bool:
        """True when there is no bound, no date (we cannot tell, so we keep it) or a late enough one."""
        return since is None or self.when is None or self.when.date() >= since


def parse_date(value: str | None) -> datetime | None:
    """W3C datetime (sitemaps, Atom) or RFC 822 (RSS) to an aware datetime; None if unparseable."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
