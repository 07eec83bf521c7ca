"""What a check found: counts for the summary, and problems (archiver.errors.Problem)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from archiver.errors import Problem

from .reader import Record


@dataclass
class Report:
    files: int = 0
    records: Counter = field(default_factory=Counter)
    articles: int = 0
    jsonl_lines: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ids: dict[str, dict[str, Record]] = field(default_factory=dict)   # file name -> id -> record
    live: set[str] = field(default_factory=set)   # final names of files a crawler still writes

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, path: str | Path, message: str, *, offset: int | None = None,
            line: int | None = None) -> None:
        self.problems.append(Problem(str(path), message, offset=offset, line=line))

    def summary(self) -> str:
        by_type = ", ".join(f"{n} {t}" for t, n in sorted(self.records.items())) or "none"
        return (f"{self.files} WARC file{'s' * (self.files != 1)}, {sum(self.records.values())} records ({by_type}), "
                f"{self.articles} articles, {self.jsonl_lines} JSON lines, "
                f"{len(self.problems)} problems")
