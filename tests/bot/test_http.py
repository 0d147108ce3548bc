"""End-to-end tests of the Slack app in HTTP mode: real signed requests to the real server,
replies through a real WebClient to the fake Slack Web API, articles from a local server.

Absence of a reply is never asserted by waiting: listeners run before the ack
(`process_before_response`), so once a request got its 200 the store already says whether a
job exists, and `bot.idle()` waits (bounded) until every job is answered.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from bot.pipeline import Pipeline
from bot.render import escape
from bot.replies import GENERIC_FAILURE, NOTHING_TO_SUMMARIZE, ONLY_SKIPPED_LINKS
from summarizer import SkimError, Summary, errors
from tests.support.bot import (
    MULTINEWS,
    TITLE,
    ArticleServer,
    RunningBot,
    all_text,
    buttons,
    context_text,
    fixture_text,
    real_pipeline,
    running_bot,
    slack_escape,
    thread_replies,
)
from tests.support.fakeslack import FakeSlackAPI, validate_blocks
from tests.support.slackclient import (
    app_mention_event,
    event_callback,
    message_event,
    message_shortcut_form,
    slash_command_form,
    url_verification,
)


@pytest.fixture
def site(articles: ArticleServer) -> ArticleServer:
    articles.add("/article", fixture_text("article.html"))
    articles.add("/other", fixture_text("article.html").replace("Night trains", "Day trains"))
    articles.add(
        "/report.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        content_type="application/pdf",
    )
    articles.add("/app", fixture_text("app-shell.html"))
    articles.add("/login", "<html><body><h1>Please sign in</h1></body></html>", status=401)
    return articles


def thread_reply(fake: FakeSlackAPI, channel: str, ts: str) -> dict[str, Any]:
    fake.wait_for(lambda: thread_replies(fake, channel, ts), 15, f"a reply in thread {ts}")
    return thread_replies(fake, channel, ts)[0]


def expected_error(url: str) -> str:
    """What the summarizer itself says about `url`: the bot must pass it on as is."""
    pipeline = real_pipeline(deadline=1.0)
    with pytest.raises(SkimError) as info:
        pipeline.summarize_url(url)
    return str(info.value)


# --- request verification -------------------------------------------------------------------


def test_url_verification_echoes_the_challenge(bot: RunningBot) -> None:
    status, body, _ = bot.post(url_verification("abc123"))
    assert status == 200
    assert "abc123" in body


def test_bad_signature_is_rejected(bot: RunningBot) -> None:
    ev = app_mention_event("<@UBOT> hello")
    status, _, _ = bot.post(event_callback(ev), secret="not-the-secret")
    assert status == 401
    assert bot.job_state(ev["channel"], ev["ts"]) is None


def test_stale_timestamp_is_rejected(bot: RunningBot) -> None:
    """A correctly signed request from 10 minutes ago is a replay: Slack's limit is 5."""
    ev = app_mention_event("<@UBOT> hello")
    status, _, _ = bot.post(event_callback(ev), timestamp=int(time.time()) - 600)
    assert status == 401
    assert bot.job_state(ev["channel"], ev["ts"]) is None


# --- 1. mentions ----------------------------------------------------------------------------


def test_mention_with_a_link_answers_in_the_thread(bot: RunningBot, site: ArticleServer) -> None:
    url = site.url("/article")
    ev = app_mention_event(f"<@UBOT> worth a read <{url}|{url[7:]}>", channel="C1")
    bot.event(ev)
    reply = thread_reply(bot.fake, "C1", ev["ts"])
    blocks = reply["blocks"]
    assert blocks[0]["text"]["text"].startswith(f"*<{url}|{TITLE}")
    headline = blocks[1]["text"]["text"]
    assert headline.startswith("*TL;DR:* ") and "\n" not in headline
    bullets = blocks[2]["text"]["text"].split("\n")
    assert len(bullets) >= 1 and all(b.startswith("• ") for b in bullets)
    assert headline.removeprefix("*TL;DR:* ") not in blocks[2]["text"]["text"]  # said once
    context = context_text(reply)
    assert "The Valley Courier" in context and "words →" in context
    assert buttons(reply) == {"Shorter": "skim_shorter", "Longer": "skim_longer"}
    assert TITLE in reply["text"]
    assert reply["unfurl_links"] is False and reply["unfurl_media"] is False
    assert reply["metadata"]["event_type"] == "skim_summary"
    assert reply["metadata"]["event_payload"]["job"] == f"C1/{ev['ts']}"


