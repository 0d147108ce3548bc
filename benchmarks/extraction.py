"""Skim's extractor against trafilatura and readability-lxml on two extraction benchmarks.

Usage: python -m benchmarks.extraction --data DIR [--worst 15] [--limit N]
       [--types article,forum] [--no-others]

DIR is either the Zyte article-extraction benchmark (`ground-truth.json` + `html/`: news and blogs,
scored against trafilatura in its default and precision modes) or WCXB (`metadata.json` +
`<split>/html/` + `<split>/ground-truth/`: the kinds of page people actually share, scored against
trafilatura and readability-lxml). The folder's layout says which. Zyte tells whether Skim reads
articles as well as the published extractors; WCXB whether it also copes with, or cleanly refuses,
everything else a Slack channel links to, and where it stands per kind of page.

Scoring reproduces scrapinghub/article-extraction-benchmark's evaluate.py exactly, so the figures
are comparable with the published ones: `\\w+` tokens (case kept), 4-word shingles counted as
multisets, per-page TP/FP/FN rescaled to sum to 1, precision averaged over pages with a non-empty
prediction, recall over pages with a non-empty truth, F1 from the two means. As upstream, a text of
fewer than 4 tokens is one shorter shingle, and an empty one has none. Pages on which Skim raises
`NoArticleError` count as an empty prediction (recall 0, left out of precision), as upstream scores
an extractor that returned nothing. WCXB pages whose `main_content` is empty or missing have no
truth to score against and are skipped (their number is printed).

WCXB also reports, from the same run:
- F1 per page type, with the number of pages of each type;
- Skim's refusals by `NoArticleError.reason`, and separately those among pages whose reference has
  50 `\\w+` tokens or more: a page with that much content should not be refused (target: under 1%);
- snippets: the share of `with` snippets found in each extractor's output and of `without`
  snippets leaked into it, micro-averaged (pooled over all snippets of the scored pages). A snippet
  is found when, with runs of whitespace collapsed to one space and both sides casefolded, it is a
  substring of the output. The reference text itself is scored the same way, as a ceiling;
- the pages on which every extractor scores F1 0 (often a reference the HTML does not hold).
`--types` picks page types first, `--limit` then keeps the first N scored pages; the skipped count
is that of the whole selection.

readability-lxml's text is `lxml.html.fromstring(Document(html).summary()).text_content()`: the
text nodes of its cleaned HTML, joined as they are (no separator added between block elements, so
words split only by markup may merge). A page readability cannot parse scores an empty answer.

Timing is the median wall time per page of each extractor's whole call, measured in the same run
on the same decoded strings, each page going through every extractor in turn (the order rotating
from page to page), so the ratio is fair even on a busy machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer import extract
from summarizer.errors import NoArticleError

TpFpFn = tuple[float, float, float]
Extractor = Callable[[str, str], str]
_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

# WCXB's page types, in the order the tables list them (any other type found follows, sorted).
PAGE_TYPES = ("article", "documentation", "forum", "service", "product", "collection", "listing")
# A reference this long is a page with real content, which Skim should not refuse.
MIN_CONTENT_WORDS = 50


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


def word_count(text: str) -> int:
    return len(_TOKEN_RE.findall(text))


def _normalize(text: str) -> str:
    return " ".join(text.split()).casefold()


def snippet_hits(snippets: Sequence[str], text: str) -> int:
    """How many snippets occur in text, whitespace-collapsed and casefolded on both sides."""
    haystack = _normalize(text)
    return sum(_normalize(s) in haystack for s in snippets)


# --- data ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: str
    truth: str
    page_type: str = ""  # WCXB only, as are the snippets
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    pages: list[Page]
    wcxb: bool
    skipped: int = 0  # WCXB pages with no main content, hence not scored


def _read_html(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def load_zyte(folder: Path, limit: int) -> Dataset:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: limit or None]
    pages = [
        Page(
            i,
            truth[i]["url"],
            _read_html(folder / "html" / f"{i}.html.gz"),
            truth[i].get("articleBody", ""),
        )
        for i in ids
    ]
    return Dataset(pages, wcxb=False)


def load_wcxb(folder: Path, limit: int, types: frozenset[str] | None) -> Dataset:
    """Pages of the selected types with a main content, then the first `limit` of them."""
    files: dict[str, dict[str, object]] = json.loads(
        (folder / "metadata.json").read_text(encoding="utf-8")
    )["files"]
    pages: list[Page] = []
    skipped = 0
    for i in sorted(files):
        page_type = str(files[i]["page_type"])
        if types is not None and page_type not in types:
            continue
        split = folder / str(files[i].get("split", "dev"))
        record = json.loads((split / "ground-truth" / f"{i}.json").read_text(encoding="utf-8"))
        reference = record["ground_truth"]
        if not (reference.get("main_content") or "").strip():
            skipped += 1
            continue
        if limit and len(pages) == limit:
            continue  # keep counting the skipped pages of the whole selection
        pages.append(
            Page(
                i,
                record.get("url") or "",
                _read_html(split / "html" / f"{i}.html.gz"),
                reference["main_content"],
                page_type,
                tuple(reference.get("with") or ()),
                tuple(reference.get("without") or ()),
            )
        )
    return Dataset(pages, wcxb=True, skipped=skipped)


def load(folder: Path, limit: int, types: frozenset[str] | None) -> Dataset:
    if (folder / "ground-truth.json").is_file():
        if types is not None:
            raise SystemExit("--types needs a WCXB folder")
        return load_zyte(folder, limit)
    if (folder / "metadata.json").is_file():
        return load_wcxb(folder, limit, types)
    raise SystemExit(f"{folder}: neither ground-truth.json (Zyte) nor metadata.json (WCXB)")


# --- extractors ---------------------------------------------------------------------------------


def skim(html: str, url: str) -> str:
    """Skim's text; raises NoArticleError when it refuses the page (the runner records why)."""
    return extract(html, url=url or None).text


