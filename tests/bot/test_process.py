"""The bot as a process: `python -m bot` started for real, killed with SIGKILL between the ack
and the reply, started again: exactly one reply. Also: a reply posted just before a crash is
not posted twice (reply metadata read back with conversations.replies), bad settings end the
process with one line, and no secret reaches the log."""

from __future__ import annotations

import signal
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.__main__ import main
from bot.delivery import METADATA_EVENT_TYPE
from bot.pipeline import Pipeline
from bot.records import Job
from bot.store import Store
from summarizer import Summary
from tests.support.bot import (
    SECRET,
    TITLE,
    ArticleServer,
    alive,
    bot_env,
    bot_process,
    descendants,
    fixture_text,
    free_port,
    job_states,
    running_bot,
    thread_replies,
    wait_healthy,
)
from tests.support.fakeslack import FakeSlackAPI
from tests.support.slackclient import app_mention_event, event_callback, signed_post

# Each test starts `python -m bot` as a process of its own.
pytestmark = pytest.mark.slow


def test_killed_between_ack_and_reply_answers_once_after_restart(
    fake: FakeSlackAPI,
    articles: ArticleServer,
    tmp_path: Path,
) -> None:

    gate = threading.Event()  # the article server holds its answer until this is set
    url = articles.add("/slow", fixture_text("article.html"), gate=gate)
    port = free_port()
    db = tmp_path / "skim.db"
    env = bot_env(fake, db, PORT=str(port), LOG_LEVEL="DEBUG")
    events = f"http://127.0.0.1:{port}/slack/events"
    ev = app_mention_event(f"<@UBOT> <{url}>", channel="C1")
    body = event_callback(ev)

    with bot_process(env, tmp_path, "first") as first:
        wait_healthy(fake, first, port)
        status, _, _ = signed_post(events, body, secret=SECRET)
        assert status == 200
        articles.wait_for_hit("/slow")  # accepted, acked, and now stuck fetching
        helpers = descendants(first.pid)
        assert helpers, "the summarizer's worker processes"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    # Its worker processes do not outlive a killed bot (else every crash leaks a set).
    fake.wait_for(lambda: not any(alive(p) for p in helpers), 15, "the workers to exit")
    assert fake.posts() == []
    assert job_states(db) == ["pending"]

    gate.set()
    with bot_process(env, tmp_path, "second") as second:
        wait_healthy(fake, second, port)
        # Slack retries the event it never saw answered; the store knows it.
        status, _, _ = signed_post(events, body, secret=SECRET, retry_num=1, retry_reason="timeout")
        assert status == 200
        fake.wait_for(lambda: job_states(db) == ["done"], 20, "the resumed job to finish")
        second.send_signal(signal.SIGTERM)
        assert second.wait(10) == 0
    [reply] = thread_replies(fake, "C1", ev["ts"])
    assert TITLE in reply["text"]
    logs = (tmp_path / "first.log").read_text() + (tmp_path / "second.log").read_text()
    assert "resuming 1 unanswered job" in logs
    for secret in (fake.token, SECRET):
        assert secret not in logs


def _long(_: str) -> Summary:
    sentences = tuple(f"Sentence {i} " + "word " * 80 + "end." for i in range(800))
    return Summary(sentences, (0,) * 800, 90_000, 70_000, "skim")


@pytest.mark.parametrize("already_posted", [1, 2])
def test_resumed_job_does_not_repost_what_slack_already_has(
    fake: FakeSlackAPI,
    tmp_path: Path,
    already_posted: int,
) -> None:
    """The crash came after posting (some parts of) the reply but before marking the job
    done: the resumed job reads the thread's metadata and posts only what is missing."""
    db = tmp_path / "skim.db"
    parent = fake.add_message("C2", "<@UBOT> <https://example.org/long>")
    job = Job(channel="C2", key=parent["ts"], kind="mention", user="U0HUMAN",
              thread_ts=parent["ts"], links=("https://example.org/long",))  # fmt: skip
    store = Store(str(db))
    assert store.add_job(job)
    store.close()
    pipeline = Pipeline(summarize_text=_long, summarize_url=_long)
    with running_bot(fake, tmp_path / "probe.db", pipeline=pipeline) as probe:
        messages, _ = probe.deps.runner.answer(job)
    parts = len(messages)
    assert parts >= 3
    client = WebClient(token=fake.token, base_url=fake.api_url)
    for part in range(already_posted):  # what the crashed process had posted
        client.chat_postMessage(
            channel="C2",
            thread_ts=parent["ts"],
            metadata={
                "event_type": METADATA_EVENT_TYPE,
                "event_payload": {"job": f"C2/{parent['ts']}", "part": part, "parts": parts},
            },
            **messages[part].payload(),
        )
    with running_bot(fake, db, pipeline=pipeline) as running:
        running.idle()
    posted = [
        p["metadata"]["event_payload"]["part"] for p in thread_replies(fake, "C2", parent["ts"])
    ]
    assert sorted(posted) == list(range(parts))
    lookups = fake.calls_to("conversations.replies")
    assert lookups and lookups[0].params.get("include_all_metadata") in (True, "true", "1", 1)


