"""The best answer of a Q&A page, as JSON-LD or microdata declares it."""

from __future__ import annotations

import json
from typing import Any

from summarizer import extract

LONG = "This answer explains the fix in enough words to be worth leading a reply with, {}."


def qa_page(question: dict[str, Any]) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "QAPage", "mainEntity": question})
    posts = "".join(
        f"<div class='post'><p>{LONG.format(i)} More text here.</p></div>" for i in range(3)
    )
    return (
        f"<html><head><title>Q</title><script type='application/ld+json'>{ld}</script></head>"
        f"<body><main><h1>Q</h1>{posts}</main></body></html>"
    )


def test_the_most_voted_answer_leads_when_none_is_accepted() -> None:
    question = {
        "@type": "Question",
        "name": "Q",
        "text": "<p>How do I <b>do</b> it?</p>",
        "suggestedAnswer": [
            {"@type": "Answer", "text": LONG.format("few"), "upvoteCount": 2},
            {"@type": "Answer", "text": f"<p>{LONG.format('most')}</p>", "upvoteCount": "40",
             "author": {"@type": "Person", "name": "ana"}},
        ],
    }  # fmt: skip
    article = extract(qa_page(question))
    assert article.kind == "qa" and article.question == "How do I do it?"
    assert article.answer is not None and article.answer.text == LONG.format("most")
    assert not article.answer.accepted and article.answer.author == "ana"


def test_the_accepted_answer_beats_votes_and_a_comment_sized_one_is_no_answer() -> None:
    question = {
        "@type": "Question",
        "name": "Q",
        "acceptedAnswer": {"@type": "Answer", "text": "Thanks, that worked!", "upvoteCount": 99},
        "suggestedAnswer": {"@type": "Answer", "text": LONG.format("only"), "upvoteCount": 1},
    }
    article = extract(qa_page(question))
    assert article.answer is not None and article.answer.text == LONG.format("only")
    question["acceptedAnswer"]["text"] = LONG.format("accepted")
    accepted = extract(qa_page(question)).answer
    assert accepted is not None and accepted.accepted and "accepted" in accepted.text


def test_a_page_that_is_not_qa_has_no_question_or_answer() -> None:
    article = extract(qa_page({"@type": "Thing"}).replace("QAPage", "WebPage"))
    assert article.kind != "qa" and article.question is None and article.answer is None