def _trafilatura(favor_precision: bool) -> Extractor:
    import trafilatura

    def run(html: str, url: str) -> str:
        return (
            trafilatura.extract(
                html, url=url, include_comments=False, favor_precision=favor_precision
            )
            or ""
        )

    return run


def _readability() -> Extractor:
    import lxml.html
    from readability import Document  # type: ignore[import-untyped]
    from readability.readability import Unparseable  # type: ignore[import-untyped]

    def run(html: str, url: str) -> str:
        try:
            summary = Document(html).summary()
        except Unparseable:
            return ""
        # lxml-stubs types fromstring() as a bare _Element, without HtmlMixin's text_content.
        return str(lxml.html.fromstring(summary).text_content())  # type: ignore[attr-defined]

    return run


def systems_for(dataset: Dataset, others: bool) -> list[tuple[str, Extractor]]:
    systems: list[tuple[str, Extractor]] = [("skim", skim)]
    if others:
        systems.append(("trafilatura", _trafilatura(False)))
        if dataset.wcxb:
            systems.append(("readability-lxml", _readability()))
        else:
            systems.append(("trafilatura-precision", _trafilatura(True)))
    return systems


# --- running ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One extractor over every page, in page order."""

    outputs: list[str]
    rows: list[TpFpFn]
    ms: list[float]
    refusals: list[str | None]  # NoArticleError.reason, or None where the page was extracted

    @property
    def median_ms(self) -> float:
        return statistics.median(self.ms)


def _call(fn: Extractor, page: Page) -> tuple[str, str | None]:
    try:
        return fn(page.html, page.url), None
    except NoArticleError as exc:
        return "", exc.reason


def run(systems: list[tuple[str, Extractor]], pages: list[Page]) -> dict[str, Run]:
    """Every extractor over every page, side by side: each page goes through all of them in
    turn (the order rotating from page to page) so that a slow minute of a shared machine
    falls on all of them alike, not on whichever ran through the set at that time."""
    outputs: dict[str, list[str]] = {name: [] for name, _ in systems}
    ms: dict[str, list[float]] = {name: [] for name, _ in systems}
    refusals: dict[str, list[str | None]] = {name: [] for name, _ in systems}
    for index, page in enumerate(pages):
        shift = index % len(systems)
        for name, fn in systems[shift:] + systems[:shift]:
            start = time.perf_counter()
            text, refusal = _call(fn, page)
            ms[name].append((time.perf_counter() - start) * 1000)
            outputs[name].append(text)
            refusals[name].append(refusal)
    return {
        name: Run(
            outputs[name],
            [shingle_matching(p.truth, o) for p, o in zip(pages, outputs[name], strict=True)],
            ms[name],
            refusals[name],
        )
        for name, _ in systems
    }


