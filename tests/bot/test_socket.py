"""Socket Mode: `python -m bot` with SLACK_APP_TOKEN set connects to a local stand-in for
Slack's WebSocket server (found through apps.connections.open on the fake Web API), acks each
envelope, and answers the same way as in HTTP mode."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from tests.support.bot import (
    TITLE,
    ArticleServer,
    bot_env,
    bot_process,
    fixture_text,
    thread_replies,
)
from tests.support.fakeslack import FakeSlackAPI
from tests.support.fakesocket import FakeSocketModeServer
from tests.support.slackclient import (
    app_mention_event,
    event_callback,
    message_shortcut_payload,
    slash_command_payload,
)

# Each test starts `python -m bot` as a process of its own.
pytestmark = pytest.mark.slow


def test_socket_mode_end_to_end(
    fake: FakeSlackAPI,
    articles: ArticleServer,
    tmp_path: Path,
) -> None:

    url = articles.add("/article", fixture_text("article.html"))
    env = bot_env(fake, tmp_path / "skim.db", SLACK_APP_TOKEN=fake.app_token)
    del env["SLACK_SIGNING_SECRET"]  # not needed in Socket Mode
    with FakeSocketModeServer(fake) as sock, bot_process(env, tmp_path, "socket") as proc:
        sock.wait_for_connection(timeout=30)

        mention = app_mention_event(f"<@UBOT> <{url}>", channel="C1")
        sock.wait_for_ack(sock.push_event(event_callback(mention)))
        fake.wait_for(lambda: thread_replies(fake, "C1", mention["ts"]), 15, "the mention's reply")

        command = slash_command_payload(text="help", response_url=fake.new_response_url())
        ack = sock.wait_for_ack(sock.push_slash_command(command))
        assert ack.payload is not None
        assert "/summarize auto on" in json.dumps(ack.payload)

        message = fake.add_message("C2", f"read <{url}>", user="U0AUTHOR")
        shortcut = message_shortcut_payload(
            message=message, channel_id="C2", response_url=fake.new_response_url(channel="C2")
        )
        sock.wait_for_ack(sock.push_interactive(shortcut))
        fake.wait_for(lambda: thread_replies(fake, "C2", message["ts"]), 15, "the shortcut's reply")

        # Slack redelivers an envelope it thinks was lost: still one reply.
        sock.wait_for_ack(
            sock.push_event(event_callback(mention), retry_attempt=1, retry_reason="timeout")
        )
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0
    assert len(thread_replies(fake, "C1", mention["ts"])) == 1
    assert TITLE in thread_replies(fake, "C2", message["ts"])[0]["text"]
    assert fake.calls_to("apps.connections.open")
