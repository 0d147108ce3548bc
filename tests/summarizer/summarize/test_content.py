"""Which sentences the default method counts as content."""

from __future__ import annotations

import pytest

from summarizer.summarize.content import is_content
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


@pytest.mark.parametrize(
    "sentence,content",
    [
        ("but only for a very small portion of America, the senator said on Monday.", False),
        ("and the council is expected to vote on the plan in the spring.", False),
        ("iPhone sales rose by a third in the last three months of the year.", True),
        ("10 people were hurt when the bridge over the river gave way.", True),
    ],
)
def test_a_sentence_that_begins_in_the_middle_of_another_is_not_content(
    sentence: str, content: bool
) -> None:
    assert is_content(sentence, SkimConfig()) is content
