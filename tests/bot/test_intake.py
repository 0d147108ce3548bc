"""The one path every request takes before its ack: what a message asks for, de-duplication,
and the per-user limit counted once per request (a stored job, a real limiter; the runner is a
recorder, since running the job is not intake's business)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.deps import Deps
from bot.intake import Intake, accept, message_job
from bot.limits import UserLimiter
from bot.quiet import QuietGate
from bot.records import Job
from bot.store import Store


class RecordingRunner:
    def __init__(self) -> None:
        self.quiet = QuietGate()
        self.submitted: list[Job] = []

    def submit(self, job: Job) -> None:
        self.submitted.append(job)


@pytest.fixture
def deps() -> Deps:
    store = Store(":memory:")
    return Deps(
        client=None,  # type: ignore[arg-type]
        store=store,
        runner=RecordingRunner(),  # type: ignore[arg-type]
        resizer=None,  # type: ignore[arg-type]
        votes=None,  # type: ignore[arg-type]
        home=None,  # type: ignore[arg-type]
        limiter=UserLimiter(2),
        logger=logging.getLogger("test"),
    )


def job(key: str, user: str = "U1") -> Job:
    return Job(channel="C1", key=key, kind="mention", user=user, text="Some text to read.")


def test_a_duplicate_is_neither_queued_nor_counted(deps: Deps) -> None:
    assert accept(job("1"), deps) is Intake.ACCEPTED
    assert accept(job("1"), deps) is Intake.DUPLICATE  # Slack's retry
    assert accept(job("2"), deps) is Intake.ACCEPTED  # still within the limit of 2
    runner: Any = deps.runner
    assert [j.key for j in runner.submitted] == ["1", "2"]


def test_over_the_limit_the_runner_answers_with_the_polite_sentence(deps: Deps) -> None:
    for key in ("1", "2"):
        accept(job(key), deps)
    assert accept(job("3"), deps) is Intake.LIMITED
    runner: Any = deps.runner
    assert runner.submitted[-1].key == "3" and runner.submitted[-1].limited
    assert deps.store.pending_jobs()[-1].limited  # stored as limited, for a restart
    assert accept(job("4", user="U2"), deps) is Intake.ACCEPTED  # another person


def test_a_limit_told_in_the_ack_closes_the_job_there(deps: Deps) -> None:
    for key in ("1", "2"):
        accept(job(key), deps)
    assert accept(job("3"), deps, limit_told_in_ack=True) is Intake.LIMITED
    runner: Any = deps.runner
    assert [j.key for j in runner.submitted] == ["1", "2"]
    assert deps.store.job_state("C1", "3") == "limited"


def message(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "channel": "C1", "user": "U1", "ts": "1.0", "text": text, **extra}


@pytest.mark.parametrize(
    ("event", "mentioned", "expected"),
    [
        (message("look <https://a.example/x>"), False, ("auto", "", ("https://a.example/x",))),
        (message("just chatting"), False, None),
        (message("<@UBOT> look <https://a.example/x>"), False, ("mention", "", ("https://a.example/x",))),
        (message("<@UBOT> " + "word " * 50 + "<https://a.example/x>"), True, ("mention", "word", ("https://a.example/x",))),
        (message("hi there", channel="D1", channel_type="im"), False, ("dm", "hi there", ())),
        (message("<https://a.example/x>", bot_id="B1"), False, None),
        (message("<https://a.example/x>", subtype="message_changed"), False, None),
        (message("<https://a.example/x>", user="UBOT"), False, None),
    ],
)  # fmt: skip
def test_what_a_message_asks_for(
    event: dict[str, Any], mentioned: bool, expected: tuple[str, str, tuple[str, ...]] | None
) -> None:
    store = Store(":memory:")
    found = message_job(event, bot_user_id="UBOT", mentioned=mentioned, store=store)
    if expected is None:
        assert found is None
        return
    assert found is not None
    kind, text_start, links = expected
    assert (found.kind, found.links) == (kind, links)
    assert found.text.startswith(text_start) and (text_start or found.text == "")
    assert found.thread_ts == "1.0" and found.key == "1.0"


def test_a_muted_channel_gets_no_automatic_replies_but_mentions_still_work() -> None:
    store = Store(":memory:")
    store.set_muted("C1", True)
    shared = message("look <https://a.example/x>")
    assert message_job(shared, bot_user_id="UBOT", mentioned=False, store=store) is None
    mention = message("<@UBOT> look <https://a.example/x>")
    found = message_job(mention, bot_user_id="UBOT", mentioned=True, store=store)
    assert found is not None and found.kind == "mention"
