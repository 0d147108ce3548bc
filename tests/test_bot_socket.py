"""Socket Mode: `python -m bot` with SLACK_APP_TOKEN set connects to a local stand-in for
Slack's WebSocket server (found through apps.connections.open on the fake Web API), acks each
envelope, and answers the same way as in HTTP mode."""

from __future__ import annotations

import json
import signal
from pathlib import Path

from tests.fakeslack import FakeSlackAPI
from tests.fakesocket import FakeSocketModeServer
from tests.slackclient import (
    app_mention_event,
    event_callback,
    message_shortcut_payload,
    slash_command_payload,
)
from tests.test_bot_harness import (
    ArticleServer,
    articles,  # noqa: F401  (pytest fixture)
    bot_env,
    fake,  # noqa: F401  (pytest fixture)
    fixture_text,
    replies,
)
from tests.test_bot_process import bot_process

TITLE = "Night trains return to the valley after twelve years"


def test_socket_mode_end_to_end(
    fake: FakeSlackAPI,  # noqa: F811
    articles: ArticleServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    url = articles.add("/article", fixture_text("article.html"))
    env = bot_env(fake, tmp_path / "skim.db", SLACK_APP_TOKEN=fake.app_token)
    del env["SLACK_SIGNING_SECRET"]  # not needed in Socket Mode
    with FakeSocketModeServer(fake) as sock, bot_process(env, tmp_path, "socket") as proc:
        sock.wait_for_connection(timeout=30)

        mention = app_mention_event(f"<@UBOT> <{url}>", channel="C1")
        sock.wait_for_ack(sock.push_event(event_callback(mention)))
        fake.wait_for(lambda: replies(fake, "C1", mention["ts"]), 15, "the mention's reply")

        command = slash_command_payload(text="help", response_url=fake.new_response_url())
        ack = sock.wait_for_ack(sock.push_slash_command(command))
        assert ack.payload is not None
        assert "/summarize auto off" in json.dumps(ack.payload)

        message = fake.add_message("C2", f"read <{url}>", user="U0AUTHOR")
        shortcut = message_shortcut_payload(
            message=message, channel_id="C2", response_url=fake.new_response_url(channel="C2")
        )
        sock.wait_for_ack(sock.push_interactive(shortcut))
        fake.wait_for(lambda: replies(fake, "C2", message["ts"]), 15, "the shortcut's reply")

        # Slack redelivers an envelope it thinks was lost: still one reply.
        sock.wait_for_ack(
            sock.push_event(event_callback(mention), retry_attempt=1, retry_reason="timeout")
        )
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0
    assert len(replies(fake, "C1", mention["ts"])) == 1
    assert TITLE in replies(fake, "C2", message["ts"])[0]["text"]
    assert fake.calls_to("apps.connections.open")
