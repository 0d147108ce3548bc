"""Sentences that lean on their neighbours, and what a summary must keep beside them.

A sentence can be true and still unreadable alone. Two kinds are common in news:

- A quotation several sentences long: "We knew it would be hard. | Nobody expected this," she
  said. Split into sentences, its middle has no speaker and its ends have one quotation mark
  each. `quotation_spans` finds such runs, so that selection takes a quotation whole or not at
  all.
- A sentence led by a pronoun ("He said the plan would fail.", "\"It failed,\" she said."):
  who "he" is, is in a sentence before it. `leans_back` finds them, so that selection takes
  one only after the sentence before it.

Both are read from the text alone: quotation marks (of every convention) and a short table of
each language's pronouns, not lists of examples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Double quotation marks of every convention: "straight", “English”, „German“, «French».
#: Their count tells whether a sentence opens or closes a quotation without the other half,
#: whichever the convention (German closes with the mark English opens with).
QUOTE_MARKS = frozenset('"“”„«»')

#: The longest quotation, in sentences, that is kept whole; a longer one is a speech or an
#: interview, not a sentence of a summary, and is left out.
MAX_QUOTATION_SENTENCES = 4

#: Words that, first in a sentence, point back to someone or something named before it.
#: Languages without an entry lean on nothing (their sentences are taken as they are).
_PRONOUN_WORDS = {
    "english": "he she it they his her its their him them this that these those such",
    "french": "il elle ils elles ce cette ces cela ceci son sa ses leur leurs",
    "german": "er sie es ihr ihre sein seine dies diese dieser dieses",
    "spanish": "él ella ellos ellas esto este esta estos estas su sus",
    "italian": "lui lei egli essi esse questo questa questi queste",
    "portuguese": "ele ela eles elas isto este esta estes estas",
}
PRONOUNS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _PRONOUN_WORDS.items()}

_TRAILING = ".!?… "
_QUOTED = re.compile(r"[\"“„«][^\"“”„«»]*[\"”“»]")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def quote_marks(text: str) -> int:
    return sum(1 for c in text if c in QUOTE_MARKS)


def quotation_spans(
    texts: Sequence[str], paragraphs: Sequence[int]
) -> tuple[dict[int, tuple[int, ...]], set[int]]:
    """The quotations that run over several sentences, and the sentences of broken ones.

    A sentence with an odd number of quotation marks opens a quotation or closes one; the
    sentences from an opening to its closing, within one paragraph, are one quotation. Returns
    each such sentence's whole quotation, and the sentences of quotations that never close in
    their paragraph or run longer than `MAX_QUOTATION_SENTENCES`: those cannot be quoted
    whole.
    """
    spans: dict[int, tuple[int, ...]] = {}
    broken: set[int] = set()
    current: list[int] = []
    for index, text in enumerate(texts):
        if current and paragraphs[index] != paragraphs[current[-1]]:
            broken.update(current)
            current = []
        odd = quote_marks(text) % 2 == 1
        if current:
            current.append(index)
            if odd:
                span = tuple(current)
                if len(span) > MAX_QUOTATION_SENTENCES:
                    broken.update(span)
                else:
                    spans.update((i, span) for i in span)
                current = []
        elif odd:
            current = [index]
    broken.update(current)
    return spans, broken


def is_all_quotation(text: str) -> bool:
    """A sentence that is one quotation and nothing else: who says it is in another sentence."""
    body = text.strip().rstrip(_TRAILING)
    return body[:1] in QUOTE_MARKS and body[-1:] in QUOTE_MARKS and quote_marks(body) == 2


def leans_back(text: str, language: str) -> bool:
    """Whether a sentence needs the one before it: it is all quotation (its speaker is named
    before it), or it begins, outside its quotations, with a pronoun ("He said ...",
    "\"We won,\" she said.": who "he" is, is in an earlier sentence)."""
    if is_all_quotation(text):
        return True
    pronouns = PRONOUNS.get(language)
    if not pronouns:
        return False
    first = _FIRST_WORD.search(_QUOTED.sub(" ", text))
    return first is not None and first.group().lower() in pronouns
