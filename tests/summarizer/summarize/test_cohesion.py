"""Sentences that lean on their neighbours: quotations of several sentences, pronoun leads."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.summarize.cohesion import (
    MAX_QUOTATION_SENTENCES,
    is_all_quotation,
    leans_back,
    quotation_spans,
)
from summarizer.summarize.content import is_statement
from summarizer.summarize.pipeline import summarize
from summarizer.summarize.ranking import Ranking
from summarizer.summarize.select import select


def test_a_quotation_over_several_sentences_is_one_span() -> None:
    texts = [
        "The mayor spoke on Monday.",
        '"We knew it would be hard.',
        "Nobody expected this.",
        'We will rebuild," she said.',
        "The council agreed.",
    ]
    spans, broken = quotation_spans(texts, [0, 1, 1, 1, 2])
    assert spans == {1: (1, 2, 3), 2: (1, 2, 3), 3: (1, 2, 3)}
    assert broken == set()


@pytest.mark.parametrize(
    ("texts", "paragraphs"),
    [
        (['"It opens here.', "The paragraph ends."], [0, 0]),  # never closes
        (['"It opens here.', 'And closes," he said.'], [0, 1]),  # closes in another paragraph
        (['"One.'] + ["More."] * MAX_QUOTATION_SENTENCES + ['End," he said.'], [0] * 6),
    ],
    ids=["unclosed", "across paragraphs", "a speech"],
)
def test_a_quotation_that_cannot_be_taken_whole_is_broken(
    texts: list[str], paragraphs: list[int]
) -> None:
    spans, broken = quotation_spans(texts, paragraphs)
    assert spans == {}
    assert broken == set(range(len(texts)))


def test_every_convention_of_quotation_marks_counts() -> None:
    texts = ["„Wir haben gewonnen.", "Es war schwer“, sagte er.", "« Nous avons gagné.", "Oui »."]
    spans, _ = quotation_spans(texts, [0, 0, 1, 1])
    assert spans[0] == (0, 1) and spans[2] == (2, 3)


@pytest.mark.parametrize(
    ("text", "language", "leans"),
    [
        ("He said the plan would fail.", "english", True),
        ('"We won," she said after the match.', "english", True),
        ("“It was hard.”", "english", True),  # all quotation: the speaker is before it
        ("Smith said he would go.", "english", False),
        ('"We won," Smith said.', "english", False),
        ("Il a annoncé sa démission mardi.", "french", True),
        ("Le maire a annoncé sa démission mardi.", "french", False),
        ("He left.", "czech", False),  # no table for the language: nothing leans
    ],
)
def test_leans_back(text: str, language: str, leans: bool) -> None:
    assert leans_back(text, language) is leans


def test_all_quotation() -> None:
    assert is_all_quotation('"We played well."')
    assert not is_all_quotation('"We played well," said Smith.')


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("What happens next?", False),
        ('"Where next?" he asked.', True),
        ('Nobody expected this," she said.', False),
        ("¿Qué pasará ahora?", False),
        ("The council agreed on Monday.", True),
    ],
)
def test_is_statement(text: str, statement: bool) -> None:
    assert is_statement(text) is statement


def test_selection_takes_a_unit_whole_or_not_at_all() -> None:
    ranking = Ranking(np.array([1.0, 5.0, 4.0, 0.5]), units={1: (1, 2), 2: (1, 2)})
    assert select(ranking, [5, 5, 5, 5], sentences=None, max_words=10) == [1, 2]
    assert select(ranking, [5, 5, 5, 5], sentences=None, max_words=9) == [0]
    assert select(ranking, [5, 5, 5, 5], sentences=1, max_words=None) == [0]


def test_selection_takes_a_leaning_sentence_with_the_one_before_it() -> None:
    ranking = Ranking(np.array([1.0, 5.0, 0.1, 0.2]), after={1: 0, 3: -1})
    assert select(ranking, [5, 5, 5, 5], sentences=None, max_words=10) == [0, 1]
    assert select(ranking, [5, 5, 5, 5], sentences=None, max_words=5) == [0]
    # One that leans on nothing there is never taken, unless nothing else can be.
    assert 3 not in select(ranking, [5, 5, 5, 5], sentences=None, max_words=100)
    alone = Ranking(np.array([1.0]), after={0: -1})
    assert select(alone, [5], sentences=1, max_words=None) == [0]


ARTICLE = (
    "The city council of Port Ellis voted on Monday to close the old harbour bridge for "
    "repairs. Engineers found rust in the steel beams of the bridge last winter. "
    '"We knew the repairs would be hard for everyone in the town. Nobody expected the '
    'bridge to be in such a bad state," the mayor of Port Ellis said on Monday. '
    "She said the repairs to the bridge would take six months and cost four million. "
    "Shops near the bridge fear they will lose customers during the repairs. "
    "A free ferry will carry people across the harbour while the bridge is closed."
)


@pytest.mark.parametrize("words", range(20, 130, 10))
def test_a_summary_never_holds_half_a_quotation_or_a_pronoun_without_its_name(
    words: int,
) -> None:
    picked = summarize(ARTICLE, max_words=words, language="english").sentences
    texts = list(picked)
    opening = next((i for i, t in enumerate(texts) if t.startswith('"We knew')), None)
    closing = next((i for i, t in enumerate(texts) if t.startswith("Nobody expected")), None)
    assert (opening is None) == (closing is None), texts
    if opening is not None and closing is not None:
        assert closing == opening + 1
    if any(t.startswith("She said") for t in texts):
        assert any("the mayor" in t for t in texts), texts
