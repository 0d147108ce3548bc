"""Shorter / Longer end to end: the real Bolt HTTP server receiving signed block_actions
payloads, the real summarizer on a local page, replies redrawn in the fake Slack with
`chat.update` (thread replies) or the press's `response_url` (`/summarize` replies)."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from bot import replies
from bot.pipeline import Pipeline
from bot.records import Target
from bot.store import Store
from summarizer.models import Summary
from tests.support.bot import (
    MULTINEWS,
    ArticleServer,
    RunningBot,
    all_text,
    buttons,
    context_text,
    fixture_text,
    running_bot,
    slack_escape,
    thread_replies,
)
from tests.support.fakeslack import FakeSlackAPI, validate_blocks
from tests.support.slackclient import (
    app_mention_event,
    block_actions_payload,
    interaction_form,
    slash_command_form,
)


@pytest.fixture
def site(articles: ArticleServer) -> ArticleServer:
    articles.add("/article", fixture_text("article.html"))
    return articles


def reply_words(message: dict[str, Any]) -> int:
    """The summary's own word count, as the reply's context line gives it."""
    found = re.search(r"→ ([\d,]+) words", context_text(message))
    assert found, context_text(message)
    return int(found.group(1).replace(",", ""))


def sentences(message: dict[str, Any]) -> list[str]:
    """The reply's sentences (TL;DR and bullets), without their source links."""
    out: list[str] = []
    for block in message["blocks"]:
        if block["type"] != "section":
            continue
        for line in block["text"]["text"].split("\n"):
            if line.startswith(("• ", "*TL;DR:* ")):
                text = line.removeprefix("• ").removeprefix("*TL;DR:* ")
                out.append(re.sub(r" <[^>]*\|↗>$", "", text))
    return out


def mention_reply(bot: RunningBot, url: str) -> dict[str, Any]:
    ev = app_mention_event(f"<@UBOT> <{url}>", channel="C1")
    bot.event(ev)
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", ev["ts"]), 15, "a reply")
    [reply] = thread_replies(bot.fake, "C1", ev["ts"])
    return reply


def current(fake: FakeSlackAPI, message: dict[str, Any]) -> dict[str, Any]:
    """The message as the fake holds it now."""
    [now] = [m for m in fake.messages("C1") if m["ts"] == message["ts"]]
    return now


def press(bot: RunningBot, message: dict[str, Any], label: str, **kw: Any) -> dict[str, Any]:
    """Press the button `label` on `message` (a thread reply) and return the press payload."""
    payload = block_actions_payload(
        message=message,
        action_id=buttons(message)[label],
        response_url=bot.fake.new_response_url(channel="C1", original_ts=message["ts"]),
        channel_id="C1",
        **kw,
    )
    status, text = bot.form(interaction_form(payload))
    assert status == 200, text
    return payload


