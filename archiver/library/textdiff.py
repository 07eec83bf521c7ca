"""What changed between two versions of an article: title, dates, and the clean text paragraph
by paragraph (NewsDiffs and diffengine show edits this way: readers think in paragraphs).

Pure functions over two JSON records. Paragraphs are aligned with difflib; inside a run of
replaced paragraphs, a new paragraph that keeps at least half of an old one's words is that
paragraph *changed* (shown word by word), the rest are *added* or *removed*.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

SIMILAR = 0.5           # share of words two paragraphs must have in common to be "the same one"
DATE_KEYS = ("published", "modified")


@dataclass
class Version:
    """The capture on one side of a diff."""

    version_id: str
    fetched_at: str | None
    title: str | None
    text_sha1: str | None


@dataclass
class ParagraphChange:
    kind: str                          # "added" | "removed" | "changed"
    number: int                        # 1-based, in the new text (in the old one if removed)
    old: str | None = None
    new: str | None = None

    def words(self) -> list[tuple[str, str]]:
        """(op, text) runs of a changed paragraph: op is "equal", "delete" or "insert"."""
        return word_runs(self.old or "", self.new or "")


@dataclass
class ArticleDiff:
    url: str
    article_id: str
    old: Version
    new: Version
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)   # title, dates: (old, new)
    paragraphs: list[ParagraphChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """The clean text or the title differ (date-only edits are not a change of the text)."""
        return bool(self.paragraphs) or "title" in self.fields

    def counts(self) -> dict[str, int]:
        return {kind: sum(p.kind == kind for p in self.paragraphs)
                for kind in ("added", "removed", "changed")}

    def summary(self) -> str:
        """One line, e.g. "1 paragraph added, 1 changed; title changed"."""
        counts = [(n, kind) for kind, n in self.counts().items() if n]
        parts = [f"{n} {kind}" for n, kind in counts]
        if parts:
            parts[0] = f"{counts[0][0]} paragraph{'s' * (counts[0][0] != 1)} {counts[0][1]}"
        text = ", ".join(parts)
        if "title" in self.fields:
            text = f"{text}; title changed" if text else "title changed"
        return text or "no change to title or text"

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "article_id": self.article_id, "old": asdict(self.old),
                "new": asdict(self.new), "changed": self.changed, "summary": self.summary(),
                "fields": {k: {"old": a, "new": b} for k, (a, b) in self.fields.items()},
                "paragraphs": [{**asdict(p), "words": p.words() if p.kind == "changed" else None}
                               for p in self.paragraphs]}


def diff_records(old: dict[str, Any], new: dict[str, Any]) -> ArticleDiff:
    """The difference between two records of one article (``old`` captured first)."""
    fields = {key: (old.get(key), new.get(key)) for key in ("title", *DATE_KEYS)
              if (old.get(key) or None) != (new.get(key) or None)}
    return ArticleDiff(url=new.get("url") or old.get("url") or "",
                       article_id=new.get("article_id") or old.get("article_id") or "",
                       old=_version(old), new=_version(new), fields=fields,
                       paragraphs=diff_paragraphs(paragraphs(old), paragraphs(new)))


def _version(record: dict[str, Any]) -> Version:
    return Version(record.get("version_id") or "", record.get("fetched_at"),
                   record.get("title"), record.get("text_sha1"))


def paragraphs(record: dict[str, Any]) -> list[str]:
    """The text's paragraphs, whitespace folded; a first paragraph repeating the title is the
    title, not text (the title has its own line in a diff)."""
    paras = [" ".join(p.split()) for p in (record.get("text") or "").split("\n\n")]
    paras = [p for p in paras if p]
    title = " ".join((record.get("title") or "").split())
    return paras[1:] if paras and title and paras[0] == title else paras


def diff_paragraphs(old: list[str], new: list[str]) -> list[ParagraphChange]:
    changes: list[ParagraphChange] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace", "insert"):
            changes += _pair_up(old[i1:i2], new[j1:j2], i1, j1)
    return changes


def _pair_up(old: list[str], new: list[str], i0: int, j0: int) -> list[ParagraphChange]:
    """Within one replaced run: each old paragraph takes the first similar new one after the
    last taken (order kept); unmatched ones are removed or added."""
    out: list[ParagraphChange] = []
    j = 0
    for i, text in enumerate(old):
        scores = [(similarity(text, cand), k) for k, cand in enumerate(new[j:], start=j)]
        score, k = max(scores, key=lambda s: (s[0], -s[1]), default=(0.0, -1))
        if score < SIMILAR:
            out.append(ParagraphChange("removed", i0 + i + 1, old=text))
            continue
        out += [ParagraphChange("added", j0 + n + 1, new=new[n]) for n in range(j, k)]
        out.append(ParagraphChange("changed", j0 + k + 1, old=text, new=new[k]))
        j = k + 1
    out += [ParagraphChange("added", j0 + n + 1, new=new[n]) for n in range(j, len(new))]
    return out


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def word_runs(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff: runs of equal, deleted and inserted words, in reading order."""
    a, b = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("insert", " ".join(b[j1:j2])))
    return runs