@pytest.mark.parametrize("already_delivered", [0, 1, 3])
def test_resumed_command_does_not_resend_what_its_response_url_delivered(
    fake: FakeSlackAPI,
    tmp_path: Path,
    already_delivered: int,
) -> None:
    """A `/summarize` reply goes through a response_url, which cannot be read back: the store
    records each part delivered, so a crash between parts (or after the last one, before the
    job was marked done) resends nothing twice."""
    db = tmp_path / "skim.db"
    url = fake.new_response_url(channel="C3")
    job = Job(channel="C3", key="cmd-1", kind="command", user="U0HUMAN",
              links=("https://example.org/long",), response_url=url)  # fmt: skip
    pipeline = Pipeline(summarize_text=_long, summarize_url=_long)
    with running_bot(fake, tmp_path / "probe.db", pipeline=pipeline) as probe:
        messages, _ = probe.deps.runner.answer(job)
    parts = len(messages)
    assert parts >= 3
    store = Store(str(db))
    assert store.add_job(job)
    for part in range(already_delivered):  # what the crashed process had delivered
        store.mark_delivered(job.channel, job.key, part)
    store.close()
    with running_bot(fake, db, pipeline=pipeline) as running:
        running.idle()
    sent = [r.text for r in fake.responses]
    assert sent == [m.text for m in messages[already_delivered:]]
    assert Store(str(db)).delivered_parts(job.channel, job.key) == set(range(parts))


def test_bad_settings_end_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "not-a-token"}, "xoxb-"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "http"}, "PORT"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "slack"},
         "SLACK_API_URL"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
          "SKIM_FETCH_ALLOW": "not a host!", "SKIM_DB": str(tmp_path / "db")}, "SKIM_FETCH_ALLOW"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
          "SKIM_DB": str(tmp_path / "no-such-folder" / "skim.db")}, "SKIM_DB="),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
          "HOST": "no such host.invalid"}, "HOST"),
    ]  # fmt: skip
    for env, needle in cases:
        assert main(environ=env, dotenv=tmp_path / "none.env") == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and needle in err, (env, err)


def test_a_port_in_use_ends_with_one_line(fake: FakeSlackAPI, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        with bot_process(bot_env(fake, tmp_path / "db", PORT=port), tmp_path, "taken") as proc:
            assert proc.wait(20) == 2
    out = (tmp_path / "taken.log").read_text()
    assert out.strip().count("\n") == 0 and f"cannot listen on 127.0.0.1:{port}" in out, out


def test_refused_token_ends_with_one_line(
    fake: FakeSlackAPI,
    tmp_path: Path,
) -> None:
    env = bot_env(fake, tmp_path / "db", SLACK_BOT_TOKEN="xoxb-revoked")
    with bot_process(env, tmp_path, "refused") as proc:
        assert proc.wait(20) == 2
    out = (tmp_path / "refused.log").read_text()
    assert out.strip().count("\n") == 0 and "SLACK_BOT_TOKEN" in out
    assert "xoxb-revoked" not in out


def test_dotenv_is_read_and_environment_wins(tmp_path: Path) -> None:
    from bot.__main__ import read_environment

    dotenv = tmp_path / ".env"
    dotenv.write_text("SLACK_BOT_TOKEN=xoxb-from-file\nPORT=4000\n")
    env = read_environment({"PORT": "5000"}, dotenv)
    assert env["SLACK_BOT_TOKEN"] == "xoxb-from-file" and env["PORT"] == "5000"