# --- reports ------------------------------------------------------------------------------------


def print_overall(results: dict[str, Run], bootstrap: int) -> None:
    print(f"{'extractor':<22} {'precision':>9} {'recall':>7} {'F1':>6} {'F1 95% CI':>10} {'ms':>7}")
    for name, result in results.items():
        m = metrics(result.rows)
        ci = bootstrap_f1_ci(result.rows, bootstrap) if bootstrap > 1 else 0.0
        print(
            f"{name:<22} {m['precision']:9.4f} {m['recall']:7.4f} {m['f1']:6.4f} "
            f"{'±' + format(ci, '.4f'):>10} {result.median_ms:7.1f}"
        )
    skim_ms = results["skim"].median_ms
    for name, result in results.items():
        if name != "skim":
            print(f"time ratio skim / {name}: {skim_ms / result.median_ms:.2f}")


def print_by_type(pages: list[Page], results: dict[str, Run]) -> None:
    present = {p.page_type for p in pages}
    types = [t for t in PAGE_TYPES if t in present] + sorted(present - set(PAGE_TYPES))
    widths = [max(6, len(name)) for name in results]
    print("\nF1 by page type")
    print(
        f"{'type':<14} {'pages':>5} "
        + " ".join(f"{n:>{w}}" for n, w in zip(results, widths, strict=True))
    )
    for page_type in types:
        picked = [k for k, p in enumerate(pages) if p.page_type == page_type]
        scores = [metrics([r.rows[k] for k in picked])["f1"] for r in results.values()]
        print(
            f"{page_type:<14} {len(picked):5d} "
            + " ".join(f"{s:{w}.4f}" for s, w in zip(scores, widths, strict=True))
        )


def print_refusals(pages: list[Page], result: Run) -> None:
    """Refusals by reason; those of pages with real content are listed by id, per reason."""
    reasons = Counter(r for r in result.refusals if r is not None)
    breakdown = ", ".join(f"{reason} {n}" for reason, n in reasons.most_common()) or "none"
    print(f"\nskim refused {sum(reasons.values())} of {len(pages)} pages: {breakdown}")
    substantial = [k for k, p in enumerate(pages) if word_count(p.truth) >= MIN_CONTENT_WORDS]
    refused: dict[str, list[str]] = {}
    for k in substantial:
        if (reason := result.refusals[k]) is not None:
            refused.setdefault(reason, []).append(pages[k].id)
    count = sum(len(ids) for ids in refused.values())
    share = count / len(substantial) if substantial else 0.0
    print(
        f"  of the {len(substantial)} pages whose reference has >= {MIN_CONTENT_WORDS} words: "
        f"{count} refused ({share:.2%}; target < 1%)"
    )
    for reason, ids in sorted(refused.items(), key=lambda item: -len(item[1])):
        print(
            textwrap.fill(
                " ".join(ids),
                100,
                initial_indent=f"    {reason} {len(ids)}: ",
                subsequent_indent=" " * 6,
            )
        )


def print_snippets(pages: list[Page], results: dict[str, Run]) -> None:
    n_with = sum(len(p.with_snippets) for p in pages)
    n_without = sum(len(p.without_snippets) for p in pages)
    print(
        f"\nsnippets, micro-averaged over {n_with} `with` and {n_without} `without` "
        "(whitespace-collapsed, casefolded substring)"
    )
    print(f"{'extractor':<22} {'with found':>11} {'without leaked':>15}")
    texts = {name: result.outputs for name, result in results.items()}
    texts["(reference)"] = [p.truth for p in pages]
    for name, outputs in texts.items():
        found = sum(snippet_hits(p.with_snippets, o) for p, o in zip(pages, outputs, strict=True))
        leaked = sum(
            snippet_hits(p.without_snippets, o) for p, o in zip(pages, outputs, strict=True)
        )
        print(f"{name:<22} {found / (n_with or 1):11.4f} {leaked / (n_without or 1):15.4f}")


#: WCXB's page types as Skim's kinds: a collection is a listing; a forum may be Q&A.
KINDS_OF_PAGE_TYPE = {
    "article": {"article"},
    "documentation": {"documentation"},
    "forum": {"forum", "qa"},
    "product": {"product"},
    "collection": {"listing"},
    "listing": {"listing"},
    "service": {"service"},
}