def test_mention_in_a_thread_answers_in_that_thread(bot: RunningBot, site: ArticleServer) -> None:
    parent = bot.fake.add_message("C1", "a thread")
    ev = app_mention_event(
        f"<@UBOT> <{site.url('/article')}>", channel="C1", thread_ts=parent["ts"]
    )
    bot.event(ev)
    thread_reply(bot.fake, "C1", parent["ts"])


def test_pasted_multinews_example_gives_one_summary_of_the_whole(bot: RunningBot) -> None:
    text = MULTINEWS.read_text(encoding="utf-8")
    ev = app_mention_event("<@UBOT> " + slack_escape(text), channel="C1")
    bot.event(ev)
    reply = thread_reply(bot.fake, "C1", ev["ts"])
    bot.idle()
    assert len(thread_replies(bot.fake, "C1", ev["ts"])) == 1
    heading = reply["blocks"][0]["text"]["text"]
    assert "Summary of the 3 pasted texts" in heading  # the three articles joined by |||||
    assert "|||||" not in all_text(reply)


def test_mention_with_text_and_a_link_covers_both(bot: RunningBot, site: ArticleServer) -> None:
    text = fixture_text("article.html").split("<p>")[2].split("</p>")[0]  # a paragraph
    text = " ".join([text] * 2)
    ev = app_mention_event(
        f"<@UBOT> <{site.url('/article')}> and also: {slack_escape(text)}", channel="C1"
    )
    bot.event(ev)
    reply = thread_reply(bot.fake, "C1", ev["ts"])
    body = all_text(reply)
    assert TITLE in body and "Summary of the text" in body


# --- 2. slash command -----------------------------------------------------------------------


def test_slash_command_acks_privately_then_posts_for_everyone(
    bot: RunningBot,
    site: ArticleServer,
) -> None:
    response_url = bot.fake.new_response_url(channel="C2")
    status, body = bot.form(
        slash_command_form(text=site.url("/article"), response_url=response_url, channel_id="C2")
    )
    assert status == 200
    ack = json.loads(body)
    assert ack["text"].startswith("Summarizing")
    assert ack.get("response_type", "ephemeral") == "ephemeral"
    [post] = bot.fake.wait_for_responses(1, timeout=15)
    assert post.response_type == "in_channel"
    assert TITLE in post.text
    assert any(m.get("text") == post.text for m in bot.fake.messages("C2"))


def test_slash_command_help(bot: RunningBot) -> None:
    url = bot.fake.new_response_url()
    for text in ("help", ""):
        status, body = bot.form(slash_command_form(text=text, response_url=url))
        assert status == 200
        assert "/summarize auto on" in json.loads(body)["text"]
    assert bot.deps.store.count_pending() == 0


def test_auto_off_mutes_link_replies_in_that_channel_only(
    bot: RunningBot,
    site: ArticleServer,
) -> None:
    url = site.url("/article")
    off = slash_command_form(
        text="auto off", channel_id="C3", response_url=bot.fake.new_response_url(channel="C3")
    )
    status, body = bot.form(off)
    assert status == 200 and "now off" in json.loads(body)["text"]
    muted = message_event(f"look <{url}>", channel="C3")
    bot.event(muted)
    assert bot.job_state("C3", muted["ts"]) is None
    # A mention in the muted channel is still a request, and is answered.
    mention = app_mention_event(f"<@UBOT> <{url}>", channel="C3")
    bot.event(mention)
    thread_reply(bot.fake, "C3", mention["ts"])
    # Another channel is not muted.
    elsewhere = message_event(f"look <{url}>", channel="C4")
    bot.event(elsewhere)
    thread_reply(bot.fake, "C4", elsewhere["ts"])
    on = slash_command_form(
        text="auto on", channel_id="C3", response_url=bot.fake.new_response_url(channel="C3")
    )
    assert "now on" in json.loads(bot.form(on)[1])["text"]
    again = message_event(f"look <{url}>", channel="C3")
    bot.event(again)
    thread_reply(bot.fake, "C3", again["ts"])
    bot.idle()
    assert not thread_replies(bot.fake, "C3", muted["ts"])


# --- 3. links shared in a channel -----------------------------------------------------------


def test_shared_link_gets_a_threaded_summary(bot: RunningBot, site: ArticleServer) -> None:
    ev = message_event(f"this is good <{site.url('/article')}>", channel="C5")
    bot.event(ev)
    assert TITLE in thread_reply(bot.fake, "C5", ev["ts"])["text"]


