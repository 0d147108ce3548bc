"""From a ranking to the sentences of a summary: how many, and which.

Summaries are made of whole sentences and are never over the length asked: a sentence too
long for the words left is skipped, not cut.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from summarizer.summarize.ranking import Ranking

#: The most sentences a default-length summary has, however long the input.
MAX_DEFAULT_SENTENCES = 7


def default_sentence_count(sentence_count: int) -> int:
    """A TL;DR that grows slowly with the input: 1 sentence up to ~15, 3 for a typical news
    article of 30-60 sentences, 5 at ~250, never more than `MAX_DEFAULT_SENTENCES`."""
    if sentence_count <= 0:
        return 0
    grown = 1 + math.log2(max(1.0, sentence_count / 8))
    return max(1, min(MAX_DEFAULT_SENTENCES, sentence_count, round(grown)))


def select(
    ranking: Ranking,
    word_counts: Sequence[int],
    *,
    sentences: int | None,
    max_words: int | None,
) -> list[int]:
    """Indices of the chosen sentences, in source order.

    Walks the sentences best first (stable: the earlier of two equal scores first, as sumy
    does) and keeps each whole sentence that still fits the word budget, until `sentences` are
    kept. A sentence too long for what is left is skipped, not cut: summaries are never over;
    so is one that the ranking's `repeats` says repeats the chosen ones.
    """
    scores = ranking.scores
    repeats = ranking.repeats
    ranked = ranking.order
    if ranked is None:
        ranked = tuple(sorted(range(len(scores)), key=lambda i: -scores[i]))
    limit = len(scores) if sentences is None else sentences
    budget = math.inf if max_words is None else max_words
    chosen: list[int] = []
    for index in ranked:
        if len(chosen) >= limit:
            break
        if word_counts[index] <= budget and not (repeats and repeats(index, chosen)):
            chosen.append(index)
            budget -= word_counts[index]
    return sorted(chosen)