def press_and_wait(bot: RunningBot, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Press, wait for the redraw, and return the redrawn message."""
    updates = len(bot.fake.calls_to("chat.update"))
    press(bot, message, label)
    bot.fake.wait_for_calls("chat.update", updates + 1)
    now = current(bot.fake, message)
    assert validate_blocks(now["blocks"]) == []
    return now


def test_shorter_then_longer_edit_a_thread_reply_in_place(
    bot: RunningBot, site: ArticleServer
) -> None:
    first = mention_reply(bot, site.url("/article"))
    hits = site.hits["/article"]
    shorter = press_and_wait(bot, first, "Shorter")
    assert reply_words(shorter) < reply_words(first)
    assert set(sentences(shorter)) < set(sentences(first))
    back = press_and_wait(bot, shorter, "Longer")
    assert sentences(back) == sentences(first)  # the same sentences for the same length
    assert reply_words(back) == reply_words(first)
    longer = press_and_wait(bot, back, "Longer")
    assert reply_words(longer) > reply_words(first)
    assert set(sentences(first)) <= set(sentences(longer))
    # In place: one reply in the thread, edited; the page was not fetched again.
    assert len(thread_replies(bot.fake, "C1", first["thread_ts"])) == 1
    assert longer["ts"] == first["ts"] and "edited" in longer
    assert site.hits["/article"] == hits
    assert longer["metadata"]["event_payload"]["job"] == first["metadata"]["event_payload"]["job"]


def test_the_buttons_go_at_the_ends_of_the_ladder(bot: RunningBot, site: ArticleServer) -> None:
    reply = mention_reply(bot, site.url("/article"))
    while "Shorter" in buttons(reply):
        reply = press_and_wait(bot, reply, "Shorter")
    assert len(sentences(reply)) == 1 and "TL;DR" not in context_text(reply)
    assert list(buttons(reply)) == ["Longer"]
    steps = 0
    while "Longer" in buttons(reply):
        words = reply_words(reply)
        reply = press_and_wait(bot, reply, "Longer")
        assert reply_words(reply) > words
        steps += 1
    assert steps >= 4 and list(buttons(reply)) == ["Shorter"]
    # At the top the reply is every content sentence of this 500-word article.
    everything = bot.deps.store.stored_reply("C1", reply["thread_ts"], ttl=3600)
    assert everything is not None
    summary = everything.reply.outcomes[0].summary
    assert summary is not None
    assert len(sentences(reply)) == len(summary.lengths[-1].sentences)
    assert summary.lengths[-1].output_words < 800


def test_a_slash_command_reply_is_redrawn_through_the_press_response_url(
    bot: RunningBot, site: ArticleServer
) -> None:
    fake = bot.fake
    command_url = fake.new_response_url(channel="C1")
    status, _ = bot.form(
        slash_command_form(text=site.url("/article"), response_url=command_url, channel_id="C1")
    )
    assert status == 200
    [posted] = fake.wait_for_responses(1)
    assert posted.response_type == "in_channel" and posted.stored_ts
    [message] = [m for m in fake.messages("C1") if m["ts"] == posted.stored_ts]
    press(bot, message, "Shorter")
    [_, redraw] = fake.wait_for_responses(2)
    assert redraw.replace_original and redraw.response_type == "in_channel"
    now = current(fake, message)
    assert reply_words(now) < reply_words(message)
    press(bot, now, "Longer")
    fake.wait_for_responses(3)
    assert sentences(current(fake, message)) == sentences(message)
    assert len(fake.messages("C1")) == 1  # edited, never posted again
    assert fake.calls_to("chat.update") == []


def test_a_press_sent_again_applies_once_and_two_presses_take_two_steps(
    bot: RunningBot, site: ArticleServer
) -> None:
    first = mention_reply(bot, site.url("/article"))
    payload = press(bot, first, "Longer")
    status, _ = bot.form(interaction_form(payload))  # Slack's retry of the same press
    assert status == 200
    press(bot, first, "Longer")  # a second press on the same (not yet redrawn) message
    store = bot.deps.store
    bot.fake.wait_for(
        lambda: (r := store.stored_reply("C1", first["thread_ts"], 3600)) and r.shown == r.version,
        10,
        "the redraws",
    )
    stored = store.stored_reply("C1", first["thread_ts"], 3600)
    assert stored is not None and stored.level == 2 and stored.version == 2
    now = current(bot.fake, first)
    one_up = press_and_wait(bot, now, "Shorter")
    assert reply_words(now) > reply_words(one_up) > reply_words(first)


def test_a_press_after_a_restart_needs_no_refetch(
    fake: FakeSlackAPI, tmp_path: Path, site: ArticleServer
) -> None:
    db = tmp_path / "skim.db"
    with running_bot(fake, db) as bot:
        first = mention_reply(bot, site.url("/article"))
    hits = site.hits["/article"]

    def refuse(_: str) -> Summary:
        raise AssertionError("a press must not summarize again")

    with running_bot(fake, db, pipeline=Pipeline(refuse, refuse)) as bot:
        longer = press_and_wait(bot, first, "Longer")
    assert reply_words(longer) > reply_words(first)
    assert site.hits["/article"] == hits


def test_a_press_left_undrawn_by_a_stop_is_drawn_at_the_next_start(
    fake: FakeSlackAPI, tmp_path: Path, site: ArticleServer
) -> None:
    db = tmp_path / "skim.db"
    with running_bot(fake, db) as bot:
        first = mention_reply(bot, site.url("/article"))
    store = Store(str(db))  # the press was recorded, then the bot stopped before the redraw
    target = Target(channel="C1", ts=first["ts"], user="U0HUMAN", response_url=None)
    job = first["metadata"]["event_payload"]["job"]
    assert store.press("C1", job.split("/")[1], press="p1", step=-1, target=target, ttl=3600) == (
        "applied"
    )
    store.close()
    with running_bot(fake, db):
        fake.wait_for_calls("chat.update", 1)
    assert reply_words(current(fake, first)) < reply_words(first)


def test_a_reply_past_its_lifetime_answers_too_old_to_resize(
    fake: FakeSlackAPI, tmp_path: Path, site: ArticleServer
) -> None:
    db = tmp_path / "skim.db"
    with running_bot(fake, db, SKIM_REPLY_DAYS="1") as bot:
        first = mention_reply(bot, site.url("/article"))
    with sqlite3.connect(db) as raw:  # two days pass
        raw.execute("UPDATE replies SET created = ?", (time.time() - 2 * 86400,))
    with running_bot(fake, db, SKIM_REPLY_DAYS="1") as bot:
        press(bot, first, "Longer")
        [told] = fake.wait_for_responses(1)
    assert told.response_type == "ephemeral" and not told.replace_original
    assert told.text == replies.TOO_OLD_TO_RESIZE
    assert current(fake, first) == first and fake.calls_to("chat.update") == []


def test_a_press_on_a_deleted_reply_says_it_could_not_resize(
    bot: RunningBot, site: ArticleServer
) -> None:
    first = mention_reply(bot, site.url("/article"))
    bot.fake.fail_next("chat.update", error="message_not_found")
    press(bot, first, "Shorter")
    [told] = bot.fake.wait_for_responses(1)
    assert told.response_type == "ephemeral" and told.text == replies.RESIZE_FAILED


def test_an_unsigned_press_changes_nothing(bot: RunningBot, site: ArticleServer) -> None:
    first = mention_reply(bot, site.url("/article"))
    payload = block_actions_payload(
        message=first,
        action_id="skim_shorter",
        response_url=bot.fake.new_response_url(channel="C1", original_ts=first["ts"]),
        channel_id="C1",
    )
    status, _ = bot.form(interaction_form(payload), secret="not-the-secret")
    assert status == 401
    stored = bot.deps.store.stored_reply("C1", first["thread_ts"], 3600)
    assert stored is not None and stored.version == 0


def test_a_button_naming_another_channel_acts_on_nothing(
    bot: RunningBot, site: ArticleServer
) -> None:
    first = mention_reply(bot, site.url("/article"))
    job = first["metadata"]["event_payload"]["job"]
    press(bot, first, "Shorter", value=job.replace("C1/", "C9/"))
    [told] = bot.fake.wait_for_responses(1)
    assert told.text == replies.TOO_OLD_TO_RESIZE
    stored = bot.deps.store.stored_reply("C1", first["thread_ts"], 3600)
    assert stored is not None and stored.version == 0


def test_a_reply_to_pasted_text_resizes_too_and_a_reply_about_two_links_moves_both(
    bot: RunningBot, site: ArticleServer
) -> None:
    text = MULTINEWS.read_text(encoding="utf-8")
    ev = app_mention_event("<@UBOT> " + slack_escape(text), channel="C1")
    bot.event(ev)
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", ev["ts"]), 15, "a reply")
    [pasted] = thread_replies(bot.fake, "C1", ev["ts"])
    assert reply_words(press_and_wait(bot, pasted, "Longer")) > reply_words(pasted)

    site.add("/other", fixture_text("article.html").replace("Night trains", "Day trains"))
    both = app_mention_event(f"<@UBOT> <{site.url('/article')}> <{site.url('/other')}>")
    bot.event({**both, "channel": "C1"})
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", both["ts"]), 15, "a reply")
    [two] = thread_replies(bot.fake, "C1", both["ts"])
    shorter = press_and_wait(bot, two, "Shorter")
    words = [int(w.replace(",", "")) for w in re.findall(r"→ ([\d,]+) words", all_text(shorter))]
    before = [int(w.replace(",", "")) for w in re.findall(r"→ ([\d,]+) words", all_text(two))]
    assert len(words) == len(before) == 2
    assert all(a < b for a, b in zip(words, before, strict=True))
