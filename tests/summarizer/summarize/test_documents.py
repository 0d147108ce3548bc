"""What was pasted, as documents: separators, labels and requests to the summarizer are not
content."""

from __future__ import annotations

import pytest

from summarizer import summarize
from summarizer.summarize.documents import split_documents, strip_requests
from tests.support.data import QUESTION


def test_canonical_example_is_three_documents_without_the_question(multinews_example) -> None:
    documents = split_documents(multinews_example)
    assert len(documents) == 3
    assert all(QUESTION not in d for d in documents)
    assert not documents[0].startswith("News article:")
    summary = summarize(multinews_example, max_words=300)
    assert summary.input_documents == 3
    assert QUESTION not in summary.text
    assert "News article" not in summary.text
    assert set(summary.documents) <= {0, 1, 2}


@pytest.mark.parametrize(
    "request_line",
    [
        QUESTION,
        "Summarize the above article.",
        "Please give me a summary of the text above.",
        "TL;DR:",
        "Question: Can you write a short version of this story?",
    ],
)
def test_trailing_requests_are_not_content(request_line: str) -> None:
    text = "The wall will cost 210 million dollars.\nIt opens in 2031.\n\n" + request_line
    assert strip_requests(text).rstrip().endswith("It opens in 2031.")


def test_an_article_ending_with_a_question_keeps_it() -> None:
    text = "The council met on Tuesday.\nWho will pay for the new ramps?"
    assert strip_requests(text) == text


def test_list_of_documents_maps_sentences_to_their_document(prose_texts) -> None:
    summary = summarize(prose_texts[:2], sentences=6)
    for sentence, document in zip(summary.sentences, summary.documents, strict=True):
        assert sentence in " ".join(prose_texts[document].split())
