"""How many summary sentences get a link to themselves on the page, whether each link lands on
its sentence, and what finding them costs.

Usage: python -m benchmarks.fragments --data DIR [--limit N] [--max-words 100]

DIR is the Zyte or WCXB extraction benchmark (the layouts `benchmarks.extraction` reads). For
every page Skim summarizes, at the bot's length and at every length of its Shorter / Longer
ladder, it prints:
- coverage: the share of summary sentences that got a text fragment link;
- landed: the share of those links that a reference reading of the spec's matching
  (`tests.support.textfragment`, written apart from the builder) resolves to exactly the
  sentence; anything under 100% is a link that highlights the wrong words;
- time: the median milliseconds per page of the whole `summarize_page` (extraction, summary at
  every length, links) and, timed again on their own in the same run, of reading the visible
  text and building the links: the share of the whole that the links cost.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from benchmarks.extraction import load
from summarizer.api import summarize_page, with_sources
from summarizer.errors import SkimError
from summarizer.extract.visible import visible_blocks
from summarizer.fetch.policy import Page
from tests.support.textfragment import resolve

LADDER = (50, 100, 200, 400, 800)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fragments", description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--max-words", type=int, default=100)
    args = parser.parse_args(argv)
    dataset = load(args.data, args.limit, None)
    sentences = linked = landed = pages = refused = 0
    reply_sentences = reply_linked = 0
    base_ms: list[float] = []
    link_ms: list[float] = []
    wrong: list[tuple[str, str, str | None]] = []
    for page in dataset.pages:
        url = page.url or f"https://example.org/{page.id}"
        fetched = Page(url, url, 200, "text/html", "utf-8", page.html, is_html=True)
        started = time.perf_counter()
        try:
            summary = summarize_page(fetched, max_words=args.max_words, lengths=LADDER)
        except SkimError:
            refused += 1
            continue
        base_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        blocks = visible_blocks(page.html)
        summary = with_sources(summary, blocks, url)
        link_ms.append((time.perf_counter() - started) * 1000)
        pages += 1
        reply_sentences += len(summary.sentences)
        reply_linked += sum(s is not None for s in summary.sources)
        seen: dict[str, str | None] = {}
        for length in summary.lengths:
            seen.update(zip(length.sentences, length.sources, strict=True))
        seen.update(zip(summary.sentences, summary.sources, strict=True))
        for sentence, source in seen.items():
            sentences += 1
            if source is None:
                continue
            linked += 1
            found = resolve(source, blocks)
            if found == " ".join(sentence.split()):
                landed += 1
            else:
                wrong.append((page.id, sentence, found))
    print(f"{args.data}: {pages} pages summarized, {refused} refused")
    print(
        f"reply ({args.max_words} words): {reply_linked} of {reply_sentences} sentences linked "
        f"({100 * reply_linked / max(reply_sentences, 1):.1f}%)"
    )
    print(
        f"every length {LADDER}: {linked} of {sentences} distinct sentences linked "
        f"({100 * linked / max(sentences, 1):.1f}%); {landed} of {linked} land on their "
        f"sentence ({100 * landed / max(linked, 1):.2f}%)"
    )
    if base_ms:
        base, links = statistics.median(base_ms), statistics.median(link_ms)
        print(
            f"median ms a page: summarize_page {base:.1f}, of which visible text + links "
            f"{links:.1f} ({100 * links / base:.0f}%); p95 of links "
            f"{sorted(link_ms)[int(0.95 * (len(link_ms) - 1))]:.1f}"
        )
    for page_id, sentence, found in wrong[:10]:
        print(f"  wrong on {page_id}: {sentence[:80]!r} -> {found and found[:80]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
