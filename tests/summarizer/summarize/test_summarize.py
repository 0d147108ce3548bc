"""summarize(): lengths, methods and bad input."""

from __future__ import annotations

import itertools
import time

import pytest

from summarizer import Summary, summarize
from summarizer.detect import detect_language
from summarizer.errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    InvalidLengthError,
    NoWordsError,
    SkimError,
    UnsupportedLanguageError,
)
from summarizer.summarize.documents import MAX_INPUT_CHARS
from summarizer.summarize.pipeline import MAX_SENTENCES
from summarizer.summarize.select import default_sentence_count
from summarizer.summarize.skim import SkimConfig, SkimRank
from tests.support.data import QUESTION


@pytest.mark.parametrize("method", ["skim", "lexrank"])
@pytest.mark.parametrize("count", [1, 2, 5])
def test_sentences_gives_that_many_in_source_order(prose_texts, method: str, count: int) -> None:
    text = prose_texts[0]
    summary = summarize(text, sentences=count, method=method)
    assert len(summary.sentences) == count
    flat = " ".join(text.split())
    positions = [flat.index(s) for s in summary.sentences]
    assert positions == sorted(positions)


@pytest.mark.parametrize("method", ["skim", "lexrank"])
def test_max_words_is_never_exceeded(multinews_example, method: str) -> None:
    for budget in (12, 25, 40, 63, 100, 150, 300, 1000):
        summary = summarize(multinews_example, max_words=budget, method=method)
        words = sum(len(s.split()) for s in summary.sentences)
        assert words == summary.output_words <= budget
        assert summary.sentences


def test_max_words_uses_the_budget_well(multinews_example) -> None:
    summary = summarize(multinews_example, max_words=300)
    assert summary.output_words >= 250


def test_default_length_scales_with_input(prose_texts, multinews_example) -> None:
    assert default_sentence_count(5) == 1
    assert default_sentence_count(40) == 3
    assert default_sentence_count(100_000) == 7
    short = summarize("A short note. It has two sentences only.")
    assert len(short.sentences) == 1
    article = summarize(prose_texts[0])
    assert 2 <= len(article.sentences) <= 4
    assert len(summarize(multinews_example).sentences) >= len(article.sentences)


def test_counts(prose_texts) -> None:
    summary = summarize(prose_texts[1], sentences=2)
    assert isinstance(summary, Summary)
    assert summary.input_words == len(prose_texts[1].split())
    assert summary.output_words == sum(len(s.split()) for s in summary.sentences)
    assert summary.text == " ".join(summary.sentences)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sentences": 0},
        {"sentences": -1},
        {"max_words": 0},
        {"sentences": 2.5},
        {"sentences": True},
        {"max_words": "ten"},
    ],
)
def test_nonsense_lengths_are_refused(kwargs) -> None:
    with pytest.raises(InvalidLengthError) as error:
        summarize("One sentence here. And another one.", **kwargs)
    assert "must be" in str(error.value)


def test_a_budget_no_sentence_fits_says_so() -> None:
    with pytest.raises(InvalidLengthError) as error:
        summarize("This sentence has exactly seven words in it.", max_words=3)
    assert "longer summary" in str(error.value)


def test_default_method_skips_credits_links_and_headings(multinews_example) -> None:
    summary = summarize(multinews_example, max_words=300)
    assert summary.method == "skim"
    for sentence in summary.sentences:
        assert not sentence.startswith("@")
        assert sentence[-1] in ".!?\"'”’)"


def test_default_method_does_not_repeat_a_fact() -> None:
    documents = [
        "The city council voted to build a flood wall on Tuesday. The wall costs 210 million. "
        "Fishermen worry about access to the harbour for their boats.",
        "On Tuesday the city council voted to build a flood wall. Construction starts in spring. "
        "A salt marsh north of the harbour will also be restored.",
    ]
    summary = summarize(documents, sentences=2)
    assert not (
        "voted to build a flood wall" in summary.sentences[0]
        and "voted to build a flood wall" in summary.sentences[1]
    )