def test_several_links_one_reply_capped(bot: RunningBot, site: ArticleServer) -> None:
    urls = [site.url("/article")] + [site.url(f"/article?n={i}") for i in range(6)]
    urls[1] = site.url("/other")
    ev = message_event(" ".join(f"<{u}>" for u in urls), channel="C5")
    bot.event(ev)
    bot.idle()
    [reply] = thread_replies(bot.fake, "C5", ev["ts"])
    body = all_text(reply)
    assert TITLE in body and "Day trains" in body
    assert "first 5 links; 2 more were left out" in body


def test_links_to_slack_and_files_are_not_fetched(bot: RunningBot) -> None:
    ev = message_event(
        "<https://files.slack.com/files-pri/T1-F1/x.pdf> <mailto:a@b.c|a@b.c>", channel="C5"
    )
    bot.event(ev)
    assert bot.job_state("C5", ev["ts"]) is None  # nothing fetchable: stay quiet
    mention = app_mention_event("<@UBOT> <https://myteam.slack.com/archives/C1/p1>", channel="C5")
    bot.event(mention)
    assert thread_reply(bot.fake, "C5", mention["ts"])["text"] == escape(ONLY_SKIPPED_LINKS)


# --- 4. direct messages ---------------------------------------------------------------------


def test_direct_message_is_answered_there(bot: RunningBot, site: ArticleServer) -> None:
    ev = message_event(f"<{site.url('/article')}>", channel="D1", channel_type="im")
    bot.event(ev)
    assert TITLE in thread_reply(bot.fake, "D1", ev["ts"])["text"]
    text_ev = message_event(
        slack_escape(
            fixture_text("article.html")
            .split("<article>")[1]
            .replace("<p>", "")
            .replace("</p>", "")
        ),
        channel="D1",
        channel_type="im",
    )
    bot.event(text_ev)
    assert "Summary of the text" in all_text(thread_reply(bot.fake, "D1", text_ev["ts"]))


# --- 5. message shortcut --------------------------------------------------------------------


def test_message_shortcut_summarizes_that_message_in_its_thread(
    bot: RunningBot,
    site: ArticleServer,
) -> None:
    message = bot.fake.add_message("C6", f"read <{site.url('/article')}>", user="U0AUTHOR")
    form = message_shortcut_form(
        message=message, channel_id="C6", response_url=bot.fake.new_response_url(channel="C6")
    )
    status, _ = bot.form(form)
    assert status == 200
    assert TITLE in thread_reply(bot.fake, "C6", message["ts"])["text"]


# --- exactly once ---------------------------------------------------------------------------


def test_retries_and_duplicates_yield_one_reply(bot: RunningBot, site: ArticleServer) -> None:
    ev = message_event(f"<{site.url('/article')}>", channel="C7")
    body = event_callback(ev)
    bot.post(body)
    bot.post(body, retry_num=1, retry_reason="http_timeout")
    bot.post(event_callback(ev))  # the same event under a new event_id
    bot.post(body, retry_num=2, retry_reason="http_error")
    bot.idle()
    assert len(thread_replies(bot.fake, "C7", ev["ts"])) == 1


def test_app_mention_and_message_for_one_message_yield_one_reply(
    bot: RunningBot,
    site: ArticleServer,
) -> None:
    text = f"<@UBOT> <{site.url('/article')}>"
    mention = app_mention_event(text, channel="C7")
    message = message_event(text, channel="C7", ts=mention["ts"])
    bot.event(message)
    bot.event(mention)
    bot.idle()
    assert len(thread_replies(bot.fake, "C7", mention["ts"])) == 1


@pytest.mark.parametrize(
    "event",
    [
        message_event(
            "<https://example.org/x>", user=None, bot_id="B0OTHER", subtype="bot_message"
        ),
        message_event("<https://example.org/x>", user="U0OTHERBOT", bot_id="B0OTHER"),
        message_event("<https://example.org/x>", user="UBOT", bot_id="BBOT"),
        message_event("<https://example.org/x>", subtype="message_changed"),
        message_event("<https://example.org/x>", subtype="message_deleted"),
        message_event("<https://example.org/x>", subtype="channel_join"),
        message_event("<https://example.org/x>", subtype="thread_broadcast"),
    ],
    ids=["bot_message", "other-bot", "own", "edit", "delete", "join", "broadcast"],
)
def test_bot_messages_and_subtypes_are_ignored(bot: RunningBot, event: dict[str, Any]) -> None:
    bot.event(event)
    assert bot.job_state(event["channel"], event["ts"]) is None
    assert bot.fake.posts() == []


