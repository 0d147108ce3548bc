"""Which sentences the default method counts as content."""

from __future__ import annotations

import pytest

from summarizer.summarize.content import fragments, is_content
from summarizer.summarize.pipeline import summarize
from summarizer.summarize.skim import SkimConfig


@pytest.mark.parametrize(
    "sentence,content",
    [
        ("The full report can be downloaded HERE.", False),
        ("You can read the whole interview with the mayor here.", False),
        ("The council said the new vaccine was available here and in two other towns.", True),
        ("Officials told reporters that the soldiers were here to stay for the winter.", True),
    ],
)
def test_default_method_leaves_out_sentences_that_are_links(sentence: str, content: bool) -> None:
    assert is_content(sentence, SkimConfig()) is content


@pytest.mark.parametrize(
    "sentence,content",
    [
        (
            "LONDON, England (Reuters) -- Harry Potter star Daniel Radcliffe turns 18 on Monday.",
            True,
        ),
        ("NEW DELHI (AP) — India has elected its first female president, results show.", True),
        ("The mayor speaks at a rally in the city on Tuesday (AP Photo/John Smith).", False),
        ("Firefighters work through the night at the scene of the blaze (Reuters).", False),
    ],
)
def test_a_dateline_s_agency_is_not_a_photo_credit(sentence: str, content: bool) -> None:
    """An agency in brackets before a dash opens the story; anywhere else it credits a photo."""
    assert is_content(sentence, SkimConfig()) is content


STORY = [
    "The council voted on Monday to build a flood wall along the harbour front.",
    "The wall will cost 210 million dollars and take four years to build.",
    "but only for a very small portion of the town, the mayor said.",
    "iPhone sales at the harbour shops rose by a third after the vote.",
    "10 families living on the front will have to move while it is built.",
    "The mayor said the wall would protect the harbour front for a century.",
    "Engineers from the port authority will oversee the work on the wall.",
    "The harbour front flooded three times last winter, closing the shops.",
    "Shop owners on the harbour front said the council vote was welcome news.",
    "The council will hold a public meeting about the wall next month.",
    "and the work is expected to begin in the spring of next year.",
    "The first stretch of the wall will be built near the ferry terminal.",
]


def test_a_sentence_that_begins_in_the_middle_of_another_is_a_fragment() -> None:
    assert fragments(STORY, range(len(STORY))) == {2, 10}


def test_a_text_written_in_lower_case_has_no_fragments() -> None:
    """A chat message in lower case is sentences, not halves of them."""
    chat = [s[0].lower() + s[1:] for s in STORY]
    assert fragments(chat, range(len(chat))) == set()


def test_the_default_method_never_picks_a_fragment() -> None:
    """Asked for all but one sentence, it still leaves both halves out."""
    summary = summarize(" ".join(STORY), sentences=len(STORY) - 1)
    assert len(summary.sentences) == len(STORY) - 2
    assert not any(s.split()[0].islower() for s in summary.sentences)


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Fearful customers line up outside a Northern Rock branch in southeast London.", False),
        ("Princes Harry and William greet guests at a service in memory of their mother.", False),
        ("Customers lined up outside the bank branch in southeast London on Friday.", True),
        ("The bank has told customers that their savings are safe for now.", True),
        ("LONDON (Reuters) -- Harry Potter star Daniel Radcliffe turns 18 on Monday.", True),
        ('"We will not give up on this town and its people," the mayor of Port Ellis.', True),
        ("Police close off the streets around the theatre district, Friday, June 29, 2007.", False),
    ],
)
def test_an_english_sentence_without_a_tensed_verb_or_with_a_date_stamp_is_a_caption(
    sentence: str, content: bool
) -> None:
    assert is_content(sentence, SkimConfig()) is content


def test_the_tense_rule_is_english_only() -> None:
    caption_like = "Des clients font la queue devant une agence de la banque à Londres."
    assert is_content(caption_like, SkimConfig(), "french")
    assert not is_content("Fearful customers line up outside a branch in London.", SkimConfig())