BP_LEADS = [
    "BP shareholders have rejected a pay package of almost 14 million pounds for chief executive "
    "Bob Dudley. The vote at the annual meeting in London is not binding on the board. "
    "The company said it would consult investors before setting pay for next year.",
    "A majority of BP investors voted against the executive pay policy, a stinging rebuke to Bob "
    "Dudley. Oil prices fell sharply last year and the company cut thousands of jobs. "
    "Investor groups had urged shareholders to oppose the package before the meeting.",
    "Bob Dudley's pay rose by a fifth last year while BP made its worst loss in decades. "
    "The board said the package reflected the company's strong safety record. "
    "Several large pension funds said before the meeting that they would vote against it.",
]


def test_two_outlets_leads_saying_one_thing_in_other_words_are_not_both_taken() -> None:
    """The two first sentences share only "BP", "Bob Dudley", "pay": under the general cut,
    over the one between leads."""
    first, second = BP_LEADS[0].split(". ")[0] + ".", BP_LEADS[1].split(", a")[0]
    summary = summarize(BP_LEADS, sentences=3)
    assert first in summary.sentences
    assert not any(s.startswith(second) for s in summary.sentences)
    # The rule is what keeps it out: at the general cut both leads are taken.
    loose = summarize(BP_LEADS, sentences=3, method=SkimRank(SkimConfig(lead_redundancy=0.5)))
    assert any(s.startswith(second) for s in loose.sentences)
    # A lead far enough from the others (a different fact) still comes in.
    assert any(s.startswith("Bob Dudley's pay rose") for s in summary.sentences)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(InputError) as error:
        summarize("One sentence. Two sentences.", method="gpt")
    assert "skim" in str(error.value)


@pytest.mark.parametrize(
    "language,text",
    [
        (
            "german",
            "Der Rat hat die Mauer beschlossen. Sie kostet viel Geld. Die Fischer sind "
            "dagegen, weil der Hafen schwer erreichbar wird. Der Bau beginnt im Frühjahr.",
        ),
        (
            "french",
            "Le conseil a voté la construction du mur. Il coûtera très cher. Les pêcheurs "
            "craignent de perdre l'accès au port. Les travaux commencent au printemps.",
        ),
        (
            "spanish",
            "El consejo aprobó el muro. Costará mucho dinero. Los pescadores temen "
            "perder el acceso al puerto. Las obras empiezan en primavera.",
        ),
    ],
)
def test_other_languages(language: str, text: str) -> None:
    for method in ("skim", "lexrank"):
        assert summarize(text, sentences=2, language=language, method=method).sentences


@pytest.mark.parametrize("text", ["", "   \n\t  ", "|||||", "\n\n|||||\n" + QUESTION])
def test_empty_input(text: str) -> None:
    with pytest.raises(EmptyInputError) as error:
        summarize(text)
    assert "no text" in str(error.value)


@pytest.mark.parametrize("text", ["12345 678. 99!", "🙂🙂 🙂 🎉", "--- *** ///", "3.14 2.71 1.41"])
def test_text_without_words(text: str) -> None:
    with pytest.raises(NoWordsError) as error:
        summarize(text)
    assert "no words" in str(error.value)


def test_binary_garbage_gives_a_plain_answer_not_a_crash() -> None:
    garbage = bytes(range(256)).decode("latin-1") * 40
    try:
        summary = summarize(garbage)
    except SkimError:
        return
    assert "\x00" not in summary.text


def test_one_sentence_is_its_own_summary() -> None:
    summary = summarize("Only one sentence lives here.", sentences=3)
    assert summary.sentences == ("Only one sentence lives here.",)


def test_ten_megabyte_paste_is_refused_at_once() -> None:
    text = "The council voted for the wall. " * (10 * 1024 * 1024 // 32)
    start = time.monotonic()
    with pytest.raises(InputTooLargeError) as error:
        summarize(text)
    assert time.monotonic() - start < 30  # a guard against hanging, not a speed target
    assert f"{MAX_INPUT_CHARS:,}" in str(error.value)


def test_too_many_sentences_are_refused_in_plain_words() -> None:
    # Well under the character limit, but more sentences than are ranked at once.
    text = "Wall. " * (MAX_SENTENCES + 1)
    assert len(text) < MAX_INPUT_CHARS
    with pytest.raises(InputTooLargeError) as error:
        summarize(text)
    assert f"{MAX_SENTENCES:,} sentences" in str(error.value)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["skim", "lexrank"])
