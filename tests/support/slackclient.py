"""Play Slack's side of the HTTP conversation with a real Bolt server.

Why: the bot's HTTP mode must be tested with requests signed exactly as Slack
signs them (v0 HMAC-SHA256 over ``v0:{timestamp}:{body}``) and with payloads shaped
like the real ones (Events API envelopes, form-encoded slash commands, ``payload=``
interactivity forms, rich_text blocks and ``<url|label>`` markup), or the tests
would only prove the bot understands our own idea of Slack.

Only 127.0.0.1/localhost URLs are accepted: tests never talk to the internet.

Dict builders (``*_payload``, ``event_callback``...) are also what Socket Mode
envelopes carry, so the same payloads drive both transports.
"""

from __future__ import annotations

import http.client
import itertools
import json
import re
import time
import uuid
from html import unescape
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

from slack_sdk.signature import SignatureVerifier

__all__ = [
    "app_mention_event",
    "event_callback",
    "message_event",
    "message_shortcut_form",
    "message_shortcut_payload",
    "new_ts",
    "rich_text_blocks",
    "sign",
    "signed_post",
    "slash_command_form",
    "slash_command_payload",
    "url_verification",
]

DEFAULT_TEAM_ID = "T0TEST"
DEFAULT_APP_ID = "A0SKIM"
DEFAULT_BOT_USER_ID = "UBOT"
DEFAULT_USER_ID = "U0HUMAN"
DEFAULT_CHANNEL_ID = "C0TEST"
# Deprecated verification token: still sent by Slack in payloads, ignored by Bolt.
VERIFICATION_TOKEN = "verification-token-unused"

_LOCAL_HOSTS = {"127.0.0.1", "localhost"}
_ts_counter = itertools.count(1)


def new_ts(base: int | None = None) -> str:
    """A fresh, increasing Slack-style ``ts`` ("1700000123.000042") for incoming messages."""
    n = next(_ts_counter)
    return f"{base if base is not None else int(time.time())}.{n % 1_000_000:06d}"


