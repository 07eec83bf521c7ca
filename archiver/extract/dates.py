"""Dates as ISO 8601 with an offset, never in the future of the capture."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

_COMPACT_TZ = re.compile(r"([+-]\d{2})(\d{2})$")


def parse_date(value: str | None) -> datetime | None:
    """A timezone-aware datetime from ISO 8601 or RFC 2822 text; naive times are taken as UTC."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    candidate = _COMPACT_TZ.sub(r"\1:\2", value.replace(" ", "T", 1) if "T" not in value else value)
    for text in (candidate, value):
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
            break
        except ValueError:
            when = None
    if when is None:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def first_date(values: list[str | None], fetched_at: datetime | None) -> str | None:
    """The first value that parses and is not later than the fetch, as ISO 8601."""
    limit = _aware(fetched_at)
    for value in values:
        when = parse_date(value)
        if when is not None and (limit is None or when <= limit):
            return when.isoformat()
    return None


def _aware(when: datetime | None) -> datetime | None:
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


# Month names as printed in bylines ("Feb 17, 2026", "17. Feb. 2026", "17. Februar 2026").
_MONTHS = {name: i + 1 for i, names in enumerate((
    "jan january januar jänner", "feb february februar", "mar march mär märz mrz",
    "apr april", "may mai", "jun june juni", "jul july juli", "aug august",
    "sep sept september", "oct october okt oktober", "nov november", "dec december dez dezember",
)) for name in names.split()}
_MONTH_DAY_YEAR = re.compile(r"^([a-zä]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", re.I)
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.?\s+([a-zä]+)\.?\s+(\d{4})$", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_printed_date(text: str) -> datetime | None:
    """A date as a byline prints it, English or German, at midnight UTC (the page gives no time).

    The last resort when a page has no machine-readable date (no JSON-LD, meta or <time>).
    """
    text = " ".join(text.split()).strip(" ·|–-")
    for pattern, order in ((_MONTH_DAY_YEAR, "mdy"), (_DAY_MONTH_YEAR, "dmy"), (_NUMERIC, "dmy")):
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups()))
        month = _MONTHS.get(parts["m"].lower()) if not parts["m"].isdigit() else int(parts["m"])
        try:
            return datetime(int(parts["y"]), month or 0, int(parts["d"]), tzinfo=timezone.utc)
        except ValueError:
            return None
    return None