def print_kinds(pages: list[Page]) -> None:
    """How often `Article.kind` names the page's WCXB type (a refused page has no kind), and
    how often each kind Skim names is right (what a reply shaped by it gets right)."""
    by_type: dict[str, Counter[str]] = {}
    for page in pages:
        try:
            kind = extract(page.html, url=page.url or None).kind
        except NoArticleError:
            kind = "refused"
        by_type.setdefault(page.page_type, Counter())[kind] += 1
    print("\nkind (Article.kind) against the WCXB page type")
    right = total = 0
    named: Counter[str] = Counter()
    named_right: Counter[str] = Counter()
    for page_type in PAGE_TYPES:
        counts = by_type.get(page_type, Counter())
        n = sum(counts.values())
        if not n:
            continue
        good = sum(counts[k] for k in KINDS_OF_PAGE_TYPE[page_type])
        right, total = right + good, total + n
        for kind, count in counts.items():
            named[kind] += count
            if kind in KINDS_OF_PAGE_TYPE[page_type]:
                named_right[kind] += count
        shown = ", ".join(f"{k} {c}" for k, c in counts.most_common())
        print(f"{page_type:<14}{n:>5}  right {good / n:.2f}  ({shown})")
    print(f"accuracy {right / total:.3f} over {total} pages")
    print("right when named: " + ", ".join(
        f"{k} {named_right[k] / named[k]:.2f} ({named[k]})" for k in sorted(named) if k != "refused"
    ))  # fmt: skip


def print_all_zero(pages: list[Page], results: dict[str, Run]) -> None:
    zero = [
        p.id for k, p in enumerate(pages) if all(page_f1(r.rows[k]) == 0 for r in results.values())
    ]
    print(f"\nF1 0 for every extractor on {len(zero)} pages: {' '.join(zero) or '-'}")


def print_worst(pages: list[Page], result: Run, n: int, wcxb: bool) -> None:
    columns = "F1, P, R, id, type, url" if wcxb else "F1, P, R, id, url"
    print(f"\nworst {n} pages for skim ({columns}):")
    ranked = sorted(range(len(pages)), key=lambda k: page_f1(result.rows[k]))
    for k in ranked[:n]:
        page, row = pages[k], result.rows[k]
        page_type = f"{page.page_type:<13} " if wcxb else ""
        refusal = f" [refused: {result.refusals[k]}]" if result.refusals[k] else ""
        print(
            f"{page_f1(row):.3f} {_precision(*row):.3f} {_recall(*row):.3f} "
            f"{page.id[:12]} {page_type}{page.url[:90]}{refusal}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="benchmark folder")
    parser.add_argument("--worst", type=int, default=0, help="list Skim's N worst pages")
    parser.add_argument("--limit", type=int, default=0, help="only the first N scored pages")
    parser.add_argument("--types", help="WCXB only: comma-separated page types to score")
    parser.add_argument(
        "--no-others", "--no-trafilatura", action="store_true", help="Skim only (faster)"
    )
    parser.add_argument("--bootstrap", type=int, default=1000, help="F1 bootstrap samples")
    args = parser.parse_args(argv)

    types = frozenset(t.strip() for t in args.types.split(",")) if args.types else None
    if types is not None and not types <= set(PAGE_TYPES):
        parser.error(f"--types: unknown {', '.join(sorted(types - set(PAGE_TYPES)))}")
    dataset = load(args.data, args.limit, types)
    pages = dataset.pages
    if not pages:
        parser.error(f"no page to score in {args.data}")
    systems = systems_for(dataset, others=not args.no_others)
    for _, fn in systems:  # warm-up: imports and regex compilation are not per-page costs
        _call(fn, pages[0])
    results = run(systems, pages)

    if dataset.wcxb:
        print(
            f"{len(pages)} pages from {args.data} "
            f"({dataset.skipped} skipped: empty or missing main_content)"
        )
    else:
        print(f"{len(pages)} pages from {args.data}")
    print_overall(results, args.bootstrap)
    if dataset.wcxb:
        print_by_type(pages, results)
        print_refusals(pages, results["skim"])
        print_snippets(pages, results)
        print_kinds(pages)
        if len(results) > 1:
            print_all_zero(pages, results)
    if args.worst:
        print_worst(pages, results["skim"], args.worst, dataset.wcxb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