# ---------------------------------------------------------------------------- signing
def sign(body: str | bytes, *, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """The two headers Slack adds to every request: timestamp and v0 signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def signed_post(
    url: str,
    body: str | bytes | dict[str, Any],
    *,
    secret: str,
    timestamp: int | None = None,
    content_type: str = "application/json",
    retry_num: int | None = None,
    retry_reason: str | None = None,
    signature: str | None = None,
    extra_headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> tuple[int, str, dict[str, str]]:
    """POST ``body`` to a local Bolt endpoint, signed as Slack signs it.

    ``body`` may be a dict, sent as JSON. ``retry_num``/``retry_reason`` add
    ``X-Slack-Retry-Num``/``X-Slack-Retry-Reason`` as Slack does when it redelivers
    an event. ``signature`` overrides the computed one (to test rejection).
    Returns ``(status, body text, headers with lower-cased names)``.
    """
    if isinstance(body, dict):
        body = json.dumps(body)
    raw = body.encode("utf-8") if isinstance(body, str) else body
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in _LOCAL_HOSTS:
        raise ValueError(f"signed_post only talks to local http servers, not {url!r}")
    headers = {
        "Content-Type": content_type,
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        **sign(raw, secret=secret, timestamp=timestamp),
    }
    if signature is not None:
        headers["X-Slack-Signature"] = signature
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
    if retry_reason is not None:
        headers["X-Slack-Retry-Reason"] = retry_reason
    headers.update(extra_headers or {})
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    conn = http.client.HTTPConnection("127.0.0.1", parts.port or 80, timeout=timeout)
    try:
        conn.request("POST", path, body=raw, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        return resp.status, text, {k.lower(): v for k, v in resp.getheaders()}
    finally:
        conn.close()


# ---------------------------------------------------------------------------- rich text
_MARKUP = re.compile(r"<([^<>]+)>")


def rich_text_blocks(text: str) -> list[dict[str, Any]]:
    """The ``rich_text`` block Slack's clients attach to a typed message.

    Slack ``text`` is escaped mrkdwn (``&amp;``, ``<@U1>``, ``<https://x|label>``,
    ``<#C1|general>``); the rich_text elements carry the same content unescaped and
    structured, which is what a bot reading ``blocks`` sees.
    """
    elements: list[dict[str, Any]] = []

    def add_text(s: str) -> None:
        if s:
            elements.append({"type": "text", "text": unescape(s)})

    pos = 0
    for m in _MARKUP.finditer(text):
        add_text(text[pos : m.start()])
        pos = m.end()
        inner = m.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            elements.append({"type": "user", "user_id": target[1:]})
        elif target.startswith("#"):
            elements.append({"type": "channel", "channel_id": target[1:]})
        elif target.startswith("!"):
            name = target[1:].split("^")[0]
            elements.append({"type": "broadcast", "range": name})
        else:
            link: dict[str, Any] = {"type": "link", "url": unescape(target)}
            if label:
                link["text"] = unescape(label)
            elements.append(link)
    add_text(text[pos:])
    return [
        {
            "type": "rich_text",
            "block_id": uuid.uuid4().hex[:4],
            "elements": [{"type": "rich_text_section", "elements": elements}],
        }
    ]


# ---------------------------------------------------------------------------- Events API
def event_callback(
    event: dict[str, Any],
    *,
    team_id: str = DEFAULT_TEAM_ID,
    api_app_id: str = DEFAULT_APP_ID,
    event_id: str | None = None,
    bot_user_id: str = DEFAULT_BOT_USER_ID,
    event_time: int | None = None,
) -> dict[str, Any]:
    """The Events API envelope Slack POSTs (or sends as a Socket Mode ``events_api`` payload)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
        "event_time": int(time.time()) if event_time is None else event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{uuid.uuid4().hex}",
    }


def app_mention_event(
    text: str = "<@UBOT> summarize <https://example.com/article|example.com/article>",
    *,
    user: str = DEFAULT_USER_ID,
    channel: str = DEFAULT_CHANNEL_ID,
    ts: str | None = None,
    thread_ts: str | None = None,
    team: str = DEFAULT_TEAM_ID,
) -> dict[str, Any]:
    """An ``app_mention`` event as Slack sends it (text with ``<@BOT>`` markup + blocks)."""
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "app_mention",
        "client_msg_id": str(uuid.uuid4()),
        "text": text,
        "user": user,
        "ts": ts,
        "blocks": rich_text_blocks(text),
        "team": team,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def reaction_added_event(
    reaction: str = "memo",
    *,
    channel: str = DEFAULT_CHANNEL_ID,
    ts: str,
    user: str = DEFAULT_USER_ID,
    item_user: str | None = "U0AUTHOR",
) -> dict[str, Any]:
    """A ``reaction_added`` event, as Slack documents it: the message is named, not sent."""
    event: dict[str, Any] = {
        "type": "reaction_added",
        "user": user,
        "reaction": reaction,
        "item": {"type": "message", "channel": channel, "ts": ts},
        "event_ts": f"{time.time():.6f}",
    }
    if item_user is not None:
        event["item_user"] = item_user
    return event


def message_event(
    text: str = "have a look <https://example.com/article>",
    *,
    user: str | None = DEFAULT_USER_ID,
    channel: str = DEFAULT_CHANNEL_ID,
    channel_type: Literal["channel", "group", "im", "mpim"] = "channel",
    subtype: str | None = None,
    bot_id: str | None = None,
    thread_ts: str | None = None,
    ts: str | None = None,
    team: str = DEFAULT_TEAM_ID,
    **extra: Any,
) -> dict[str, Any]:
    """A ``message`` event (``message.channels`` / ``message.im`` ...).

    Human messages have ``user`` + ``client_msg_id``; bot messages (``bot_id`` set,
    optionally ``subtype="bot_message"``) carry ``bot_id`` and ``app_id`` the way
    Slack delivers a bot's own posts back to it, which bots must ignore.
    """
    ts = ts or new_ts()
    event: dict[str, Any] = {"type": "message", "text": text, "ts": ts}
    if subtype:
        event["subtype"] = subtype
    if user:
        event["user"] = user
    if bot_id:
        event["bot_id"] = bot_id
        event["app_id"] = DEFAULT_APP_ID
        event["bot_profile"] = {"id": bot_id, "app_id": DEFAULT_APP_ID, "name": "bot"}
    elif subtype is None:
        event["client_msg_id"] = str(uuid.uuid4())
    event["blocks"] = rich_text_blocks(text)
    event.update(
        {
            "team": team,
            "channel": channel,
            "event_ts": ts,
            "channel_type": channel_type,
        }
    )
    if thread_ts:
        event["thread_ts"] = thread_ts
        event["parent_user_id"] = extra.pop("parent_user_id", DEFAULT_USER_ID)
    event.update(extra)
    return event


def url_verification(
    challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
) -> dict:
    """The one-off handshake Slack sends when the Request URL is configured."""
    return {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}


# ---------------------------------------------------------------------------- slash commands
def slash_command_payload(
    command: str = "/summarize",
    text: str = "https://example.com/article",
    *,
    response_url: str,
    trigger_id: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    channel_id: str = DEFAULT_CHANNEL_ID,
    team_id: str = DEFAULT_TEAM_ID,
    api_app_id: str = DEFAULT_APP_ID,
    user_name: str = "human",
    channel_name: str = "general",
) -> dict[str, str]:
    """Slash command fields (a Socket Mode ``slash_commands`` payload is this dict)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": "skimtest",
        "channel_id": channel_id,
        "channel_name": "directmessage" if channel_id.startswith("D") else channel_name,
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id
        or f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex}",
    }


def slash_command_form(
    command: str = "/summarize",
    text: str = "https://example.com/article",
    *,
    response_url: str,
    trigger_id: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    channel_id: str = DEFAULT_CHANNEL_ID,
    team_id: str = DEFAULT_TEAM_ID,
    api_app_id: str = DEFAULT_APP_ID,
) -> str:
    """The ``application/x-www-form-urlencoded`` body Slack POSTs for a slash command."""
    return urlencode(
        slash_command_payload(
            command,
            text,
            response_url=response_url,
            trigger_id=trigger_id,
            user_id=user_id,
            channel_id=channel_id,
            team_id=team_id,
            api_app_id=api_app_id,
        )
    )


# ---------------------------------------------------------------------------- shortcuts
def message_shortcut_payload(
    *,
    callback_id: str = "summarize",
    message: dict[str, Any] | None = None,
    response_url: str,
    trigger_id: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    channel_id: str = DEFAULT_CHANNEL_ID,
    team_id: str = DEFAULT_TEAM_ID,
) -> dict[str, Any]:
    """A message shortcut (``type: message_action``) interactivity payload."""
    if message is None:
        text = "worth reading <https://example.com/article|example.com/article>"
        message = {
            "type": "message",
            "user": "U0AUTHOR",
            "text": text,
            "ts": new_ts(),
            "client_msg_id": str(uuid.uuid4()),
            "team": team_id,
            "blocks": rich_text_blocks(text),
        }
    return {
        "type": "message_action",
        "token": VERIFICATION_TOKEN,
        "action_ts": f"{time.time():.6f}",
        "team": {"id": team_id, "domain": "skimtest"},
        "user": {"id": user_id, "username": "human", "team_id": team_id, "name": "human"},
        "channel": {"id": channel_id, "name": "general"},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id
        or f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex}",
        "response_url": response_url,
        "message_ts": message.get("ts"),
        "message": message,
    }


def message_shortcut_form(
    *,
    callback_id: str = "summarize",
    message: dict[str, Any] | None = None,
    response_url: str,
    trigger_id: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    channel_id: str = DEFAULT_CHANNEL_ID,
    team_id: str = DEFAULT_TEAM_ID,
) -> str:
    """The form body Slack POSTs for interactivity: a single ``payload=<json>`` field."""
    payload = message_shortcut_payload(
        callback_id=callback_id,
        message=message,
        response_url=response_url,
        trigger_id=trigger_id,
        user_id=user_id,
        channel_id=channel_id,
        team_id=team_id,
    )
    return urlencode({"payload": json.dumps(payload)})


# ---------------------------------------------------------------------------- block actions
def block_actions_payload(
    *,
    message: dict[str, Any],
    action_id: str,
    response_url: str,
    value: str | None = None,
    channel_id: str = DEFAULT_CHANNEL_ID,
    user_id: str = DEFAULT_USER_ID,
    team_id: str = DEFAULT_TEAM_ID,
    api_app_id: str = DEFAULT_APP_ID,
    action_ts: str | None = None,
    side: Literal["positive", "negative"] = "positive",
) -> dict[str, Any]:
    """A button press in a message (``type: block_actions``), as Slack documents it: the
    button is looked up in ``message``'s blocks by ``action_id`` (its ``value`` and
    ``block_id`` come from there unless ``value`` is given). On Slack's feedback buttons,
    ``side`` says which of the two was pressed: the action carries that button's value."""
    button, block_id = None, None
    for block in message.get("blocks") or []:
        for el in block.get("elements") or []:
            if isinstance(el, dict) and el.get("action_id") == action_id:
                button, block_id = el, block.get("block_id")
    if button is None:
        raise AssertionError(f"no button {action_id!r} in the message")
    pressed = button[f"{side}_button"] if button.get("type") == "feedback_buttons" else button
    container: dict[str, Any] = {
        "type": "message",
        "message_ts": message["ts"],
        "channel_id": channel_id,
        "is_ephemeral": False,
    }
    if message.get("thread_ts"):
        container["thread_ts"] = message["thread_ts"]
    return {
        "type": "block_actions",
        "user": {"id": user_id, "username": "human", "name": "human", "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "container": container,
        "trigger_id": f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex}",
        "team": {"id": team_id, "domain": "skimtest"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": "general"},
        "message": message,
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": block_id,
                "text": pressed.get("text"),
                "value": pressed.get("value") if value is None else value,
                "type": button.get("type", "button"),
                "action_ts": action_ts or f"{time.time():.6f}",
            }
        ],
    }


def interaction_form(payload: dict[str, Any]) -> str:
    """The form body Slack POSTs for any interaction: one ``payload=<json>`` field."""
    return urlencode({"payload": json.dumps(payload)})
