"""`summarize()`: text or documents in, a `Summary` out.

The flow is one way: split and clean the input (documents.py) -> parse into sumy's document
model (parse.py) -> score sentences with a method (methods.py) -> pick sentences for the length
asked for (here) -> `Summary`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

import numpy as np

from summarizer.documents import split_documents
from summarizer.errors import InputTooLargeError, InvalidLengthError, NoWordsError
from summarizer.language import LanguageResources
from summarizer.methods import DEFAULT_METHOD, Method, get_method
from summarizer.models import Summary
from summarizer.parse import parse_documents

# A word, for sumy, starts with a letter: a text without one has nothing to rank.
_LETTER = re.compile(r"[^\W\d_]")

#: The most sentences ranked at once. Ranking compares every pair of sentences, so time and
#: memory grow with the square of this: 5,000 sentences of real prose rank in well under a
#: second, and even 5,000 copies of one sentence (a complete graph, the worst case) stay
#: within about 300 MB. Under `documents.MAX_INPUT_CHARS` this only bites on text cut into
#: very many very short sentences.
MAX_SENTENCES = 5_000

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
    scores: np.ndarray,
    word_counts: Sequence[int],
    *,
    sentences: int | None,
    max_words: int | None,
    order: Sequence[int] | None = None,
    repeats: Callable[[int, Sequence[int]], bool] | None = None,
) -> list[int]:
    """Indices of the chosen sentences, in source order.

    Walks the sentences best first (stable: the earlier of two equal scores first, as sumy
    does) and keeps each whole sentence that still fits the word budget, until `sentences` are
    kept. A sentence too long for what is left is skipped, not cut: summaries are never over;
    so is one that `repeats` says repeats the chosen ones.
    """
    ranked = order if order is not None else sorted(range(len(scores)), key=lambda i: -scores[i])
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


def _check_lengths(sentences: int | None, max_words: int | None) -> None:
    for name, value in (("sentences", sentences), ("max_words", max_words)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidLengthError(f"The summary length {name}={value!r} must be a whole number.")
        if value < 1:
            raise InvalidLengthError(f"The summary length {name}={value} must be at least 1.")


def summarize(
    text_or_documents: str | Sequence[str],
    *,
    sentences: int | None = None,
    max_words: int | None = None,
    language: str = "english",
    method: str | Method = DEFAULT_METHOD,
) -> Summary:
    """Summarize one text, or several documents about one subject, by extracting sentences.

    `text_or_documents` is a string (several documents when joined by `|||||`) or a list of
    strings. `sentences=N` asks for N sentences, `max_words=W` for whole sentences totalling at
    most W words; with neither, the length scales with the input. `method` is "skim" (the
    default, tuned for news) or "lexrank" (sumy's LexRank, selection for selection).
    """
    _check_lengths(sentences, max_words)
    resources = LanguageResources.for_language(language)
    ranker = get_method(method)
    documents = split_documents(text_or_documents)
    parsed = parse_documents(documents, resources)
    texts = [str(s) for s in parsed.sentences]
    if len(texts) > MAX_SENTENCES:
        raise InputTooLargeError(len(texts), MAX_SENTENCES, unit="sentences")
    input_words = sum(len(d.split()) for d in documents)
    if not any(_LETTER.search(t) for t in texts):
        raise NoWordsError()
    word_counts = [len(t.split()) for t in texts]
    ranking = ranker.rank(parsed, resources)
    count = sentences
    if sentences is None and max_words is None:
        count = default_sentence_count(len(texts))
    chosen = select(
        ranking.scores,
        word_counts,
        sentences=count,
        max_words=max_words,
        order=ranking.order,
        repeats=ranking.repeats,
    )
    if not chosen:
        shortest = min(word_counts)
        raise InvalidLengthError(
            f"No sentence of this text fits in {max_words} words (the shortest has "
            f"{shortest}); ask for a longer summary."
        )
    picked = tuple(texts[i] for i in chosen)
    return Summary(
        sentences=picked,
        documents=tuple(parsed.origins[i] for i in chosen),
        input_words=input_words,
        output_words=sum(word_counts[i] for i in chosen),
        method=ranker.name,
        input_documents=len(documents),
    )
