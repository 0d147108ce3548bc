"""`summarize()`: text or documents in, a `Summary` out.

The flow is one way: split and clean the input (`documents`) -> parse into sumy's document
model (`parse`) -> score sentences with a method (`methods`) -> pick whole sentences for the
length asked for (`select`) -> `Summary`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.errors import InputTooLargeError, InvalidLengthError, NoWordsError
from summarizer.models import Length, Summary
from summarizer.summarize.documents import split_documents
from summarizer.summarize.language import LanguageResources, text_language
from summarizer.summarize.methods import DEFAULT_METHOD, get_method
from summarizer.summarize.parse import parse_documents
from summarizer.summarize.ranking import Method, Ranking
from summarizer.summarize.select import default_sentence_count, select

# A word, for sumy, starts with a letter: a text without one has nothing to rank.
_LETTER = re.compile(r"[^\W\d_]")

#: The most sentences ranked at once. Ranking compares every pair of sentences, so time and
#: memory grow with the square of this: 5,000 sentences of real prose rank in well under a
#: second, and even 5,000 copies of one sentence (a complete graph, the worst case) stay
#: within about 300 MB. Under `documents.MAX_INPUT_CHARS` this only bites on text cut into
#: very many very short sentences.
MAX_SENTENCES = 5_000


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
    language: str | None = None,
    method: str | Method = DEFAULT_METHOD,
    lengths: Sequence[int] = (),
) -> Summary:
    """Summarize one text, or several documents about one subject, by extracting sentences.

    `text_or_documents` is a string (several documents when joined by `|||||`) or a list of
    strings. `sentences=N` asks for N sentences, `max_words=W` for whole sentences totalling at
    most W words; with neither, the length scales with the input. `method` is "skim" (the
    default, tuned for news) or "lexrank" (sumy's LexRank, selection for selection).
    `language` names the stemmer, stop words and sentence splitter ("german", "de"); without
    it, the language is read from the text (English when unsure or not supported).

    `lengths` (word budgets) asks for the same summary at those lengths too, from the same
    ranking (`Summary.lengths`): the one-sentence TL;DR first, then each budget that gives
    different sentences from the one before it.
    """
    _check_lengths(sentences, max_words)
    for budget in lengths:
        _check_lengths(None, budget)
    ranker = get_method(method)
    documents = split_documents(text_or_documents)
    if language is None:
        language = text_language("\n".join(documents[:3]))
    resources = LanguageResources.for_language(language)
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
    chosen = select(ranking, word_counts, sentences=count, max_words=max_words)
    if not chosen:
        shortest = min(word_counts)
        raise InvalidLengthError(
            f"No sentence of this text fits in {max_words} words (the shortest has "
            f"{shortest}); ask for a longer summary."
        )
    picked = tuple(texts[i] for i in chosen)
    best = select(ranking, word_counts, sentences=1, max_words=None)
    ladder: list[Length] = []
    for indices, budget in _ladder(ranking, word_counts, chosen, best, max_words, lengths):
        taken = tuple(texts[i] for i in indices)
        if taken and (not ladder or ladder[-1].sentences != taken):
            ladder.append(
                Length(
                    max_words=budget,
                    sentences=taken,
                    documents=tuple(parsed.origins[i] for i in indices),
                    output_words=sum(word_counts[i] for i in indices),
                )
            )
    return Summary(
        sentences=picked,
        documents=tuple(parsed.origins[i] for i in chosen),
        input_words=input_words,
        output_words=sum(word_counts[i] for i in chosen),
        method=ranker.name,
        input_documents=len(documents),
        language=resources.language,
        tldr=texts[best[0]] if best else None,
        lengths=tuple(ladder),
    )


def _ladder(
    ranking: Ranking,
    word_counts: Sequence[int],
    chosen: Sequence[int],
    best: Sequence[int],
    max_words: int | None,
    lengths: Sequence[int],
) -> list[tuple[list[int], int]]:
    """The summary at each budget of `lengths`, shortest first, with its budget: a ladder
    that passes through the summary asked for, each rung the rung below it plus sentences,
    the lowest one sentence.

    Why nested rather than each budget chosen afresh: a reader pressing Shorter expects the
    reply to lose sentences, not to swap one for another that is shorter, and Longer to keep
    what was read and add to it. So the rungs below the summary asked for are chosen from
    within the rung above them, the rungs above it by adding to the rung below, each in the
    ranking's order and within its budget.
    """
    if not lengths:
        return []
    words = sum(word_counts[i] for i in chosen)
    anchor = max_words if max_words is not None else words
    below = sorted((b for b in set(lengths) if b < anchor), reverse=True)
    above = sorted(b for b in set(lengths) if b > anchor)
    shorter: list[tuple[list[int], int]] = []
    inside = list(chosen)
    for budget in below:
        picked = select(ranking, word_counts, sentences=None, max_words=budget, within=inside)
        if not picked:
            break
        shorter.append((picked, budget))
        inside = picked
    one = select(ranking, word_counts, sentences=1, max_words=None, within=inside) or list(best)
    rungs = [(one, sum(word_counts[i] for i in one)), *reversed(shorter), (list(chosen), anchor)]
    for budget in above:
        kept = rungs[-1][0]
        rungs.append(
            (select(ranking, word_counts, sentences=None, max_words=budget, keep=kept), budget)
        )
    return rungs
