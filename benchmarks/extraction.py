"""Skim's extractor against trafilatura on the Zyte article-extraction benchmark.

Usage: python -m benchmarks.extraction --data ../shared/data/zyte [--worst 15] [--limit N]

Scoring reproduces scrapinghub/article-extraction-benchmark's evaluate.py exactly, so the figures
are comparable with the published ones: `\\w+` tokens (case kept), 4-word shingles counted as
multisets, per-page TP/FP/FN rescaled to sum to 1, precision averaged over pages with a non-empty
prediction, recall over pages with a non-empty truth, F1 from the two means. As upstream, a text of
fewer than 4 tokens is one shorter shingle, and an empty one has none. Pages on which Skim raises
`NoArticleError` count as an empty prediction (recall 0, left out of precision), as upstream scores
an extractor that returned nothing.

Timing is the median wall time per page of each extractor's whole call, measured in the same run
on the same decoded strings, so the ratio is fair even on a busy machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from summarizer import extract
from summarizer.errors import NoArticleError

TpFpFn = tuple[float, float, float]
_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_matching(true: str, pred: str) -> TpFpFn:
    """Per-page TP/FP/FN over 4-word shingles, rescaled to sum to 1 (upstream's definition)."""
    t, p = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    if s > 0:
        return tp / s, fp / s, fn / s
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(rows: list[TpFpFn]) -> dict[str, float]:
    precision = statistics.mean([_precision(*r) for r in rows if r[0] + r[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*r) for r in rows if r[0] + r[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bootstrap_f1_ci(rows: list[TpFpFn], n: int = 1000, seed: int = 0) -> float:
    """Half-width of the 95% interval, as upstream reports it (1.96 standard deviations)."""
    rng = random.Random(seed)
    values = []
    for _ in range(n):
        sample = [rows[rng.randrange(len(rows))] for _ in rows]
        values.append(metrics(sample)["f1"])
    return 1.96 * statistics.stdev(values)


def page_f1(row: TpFpFn) -> float:
    p, r = _precision(*row), _recall(*row)
    return 2 * p * r / (p + r) if p + r else 0.0


def skim(html: str, url: str) -> str:
    try:
        return extract(html, url=url).text
    except NoArticleError:
        return ""


def _trafilatura(favor_precision: bool) -> Callable[[str, str], str]:
    import trafilatura

    def run(html: str, url: str) -> str:
        return (
            trafilatura.extract(
                html, url=url, include_comments=False, favor_precision=favor_precision
            )
            or ""
        )

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="benchmark folder")
    parser.add_argument("--worst", type=int, default=0, help="list Skim's N worst pages")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--no-trafilatura", action="store_true", help="Skim only (faster)")
    parser.add_argument("--bootstrap", type=int, default=1000, help="F1 bootstrap samples")
    args = parser.parse_args(argv)

    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    if args.limit:
        ids = ids[: args.limit]
    pages = {
        i: gzip.decompress((args.data / "html" / f"{i}.html.gz").read_bytes()).decode(
            "utf-8", errors="replace"
        )
        for i in ids
    }
    systems: list[tuple[str, Callable[[str, str], str]]] = [("skim", skim)]
    if not args.no_trafilatura:
        systems += [
            ("trafilatura", _trafilatura(False)),
            ("trafilatura-precision", _trafilatura(True)),
        ]
    for _, fn in systems:  # warm-up: imports and regex compilation are not per-page costs
        fn(pages[ids[0]], truth[ids[0]]["url"])

    results: dict[str, tuple[list[TpFpFn], float]] = {}
    for name, fn in systems:
        rows: list[TpFpFn] = []
        times: list[float] = []
        for i in ids:
            start = time.perf_counter()
            pred = fn(pages[i], truth[i]["url"])
            times.append((time.perf_counter() - start) * 1000)
            rows.append(shingle_matching(truth[i].get("articleBody", ""), pred))
        results[name] = (rows, statistics.median(times))

    print(f"{len(ids)} pages from {args.data}")
    print(f"{'extractor':<22} {'precision':>9} {'recall':>7} {'F1':>6} {'F1 95% CI':>10} {'ms':>7}")
    for name, (rows, ms) in results.items():
        m = metrics(rows)
        ci = bootstrap_f1_ci(rows, args.bootstrap) if args.bootstrap > 1 else 0.0
        print(
            f"{name:<22} {m['precision']:9.4f} {m['recall']:7.4f} {m['f1']:6.4f} "
            f"{'±' + format(ci, '.4f'):>10} {ms:7.1f}"
        )
    skim_ms = results["skim"][1]
    for name, (_, ms) in results.items():
        if name != "skim":
            print(f"time ratio skim / {name}: {skim_ms / ms:.2f}")

    if args.worst:
        rows = results["skim"][0]
        ranked = sorted(zip(ids, rows, strict=True), key=lambda x: page_f1(x[1]))
        print(f"\nworst {args.worst} pages for skim (F1, P, R, id, url):")
        for i, row in ranked[: args.worst]:
            print(
                f"{page_f1(row):.3f} {_precision(*row):.3f} {_recall(*row):.3f} "
                f"{i[:12]} {truth[i]['url'][:90]}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
