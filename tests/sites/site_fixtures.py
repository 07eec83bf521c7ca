"""Fixtures of the site profiles: tests/sites/<profile name>/<slug>.html + <slug>.expected.json.

Kept apart from the test module so that the recipe test can run the same check on a profile
that is registered only for the test.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent
REQUIRED_KEYS = ("url", "title", "authors", "paragraphs", "absent")


@dataclass(frozen=True)
class Fixture:
    site: str
    slug: str
    html: Path

    @property
    def expected(self) -> dict[str, Any]:
        return json.loads(self.html.with_suffix(".expected.json").read_text(encoding="utf-8"))

    @property
    def fetched_at(self) -> datetime | None:
        value = self.expected.get("fetched_at")
        return datetime.fromisoformat(value) if value else None

    def __str__(self) -> str:
        return f"{self.site}/{self.slug}"


def fixtures_of(site: str, root: Path = FIXTURES) -> list[Fixture]:
    """The pages of one profile that come with their expected output."""
    folder = root / site
    pages = sorted(folder.glob("*.html")) if folder.is_dir() else []
    return [Fixture(site, p.stem, p) for p in pages if p.with_suffix(".expected.json").is_file()]


def all_fixtures(root: Path = FIXTURES) -> list[Fixture]:
    return [f for folder in sorted(root.iterdir()) if folder.is_dir() and not
            folder.name.startswith(("_", ".")) for f in fixtures_of(folder.name, root)]


def missing_fixtures(site_names: list[str], root: Path = FIXTURES) -> list[str]:
    """Registered profiles without a single page + expected output."""
    return [name for name in site_names if not fixtures_of(name, root)]
