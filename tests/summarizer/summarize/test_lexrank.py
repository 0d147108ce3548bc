"""The fast ranker selects exactly what sumy's LexRankSummarizer selects, on varied documents."""

from __future__ import annotations

import random

import numpy as np
import pytest
import scipy.sparse as sp
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from summarizer.summarize.language import LanguageResources
from summarizer.summarize.lexrank import (
    FastLexRankSummarizer,
    lexrank_scores,
    stationary_distribution,
    sumy_scores,
)
from summarizer.summarize.parse import parse_documents, tokenize_words


def varied_documents(prose_texts: list[str], count: int, seed: int) -> list[str]:
    """Documents of 2 to ~250 sentences: fixtures cut, shuffled and recombined by paragraph."""
    paragraphs = [p for text in prose_texts for p in text.split("\n\n") if p.strip()]
    rnd = random.Random(seed)
    documents = []
    for _ in range(count):
        size = rnd.choice([1, 2, 3, 5, 8, 13, 30, 45])
        picked = [rnd.choice(paragraphs) for _ in range(size)]
        documents.append("\n\n".join(picked))
    return documents


def stock(language: str = "english") -> LexRankSummarizer:
    summarizer = LexRankSummarizer(Stemmer(language))
    summarizer.stop_words = get_stop_words(language)
    return summarizer


def fast(language: str = "english") -> FastLexRankSummarizer:
    resources = LanguageResources.for_language(language)
    summarizer = FastLexRankSummarizer(resources.stem)
    summarizer.stop_words = resources.stop_words
    return summarizer


def stock_selections(document: object, counts: list[int]) -> list[tuple[object, ...]]:
    """What `LexRankSummarizer()(document, count)` returns for each count, ranking once:
    sumy's O(n^2) Python loops are what make it slow, and the tests need not pay 5 times."""
    summarizer = stock()
    scores = sumy_scores(summarizer, document.sentences)
    ratings = dict(zip(document.sentences, scores, strict=True))
    return [summarizer._get_best_sentences(document.sentences, c, ratings) for c in counts]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_selections_match_sumy(prose_texts: list[str], seed: int) -> None:
    resources = LanguageResources.for_language("english")
    for text in varied_documents(prose_texts, 4, seed):
        document = parse_documents([text], resources).document
        tokenize_words(document, resources)
        n = len(document.sentences)
        counts = sorted({1, 3, 5, 10, max(1, n // 4)})
        expected = stock_selections(document, counts)
        for count, reference in zip(counts, expected, strict=True):
            assert fast()(document, count) == reference, (seed, n, count)


def test_stock_selection_helper_is_sumys_call(prose_texts: list[str]) -> None:
    resources = LanguageResources.for_language("english")
    document = parse_documents([prose_texts[0]], resources).document
    assert stock_selections(document, [4]) == [stock()(document, 4)]


def test_scores_match_sumy_numerically(multinews_example: str) -> None:
    resources = LanguageResources.for_language("english")
    document = parse_documents([multinews_example], resources).document
    reference = stock()
    terms = [reference._to_words_set(s) for s in document.sentences]
    expected = sumy_scores(reference, document.sentences)
    assert len(expected) > 100
    np.testing.assert_allclose(lexrank_scores(terms), expected, rtol=1e-9, atol=1e-12)


def test_selection_matches_sumy_in_another_language() -> None:
    text = (
        "Der Stadtrat hat am Dienstag den Bau einer Flutmauer beschlossen. Die Mauer soll "
        "vier Kilometer lang werden. Die Kosten liegen bei 210 Millionen Euro. Die Fischer "
        "fürchten, dass die Mauer den Hafen abschneidet. Die Ingenieure sagen, die Tore bleiben "
        "bei ruhigem Wetter offen. Die Mauer schützt etwa 3400 Häuser vor dem Hochwasser. "
        "Der Bau der Mauer beginnt im Frühjahr. Umweltgruppen loben die Renaturierung der "
        "Salzwiese. Der Hafen bleibt für Boote erreichbar."
    )
    resources = LanguageResources.for_language("german")
    document = parse_documents([text], resources).document
    for count in (1, 2, 4):
        assert fast("german")(document, count) == stock("german")(document, count)


def test_repeated_sentences_rate_as_sumy_does() -> None:
    # sumy keys ratings by sentence text: the duplicates below must not break the match.
    text = (
        "Share this article. "
        + "The wall will cost a lot of money. " * 3
        + "Share this article. The council voted for the wall. "
        + "Money for the wall comes from a fund."
    )
    resources = LanguageResources.for_language("english")
    document = parse_documents([text], resources).document
    tokenize_words(document, resources)
    for count in (1, 2, 3):
        assert fast()(document, count) == stock()(document, count)


def test_empty_document_gives_no_sentences() -> None:
    resources = LanguageResources.for_language("english")
    document = parse_documents([""], resources).document
    assert fast()(document, 3) == ()


def test_personalized_iteration_prefers_the_teleport_target() -> None:
    # Two disconnected pairs: without a bias they tie; a teleport towards sentence 0 breaks it.
    adjacency = sp.csr_matrix(np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1.0]]))
    plain = stationary_distribution(adjacency, 1e-9)
    assert plain[0] == pytest.approx(plain[2])
    biased = stationary_distribution(adjacency, 1e-9, np.array([1.0, 0, 0, 0]), damping=0.3)
    assert biased[0] > biased[2] and biased[1] > biased[3]
