"""Sentence-scoring methods, one small class each, selectable by name.

A method turns a parsed text into a `Ranking`; `summarize()` then picks sentences from it for
the length asked. "skim" (the default) is LexRank for news (`skim.py`); "lexrank" is sumy's
LexRank, selection for selection, on the fast ranker.
"""

from __future__ import annotations

import numpy as np

from summarizer.errors import InputError
from summarizer.summarize.language import LanguageResources
from summarizer.summarize.lexrank import FastLexRankSummarizer
from summarizer.summarize.parse import ParsedText, tokenize_words
from summarizer.summarize.ranking import Method, Ranking
from summarizer.summarize.skim import SkimRank


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


METHODS: dict[str, Method] = {m.name: m for m in (SkimRank(), StockLexRank())}
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
