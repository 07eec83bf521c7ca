"""Class/id token matching with word boundaries, cached: the cleaner asks it for every element.

``ad-slot`` splits to (ad, slot); ``adSlot`` too; "header" never matches "ad". A rule word may
span tokens ("most-popular"), so every contiguous run of parts is looked up.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .rules import CLASS_WORDS, KEEP_WORDS

_SPLIT = re.compile(r"[-_\s:./]+|(?<=[a-z])(?=[A-Z])")
_MAX_RUN = 3


def _index(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {w.lower(): kind for kind, ws in words.items() for w in ws}


GENERIC_INDEX = _index(CLASS_WORDS)
KEEP_INDEX = frozenset(w.lower() for w in KEEP_WORDS)


@lru_cache(maxsize=8192)
def runs(value: str) -> frozenset[str]:
    """Every run of up to 3 consecutive parts of each token in a class/id value, '-'-joined."""
    found: set[str] = set()
    for token in value.split():
        parts = [p.lower() for p in _SPLIT.split(token) if p]
        for i in range(len(parts)):
            for j in range(i + 1, min(len(parts), i + _MAX_RUN) + 1):
                found.add("-".join(parts[i:j]))
    return frozenset(found)


@lru_cache(maxsize=8192)
def kind_of(value: str) -> str | None:
    """The boilerplate kind a class/id value names, if any (a keep token wins: None)."""
    if not value:
        return None
    hits = runs(value)
    if not KEEP_INDEX.isdisjoint(hits):
        return None
    for run in sorted(hits, key=lambda r: (-len(r), r)):
        kind = GENERIC_INDEX.get(run)
        if kind:
            return kind
    return None


def is_keep(value: str) -> bool:
    """True if the class/id value marks the article body itself."""
    return bool(value) and not KEEP_INDEX.isdisjoint(runs(value))
