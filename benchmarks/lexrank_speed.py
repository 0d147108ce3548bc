"""Stock sumy LexRank against Skim's, side by side, on real prose at 100 to 5,000 sentences.

    python -m benchmarks.lexrank_speed [--sizes 100,500,2000,5000] [--text FILE]

The prose is the King James Bible from Debian's `bible-kjv` package (public domain, offline:
`apt-get install bible-kjv`), or any UTF-8 text file given with --text. For each size it times,
in one run on the same text:

- ranking alone: sumy's `LexRankSummarizer` and our `FastLexRankSummarizer` on the same parsed
  document (words already tokenized), and checks they select the same sentences;
- the whole path, text -> 10-sentence summary: sumy (its `PlaintextParser` with our offline
  tokenizer, since sumy's own needs an NLTK download) and our `summarize()` with the stock
  "lexrank" method and the default "skim" method.

Times are the best of --repeat runs for our code; sumy's are one run (minutes at 5,000).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer

from summarizer import summarize
from summarizer.summarize.language import LanguageResources
from summarizer.summarize.lexrank import FastLexRankSummarizer
from summarizer.summarize.parse import parse_documents, tokenize_words

T = TypeVar("T")
BOOKS = (
    "Genesis 1:1-50:26",
    "Exodus 1:1-40:38",
    "Leviticus 1:1-27:34",
    "Numbers 1:1-36:13",
    "Deuteronomy 1:1-34:12",
    "Joshua 1:1-24:33",
    "Judges 1:1-21:25",
)


def kjv_text() -> str:
    if shutil.which("bible") is None:
        sys.exit(
            "lexrank_speed: needs Debian's bible-kjv package (apt-get install bible-kjv), "
            "or --text FILE with real prose"
        )
    out = subprocess.run(["bible", "-f", *BOOKS], capture_output=True, text=True, check=True)
    verses = [re.sub(r"^\S+\s+", "", line) for line in out.stdout.splitlines() if line.strip()]
    return " ".join(verses)


def text_of(sentences: list[str], count: int) -> str:
    picked = sentences[:count]
    return "\n\n".join(" ".join(picked[i : i + 5]) for i in range(0, len(picked), 5))


def timed(function: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result  # type: ignore[return-value]


def measure(text: str, resources: LanguageResources, count: int, repeat: int) -> str:
    """One row of the table: every timing for one text, in one go."""
    parsed = parse_documents([text], resources)
    tokenize_words(parsed.document, resources)
    stock = LexRankSummarizer(resources.stemmer)
    stock.stop_words = resources.stop_words
    fast = FastLexRankSummarizer(resources.stem)
    fast.stop_words = resources.stop_words
    fast_rank, fast_pick = timed(lambda: fast(parsed.document, count), repeat)
    stock_rank, stock_pick = timed(lambda: stock(parsed.document, count))
    # sumy's whole path is its parse plus the ranking timed above (the same computation again
    # would double a run that takes minutes at 5,000 sentences).
    parse_time, _ = timed(
        lambda: [s.words for s in PlaintextParser(text, resources.tokenizer).document.sentences]
    )
    sumy_total = parse_time + stock_rank
    ours_lexrank, summary = timed(
        lambda: summarize(text, sentences=count, method="lexrank"), repeat
    )
    ours_skim, _ = timed(lambda: summarize(text, sentences=count), repeat)
    same = [str(s) for s in stock_pick] == list(summary.sentences) and fast_pick == stock_pick
    return (
        f"{len(parsed.sentences):>9} | {stock_rank:>10.3f}s {fast_rank:>7.3f}s "
        f"{stock_rank / fast_rank:>6.0f}x {'yes' if same else 'NO':>5} | {sumy_total:>10.3f}s "
        f"{ours_lexrank:>7.3f}s {sumy_total / ours_lexrank:>6.1f}x {ours_skim:>7.3f}s "
        f"{sumy_total / ours_skim:>6.1f}x"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,500,2000,5000")
    parser.add_argument("--text", type=Path, help="UTF-8 prose instead of the KJV")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--count", type=int, default=10, help="summary sentences")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    resources = LanguageResources.for_language("english")
    raw = args.text.read_text(encoding="utf-8") if args.text else kjv_text()
    all_sentences = list(resources.tokenizer.to_sentences(" ".join(raw.split())))
    if len(all_sentences) < max(sizes):
        sys.exit(f"lexrank_speed: the text has only {len(all_sentences)} sentences")
    summarize("Warm up the caches. They load once.", sentences=1)

    header = (
        f"{'sentences':>9} | {'rank: sumy':>11} {'ours':>8} {'ratio':>7} {'same':>5} | "
        f"{'path: sumy':>11} {'lexrank':>8} {'ratio':>7} {'skim':>8} {'ratio':>7}"
    )
    print(header)
    print("-" * len(header))
    for size in sizes:
        print(measure(text_of(all_sentences, size), resources, args.count, args.repeat), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