def test_the_worst_case_at_the_sentence_limit_is_summarized(method: str) -> None:
    # Every sentence like every other: the similarity graph is complete, the most costly case.
    sentence = "Council member number {} voted for the new harbour wall on Tuesday. "
    text = "".join(sentence.format(i) for i in range(MAX_SENTENCES))
    summary = summarize(text, max_words=60, method=method)
    assert summary.sentences
    assert summary.output_words <= 60


def test_unsupported_language() -> None:
    with pytest.raises(UnsupportedLanguageError):
        summarize("Some text here. More text.", language="klingon")


def test_wrong_type() -> None:
    with pytest.raises(TypeError):
        summarize(42)  # type: ignore[arg-type]


FRENCH = (
    "La mairie a annoncé mardi la fermeture du pont principal pendant six mois de travaux. "
    "Les habitants devront emprunter une passerelle provisoire installée plus au nord. "
    "Selon les ingénieurs, la structure métallique souffre de corrosion depuis plusieurs "
    "années. Les commerçants du quartier craignent une baisse de leur chiffre d'affaires. "
    "La ville promet des navettes gratuites pour limiter la gêne."
)
DUTCH = (
    "De gemeente heeft dinsdag bekendgemaakt dat de grote brug zes maanden dicht gaat voor "
    "onderhoud. Bewoners moeten een tijdelijke loopbrug verder naar het noorden gebruiken. "
    "Volgens de ingenieurs is het staal al jaren aangetast door roest. Winkeliers in de wijk "
    "vrezen minder klanten. De stad belooft gratis pendelbussen om de overlast te beperken."
)


def test_text_with_no_language_given_is_summarized_in_the_language_it_is_written_in() -> None:
    read = summarize(FRENCH, sentences=2)
    assert read.language == "french"
    assert read.sentences == summarize(FRENCH, sentences=2, language="french").sentences


def test_a_language_given_wins_over_the_one_read() -> None:
    assert summarize(FRENCH, sentences=2, language="english").language == "english"


@pytest.mark.parametrize(
    "text",
    [DUTCH, "Le pont ferme. Les habitants passent au nord."],
    ids=["a language Skim lacks", "too short to tell"],
)
def test_a_text_whose_language_is_unknown_or_unsure_is_summarized_as_english(text: str) -> None:
    assert detect_language(text) in {"nl", None}  # read as Dutch, or too short to read
    assert summarize(text, sentences=1).language == "english"


@pytest.mark.parametrize("kwargs", [{"max_words": 60}, {"sentences": 3}, {}])
def test_the_tldr_is_the_one_sentence_summary_whatever_length_is_asked(
    prose_texts, kwargs: dict[str, int]
) -> None:
    for text in prose_texts:
        summary = summarize(text, **kwargs)
        assert summary.tldr is not None
        assert (summary.tldr,) == summarize(text, sentences=1).sentences


def test_lengths_are_one_ladder_through_the_summary_asked_for(multinews_example) -> None:
    summary = summarize(multinews_example, max_words=100, lengths=(400, 50, 100, 200))
    rungs = summary.lengths
    assert len(rungs[0].sentences) == 1
    assert rungs[0].sentences == (summary.tldr,)  # the TL;DR is in every rung here
    budgets = [r.max_words for r in rungs[1:]]
    assert budgets == sorted(budgets) and set(budgets) <= {50, 100, 200, 400}
    for rung in rungs:
        assert rung.output_words == sum(len(s.split()) for s in rung.sentences) <= rung.max_words
        assert len(rung.documents) == len(rung.sentences)
    # Each rung is the one below it plus sentences, in reading order: Shorter only takes
    # sentences away, Longer only adds; and the summary asked for is one of the rungs.
    for lower, upper in itertools.pairwise(rungs):
        assert set(lower.sentences) < set(upper.sentences)
        assert [s for s in upper.sentences if s in lower.sentences] == list(lower.sentences)
    assert summary.sentences == summarize(multinews_example, max_words=100).sentences
    assert [r.sentences for r in rungs].count(summary.sentences) == 1
    # The same every time.
    again = summarize(multinews_example, max_words=100, lengths=(50, 100, 200, 400))
    assert again.lengths == rungs
    assert summarize(multinews_example, max_words=100).lengths == ()


@pytest.mark.parametrize("lengths", [(0,), (50, -1), (2.5,)])
def test_nonsense_lengths_in_the_ladder_are_refused(lengths) -> None:
    with pytest.raises(InvalidLengthError):
        summarize("A sentence here. And another one there.", lengths=lengths)
