"""What the store keeps reads back as the same value: jobs across a restart, cached summaries
across versions."""

from __future__ import annotations

import json

import pytest

from bot.records import Job, Outcome, Reply, Target, summary_from_json, summary_to_json
from summarizer import Article, Block, Length, Summary


def test_a_job_round_trips() -> None:
    job = Job(
        channel="C1",
        key="command:T1",
        kind="command",
        user="U1",
        text="Some text.",
        links=("https://a.example/",),
        skipped=("https://x.slack.com/",),
        omitted=2,
        response_url="https://hooks.example/r",
        limited=True,
    )
    assert Job.from_json(job.to_json()) == job


def test_a_summary_round_trips_with_its_article() -> None:
    summary = Summary(
        sentences=("One.", "Two."),
        documents=(0, 1),
        input_words=120,
        output_words=2,
        method="lexrank",
        article=Article(
            title="T",
            text="One.\nTwo.\nx = 1",
            blocks=(Block("paragraph", "One."), Block("item", "Two."), Block("code", "x = 1")),
            url="https://a.example/",
            byline="B",
        ),
        input_documents=2,
        language="german",
        tldr="Two.",
        sources=("https://a.example/#:~:text=One.", None),
        lengths=(
            Length(1, ("Two.",), (1,), 1, (None,)),
            Length(50, ("One.", "Two."), (0, 1), 2, ("https://a.example/#:~:text=One.", None)),
        ),
    )
    assert summary_from_json(summary_to_json(summary)) == summary


def test_a_reply_and_a_target_round_trip() -> None:
    summary = Summary(("One.",), (0,), 9, 1, "skim", tldr="One.",
                      lengths=(Length(1, ("One.",), (0,), 1),))  # fmt: skip
    reply = Reply(
        outcomes=(Outcome(url="https://a.example/", summary=summary),
                  Outcome(url="https://b.example/", error="That page is gone.")),
        notes=("A note.",),
    )  # fmt: skip
    assert Reply.from_json(reply.to_json()) == reply
    target = Target(channel="C1", ts="1.2", user="U1", response_url=None)
    assert Target.from_json(target.to_json()) == target
    with pytest.raises(ValueError):
        Reply.from_json('{"notes": []}')


def test_a_summary_cached_before_links_and_lengths_existed_still_reads() -> None:
    raw = json.dumps(
        {"sentences": ["One."], "documents": [0], "input_words": 9, "output_words": 1,
         "method": "skim"}
    )  # fmt: skip
    summary = summary_from_json(raw)
    assert summary.sources == () and summary.lengths == ()


@pytest.mark.parametrize(
    "raw", ['{"sentences": ["x"]}', '["a list"]', '{"sentences": 3, "documents": [], "x": 1}']
)
def test_what_is_not_a_summary_is_a_value_error(raw: str) -> None:
    json.loads(raw)
    with pytest.raises(ValueError):
        summary_from_json(raw)
