"""Extraction benchmark: ours vs readability-lxml alone vs trafilatura, in one run.

    python bench/extraction.py [BENCH_DIR ...] [--out DIR] [--worst N] [--rounds N]

Each BENCH_DIR holds ``html/<id>.html.gz`` and ``ground-truth.json``; by default both
development splits beside the repository, ``../shared/benchmark/news-dev`` (news pages of many
publishers) and ``../shared/benchmark/zyte-dev`` (the article-extraction benchmark). Predictions
are written as ``<split>.<system>.json`` (in --out, a temp dir by default) and scored with the
benchmark's own ``score.py``, so the figures are the ones the field reports: shingle F1,
precision, recall, exact-match accuracy; plus ms/page, each system timed side by side on the
same page (the fastest of --rounds), and the ratio to readability-lxml alone.

For each split it also prints F1 per language (languages with 10 pages or more), the
catastrophes (pages where ours is below 0.5 while another system is at 0.9 or better; pages we
flagged ``paywalled`` are listed apart), every page where ours raised NotAnArticle (with the
reason: on these splits every page is an article) and the worst pages.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
BENCHMARKS = REPO.parent / "shared" / "benchmark"
DEFAULT_DIRS = (BENCHMARKS / "news-dev", BENCHMARKS / "zyte-dev")
CATASTROPHE, OTHERS_GOOD = 0.5, 0.9


class Ours:
    """extract_article as the crawl runs it; remembers refusals and paywall flags."""

    def __init__(self) -> None:
        self.refused: dict[str, str] = {}
        self.paywalled: set[str] = set()

    def __call__(self, html: str, url: str, page_id: str = "") -> str:
        from archiver.extract import NotAnArticle, extract_article
        try:
            article = extract_article(html, url)
        except NotAnArticle as refusal:
            self.refused[page_id] = refusal.reason
            return ""
        if article.paywalled:
            self.paywalled.add(page_id)
        return article.text


def readability_alone(html: str, url: str, page_id: str = "") -> str:
    """readability-lxml 0.9 as a user would run it; text joined per block of its summary."""
    import lxml.html
    from readability import Document

    from archiver.extract.textify import to_text
    summary = Document(html).summary(html_partial=True)
    if not summary:
        return ""
    tree = lxml.html.fragment_fromstring(summary, create_parent="div")
    for caption in tree.iter("figcaption", "figure"):   # all of readability's text, captions too
        caption.tag = "div"
    return to_text(tree)


def trafilatura_(html: str, url: str, page_id: str = "") -> str:
    import trafilatura
    return trafilatura.extract(html, url=url, include_comments=False) or ""


def systems(names: list[str]) -> dict[str, Callable[..., str]]:
    every = {"ours": Ours(), "readability-lxml": readability_alone, "trafilatura": trafilatura_}
    return {name: every[name] for name in names}


def load_pages(bench: Path) -> list[tuple[str, str, str]]:
    truth = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id in sorted(truth):
        raw = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, truth[page_id]["url"], raw.decode("utf-8", "replace")))
    return pages


def load_scorer(bench: Path):
    for candidate in (bench / "score.py", bench.parent / "score.py"):
        if candidate.exists():
            spec = importlib.util.spec_from_file_location("bench_score", candidate)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise SystemExit(f"score.py not found beside {bench}")


def run_all(chosen: dict[str, Callable[..., str]], pages, rounds: int
            ) -> dict[str, tuple[dict[str, str], float]]:
    """Predictions and milliseconds per page for every system, timed side by side.

    Each page is given to every system in turn, ``rounds`` times, and the fastest of a page's
    rounds counts: the systems share whatever else the machine is doing at that moment, so their
    ratio holds even on a busy machine, where timing one system after the other would not.
    """
    for system in chosen.values():                      # warm-up: imports, caches
        system(pages[0][2], pages[0][1], pages[0][0])
    preds = {name: {} for name in chosen}
    best = {name: [float("inf")] * len(pages) for name in chosen}
    for _ in range(rounds):
        for i, (page_id, url, html) in enumerate(pages):
            for name, system in chosen.items():
                start = time.perf_counter()
                preds[name][page_id] = system(html, url, page_id)
                best[name][i] = min(best[name][i], time.perf_counter() - start)
    return {name: (preds[name], 1000 * sum(best[name]) / len(pages)) for name in chosen}


def page_f1(scorer, true_text: str, pred: str) -> tuple[float, float, float]:
    tp, fp, fn = scorer.page_counts(true_text, pred)
    p, r = scorer.page_precision(tp, fp, fn), scorer.page_recall(tp, fp, fn)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def print_table(results: dict, base_ms: float | None) -> None:
    print(f"{'system':<18} {'F1':>13} {'precision':>13} {'recall':>13} {'accuracy':>9} "
          f"{'ms/page':>8} {'× rdb':>6}")
    for name, (res, ms, _) in results.items():
        cells = [f"{res[k]:.3f} ± {res.get(k + '_std', 0):.3f}" for k in ("f1", "precision", "recall")]
        ratio = f"{ms / base_ms:.2f}" if base_ms else "-"
        print(f"{name:<18} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13} {res['accuracy']:>9.3f} "
              f"{ms:>8.1f} {ratio:>6}")


def print_languages(scorer, truth: dict[str, str], meta: dict, results: dict) -> None:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for page_id in truth:
        lang = meta[page_id].get("language")
        if lang:
            by_lang[lang].append(page_id)
    rows = [(lang, ids) for lang, ids in sorted(by_lang.items()) if len(ids) >= 10]
    if not rows:
        return
    print("\nF1 by language:  " + "  ".join(f"{name:>16}" for name in results))
    for lang, ids in rows:
        cells = []
        for _, (_, _, preds) in results.items():
            res = scorer.evaluate({i: truth[i] for i in ids}, {i: preds.get(i, "") for i in ids})
            cells.append(f"{res['f1']:>16.3f}")
        print(f"  {lang} ({len(ids):>3} pages)" + "  ".join(cells))


def print_catastrophes(scorer, truth: dict[str, str], results: dict, ours: Ours) -> None:
    mine = results["ours"][2]
    others = [preds for name, (_, _, preds) in results.items() if name != "ours"]
    found = []
    for page_id, true_text in truth.items():
        f1 = page_f1(scorer, true_text, mine.get(page_id, ""))[0]
        best_other = max((page_f1(scorer, true_text, p.get(page_id, ""))[0] for p in others), default=0)
        if f1 < CATASTROPHE and best_other >= OTHERS_GOOD:
            found.append((page_id, f1, best_other))
    real = [c for c in found if c[0] not in ours.paywalled]
    print(f"\ncatastrophes (ours < {CATASTROPHE} where another system >= {OTHERS_GOOD}): {len(real)}")
    for page_id, f1, other in real:
        print(f"  {page_id}: ours {f1:.3f}, best other {other:.3f}")
    flagged = [c for c in found if c[0] in ours.paywalled]
    if flagged:
        print(f"  flagged paywalled (hidden paywalled text left out by policy): {len(flagged)}")
        for page_id, f1, other in flagged:
            print(f"    {page_id}: ours {f1:.3f}, best other {other:.3f}")


def print_worst(scorer, truth: dict[str, str], preds: dict[str, str], n: int, urls: dict[str, str]) -> None:
    rows = sorted((*page_f1(scorer, truth[i], preds.get(i, "")), i) for i in truth)
    print(f"\nworst {n} pages (ours):")
    for f1, p, r, page_id in rows[:n]:
        print(f"  F1 {f1:.3f}  P {p:.3f}  R {r:.3f}  {page_id[:40]}  {urls[page_id][:90]}")


def bench_one(bench: Path, args, out: Path) -> None:
    pages = load_pages(bench)
    scorer = load_scorer(bench)
    truth = scorer.load_ground_truth(bench / "ground-truth.json")
    meta = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    chosen = systems(args.systems.split(","))
    results = {}
    for name, (preds, ms) in run_all(chosen, pages, args.rounds).items():
        (out / f"{bench.name}.{name}.json").write_text(json.dumps(preds, ensure_ascii=False), "utf-8")
        results[name] = (scorer.evaluate(truth, preds, args.bootstrap), ms, preds)
    print(f"== {bench.name}: {len(pages)} pages from {bench}\n")
    print_table(results, results.get("readability-lxml", (None, None))[1])
    print_languages(scorer, truth, meta, results)
    ours = chosen.get("ours")
    if isinstance(ours, Ours):
        if len(results) > 1:
            print_catastrophes(scorer, truth, results, ours)
        print(f"\nNotAnArticle raised on {len(ours.refused)} of {len(pages)} pages (all are articles)")
        for page_id, reason in sorted(ours.refused.items()):
            print(f"  {page_id}: {reason}")
        if args.worst:
            print_worst(scorer, truth, results["ours"][2], args.worst, {p[0]: p[1] for p in pages})
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bench", nargs="*", default=[str(d) for d in DEFAULT_DIRS])
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "archiver-bench"),
                    help="where the predictions go (default: a temp dir, not the repo)")
    ap.add_argument("--systems", default="ours,readability-lxml,trafilatura")
    ap.add_argument("--worst", type=int, default=5)
    ap.add_argument("--bootstrap", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds per page (fastest counts)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO))
    for bench in map(Path, args.bench):
        bench_one(bench, args, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
