"""The value extraction returns: one cleaned article and what is known about it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

# C0 controls but tab and newline, DEL, C1 controls: never text, and in a terminal they are
# commands (``ESC ] 52`` writes the clipboard, CSI moves the cursor and recolours the screen).
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class NotAnArticle(Exception):
    """The page is not an article (consent/login wall, challenge, error or listing page, ...).

    ``reason`` is a short machine-readable word the crawl counts in its stats
    (``archiver/not_article/<reason>``).
    """

    def __init__(self, reason: str, detail: str = "", title: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.title = title      # what the refused page calls itself, for logs and reports
        self.meta: Any = None   # its metadata (extract.metadata.Meta), when it was read


@dataclass
class Article:
    """An extracted article. Attribute names are the JSON record's keys (see items.py)."""

    url: str
    canonical_url: str | None = None
    title: str | None = None
    publisher: str | None = None          # the site's own name (og:site_name, JSON-LD publisher)
    authors: list[str] = field(default_factory=list)
    published: str | None = None          # ISO 8601 with offset
    modified: str | None = None
    language: str | None = None           # ISO 639-1
    language_confidence: float = 0.0
    declared_language: str | None = None  # as the page declares it (html lang, og:locale, JSON-LD)
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: dict[str, str | None] | None = None   # {url, caption, credit}
    sources: list[dict[str, str | None]] = field(default_factory=list)  # [{name, url}]
    text: str = ""
    html: str = ""
    word_count: int = 0
    paywalled: bool = False
    removed: dict[str, int] = field(default_factory=dict)  # what cleaning removed, by kind

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def without_controls(value: Any) -> Any:
    """``value`` (an Article, or any str/list/dict inside one) with control characters removed
    from every string: page text must never carry them into the JSON Lines or a terminal."""
    if isinstance(value, str):
        return CONTROLS.sub("", value)
    if isinstance(value, list):
        return [without_controls(v) for v in value]
    if isinstance(value, dict):
        return {without_controls(k): without_controls(v) for k, v in value.items()}
    if isinstance(value, Article):
        return replace(value, **{f.name: without_controls(getattr(value, f.name))
                                 for f in fields(value)})
    return value
