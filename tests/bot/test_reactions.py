"""Summaries by reaction end to end: a signed `reaction_added` event, the message read back from
the fake Slack (`conversations.history`, `conversations.replies` for a reply in a thread), one
summary per message however it is asked for, and the channel modes that govern shared links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot import replies
from tests.support.bot import ArticleServer, RunningBot, fixture_text, running_bot, thread_replies
from tests.support.fakeslack import FakeSlackAPI
from tests.support.slackclient import (
    app_mention_event,
    message_event,
    reaction_added_event,
    slash_command_form,
)


@pytest.fixture
def site(articles: ArticleServer) -> ArticleServer:
    articles.add("/article", fixture_text("article.html"))
    return articles


def shared(bot: RunningBot, text: str, channel: str = "C1", **kw: Any) -> dict[str, Any]:
    """A person's message: in the fake Slack's history, and delivered as a `message` event."""
    message = bot.fake.add_message(channel, text, **kw)
    ev = message_event(text, channel=channel, ts=message["ts"], thread_ts=kw.get("thread_ts"))
    bot.event(ev)
    return message


def react(bot: RunningBot, message: dict[str, Any], channel: str = "C1", **kw: Any) -> None:
    bot.event(reaction_added_event(channel=channel, ts=message["ts"], **kw))


def set_mode(bot: RunningBot, channel: str, mode: str) -> None:
    url = bot.fake.new_response_url(channel=channel)
    status, body = bot.form(slash_command_form(text=f"auto {mode}", response_url=url,
                                               channel_id=channel))  # fmt: skip
    assert status == 200 and "channel" in body
    assert bot.deps.store.mode(channel) == mode


def test_a_reaction_summarizes_the_message_once_whatever_else_asks(
    bot: RunningBot, site: ArticleServer
) -> None:
    text = f"long read, no link preview <{site.url('/article')}>"
    set_mode(bot, "C1", "off")  # so only the reaction asks at first
    message = shared(bot, text)
    set_mode(bot, "C1", "react")
    react(bot, message)
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", message["ts"]), 15, "a reply")
    history = bot.fake.calls_to("conversations.history")
    assert history and history[0].params.get("latest") == message["ts"]
    # A second reaction, by someone else, and a mention of the same message: still one.
    react(bot, message, user="U2")
    bot.event(app_mention_event(f"<@UBOT> {text}", channel="C1", ts=message["ts"]))
    bot.idle()
    [reply] = thread_replies(bot.fake, "C1", message["ts"])
    assert "Night trains" in reply["text"]
    assert bot.job_state("C1", message["ts"]) == "done"


def test_an_automatic_reply_then_a_reaction_is_still_one_summary(
    bot: RunningBot, site: ArticleServer
) -> None:
    message = shared(bot, f"look <{site.url('/article')}>")
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", message["ts"]), 15, "a reply")
    react(bot, message)
    bot.idle()
    assert len(thread_replies(bot.fake, "C1", message["ts"])) == 1
    assert bot.fake.calls_to("conversations.history") == []  # nothing left to read


def test_in_react_mode_shared_links_wait_for_the_reaction(
    bot: RunningBot, site: ArticleServer
) -> None:
    set_mode(bot, "C1", "react")
    message = shared(bot, f"look <{site.url('/article')}>")
    bot.idle()
    assert thread_replies(bot.fake, "C1", message["ts"]) == []
    react(bot, message, reaction="thumbsup")  # not the reaction that asks
    bot.idle()
    assert thread_replies(bot.fake, "C1", message["ts"]) == []
    react(bot, message)
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", message["ts"]), 15, "a reply")


def test_in_off_mode_reactions_ask_for_nothing(bot: RunningBot, site: ArticleServer) -> None:
    set_mode(bot, "C1", "off")
    message = shared(bot, f"look <{site.url('/article')}>")
    react(bot, message)
    bot.idle()
    assert bot.job_state("C1", message["ts"]) is None
    assert thread_replies(bot.fake, "C1", message["ts"]) == []


def test_a_reaction_on_a_reply_in_a_thread_answers_in_that_thread(
    bot: RunningBot, site: ArticleServer
) -> None:
    parent = bot.fake.add_message("C1", "a discussion")
    text = (
        "Pasted from the council minutes: " + " ".join(
            f"The committee discussed item {i} at length and agreed on a plan for it." for i in
            range(12)
        )
    )  # fmt: skip
    reply = bot.fake.add_message("C1", text, thread_ts=parent["ts"])
    react(bot, reply)
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", parent["ts"]), 15, "a reply")
    bot.idle()
    [answer] = thread_replies(bot.fake, "C1", parent["ts"])
    assert "Summary of the text" in answer["text"] and "committee" in answer["text"]
    assert bot.fake.calls_to("conversations.replies")


def test_a_reaction_to_a_deleted_message_is_told_so(bot: RunningBot) -> None:
    react(bot, {"ts": "1700000999.000100"}, user="U3")
    [told] = bot.fake.wait_for_ephemerals(1)
    assert told["user"] == "U3" and told["text"] == replies.MESSAGE_GONE
    bot.idle()
    assert bot.job_state("C1", "1700000999.000100") == "failed"


def test_reactions_on_skims_own_replies_are_ignored(bot: RunningBot, site: ArticleServer) -> None:
    message = shared(bot, f"look <{site.url('/article')}>")
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", message["ts"]), 15, "a reply")
    [reply] = thread_replies(bot.fake, "C1", message["ts"])
    react(bot, reply, item_user="UBOT")
    bot.idle()
    assert bot.job_state("C1", reply["ts"]) is None


def test_the_reaction_is_a_setting(fake: FakeSlackAPI, tmp_path: Path, site: ArticleServer) -> None:
    with running_bot(fake, tmp_path / "skim.db", SKIM_REACTION=":eyes:") as bot:
        message = bot.fake.add_message("C1", f"<{site.url('/article')}>")
        react(bot, message)  # memo is not it here
        bot.idle()
        assert bot.job_state("C1", message["ts"]) is None
        react(bot, message, reaction="eyes::skin-tone-3")
        bot.fake.wait_for(lambda: thread_replies(fake, "C1", message["ts"]), 15, "a reply")
