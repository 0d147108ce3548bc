"""Sentence-scoring methods, one small class each, selectable by name.

A method turns a parsed text into a `Ranking`; `summarize()` then picks sentences from it for
the length asked. "lexrank" is sumy's LexRank, selection for selection, on the fast ranker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from summarizer.errors import InputError
from summarizer.language import LanguageResources
from summarizer.lexrank import FastLexRankSummarizer
from summarizer.parse import ParsedText, tokenize_words


@dataclass(frozen=True)
class Ranking:
    scores: np.ndarray
    #: Sentence indices best first; None means by descending score, earlier first on ties.
    order: tuple[int, ...] | None = None
    #: `repeats(i, chosen)`: whether sentence i says again what the chosen ones say.
    repeats: Callable[[int, Sequence[int]], bool] | None = None


class Method(Protocol):
    name: str

    def rank(self, parsed: ParsedText, resources: LanguageResources) -> Ranking: ...


class StockLexRank:
    """sumy's `LexRankSummarizer` exactly (threshold 0.1, epsilon 0.1, stemmed, stop words)."""

    name = "lexrank"

    def rank(self, parsed: ParsedText, resources: LanguageResources) -> Ranking:
        tokenize_words(parsed.document, resources)
        summarizer = FastLexRankSummarizer(resources.stem)
        summarizer.stop_words = resources.stop_words
        sentences = parsed.sentences
        scores = summarizer.rate_sentences(parsed.document)
        # sumy keys its ratings by Sentence, which hashes by text: repeated sentences all take
        # the score of the last copy. Do the same, so selections match sumy's to the sentence.
        last = dict(zip(sentences, scores, strict=True))
        return Ranking(np.array([last[s] for s in sentences], dtype=np.float64))


def _methods() -> dict[str, Method]:
    from summarizer.skim import SkimRank

    return {m.name: m for m in (SkimRank(), StockLexRank())}


METHODS: dict[str, Method] = _methods()
DEFAULT_METHOD = "skim"


def get_method(name: str | Method) -> Method:
    """The method registered under `name`; a `Method` object is used as it is (experiments,
    ablations)."""
    if not isinstance(name, str):
        return name
    try:
        return METHODS[name]
    except KeyError:
        raise InputError(
            f"Unknown summarization method {name!r}; choose one of: {', '.join(METHODS)}."
        ) from None
