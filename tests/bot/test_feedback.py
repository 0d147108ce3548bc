"""👍 / 👎 end to end: Slack's feedback buttons under a reply (plain buttons where Slack refuses
them), a vote recorded once per user per reply with the page's host, kind and method, and
`python -m bot.feedback` reading it back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot import replies
from bot.feedback import main as feedback_main
from bot.feedback import report
from bot.store import Store
from bot.store.feedback import Vote
from tests.support.bot import REPO, ArticleServer, RunningBot, buttons, fixture_text, thread_replies
from tests.support.fakeslack import FakeSlackAPI, validate_blocks
from tests.support.slackclient import app_mention_event, block_actions_payload, interaction_form


@pytest.fixture
def site(articles: ArticleServer) -> ArticleServer:
    articles.add("/article", fixture_text("article.html"))
    return articles


def mention_reply(bot: RunningBot, url: str, channel: str = "C1") -> dict[str, Any]:
    ev = app_mention_event(f"<@UBOT> <{url}>", channel=channel)
    bot.event(ev)
    bot.fake.wait_for(lambda: thread_replies(bot.fake, channel, ev["ts"]), 15, "a reply")
    [reply] = thread_replies(bot.fake, channel, ev["ts"])
    return reply


def vote(
    bot: RunningBot, message: dict[str, Any], action_id: str, *, user: str = "U1", **kw: Any
) -> dict[str, Any]:
    payload = block_actions_payload(
        message=message,
        action_id=action_id,
        response_url=bot.fake.new_response_url(channel="C1", original_ts=message["ts"]),
        channel_id="C1",
        user_id=user,
        **kw,
    )
    status, text = bot.form(interaction_form(payload))
    assert status == 200, text
    return payload


def feedback_block(message: dict[str, Any]) -> dict[str, Any]:
    [block] = [b for b in message["blocks"] if b["type"] == "context_actions"]
    return block


def test_a_vote_is_recorded_once_per_user_and_reply(bot: RunningBot, site: ArticleServer) -> None:
    reply = mention_reply(bot, site.url("/article"))
    [element] = feedback_block(reply)["elements"]
    assert element["type"] == "feedback_buttons" and element["action_id"] == "skim_feedback"
    assert "👍" not in buttons(reply)  # Slack's own buttons, not plain ones
    first = vote(bot, reply, "skim_feedback")
    [thanks] = bot.fake.wait_for_responses(1)
    assert thanks.response_type == "ephemeral" and thanks.text == replies.THANKS
    assert not thanks.replace_original
    status, _ = bot.form(interaction_form(first))  # the same press, sent again
    assert status == 200
    vote(bot, reply, "skim_feedback", side="negative")  # a change of mind replaces the vote
    vote(bot, reply, "skim_feedback", user="U2")
    store = bot.deps.store
    bot.fake.wait_for(lambda: len(bot.fake.responses) >= 3, 10, "the thanks")
    votes = sorted(store.votes())
    assert [(v.user, v.vote) for v in votes] == [("U1", -1), ("U2", 1)]
    host = site.url("/").split("//")[1].split(":")[0]
    assert {(v.host, v.kind, v.method) for v in votes} == {(host, "article", "skim")}
    assert len(bot.fake.responses) == 3  # no thanks for the press sent again
    assert current_blocks_unchanged(bot.fake, reply)


def current_blocks_unchanged(fake: FakeSlackAPI, reply: dict[str, Any]) -> bool:
    [now] = [m for m in fake.messages("C1") if m["ts"] == reply["ts"]]
    return bool(now["blocks"] == reply["blocks"])


def test_where_slack_refuses_its_feedback_buttons_plain_ones_are_drawn(
    bot: RunningBot, site: ArticleServer
) -> None:
    bot.fake.refused_blocks = frozenset({"context_actions"})
    reply = mention_reply(bot, site.url("/article"))
    assert validate_blocks(reply["blocks"]) == []
    assert buttons(reply) == {"Shorter": "skim_shorter", "Longer": "skim_longer",
                              "👍": "skim_good", "👎": "skim_bad"}  # fmt: skip
    refused = [c for c in bot.fake.calls_to("chat.postMessage") if not c.ok]
    assert [c.response.get("error") for c in refused] == ["invalid_blocks"]
    vote(bot, reply, "skim_bad")
    bot.fake.wait_for(lambda: bot.deps.store.votes(), 10, "the vote")
    assert [v.vote for v in bot.deps.store.votes()] == [-1]
    # Redrawn by Longer, the plain buttons stay.
    vote(bot, reply, "skim_longer")
    bot.fake.wait_for_calls("chat.update", 1)
    [now] = [m for m in bot.fake.messages("C1") if m["ts"] == reply["ts"]]
    assert set(buttons(now)) == {"Shorter", "Longer", "👍", "👎"}


def test_a_vote_on_another_channels_reply_records_nothing(
    bot: RunningBot, site: ArticleServer
) -> None:
    reply = mention_reply(bot, site.url("/article"))
    job = reply["metadata"]["event_payload"]["job"]
    vote(bot, reply, "skim_feedback", value="+" + job.replace("C1/", "C7/"))
    [told] = bot.fake.wait_for_responses(1)
    assert told.text == replies.TOO_OLD_TO_VOTE and bot.deps.store.votes() == []


def test_the_report_counts_votes_and_names_the_worst_hosts() -> None:
    votes = [
        Vote("C1/1", "U1", "good.example", "article", "skim", 1),
        Vote("C1/1", "U2", "good.example", "article", "skim", 1),
        Vote("C1/2", "U1", "good.example", "article", "skim", 1),
        Vote("C1/3", "U1", "bad.example", "forum", "skim", -1),
        Vote("C1/3", "U2", "bad.example", "forum", "skim", -1),
        Vote("C1/4", "U3", "bad.example", "forum", "skim", 1),
        Vote("C1/5", "U3", "once.example", "article", "skim", -1),
    ]
    text = report(votes, min_votes=3)
    assert text.splitlines()[0] == "7 votes on 5 replies: 👍 4 (57%), 👎 3 (43%)"
    hosts = text.split("Worst-rated hosts (at least 3 votes)")[1].splitlines()[1:]
    assert [line.split()[0] for line in hosts] == ["bad.example", "good.example"]
    assert "67%" in hosts[0] and "once.example" not in text
    assert "forum" in text and report([]).startswith("No feedback yet")


def test_python_m_bot_feedback_reads_the_store(tmp_path: Path, capsys: Any) -> None:
    db = tmp_path / "skim.db"
    store = Store(str(db))
    store.record_vote("C1", "1.1", "U1", -1, [("news.example", "article", "skim")])
    store.close()
    assert feedback_main(["--db", str(db)]) == 0
    assert "1 votes on 1 replies: 👍 0 (0%), 👎 1 (100%)" in capsys.readouterr().out
    assert feedback_main(["--db", str(tmp_path / "missing.db")]) == 2
    assert "no store at" in capsys.readouterr().err
    run = subprocess.run(
        [sys.executable, "-m", "bot.feedback", "--min-votes", "1"],
        env={"SKIM_DB": str(db), "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "news.example" in run.stdout.split("Worst-rated hosts")[1]
