"""What a crawl says about itself: a progress line now and then, a short summary at the end.

Pure functions of the crawl stats (``archiver/...`` keys, see below) and of what the WARC
archive wrote, so they are tested without a crawl. The extension that prints them is
`archiver.crawl_report`.

Stats read here, and who counts them:
- ``archiver/articles``, ``archiver/language/<l>``, ``archiver/edition/<e>``,
  ``archiver/paywalled``, ``archiver/duplicate_article``: the item pipeline;
- ``archiver/not_article/<reason>``: pipeline (extraction) and spiders (what never reached it);
- ``archiver/failed/article/<reason>``, ``archiver/failed/discovery/<reason>``: the spiders;
- ``archiver/images/*``: the image fetcher (archiver.images.fetch);
- ``archiver/incremental/*``: the incremental middleware; ``archiver/limit/not_fetched``: the
  article limit; ``archiver/discovery/forbidden_by_robots``, ``archiver/unchanged/*``: spiders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Stats = Mapping[str, Any]


@dataclass
class Written:
    """What the crawl's WARC archive wrote: the figures the summary must agree with."""

    directory: Path
    files: list[str] = field(default_factory=list)    # final WARC file names, in order
    records: int = 0
    json_lines: int = 0


def counts(stats: Stats, prefix: str) -> dict[str, int]:
    """``{rest: value}`` for every stats key ``prefix + rest``, largest first."""
    found = {k[len(prefix):]: int(v) for k, v in stats.items()
             if k.startswith(prefix) and isinstance(v, (int, float)) and v}
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def listing(found: Mapping[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in found.items())


def duration(seconds: float) -> str:
    """12.3 s, 4 min 05 s, 2 h 03 min."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def failures(stats: Stats) -> dict[str, int]:
    """Failed fetches by reason, articles and discovery files together."""
    total: dict[str, int] = {}
    for kind in ("article", "discovery"):
        for reason, n in counts(stats, f"archiver/failed/{kind}/").items():
            total[reason] = total.get(reason, 0) + n
    return dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))


def progress_line(stats: Stats, elapsed: float, queued: int) -> str:
    """One line for a long crawl: archived so far, rate, requests waiting (in the scheduler and
    the downloader), what went wrong."""
    archived = int(stats.get("archiver/articles", 0))
    rate = archived / elapsed * 60 if elapsed > 0 else 0.0
    not_articles = sum(counts(stats, "archiver/not_article/").values())
    failed = sum(failures(stats).values())
    return (f"Progress: {archived} articles archived ({rate:.1f}/min), {queued} requests queued,"
            f" {not_articles} not articles, {failed} failed, {duration(elapsed)} elapsed")


def summary(stats: Stats, written: Written, elapsed: float, reason: str) -> str:
    """The end-of-crawl summary, a few aligned lines; empty categories are left out."""
    archived = int(stats.get("archiver/articles", 0))
    rows = [("archived", f"{archived} article{'s' * (archived != 1)}"
             + (f" ({listing(counts(stats, 'archiver/language/'))})" if archived else ""))]
    editions = counts(stats, "archiver/edition/")
    if len(editions) > 1:
        rows.append(("editions", listing(editions)))
    if stats.get("archiver/paywalled"):
        rows.append(("paywalled", f"{stats['archiver/paywalled']} (archived as served, flagged)"))
    rows += _optional(("images", _images(stats)), ("unchanged", _unchanged(stats)),
                      ("skipped", _skipped(stats)), ("not articles", _not_articles(stats)),
                      ("failures", _failures(stats)))
    rows += _written(written)
    head = f"Crawl {_finished(reason)} in {duration(elapsed)}:"
    width = max(len(name) for name, _ in rows)
    return "\n".join([head, *(f"  {name.ljust(width)}  {text}" for name, text in rows)])


def _finished(reason: str) -> str:
    return {"finished": "finished", "closespider_itemcount": "stopped at the article limit",
            "shutdown": "stopped (interrupted)"}.get(reason, f"ended ({reason})")


def _optional(*rows: tuple[str, str]) -> list[tuple[str, str]]:
    return [(name, text) for name, text in rows if text]


def _images(stats: Stats) -> str:
    """The articles' images (archiver.images.fetch counts them)."""
    parts = [(stats.get("archiver/images/captured", 0), "archived"),
             (stats.get("archiver/images/revisit", 0), "of them as revisits"),
             (stats.get("archiver/images/known", 0), "already in the archive")]
    missed = counts(stats, "archiver/images/not_captured/")
    text = ", ".join(f"{n} {what}" for n, what in parts if n)
    if missed:
        text += f"{', ' if text else ''}not archived: {listing(missed)}"
    pixels = int(stats.get("archiver/images/tracking_pixel", 0))
    if pixels:
        text += f"{', ' if text else ''}{pixels} tracking pixel{'s' * (pixels != 1)} left out"
    return text


def _unchanged(stats: Stats) -> str:
    parts = [(stats.get("archiver/unchanged/not_refetched", 0)
              + stats.get("archiver/incremental/skipped_unchanged", 0), "not refetched"),
             (stats.get("archiver/incremental/not_modified", 0), "not modified (304)"),
             (stats.get("archiver/incremental/revisit", 0), "identical (revisit record)")]
    return ", ".join(f"{n} {what}" for n, what in parts if n)


def _skipped(stats: Stats) -> str:
    parts = [(stats.get("archiver/discovery/forbidden_by_robots", 0), "disallowed by robots.txt"),
             (stats.get("archiver/discovery/before_since", 0), "older than since"),
             (stats.get("archiver/duplicate_article", 0), "duplicate articles"),
             (stats.get("archiver/limit/not_fetched", 0), "not fetched (limit reached)"),
             (stats.get("archiver/limit/dropped", 0), "fetched as the limit was reached "
                                                      "(raw capture kept)")]
    return ", ".join(f"{n} {what}" for n, what in parts if n)


def _not_articles(stats: Stats) -> str:
    found = counts(stats, "archiver/not_article/")
    return f"{listing(found)} (raw capture kept)" if found else ""


def _failures(stats: Stats) -> str:
    parts = []
    for kind, label in (("article", "articles"), ("discovery", "discovery")):
        found = counts(stats, f"archiver/failed/{kind}/")
        if found:
            parts.append(f"{label}: {listing(found)}")
    if stats.get("archiver/extraction_failed"):
        parts.append(f"extraction errors: {stats['archiver/extraction_failed']}")
    return "; ".join(parts)


def _written(written: Written) -> list[tuple[str, str]]:
    files = len(written.files)
    text = (f"{written.directory}/: {files} WARC file{'s' * (files != 1)}, "
            f"{written.records} records, {written.json_lines} JSON line"
            f"{'s' * (written.json_lines != 1)}")
    rows = [("written", text)]
    shown = written.files if files <= 3 else [written.files[0], "…", written.files[-1]]
    rows += [("", name) for name in shown]
    return rows