# --- failures -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/missing", "/report.pdf", "/app", "/login"])
def test_fetch_failures_are_answered_in_plain_words(
    bot: RunningBot,
    site: ArticleServer,
    path: str,
) -> None:
    url = site.url(path)
    expected = expected_error(url)
    ev = app_mention_event(f"<@UBOT> <{url}>", channel="C8")
    bot.event(ev)
    reply = thread_reply(bot.fake, "C8", ev["ts"])
    assert reply["text"] == escape(expected)
    assert "Traceback" not in all_text(reply)


def test_blocked_address_is_refused(bot: RunningBot, site: ArticleServer) -> None:
    url = site.url("/article").replace("127.0.0.1", "127.0.0.2")  # loopback, not allowed
    ev = app_mention_event(f"<@UBOT> <{url}>", channel="C8")
    bot.event(ev)
    reply = thread_reply(bot.fake, "C8", ev["ts"])
    assert reply["text"] == escape(expected_error(url))


def test_timeout_is_answered(fake: FakeSlackAPI, tmp_path: Path, site: ArticleServer) -> None:
    import threading

    url = site.add("/slow", "<html></html>", gate=threading.Event())
    with running_bot(fake, tmp_path / "db", pipeline=real_pipeline(deadline=1.0)) as running:
        ev = app_mention_event(f"<@UBOT> <{url}>", channel="C8")
        running.event(ev)
        reply = thread_reply(fake, "C8", ev["ts"])
    assert "took too long" in reply["text"] or "time" in reply["text"].lower()


def _raising(error: BaseException) -> Pipeline:
    def fail(_: str) -> Summary:
        raise error

    return Pipeline(summarize_text=fail, summarize_url=fail)


@pytest.mark.parametrize(
    "error",
    [
        errors.InvalidURLError("That link is not a web address Skim can open."),
        errors.BlockedAddressError("That address is on a private network."),
        errors.HTTPStatusError("The site says the page does not exist (HTTP 404).", status=404),
        errors.FetchTimeoutError("The site took too long to answer."),
        errors.PaywallError("The page is behind a paywall."),
        errors.NoArticleError("The page has no article.", reason="index-page"),
        errors.UnsupportedContentTypeError("That link is a PDF document."),
        errors.ResponseTooLargeError("The page is too large."),
        errors.EmptyInputError(),
        errors.NoWordsError(),
    ],
    ids=lambda e: type(e).__name__,
)
def test_every_summarizer_error_is_relayed(
    fake: FakeSlackAPI,
    tmp_path: Path,
    error: SkimError,
) -> None:
    with running_bot(fake, tmp_path / "db", pipeline=_raising(error)) as running:
        ev = app_mention_event("<@UBOT> <https://example.org/a> ", channel="C9")
        text_ev = app_mention_event("<@UBOT> some pasted text", channel="C9")
        running.event(ev)
        running.event(text_ev)
        assert thread_reply(fake, "C9", ev["ts"])["text"] == escape(str(error))
        assert thread_reply(fake, "C9", text_ev["ts"])["text"] == escape(str(error))


def test_internal_error_gets_a_generic_sentence_and_a_logged_traceback(
    fake: FakeSlackAPI,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with running_bot(fake, tmp_path / "db", pipeline=_raising(KeyError("boom"))) as running:
        ev = app_mention_event("<@UBOT> <https://example.org/a>", channel="C9")
        running.event(ev)
        reply = thread_reply(fake, "C9", ev["ts"])
    assert reply["text"] == escape(GENERIC_FAILURE)
    assert "boom" not in all_text(reply)
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)


def test_nothing_to_summarize(bot: RunningBot) -> None:
    ev = app_mention_event("<@UBOT>", channel="C9")
    bot.event(ev)
    assert thread_reply(bot.fake, "C9", ev["ts"])["text"] == escape(NOTHING_TO_SUMMARIZE)


# --- Slack's limits and ours ----------------------------------------------------------------


def test_rate_limited_post_is_retried_after_retry_after(
    bot: RunningBot,
    site: ArticleServer,
) -> None:
    bot.fake.fail_next("chat.postMessage", status=429, retry_after=1)
    ev = message_event(f"<{site.url('/article')}>", channel="C10")
    bot.event(ev)
    thread_reply(bot.fake, "C10", ev["ts"])
    bot.idle()
    attempts = bot.fake.calls_to("chat.postMessage")
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].time - attempts[0].time >= 0.9  # waited for Retry-After
    assert len(thread_replies(bot.fake, "C10", ev["ts"])) == 1


