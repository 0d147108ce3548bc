"""Prove the Slack fakes behave as Slack documents, using the real slack_sdk/Bolt clients.

The bot's tests trust these fakes; if a fake drifted from Slack (wrong error code,
missing retry header, unsigned payload shape) the bot's tests would pass against a
Slack that does not exist. Everything here talks to 127.0.0.1 only and waits with
bounded polls, never fixed sleeps.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_bolt import App, BoltRequest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.webhook import WebhookClient

from tests.support.fakeslack import FakeSlackAPI, validate_blocks
from tests.support.fakesocket import FakeSocketModeServer
from tests.support.slackclient import (
    app_mention_event,
    event_callback,
    message_event,
    message_shortcut_form,
    signed_post,
    slash_command_form,
    slash_command_payload,
    url_verification,
)

SECRET = "test-signing-secret"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """slack_sdk routes through $HTTPS_PROXY even for 127.0.0.1; keep traffic local."""
    for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def fake() -> Iterator[FakeSlackAPI]:
    with FakeSlackAPI() as f:
        yield f


@pytest.fixture
def client(fake: FakeSlackAPI) -> WebClient:
    return WebClient(token=fake.token, base_url=fake.api_url)


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def api_error(excinfo: pytest.ExceptionInfo[SlackApiError]) -> str:
    return str(excinfo.value.response["error"])


# ---------------------------------------------------------------------------- Web API
def test_auth_test_identifies_the_bot(client: WebClient, fake: FakeSlackAPI) -> None:
    resp = client.auth_test()
    assert resp["ok"] is True
    assert (resp["user_id"], resp["bot_id"], resp["team_id"]) == ("UBOT", "BBOT", fake.team_id)
    assert resp["url"].startswith("https://")
    call = fake.calls[-1]
    assert call.method == "auth.test"
    assert call.headers["authorization"] == f"Bearer {fake.token}"


def test_invalid_token_is_invalid_auth_for_every_method(fake: FakeSlackAPI) -> None:
    bad = WebClient(token="xoxb-wrong", base_url=fake.api_url)
    with pytest.raises(SlackApiError) as e1:
        bad.auth_test()
    with pytest.raises(SlackApiError) as e2:
        bad.chat_postMessage(channel="C1", text="hi")
    assert api_error(e1) == api_error(e2) == "invalid_auth"
    assert fake.posts() == []


def test_post_message_thread_and_metadata_round_trip(client: WebClient, fake: FakeSlackAPI) -> None:
    meta = {"event_type": "skim_summary", "event_payload": {"url": "https://example.com/a"}}
    parent = client.chat_postMessage(
        channel="C1", text="Summary", metadata=meta, unfurl_links=False, blocks=[section("*Hi*")]
    )
    assert parent["channel"] == "C1"
    assert parent["message"]["bot_id"] == "BBOT"
    assert parent["message"]["blocks"][0]["block_id"]  # Slack fills in block ids
    reply = client.chat_postMessage(channel="C1", text="more", thread_ts=parent["ts"])
    assert float(reply["ts"]) > float(parent["ts"])

    with_meta = client.conversations_replies(
        channel="C1", ts=parent["ts"], include_all_metadata=True
    )
    msgs = with_meta["messages"]
    assert [m["ts"] for m in msgs] == [parent["ts"], reply["ts"]]
    assert msgs[0]["metadata"] == meta
    assert msgs[0]["reply_count"] == 1
    assert msgs[1]["thread_ts"] == parent["ts"]
    assert msgs[1]["user"] == "UBOT"

    without = client.conversations_replies(channel="C1", ts=parent["ts"])
    assert "metadata" not in without["messages"][0]

    posts = fake.wait_for_posts(2, channel="C1")
    assert posts[0]["unfurl_links"] is False
    assert [m["ts"] for m in fake.thread("C1", parent["ts"])] == [parent["ts"], reply["ts"]]


def test_metadata_shape_is_validated(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C1", text="x", metadata={"event_type": "t"})
    assert api_error(e) == "invalid_metadata_schema"


def test_replies_paginate_with_cursor(client: WebClient) -> None:
    parent = client.chat_postMessage(channel="C1", text="parent")
    for i in range(4):
        client.chat_postMessage(channel="C1", text=f"r{i}", thread_ts=parent["ts"])
    texts: list[str] = []
    pages = 0
    for page in client.conversations_replies(channel="C1", ts=parent["ts"], limit=2):
        pages += 1
        texts += [m["text"] for m in page["messages"]]
    assert pages == 3
    assert texts == ["parent", "r0", "r1", "r2", "r3"]
    with pytest.raises(SlackApiError) as e:
        client.conversations_replies(channel="C1", ts="1.000000")
    assert api_error(e) == "thread_not_found"


@pytest.mark.parametrize(
    ("blocks", "why"),
    [
        ([section("x" * 3001)], "section text over 3000"),
        ([section("x")] * 51, "more than 50 blocks"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}], "header"),
        ([{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}], "context"),
    ],
)
def test_invalid_blocks(client: WebClient, fake: FakeSlackAPI, blocks: list, why: str) -> None:
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C1", text="fallback", blocks=blocks)
    assert api_error(e) == "invalid_blocks", why
    assert fake.posts() == []


def test_limits_at_the_boundary_are_accepted(client: WebClient) -> None:
    blocks = [section("x" * 3000)] + [section("y")] * 49
    assert client.chat_postMessage(channel="C1", text="t" * 40_000, blocks=blocks)["ok"]


def test_blocks_as_json_string_via_form_body(client: WebClient, fake: FakeSlackAPI) -> None:
    resp = client.api_call(
        "chat.postMessage",
        params={"channel": "C1", "text": "t", "blocks": json.dumps([section("hi")])},
    )
    assert resp["message"]["blocks"][0]["text"]["text"] == "hi"
    assert fake.calls[-1].headers["content-type"].startswith("application/x-www-form-urlencoded")


def test_msg_too_long_no_text_and_channel_errors(client: WebClient, fake: FakeSlackAPI) -> None:
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C1", text="x" * 40_001)
    assert api_error(e) == "msg_too_long"
    with pytest.raises(SlackApiError) as e, pytest.warns(UserWarning, match="text"):
        client.chat_postMessage(channel="C1", text="")
    assert api_error(e) == "no_text"
    fake.unknown_channels.add("CGONE")
    fake.not_in_channel.add("COUT")
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="CGONE", text="x")
    assert api_error(e) == "channel_not_found"
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="COUT", text="x")
    assert api_error(e) == "not_in_channel"
    assert fake.posts() == []


def test_429_with_retry_after_is_retried_by_slack_sdk(fake: FakeSlackAPI) -> None:
    client = WebClient(
        token=fake.token,
        base_url=fake.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]
    attempts = fake.calls_to("chat.postMessage")
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[0].response["error"] == "ratelimited"
    assert len(fake.posts()) == 1


def test_429_without_retry_handler_surfaces_retry_after(
    client: WebClient, fake: FakeSlackAPI
) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C1", text="hi")
    assert e.value.response.status_code == 429
    assert e.value.response.headers["Retry-After"] == "7"


def test_injected_errors_and_500(client: WebClient, fake: FakeSlackAPI) -> None:
    fake.fail_next("chat.postMessage", error="internal_error")
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="C1", text="hi")
    assert api_error(e) == "internal_error"
    fake.fail_next("auth.test", status=500)
    with pytest.raises(SlackApiError) as e:
        client.auth_test()
    assert e.value.response.status_code == 500
    # Failures are one-shot: the next call succeeds.
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]


def test_delay_makes_a_method_slow(client: WebClient, fake: FakeSlackAPI) -> None:
    fake.delay("auth.test", 0.3)
    start = time.monotonic()
    client.auth_test()
    assert time.monotonic() - start >= 0.3


def test_ephemeral_update_info_and_reactions(client: WebClient, fake: FakeSlackAPI) -> None:
    eph = client.chat_postEphemeral(channel="C1", user="U1", text="only you")
    assert eph["message_ts"]
    assert fake.wait_for_ephemerals(1)[0]["user"] == "U1"
    posted = client.chat_postMessage(channel="C1", text="working...")
    client.chat_update(channel="C1", ts=posted["ts"], text="done", blocks=[section("done")])
    assert fake.posts()[0]["text"] == "done"
    client.reactions_add(channel="C1", timestamp=posted["ts"], name="eyes")
    with pytest.raises(SlackApiError) as e:
        client.reactions_add(channel="C1", timestamp=posted["ts"], name="eyes")
    assert api_error(e) == "already_reacted"
    assert client.conversations_info(channel="D1")["channel"]["is_im"] is True
    assert client.users_info(user="U1")["user"]["id"] == "U1"


def test_wait_for_times_out_with_a_helpful_message(client: WebClient, fake: FakeSlackAPI) -> None:
    client.auth_test()
    with pytest.raises(AssertionError, match=r"(?s)expected >= 1 chat.postMessage.*auth.test"):
        fake.wait_for_posts(1, timeout=0.2)


def test_wait_for_wakes_on_a_background_post(client: WebClient, fake: FakeSlackAPI) -> None:
    t = threading.Thread(target=lambda: client.chat_postMessage(channel="C9", text="bg"))
    t.start()
    assert fake.wait_for_posts(1, channel="C9")[0]["text"] == "bg"
    t.join(5)


def test_wait_for_predicate_may_call_the_fake(client: WebClient, fake: FakeSlackAPI) -> None:
    parent = client.chat_postMessage(channel="C1", text="p")
    client.chat_postMessage(channel="C1", text="r", thread_ts=parent["ts"])

    def two_messages() -> bool:
        replies = client.conversations_replies(channel="C1", ts=parent["ts"])
        return len(replies["messages"]) == 2

    assert fake.wait_for(two_messages, timeout=5)


def test_response_url_posts_are_recorded(fake: FakeSlackAPI) -> None:
    url = fake.new_response_url(channel="C1", user="U1")
    assert url.startswith(f"{fake.base_url}/response/")
    hook = WebhookClient(url)
    assert hook.send(text="working on it").status_code == 200
    resp = hook.send(text="Summary", response_type="in_channel", replace_original=False)
    assert resp.status_code == 200
    first, second = fake.wait_for_responses(2)
    assert first.response_type == "ephemeral"
    assert second.response_type == "in_channel"
    assert second.replace_original is False
    assert [m["text"] for m in fake.messages("C1")] == ["Summary"]
    # Slack allows five uses of a response_url.
    for _ in range(3):
        assert hook.send(text="x").status_code == 200
    assert hook.send(text="x").status_code == 404


def test_response_url_validates_blocks(fake: FakeSlackAPI) -> None:
    url = fake.new_response_url()
    resp = WebhookClient(url).send(text="t", blocks=[section("x" * 3001)])
    assert resp.status_code == 400
    assert fake.responses == []


def test_a_block_action_response_url_replaces_the_message_it_came_from(
    fake: FakeSlackAPI,
) -> None:
    client = WebClient(token=fake.token, base_url=fake.api_url)
    posted = client.chat_postMessage(channel="C1", text="long version")
    url = fake.new_response_url(channel="C1", original_ts=posted["ts"])
    hook = WebhookClient(url)
    assert hook.send(text="short version", replace_original=True).status_code == 200
    [message] = fake.messages("C1")
    assert message["text"] == "short version" and "edited" in message
    assert fake.responses[-1].stored_ts == posted["ts"]
    client.chat_delete(channel="C1", ts=posted["ts"])
    assert hook.send(text="again", replace_original=True).status_code == 404


def test_buttons_are_checked_as_slack_checks_them() -> None:
    def actions(*elements: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"type": "actions", "elements": list(elements)}]

    def button(action_id: str, label: str = "Go", value: str = "v") -> dict[str, Any]:
        return {"type": "button", "action_id": action_id, "value": value,
                "text": {"type": "plain_text", "text": label}}  # fmt: skip

    assert validate_blocks(actions(button("a"), button("b"))) == []
    assert validate_blocks(actions(button("a"), button("a")))  # action_ids must differ
    assert validate_blocks(actions(button("a", label="x" * 76)))
    assert validate_blocks(actions(button("a", value="x" * 2001)))
    mrkdwn_label = {**button("a"), "text": {"type": "mrkdwn", "text": "Go"}}
    assert validate_blocks(actions(mrkdwn_label))


# ---------------------------------------------------------------------------- signing + Bolt
def test_signed_post_signature_verifies() -> None:
    seen: dict[str, Any] = {}

    class Capture(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen["body"] = self.rfile.read(int(self.headers["Content-Length"]))
            seen["headers"] = dict(self.headers.items())
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
        body = json.dumps(event_callback(app_mention_event()))
        status, _, _ = signed_post(url, body, secret=SECRET, retry_num=1, retry_reason="timeout")
    finally:
        server.shutdown()
        server.server_close()
    assert status == 200
    h = seen["headers"]
    verifier = SignatureVerifier(SECRET)
    assert verifier.is_valid(
        body=seen["body"],
        timestamp=h["X-Slack-Request-Timestamp"],
        signature=h["X-Slack-Signature"],
    )
    assert not SignatureVerifier("other").is_valid(
        body=seen["body"],
        timestamp=h["X-Slack-Request-Timestamp"],
        signature=h["X-Slack-Signature"],
    )
    assert (h["X-Slack-Retry-Num"], h["X-Slack-Retry-Reason"]) == ("1", "timeout")


def test_signed_post_refuses_non_local_urls() -> None:
    with pytest.raises(ValueError):
        signed_post("https://slack.com/api/x", "{}", secret=SECRET)


def test_payload_builders_look_like_slack() -> None:
    ev = message_event("see <https://x.example/a|label> &amp; <@U2>", channel_type="im")
    section_elements = ev["blocks"][0]["elements"][0]["elements"]
    assert {"type": "link", "url": "https://x.example/a", "text": "label"} in section_elements
    assert {"type": "user", "user_id": "U2"} in section_elements
    assert {"type": "text", "text": " & "} in section_elements
    assert ev["channel_type"] == "im" and "client_msg_id" in ev
    bot = message_event("x", user=None, bot_id="BBOT", subtype="bot_message")
    assert bot["bot_id"] == "BBOT" and "user" not in bot and "client_msg_id" not in bot
    env = event_callback(app_mention_event(), event_id="Ev1")
    assert env["event_id"] == "Ev1" and env["authorizations"][0]["user_id"] == "UBOT"
    form = parse_qs(slash_command_form(text="https://x", response_url="http://127.0.0.1/r"))
    assert form["command"] == ["/summarize"] and form["trigger_id"][0]
    shortcut = json.loads(parse_qs(message_shortcut_form(response_url="u"))["payload"][0])
    assert shortcut["type"] == "message_action" and shortcut["callback_id"] == "summarize"


class _BoltServer:
    """A 127.0.0.1 HTTP front for ``App.dispatch`` (Bolt's own dev server binds 0.0.0.0)."""

    def __init__(self, app: App) -> None:
        bolt = app

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                headers = {k.lower(): [v] for k, v in self.headers.items()}
                resp = bolt.dispatch(BoltRequest(body=body, headers=headers))
                data = resp.body.encode()
                self.send_response(resp.status)
                for k, vs in resp.headers.items():
                    for v in vs:
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/slack/events"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_real_bolt_accepts_signed_payloads(fake: FakeSlackAPI) -> None:
    app = App(
        client=WebClient(token=fake.token, base_url=fake.api_url),
        signing_secret=SECRET,
        process_before_response=True,
    )
    got: dict[str, Any] = {}

    @app.event("app_mention")
    def on_mention(event: dict, say: Any) -> None:
        say(text="on it", thread_ts=event["ts"])

    @app.command("/summarize")
    def on_command(ack: Any, command: dict, respond: Any) -> None:
        ack()
        respond(text=f"summary of {command['text']}", response_type="in_channel")

    @app.shortcut("summarize")
    def on_shortcut(ack: Any, shortcut: dict) -> None:
        ack()
        got["shortcut"] = shortcut["message"]["text"]

    bolt = _BoltServer(app)
    try:
        status, body, _ = signed_post(bolt.url, url_verification("abc"), secret=SECRET)
        assert status == 200 and json.loads(body)["challenge"] == "abc"

        mention = app_mention_event(channel="C5")
        status, _, _ = signed_post(bolt.url, event_callback(mention), secret=SECRET)
        assert status == 200
        post = fake.wait_for_posts(1, channel="C5")[0]
        assert (post["text"], post["thread_ts"]) == ("on it", mention["ts"])

        url = fake.new_response_url(channel="C6")
        form = slash_command_form(text="https://example.com/a", response_url=url, channel_id="C6")
        status, _, _ = signed_post(
            bolt.url, form, secret=SECRET, content_type="application/x-www-form-urlencoded"
        )
        assert status == 200
        assert fake.wait_for_responses(1)[0].text == "summary of https://example.com/a"

        form = message_shortcut_form(response_url=fake.new_response_url())
        status, _, _ = signed_post(
            bolt.url, form, secret=SECRET, content_type="application/x-www-form-urlencoded"
        )
        assert status == 200 and "example.com/article" in got["shortcut"]

        bad, _, _ = signed_post(bolt.url, url_verification("x"), secret="wrong-secret")
        stale, _, _ = signed_post(
            bolt.url, url_verification("x"), secret=SECRET, timestamp=int(time.time()) - 600
        )
        assert bad == stale == 401
    finally:
        bolt.close()


def test_only_loopback_urls(fake: FakeSlackAPI) -> None:
    assert fake.api_url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(
        fake.api_url + "api.test", data=b"token=" + fake.token.encode()
    ) as r:
        assert json.loads(r.read())["ok"] is True


# ---------------------------------------------------------------------------- Socket Mode
@pytest.fixture
def sock(fake: FakeSlackAPI) -> Iterator[FakeSocketModeServer]:
    with FakeSocketModeServer(fake) as server:
        yield server


def test_apps_connections_open_needs_the_app_token(
    fake: FakeSlackAPI, sock: FakeSocketModeServer
) -> None:
    resp = WebClient(base_url=fake.api_url).apps_connections_open(app_token=fake.app_token)
    assert resp["url"].startswith("ws://127.0.0.1:")
    with pytest.raises(SlackApiError) as e:
        WebClient(token=fake.token, base_url=fake.api_url).apps_connections_open(
            app_token=fake.token
        )
    assert api_error(e) == "not_allowed_token_type"


@pytest.mark.slow
def test_socket_mode_round_trip_with_builtin_client(
    fake: FakeSlackAPI, sock: FakeSocketModeServer
) -> None:
    client = SocketModeClient(
        app_token=fake.app_token,
        web_client=WebClient(base_url=fake.api_url),
        ping_interval=0.2,
    )
    seen: list[SocketModeRequest] = []

    def listener(c: SocketModeClient, req: SocketModeRequest) -> None:
        seen.append(req)
        c.send_socket_mode_response(
            SocketModeResponse(envelope_id=req.envelope_id, payload={"text": "ok"})
        )

    client.socket_mode_request_listeners.append(listener)
    try:
        client.connect()
        sock.wait_for_connection()
        assert fake.calls_to("apps.connections.open")[0].ok
        env = event_callback(app_mention_event())
        eid = sock.push_event(env)
        ack = sock.wait_for_ack(eid)
        assert ack.payload == {"text": "ok"} and ack.latency is not None
        assert seen[0].type == "events_api" and seen[0].payload == env
        # The client pings; the fake must answer pongs for the session to stay healthy.
        sock.wait_for(lambda: sock.pings >= 1, message="expected a ping from the client")
        # Slack asks clients to reconnect periodically; the client opens a new session.
        sock.request_disconnect()
        sock.wait_for_connection(2)
        eid2 = sock.push_event(event_callback(app_mention_event()))
        sock.wait_for_ack(eid2)
    finally:
        client.close()
    sock.wait_for(lambda: sock.connection_count == 0, message="client close not seen")


@pytest.mark.slow
def test_bolt_socket_mode_handler_against_the_fakes(
    fake: FakeSlackAPI, sock: FakeSocketModeServer
) -> None:
    app = App(client=WebClient(token=fake.token, base_url=fake.api_url))

    @app.event("app_mention")
    def on_mention(event: dict, say: Any) -> None:
        say(text="summary coming", thread_ts=event["ts"])

    @app.command("/summarize")
    def on_command(ack: Any, command: dict) -> None:
        ack(text=f"got {command['text']}")

    handler = SocketModeHandler(app, fake.app_token)
    try:
        handler.connect()
        sock.wait_for_connection()
        mention = app_mention_event(channel="C7")
        sock.wait_for_ack(sock.push_event(event_callback(mention)))
        post = fake.wait_for_posts(1, channel="C7")[0]
        assert (post["text"], post["thread_ts"]) == ("summary coming", mention["ts"])

        payload = slash_command_payload(
            text="https://x.test/a", response_url=fake.new_response_url()
        )
        ack = sock.wait_for_ack(sock.push_slash_command(payload))
        assert ack.payload == {"text": "got https://x.test/a"}
    finally:
        handler.close()
