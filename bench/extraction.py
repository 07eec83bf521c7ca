"""Extraction benchmark: ours vs readability-lxml alone vs trafilatura, in one run.

    python bench/extraction.py [BENCH_DIR] [--out DIR] [--worst N]

BENCH_DIR holds ``html/<id>.html.gz`` and ``ground-truth.json`` (default:
../shared/benchmark/zyte-dev from the repo root). Predictions are written as ``<system>.json``
(in --out, a temp dir by default) and scored with the benchmark's own ``score.py`` (found
beside BENCH_DIR), so the figures are the ones the field reports: shingle F1, precision,
recall, exact-match accuracy; plus ms/page, each system timed in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO.parent / "shared" / "benchmark" / "zyte-dev"


def ours(html: str, url: str) -> str:
    from archiver.extract import NotAnArticle, extract_article
    try:
        return extract_article(html, url).text
    except NotAnArticle:
        return ""


def readability_alone(html: str, url: str) -> str:
    """readability-lxml 0.9 as a user would run it; text joined per block of its summary."""
    import lxml.html
    from readability import Document

    from archiver.extract.textify import to_text
    summary = Document(html).summary(html_partial=True)
    if not summary:
        return ""
    tree = lxml.html.fragment_fromstring(summary, create_parent="div")
    for caption in tree.iter("figcaption"):     # all of readability's text, captions too
        caption.tag = "div"
    return to_text(tree)


def trafilatura_(html: str, url: str) -> str:
    import trafilatura
    return trafilatura.extract(html, url=url, include_comments=False) or ""


SYSTEMS: dict[str, Callable[[str, str], str]] = {
    "ours": ours, "readability-lxml": readability_alone, "trafilatura": trafilatura_}


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


def run_all(systems: dict[str, Callable[[str, str], str]], pages, rounds: int
            ) -> dict[str, tuple[dict[str, str], float]]:
    """Predictions and milliseconds per page for every system, timed side by side.

    Each page is given to every system in turn, ``rounds`` times, and the fastest of a page's
    rounds counts: the systems share whatever else the machine is doing at that moment, so their
    ratio holds even on a busy machine, where timing one system after the other would not.
    """
    for system in systems.values():                      # warm-up: imports, caches
        system(pages[0][2], pages[0][1])
    preds = {name: {} for name in systems}
    best = {name: [float("inf")] * len(pages) for name in systems}
    for _ in range(rounds):
        for i, (page_id, url, html) in enumerate(pages):
            for name, system in systems.items():
                start = time.perf_counter()
                preds[name][page_id] = system(html, url)
                best[name][i] = min(best[name][i], time.perf_counter() - start)
    return {name: (preds[name], 1000 * sum(best[name]) / len(pages)) for name in systems}


def worst(scorer, truth: dict[str, str], preds: dict[str, str], n: int, urls: dict[str, str]) -> None:
    rows = []
    for page_id, true_text in truth.items():
        tp, fp, fn = scorer.page_counts(true_text, preds.get(page_id, ""))
        p, r = scorer.page_precision(tp, fp, fn), scorer.page_recall(tp, fp, fn)
        rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, page_id))
    print(f"\nworst {n} pages (ours):")
    for f1, p, r, page_id in sorted(rows)[:n]:
        print(f"  F1 {f1:.3f}  P {p:.3f}  R {r:.3f}  {page_id[:12]}  {urls[page_id]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bench", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "archiver-bench"),
                    help="where the predictions go (default: a temp dir, not the repo)")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--worst", type=int, default=3)
    ap.add_argument("--bootstrap", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds per page (fastest counts)")
    args = ap.parse_args(argv)
    bench, out = Path(args.bench), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO))
    pages = load_pages(bench)
    scorer = load_scorer(bench)
    truth = scorer.load_ground_truth(bench / "ground-truth.json")
    results = {}
    chosen = {name: SYSTEMS[name] for name in args.systems.split(",")}
    for name, (preds, ms) in run_all(chosen, pages, args.rounds).items():
        (out / f"{name}.json").write_text(json.dumps(preds, ensure_ascii=False), "utf-8")
        results[name] = (scorer.evaluate(truth, preds, args.bootstrap), ms, preds)
    base = results.get("readability-lxml", (None, None))[1]
    print(f"{len(pages)} pages from {bench}\n")
    print(f"{'system':<18} {'F1':>13} {'precision':>13} {'recall':>13} {'accuracy':>9} {'ms/page':>8} {'× rdb':>6}")
    for name, (res, ms, _) in results.items():
        cells = [f"{res[k]:.3f} ± {res.get(k + '_std', 0):.3f}" for k in ("f1", "precision", "recall")]
        ratio = f"{ms / base:.2f}" if base else "-"
        print(f"{name:<18} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13} {res['accuracy']:>9.3f} {ms:>8.1f} {ratio:>6}")
    if "ours" in results and args.worst:
        worst(scorer, truth, results["ours"][2], args.worst, {p[0]: p[1] for p in pages})
    return 0


if __name__ == "__main__":
    sys.exit(main())
