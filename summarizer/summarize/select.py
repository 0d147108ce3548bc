"""From a ranking to the sentences of a summary: how many, and which.

Summaries are made of whole sentences and are never over the length asked: a sentence too
long for the words left is skipped, not cut.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence

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
    keep: Sequence[int] = (),
    within: Collection[int] | None = None,
) -> list[int]:
    """Indices of the chosen sentences, in source order.

    `keep` are sentences already chosen (they count against the budget), `within` the only
    sentences that may be chosen: the same summary made longer, or shorter, by adding to or
    taking from one already shown, never by swapping one sentence for another.

    Walks the sentences best first (stable: the earlier of two equal scores first, as sumy
    does) and keeps each whole sentence that still fits the word budget, until `sentences` are
    kept. A sentence too long for what is left is skipped, not cut: summaries are never over;
    so is one that the ranking's `repeats` says repeats the chosen ones. A sentence of a
    ranking's `units` comes with the rest of its unit, counted as that many sentences and
    words, or not at all; one that must come `after` another comes with it when it is not in
    the summary yet.
    """
    scores = ranking.scores
    repeats = ranking.repeats
    units = ranking.units or {}
    after = ranking.after or {}
    ranked = ranking.order
    if ranked is None:
        ranked = tuple(sorted(range(len(scores)), key=lambda i: -scores[i]))
    allowed = None if within is None else set(within)
    if allowed is not None:
        ranked = tuple(i for i in ranked if i in allowed)
    limit = len(scores) if sentences is None else sentences
    chosen = _walk(ranked, word_counts, repeats, units, after, limit, max_words, keep, allowed)
    if len(chosen) == len(keep) and (units or after):
        # Every sentence that fits leans on one that does not: the best that fits, alone,
        # beats no summary (a two-line paste that starts "It ...").
        chosen = _walk(ranked, word_counts, repeats, {}, {}, limit, max_words, keep, allowed)
    return sorted(chosen)


def _walk(
    ranked: Sequence[int],
    word_counts: Sequence[int],
    repeats: Callable[[int, Sequence[int]], bool] | None,
    units: Mapping[int, tuple[int, ...]],
    after: Mapping[int, int],
    limit: int,
    max_words: int | None,
    keep: Sequence[int],
    allowed: set[int] | None,
) -> list[int]:
    budget = math.inf if max_words is None else max_words
    chosen: list[int] = list(keep)
    taken: set[int] = set(keep)
    budget -= sum(word_counts[i] for i in keep)
    for index in ranked:
        if len(chosen) >= limit:
            break
        unit = units.get(index, (index,))
        if taken.intersection(unit) or len(chosen) + len(unit) > limit:
            continue
        before = after.get(unit[0])
        if before is not None and before not in taken:
            # It leans on the sentence before it: the two go in together, or neither does
            # (one step back only: a chain of pronouns is not followed further).
            if before < 0 or before in after:
                continue
            unit = (*units.get(before, (before,)), *unit)
            if taken.intersection(unit) or len(chosen) + len(unit) > limit:
                continue
        if allowed is not None and not allowed.issuperset(unit):
            continue
        words = sum(word_counts[i] for i in unit)
        if words <= budget and not (repeats and any(repeats(i, chosen) for i in unit)):
            chosen.extend(unit)
            taken.update(unit)
            budget -= words
    return chosen
