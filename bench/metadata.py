"""Metadata benchmark: title, authors, published date, publisher; ours vs trafilatura, one run.

    python bench/metadata.py [BENCH_DIR] [--systems ours,trafilatura] [--misses FIELD]

BENCH_DIR holds ``html/<id>.html.gz`` and ``ground-truth.json`` with ``title``, ``authors``,
``published`` and ``publisher`` per page (default: ../shared/benchmark/news-dev). Scored as a
researcher would check a record:

- title: exact after whitespace normalisation;
- authors: the same set of names (whitespace normalised; an empty set equals an empty set);
- published: the same calendar day (as printed in the page's own offset, or in UTC, since a
  system that gives only a date cannot know which one the ground truth used);
- publisher: the same name, loosely (case, spaces and punctuation ignored, one containing
  the other: "DER STANDARD" ~ "Der Standard", "Le Monde.fr" ~ "Le Monde"). The expected names
  are the benchmark's own catalogue names ("Bayerischer Rundfunk (BR)"), not always what the
  page calls itself ("BR24"), so this figure is a guide, not a target. trafilatura's
  ``sitename`` is scored the same way.

``--misses title`` (or authors, published, publisher) lists ours' misses beside the truth, to
find the general causes. ``--systems`` may also name ``htmldate`` (published date only), to
weigh the library against our own date reading.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO.parent / "shared" / "benchmark" / "news-dev"
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from extraction import load_pages  # noqa: E402

FIELDS = ("title", "authors", "published", "publisher")


def ours(html: str, url: str) -> dict[str, Any]:
    """What the record holds: extract_article's fields (a refused page keeps its metadata)."""
    from archiver.extract import NotAnArticle, extract_article
    try:
        art = extract_article(html, url)
    except NotAnArticle as refused:
        art = getattr(refused, "meta", None)
        if art is None:
            return {}
    return {"title": art.title, "authors": art.authors, "published": art.published,
            "publisher": getattr(art, "publisher", None)}


def trafilatura_(html: str, url: str) -> dict[str, Any]:
    """trafilatura's own metadata reader (htmldate inside), as bare_extraction uses it."""
    from trafilatura import extract_metadata
    doc = extract_metadata(html, default_url=url)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {"title": doc.title, "authors": authors, "published": doc.date, "publisher": doc.sitename}


def htmldate_(html: str, url: str) -> dict[str, Any]:
    """htmldate alone (original date, extensive search), the date trafilatura would give."""
    from htmldate import find_date
    return {"published": find_date(html, url=url, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z")}


SYSTEMS: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "ours": ours, "trafilatura": trafilatura_, "htmldate": htmldate_}


def norm(text: Any) -> str:
    return " ".join(str(text).split()) if text else ""


def as_names(value: Any) -> set[str]:
    if isinstance(value, str):           # the ground truth may hold "['A', 'B']"
        value = ast.literal_eval(value) if value.strip().startswith("[") else [value]
    return {norm(v) for v in value or [] if norm(v)}


def days(value: Any) -> set[str]:
    """The calendar day(s) a date string names: as printed, and in UTC when it has an offset."""
    if not value:
        return set()
    text = str(value).strip()
    found = {text[:10]}
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return found
    if when.tzinfo is not None:
        found.add(when.astimezone(timezone.utc).date().isoformat())
    return found


def same(field: str, truth: Any, got: Any) -> bool:
    if field == "authors":
        return as_names(truth) == as_names(got)
    if field == "published":
        return bool(days(truth) & days(got)) if truth else not got
    if field == "publisher":
        a, b = loose(truth), loose(got)
        return a == b if not a or not b else (a in b or b in a)
    return norm(truth) == norm(got)


def loose(text: Any) -> str:
    folded = unicodedata.normalize("NFKD", norm(text).casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def run(systems: dict[str, Callable], pages) -> dict[str, tuple[dict[str, dict], float]]:
    out = {}
    for name, system in systems.items():
        system(pages[0][2], pages[0][1])                    # warm-up: imports, caches
        preds, start = {}, time.perf_counter()
        for page_id, url, html in pages:
            preds[page_id] = system(html, url)
        out[name] = (preds, 1000 * (time.perf_counter() - start) / len(pages))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bench", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--systems", default="ours,trafilatura")
    ap.add_argument("--misses", choices=FIELDS, help="list ours' misses of this field")
    args = ap.parse_args(argv)
    bench = Path(args.bench)
    truth = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    pages = load_pages(bench)
    chosen = {name: SYSTEMS[name] for name in args.systems.split(",")}
    results = run(chosen, pages)
    print(f"{len(pages)} pages from {bench}\n")
    print(f"{'system':<14}" + "".join(f"{f:>12}" for f in FIELDS) + f"{'ms/page':>9}")
    for name, (preds, ms) in results.items():
        cells = []
        for field in FIELDS:
            got = [same(field, truth[p][field], preds[p][field]) for p, _, _ in pages if field in preds[p]]
            cells.append(f"{100 * sum(got) / len(got):11.1f}%" if got else f"{'-':>12}")
        print(f"{name:<14}" + "".join(cells) + f"{ms:9.1f}")
    if args.misses and "ours" in results:
        preds = results["ours"][0]
        print(f"\nours' misses of {args.misses}:")
        for page_id, _, _ in pages:
            want, got = truth[page_id][args.misses], preds[page_id].get(args.misses)
            if not same(args.misses, want, got):
                print(f"  {page_id[:34]:<34} want {want!r}\n  {'':<34}  got {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