def test_per_user_limit_answers_politely(
    fake: FakeSlackAPI,
    tmp_path: Path,
) -> None:
    pipeline = Pipeline(
        summarize_text=lambda t: Summary(("A sentence.",), (0,), 10, 2, "skim"),
        summarize_url=lambda u: Summary(("A sentence.",), (0,), 10, 2, "skim"),
    )
    with running_bot(fake, tmp_path / "db", pipeline=pipeline, SKIM_USER_LIMIT="2") as running:
        events = [app_mention_event("<@UBOT> some text", channel="C11") for _ in range(3)]
        for ev in events:
            running.event(ev)
        running.idle()
        assert len(fake.posts("C11")) == 2
        [note] = fake.ephemerals("C11")
        assert note["user"] == "U0HUMAN" and note["thread_ts"] == events[2]["ts"]
        assert "limit is 2 a minute" in note["text"]
        other = app_mention_event("<@UBOT> some text", channel="C11", user="U0OTHER")
        running.event(other)
        thread_reply(fake, "C11", other["ts"])


def test_slash_command_takes_the_common_intake(fake: FakeSlackAPI, tmp_path: Path) -> None:
    """/summarize is de-duplicated before it is counted: Slack's retries of one command (same
    trigger_id) are one request against the limit; over the limit, the acknowledgement says so
    and nothing else is posted."""
    pipeline = Pipeline(
        summarize_text=lambda t: Summary(("A sentence.",), (0,), 10, 2, "skim"),
        summarize_url=lambda u: Summary(("A sentence.",), (0,), 10, 2, "skim"),
    )
    with running_bot(fake, tmp_path / "db", pipeline=pipeline, SKIM_USER_LIMIT="2") as running:
        url = fake.new_response_url(channel="C13")
        first = slash_command_form(text="some text", response_url=url, channel_id="C13",
                                   trigger_id="T-retried")  # fmt: skip
        for _ in range(3):  # the first delivery and two retries
            status, body = running.form(first)
            assert status == 200 and json.loads(body)["text"].startswith("Summarizing")
        second = slash_command_form(text="more text", response_url=url, channel_id="C13")
        status, body = running.form(second)
        assert json.loads(body)["text"].startswith("Summarizing")
        third = slash_command_form(text="and more", response_url=url, channel_id="C13")
        for _ in range(2):  # the refused command, then Slack's retry of it: refused again
            status, body = running.form(third)
            assert status == 200 and "limit is 2 a minute" in json.loads(body)["text"]
        running.idle()
        assert len(fake.wait_for_responses(2, timeout=15)) == 2
        time.sleep(0.3)  # nothing more arrives for the limited one
        assert len(fake.responses) == 2
        assert running.job_state("C13", "command:T-retried") == "done"
        assert running.deps.store.count_pending() == 0


def _long_summary(_: str) -> Summary:
    sentence = "This sentence is long on purpose & <escaped> " + "word " * 60
    sentences = tuple(f"{i}: {sentence.strip()}." for i in range(600))
    return Summary(sentences, (0,) * len(sentences), 200_000, 200_000, "skim")


def test_long_summary_is_split_within_slack_limits(fake: FakeSlackAPI, tmp_path: Path) -> None:
    pipeline = Pipeline(summarize_text=_long_summary, summarize_url=_long_summary)
    with running_bot(fake, tmp_path / "db", pipeline=pipeline) as running:
        ev = app_mention_event("<@UBOT> <https://example.org/long>", channel="C12")
        running.event(ev)
        running.idle()
    posts = thread_replies(fake, "C12", ev["ts"])
    assert len(posts) > 1  # 600 long bullets do not fit in 50 blocks of 3,000 characters
    parts = [p["metadata"]["event_payload"] for p in posts]
    assert [p["part"] for p in parts] == list(range(len(posts)))
    assert all(p["parts"] == len(posts) for p in parts)
    for post in posts:
        assert validate_blocks(post["blocks"]) == []
        assert len(post["text"]) <= 4000
    shown = "\n".join(all_text(p) for p in posts)
    for i in (0, 299, 599):
        assert f"• {i}: This sentence" in shown
    assert "&amp; &lt;escaped&gt;" in shown


# --- cache ----------------------------------------------------------------------------------


def test_recent_url_is_answered_from_the_cache(bot: RunningBot, site: ArticleServer) -> None:
    url = site.url("/article")
    first = message_event(f"<{url}>", channel="C13")
    bot.event(first)
    thread_reply(bot.fake, "C13", first["ts"])
    second = message_event(f"<{url}?utm_source=newsletter&amp;fbclid=xyz#comments>", channel="C13")
    bot.event(second)
    again = thread_reply(bot.fake, "C13", second["ts"])
    assert site.hits["/article"] == 1
    assert TITLE in again["text"]
