"""Summary quality on Multi-News-style clusters: `python -m summarizer.evaluate DATA.jsonl`.

Rows are `{"id", "documents": [str, ...], "summary": str}`. Every method summarizes the same
rows under the same budget: a number of words (whole sentences, never over; Lead takes the
first N words, Lead-whole the first whole sentences within them) or, with `--sentences N`, a
number of sentences (Lead takes the first N, as Lead-3 does on CNN/DM),
and is scored with `rouge-score` (F1, Porter stemming): ROUGE-1, ROUGE-2, ROUGE-L, and
ROUGE-Lsum with one sentence a line. Means come with bootstrap 95% intervals over clusters;
each method is also compared with Lead, cluster by cluster (paired bootstrap of the
difference), because a mean alone hides whether a gain is real. Time is the whole path from
the cluster's text to its summary, per cluster. Beside ROUGE, the defect rate: the share of
the summaries' sentences that the hand labels (`benchmarks/defects.jsonl`, see
`summarizer.defects`) mark as ones a reader would strike out; `--worksheet FILE` writes the
summaries whose sentences have no label yet, for a person to label.

The data is evaluation data: this script reads it from wherever it is, and copies nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer

from summarizer.defects import (
    DefectCount,
    LabelError,
    Labels,
    load_labels,
    worksheet_entry,
)
from summarizer.summarize.language import LanguageResources
from summarizer.summarize.lexrank import sumy_scores
from summarizer.summarize.methods import DEFAULT_METHOD, METHODS
from summarizer.summarize.parse import parse_documents
from summarizer.summarize.pipeline import summarize
from summarizer.summarize.ranking import Method, Ranking
from summarizer.summarize.select import select
from summarizer.summarize.skim import SkimConfig, SkimRank

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L", "rougeLsum": "R-Lsum"}


@dataclass(frozen=True)
class Budget:
    """How long a summary may be: `words` (whole sentences within them) or `sentences`."""

    words: int | None = None
    sentences: int | None = None

    def label(self) -> str:
        return f"{self.sentences}-sentence" if self.sentences else f"{self.words}-word"

    def allows(self, picked: list[str]) -> bool:
        if self.sentences is not None:
            return len(picked) <= self.sentences
        return self.words is None or sum(len(s.split()) for s in picked) <= self.words


#: Summarizer: documents and a budget in, sentences out.
Summarizer = Callable[[list[str], Budget], list[str]]


@dataclass
class MethodResult:
    name: str
    scores: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in METRICS})
    milliseconds: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    defects: DefectCount = field(default_factory=DefectCount)


def _lead_sentences(documents: list[str]) -> list[str]:
    resources = LanguageResources.for_language("english")
    return [
        sentence
        for document in documents
        for sentence in resources.tokenizer.to_sentences(" ".join(document.split()))
    ]


def lead(documents: list[str], budget: Budget) -> list[str]:
    """The documents' first sentences, in order: the first N of them, or the first words
    within the budget with the last sentence cut short (Multi-News's Lead)."""
    sentences = _lead_sentences(documents)
    if budget.sentences is not None:
        return sentences[: budget.sentences]
    picked: list[str] = []
    left = budget.words or 0
    for sentence in sentences:
        words = sentence.split()
        if left <= 0:
            break
        picked.append(" ".join(words[:left]))
        left -= min(left, len(words))
    return picked


def lead_whole(documents: list[str], budget: Budget) -> list[str]:
    """The first whole sentences within a word budget: Lead as a reply would be, no sentence
    cut short (the BBC baseline)."""
    if budget.sentences is not None:
        return lead(documents, budget)
    picked: list[str] = []
    left = budget.words or 0
    for sentence in _lead_sentences(documents):
        words = len(sentence.split())
        if words > left:
            break
        picked.append(sentence)
        left -= words
    return picked


def ours(method: str | Method) -> Summarizer:
    def run(documents: list[str], budget: Budget) -> list[str]:
        summary = summarize(
            documents, sentences=budget.sentences, max_words=budget.words, method=method
        )
        return list(summary.sentences)

    return run


def stock_sumy(documents: list[str], budget: Budget) -> list[str]:
    """sumy's own `LexRankSummarizer`, unmodified (O(n^2) Python loops and all), on the same
    parsed text, picking sentences by its ratings under the same budget rule as ours."""
    resources = LanguageResources.for_language("english")
    parsed = parse_documents(documents, resources)
    sentences = parsed.sentences
    if not sentences:
        return []
    summarizer = LexRankSummarizer(resources.stemmer)
    summarizer.stop_words = resources.stop_words
    scores = sumy_scores(summarizer, sentences)
    ratings = dict(zip(sentences, scores, strict=True))
    texts = [str(s) for s in sentences]
    chosen = select(
        Ranking(np.array([ratings[s] for s in sentences])),
        [len(t.split()) for t in texts],
        sentences=budget.sentences,
        max_words=budget.words,
    )
    return [texts[i] for i in chosen]


def reference_lines(summary: str) -> str:
    resources = LanguageResources.for_language("english")
    text = " ".join(summary.split())
    return "\n".join(resources.tokenizer.to_sentences(text))


def bootstrap_interval(
    values: Sequence[float], samples: int, rng: np.random.Generator
) -> tuple[float, float]:
    data = np.asarray(values, dtype=np.float64)
    picks = rng.integers(0, len(data), size=(samples, len(data)))
    means = data[picks].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def paired(
    values: Sequence[float], baseline: Sequence[float], samples: int, rng: np.random.Generator
) -> tuple[float, float, float, float]:
    """Mean difference, its 95% interval, and the share of resamples where it is above 0."""
    diff = np.asarray(values) - np.asarray(baseline)
    picks = rng.integers(0, len(diff), size=(samples, len(diff)))
    means = diff[picks].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(diff.mean()), float(low), float(high), float((means > 0).mean())


def load_rows(path: Path, limit: int | None) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


#: The hand labels, where a checkout of the project keeps them.
DEFAULT_LABELS = Path(__file__).resolve().parent.parent / "benchmarks" / "defects.jsonl"


def evaluate(
    rows: list[dict[str, Any]],
    methods: dict[str, Summarizer],
    budget: Budget,
    labels: Labels | None = None,
    worksheet: list[dict[str, Any]] | None = None,
) -> list[MethodResult]:
    """Every method on every row under `budget`; with `labels`, each summary's defects too,
    and with `worksheet`, the summaries holding unlabelled sentences are appended to it."""
    # Imported here, not at the top: rouge-score is only in the `dev` extra, and a plain install
    # must still import this module (for Lead and the bootstrap) without it.
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    results = {name: MethodResult(name) for name in methods}
    for row in rows:
        documents = [str(d) for d in row["documents"]]
        reference = reference_lines(str(row["summary"]))
        for name, run in methods.items():
            start = time.perf_counter()
            sentences = run(documents, budget)
            elapsed = (time.perf_counter() - start) * 1000
            words = sum(len(s.split()) for s in sentences)
            if not budget.allows(sentences):
                raise AssertionError(f"{name} went over the {budget.label()} budget")
            scores = scorer.score(reference, "\n".join(sentences))
            result = results[name]
            if labels is not None:
                row_id = str(row["id"])
                result.defects.add(row_id, sentences, labels)
                if worksheet is not None:
                    sheet = worksheet_entry(row_id, name, documents, sentences, labels)
                    if sheet is not None:
                        worksheet.append(sheet)
            result.milliseconds.append(elapsed)
            result.words.append(words)
            for metric in METRICS:
                result.scores[metric].append(scores[metric].fmeasure * 100)
    return list(results.values())


def defect_lines(results: list[MethodResult]) -> list[str]:
    lines = ["", "defects (hand labels): share of labelled sentences a reader would strike out"]
    for result in results:
        count = result.defects
        kinds = ", ".join(f"{kind} {n}" for kind, n in count.kinds.most_common()) or "none"
        lines.append(
            f"{result.name:<14}{count.rate * 100:6.2f}%  {count.defects} of {count.labelled}"
            f" ({kinds}); {count.unlabelled} of {count.sentences} sentences unlabelled"
        )
    return lines


def report(results: list[MethodResult], baseline: str, samples: int, seed: int) -> str:
    rng = np.random.default_rng(seed)
    lines = []
    header = f"{'method':<14}" + "".join(f"{LABELS[m]:>22}" for m in METRICS)
    header += f"{'words':>7}{'ms p50':>9}{'ms p95':>9}{'ms max':>9}"
    lines.append(header)
    for result in results:
        cells = []
        for metric in METRICS:
            values = result.scores[metric]
            low, high = bootstrap_interval(values, samples, rng)
            cells.append(f"{statistics.fmean(values):6.2f} [{low:5.2f},{high:5.2f}]")
        ms = np.asarray(result.milliseconds)
        lines.append(
            f"{result.name:<14}"
            + "".join(f"{c:>22}" for c in cells)
            + f"{statistics.fmean(result.words):7.0f}{np.median(ms):9.1f}"
            + f"{np.percentile(ms, 95):9.1f}{ms.max():9.1f}"
        )
    base = next((r for r in results if r.name == baseline), None)
    if base is not None:
        lines.append("")
        lines.append(f"paired against {baseline}: mean difference [95% interval] P(difference > 0)")
        for result in results:
            if result is base:
                continue
            cells = []
            for metric in METRICS:
                mean, low, high, above = paired(
                    result.scores[metric], base.scores[metric], samples, rng
                )
                cells.append(f"{mean:+6.2f} [{low:+5.2f},{high:+5.2f}] {above:4.2f}")
            lines.append(f"{result.name:<14}" + "".join(f"{c:>28}" for c in cells))
    if any(r.defects.sentences for r in results):
        lines.extend(defect_lines(results))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evaluate", description=__doc__)
    parser.add_argument("data", type=Path, help="JSONL rows {id, documents, summary}")
    parser.add_argument("--max-words", type=int, default=300, help="word budget (default 300)")
    parser.add_argument(
        "--sentences", type=int, default=None, help="a budget of N sentences instead of words"
    )
    parser.add_argument(
        "--methods",
        default=f"{DEFAULT_METHOD},sumy,lead",
        help="comma-separated: "
        + ", ".join([*METHODS, "sumy", "lead", "lead-whole", "skim-nograph"])
        + f" (default {DEFAULT_METHOD},sumy,lead); sumy is the unmodified stock LexRank",
    )
    parser.add_argument(
        "--baseline", default="lead", help="the method the paired comparison is against"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N rows")
    parser.add_argument("--bootstrap", type=int, default=2000, help="bootstrap resamples")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--labels",
        type=Path,
        default=DEFAULT_LABELS,
        help="hand labels of summary sentences (default: the project's benchmarks/defects.jsonl)",
    )
    parser.add_argument(
        "--worksheet",
        type=Path,
        default=None,
        help="write the summaries with unlabelled sentences here (JSON lines; it holds the "
        "data's text, so keep it out of the project)",
    )
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"evaluate: no such file: {args.data}", file=sys.stderr)
        return 2
    available: dict[str, Summarizer] = {name: ours(name) for name in METHODS}
    available["sumy"] = stock_sumy
    available["lead"] = lead
    available["lead-whole"] = lead_whole
    # The default method without its LexRank graph (scores by the position prior alone): the
    # ablation that shows what the graph adds.
    available["skim-nograph"] = ours(SkimRank(SkimConfig(centrality_power=0.0, damping=1.0)))
    if args.sentences is not None and args.sentences < 1:
        print("evaluate: --sentences must be 1 or more", file=sys.stderr)
        return 2
    budget = Budget(sentences=args.sentences) if args.sentences else Budget(words=args.max_words)
    size = args.sentences or args.max_words
    chosen = {}
    for name in (n.strip() for n in args.methods.split(",") if n.strip()):
        if name not in available:
            print(f"evaluate: unknown method {name!r}", file=sys.stderr)
            return 2
        chosen[f"{name}-{size}" if name.startswith("lead") else name] = available[name]
    summarize(["Warm up the language resources. They load once."], max_words=10)
    labels: Labels | None = None
    if args.labels.is_file():
        try:
            labels = load_labels(args.labels)
        except LabelError as error:
            print(f"evaluate: {error}", file=sys.stderr)
            return 2
    elif args.labels != DEFAULT_LABELS:
        print(f"evaluate: no such file: {args.labels}", file=sys.stderr)
        return 2
    rows = load_rows(args.data, args.limit)
    worksheet: list[dict[str, Any]] | None = [] if args.worksheet else None
    results = evaluate(rows, chosen, budget, labels, worksheet)
    if args.worksheet and worksheet is not None:
        with args.worksheet.open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(entry) + "\n" for entry in worksheet)
    print(
        f"{len(rows)} clusters, {budget.label()} budget, rouge-score F1 x 100 (stemmed), "
        f"bootstrap 95% intervals ({args.bootstrap} resamples)"
    )
    baseline = f"{args.baseline}-{size}" if args.baseline.startswith("lead") else args.baseline
    print(report(results, baseline, args.bootstrap, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
