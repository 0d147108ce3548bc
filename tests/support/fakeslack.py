"""A local fake of Slack's Web API, faithful to Slack's documented behaviour.

Why a real HTTP server rather than mocks: the bot is tested through the *real*
``slack_sdk.WebClient`` (``WebClient(token=..., base_url=fake.api_url)``), so the
request encoding (form or JSON bodies, ``Authorization: Bearer``), the retry
handlers (429 + ``Retry-After``) and ``SlackApiError`` handling are exercised
exactly as in production. Only ``127.0.0.1`` is ever bound or contacted.

Behaviour follows https://api.slack.com/methods (errors such as ``invalid_auth``,
``channel_not_found``, ``no_text``, ``msg_too_long``, ``invalid_blocks`` and the
Block Kit limits: 50 blocks per message, 3,000 chars of section text, 150 chars
of header text, 10 context elements ...). Where Slack's behaviour is ambiguous the
fake is the stricter choice, so code that passes here also passes against Slack:
e.g. ``metadata`` comes back from ``conversations.replies`` only when
``include_all_metadata=true`` is passed.

Typical use::

    with FakeSlackAPI() as fake:
        client = WebClient(token=fake.token, base_url=fake.api_url)
        client.chat_postMessage(channel="C1", text="hi")
        fake.wait_for_posts(1)
"""

from __future__ import annotations

import base64
import copy
import itertools
import json
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from tests.support.waiting import ChangeWaiter

__all__ = ["Call", "Failure", "FakeSlackAPI", "SlackResponseURLPost", "validate_blocks"]

T = TypeVar("T")

# Keys kept on stored messages for test convenience but never sent back by the API.
_INTERNAL_KEYS = frozenset({"channel", "unfurl_links", "unfurl_media", "reply_broadcast"})

_KNOWN_BLOCK_TYPES = frozenset(
    {
        "actions",
        "context",
        "context_actions",
        "divider",
        "file",
        "header",
        "image",
        "input",
        "markdown",
        "rich_text",
        "section",
        "table",
        "video",
    }
)

MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELDS = 10
MAX_SECTION_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_CONTEXT_ACTIONS_ELEMENTS = 5
MAX_ACTION_ID = 255
MAX_BUTTON_VALUE = 2000
MAX_BLOCK_ID = 255
MAX_MESSAGE_TEXT = 40_000
MAX_RESPONSE_URL_USES = 5  # Slack: a response_url may be used up to 5 times in 30 minutes.


@dataclass
class Call:
    """One HTTP request the fake answered (Web API method or response_url post).

    ``params`` is the decoded request (form fields, JSON body or query string merged);
    ``headers`` has lower-cased names. ``status`` and ``response`` are what the fake
    answered, so a test can tell a throttled attempt from the successful retry.
    """

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    time: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when Slack would count this call as a success."""
        return self.status == 200 and bool(self.response.get("ok"))


@dataclass
class Failure:
    """A failure queued with :meth:`FakeSlackAPI.fail_next`."""

    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    body: dict[str, Any] | None = None


@dataclass
class SlackResponseURLPost:
    """A JSON payload POSTed to a ``response_url`` handed out by the fake."""

    url_id: str
    payload: dict[str, Any]
    time: float
    channel: str | None = None
    user: str | None = None
    stored_ts: str | None = None  # ts of the channel message created for in_channel responses

    @property
    def response_type(self) -> str:
        """Slack's default for response_url payloads is ``ephemeral``."""
        return str(self.payload.get("response_type") or "ephemeral")

    @property
    def text(self) -> str | None:
        return self.payload.get("text")

    @property
    def blocks(self) -> list[dict[str, Any]] | None:
        return self.payload.get("blocks")

    @property
    def replace_original(self) -> bool:
        return _truthy(self.payload.get("replace_original"))

    @property
    def delete_original(self) -> bool:
        return _truthy(self.payload.get("delete_original"))

    @property
    def thread_ts(self) -> str | None:
        return self.payload.get("thread_ts")


class SlackError(Exception):
    """Raised inside a method handler to answer ``{"ok": false, "error": ...}``."""

    def __init__(self, error: str, *, status: int = 200, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.extra = extra


def _truthy(value: Any) -> bool:
    """Slack booleans arrive as JSON booleans, "true"/"false", or "1"/"0" (slack_sdk form)."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def _text_of(obj: Any) -> str | None:
    """The ``text`` of a Block Kit text object, or None when it is not one."""
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        return obj["text"]
    return None


def _too_long(limit: int, pointer: str) -> str:
    """Slack's wording for a string over its limit."""
    return f"must be less than {limit + 1} characters [json-pointer:{pointer}]"


def _too_many(limit: int, pointer: str) -> str:
    """Slack's wording for an array over its limit."""
    return f"no more than {limit} items allowed [json-pointer:{pointer}]"


def validate_blocks(blocks: Any, *, refused: frozenset[str] = frozenset()) -> list[str]:
    """Check ``blocks`` against Slack's documented Block Kit limits.

    Returns Slack-style error strings (``"must be less than 3001 characters
    [json-pointer:/blocks/0/text/text]"``); empty when the blocks are valid. Kept
    public so tests can assert on the same rules the fake enforces.
    """
    errors: list[str] = []
    if not isinstance(blocks, list):
        return ["must be an array [json-pointer:/blocks]"]
    if len(blocks) > MAX_BLOCKS:
        errors.append(_too_many(MAX_BLOCKS, "/blocks"))
    for i, block in enumerate(blocks):
        ptr = f"/blocks/{i}"
        if not isinstance(block, dict):
            errors.append(f"must be an object [json-pointer:{ptr}]")
            continue
        btype = block.get("type")
        if btype not in _KNOWN_BLOCK_TYPES or btype in refused:
            errors.append(f"unsupported type: {btype!r} [json-pointer:{ptr}/type]")
            continue
        block_id = block.get("block_id")
        if block_id is not None and (not isinstance(block_id, str) or len(block_id) > MAX_BLOCK_ID):
            errors.append(_too_long(MAX_BLOCK_ID, f"{ptr}/block_id"))
        if btype == "section":
            text = block.get("text")
            fields = block.get("fields")
            if text is None and not fields:
                errors.append(f"must provide either text or fields [json-pointer:{ptr}]")
            if text is not None:
                s = _text_of(text)
                if s is None or text.get("type") not in {"mrkdwn", "plain_text"}:
                    errors.append(f"must be a text object [json-pointer:{ptr}/text]")
                elif len(s) == 0:
                    errors.append(f"must be more than 0 characters [json-pointer:{ptr}/text/text]")
                elif len(s) > MAX_SECTION_TEXT:
                    errors.append(
                        f"must be less than {MAX_SECTION_TEXT + 1} characters "
                        f"[json-pointer:{ptr}/text/text]"
                    )
            if fields is not None:
                if not isinstance(fields, list) or len(fields) > MAX_SECTION_FIELDS:
                    errors.append(_too_many(MAX_SECTION_FIELDS, f"{ptr}/fields"))
                else:
                    for j, f in enumerate(fields):
                        s = _text_of(f)
                        if s is None or len(s) > MAX_SECTION_FIELD_TEXT or not s:
                            errors.append(
                                f"must be a text object of 1..{MAX_SECTION_FIELD_TEXT} characters "
                                f"[json-pointer:{ptr}/fields/{j}/text]"
                            )
        elif btype == "header":
            text = block.get("text")
            s = _text_of(text)
            if s is None or text.get("type") != "plain_text":
                errors.append(f"must be a plain_text object [json-pointer:{ptr}/text]")
            elif not s:
                errors.append(f"must be more than 0 characters [json-pointer:{ptr}/text/text]")
            elif len(s) > MAX_HEADER_TEXT:
                errors.append(_too_long(MAX_HEADER_TEXT, f"{ptr}/text/text"))
        elif btype == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not elements:
                errors.append(f"must provide at least 1 element [json-pointer:{ptr}/elements]")
            elif len(elements) > MAX_CONTEXT_ELEMENTS:
                errors.append(_too_many(MAX_CONTEXT_ELEMENTS, f"{ptr}/elements"))
            else:
                for j, el in enumerate(elements):
                    if not isinstance(el, dict) or el.get("type") not in {
                        "mrkdwn",
                        "plain_text",
                        "image",
                    }:
                        errors.append(f"invalid element [json-pointer:{ptr}/elements/{j}]")
        elif btype == "actions":
            elements = block.get("elements")
            if not isinstance(elements, list) or not elements:
                errors.append(f"must provide at least 1 element [json-pointer:{ptr}/elements]")
            elif len(elements) > MAX_ACTIONS_ELEMENTS:
                errors.append(_too_many(MAX_ACTIONS_ELEMENTS, f"{ptr}/elements"))
            else:
                errors.extend(_button_errors(elements, ptr))
        elif btype == "context_actions":
            errors.extend(_context_actions_errors(block.get("elements"), ptr))
        elif btype == "rich_text":
            if not isinstance(block.get("elements"), list):
                errors.append(f"must provide elements [json-pointer:{ptr}/elements]")
        elif btype == "image":
            if not block.get("image_url") and not block.get("slack_file"):
                errors.append(f"must provide image_url [json-pointer:{ptr}/image_url]")
            if not block.get("alt_text"):
                errors.append(f"must provide alt_text [json-pointer:{ptr}/alt_text]")
    return errors


def _context_actions_errors(elements: Any, ptr: str) -> list[str]:
    """Slack's context_actions block: 1 to 5 feedback_buttons or icon_button elements; feedback
    buttons need a positive and a negative button, each a plain_text label and a value."""
    if not isinstance(elements, list) or not elements:
        return [f"must provide at least 1 element [json-pointer:{ptr}/elements]"]
    if len(elements) > MAX_CONTEXT_ACTIONS_ELEMENTS:
        return [_too_many(MAX_CONTEXT_ACTIONS_ELEMENTS, f"{ptr}/elements")]
    errors: list[str] = []
    for j, el in enumerate(elements):
        at = f"{ptr}/elements/{j}"
        kind = el.get("type") if isinstance(el, dict) else None
        if kind not in ("feedback_buttons", "icon_button"):
            errors.append(f"invalid element [json-pointer:{at}]")
            continue
        if kind == "icon_button":
            continue
        for side in ("positive_button", "negative_button"):
            button = el.get(side)
            label = button.get("text") if isinstance(button, dict) else None
            text = _text_of(label)
            if text is None or label.get("type") != "plain_text" or not text:
                errors.append(f"must be a plain_text object [json-pointer:{at}/{side}/text]")
            elif len(text) > MAX_BUTTON_TEXT:
                errors.append(_too_long(MAX_BUTTON_TEXT, f"{at}/{side}/text/text"))
            if not isinstance(button, dict) or not isinstance(button.get("value"), str):
                errors.append(f"must provide a value [json-pointer:{at}/{side}/value]")
            elif len(button["value"]) > MAX_BUTTON_VALUE:
                errors.append(_too_long(MAX_BUTTON_VALUE, f"{at}/{side}/value"))
    return errors


def _button_errors(elements: list[Any], ptr: str) -> list[str]:
    """Slack's rules for buttons: plain_text labels of at most 75 characters, action_ids of
    at most 255 characters and unique within the block, values of at most 2,000."""
    errors: list[str] = []
    seen: set[str] = set()
    for j, el in enumerate(elements):
        at = f"{ptr}/elements/{j}"
        if not isinstance(el, dict) or el.get("type") != "button":
            continue
        label = el.get("text")
        s = _text_of(label)
        if s is None or label.get("type") != "plain_text" or not s:
            errors.append(f"must be a plain_text object [json-pointer:{at}/text]")
        elif len(s) > MAX_BUTTON_TEXT:
            errors.append(_too_long(MAX_BUTTON_TEXT, f"{at}/text/text"))
        action_id = el.get("action_id")
        if action_id is not None:
            if not isinstance(action_id, str) or len(action_id) > MAX_ACTION_ID:
                errors.append(_too_long(MAX_ACTION_ID, f"{at}/action_id"))
            elif action_id in seen:
                errors.append(f"non-unique action_id [json-pointer:{at}/action_id]")
            seen.add(str(action_id))
        value = el.get("value")
        if value is not None and (not isinstance(value, str) or len(value) > MAX_BUTTON_VALUE):
            errors.append(_too_long(MAX_BUTTON_VALUE, f"{at}/value"))
    return errors


def _validate_metadata(metadata: Any) -> dict[str, Any] | None:
    """Parse and check chat.postMessage ``metadata`` (``event_type`` + ``event_payload``)."""
    if metadata is None or metadata == "":
        return None
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError as e:
            raise SlackError("invalid_metadata_format") from e
    if not isinstance(metadata, dict):
        raise SlackError("invalid_metadata_format")
    event_type = metadata.get("event_type")
    payload = metadata.get("event_payload")
    if not isinstance(event_type, str) or not event_type or not isinstance(payload, dict):
        raise SlackError("invalid_metadata_schema")
    if not re.fullmatch(r"[A-Za-z0-9_.\-]{1,255}", event_type):
        raise SlackError("invalid_metadata_schema")
    return {"event_type": event_type, "event_payload": payload}


def _parse_blocks(raw: Any, refused: frozenset[str] = frozenset()) -> list[dict[str, Any]] | None:
    """Blocks arrive as a list (JSON body) or a JSON string (form body)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError as e:
            raise SlackError("invalid_blocks_format") from e
    errors = validate_blocks(raw, refused=refused)
    if errors:
        raise SlackError("invalid_blocks", errors=errors, response_metadata={"messages": errors})
    return raw


def _public(message: dict[str, Any], *, with_metadata: bool = True) -> dict[str, Any]:
    """A stored message as the Web API returns it (no fake-only keys)."""
    out = {k: copy.deepcopy(v) for k, v in message.items() if k not in _INTERNAL_KEYS}
    if not with_metadata:
        out.pop("metadata", None)
    return out


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, fake: FakeSlackAPI) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log; calls are recorded in ``fake.calls``."""

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, resp_headers, payload = self.server.fake._handle_http(
            self.command, self.path, headers, body
        )
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        if "Content-Type" not in resp_headers:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        for k, v in resp_headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True


class FakeSlackAPI(ChangeWaiter):
    """Fake Slack Web API server; see the module docstring.

    State is guarded by one re-entrant lock; every change notifies a condition so
    ``wait_for`` wakes as soon as something happens instead of sleeping blindly.
    """

    def __init__(
        self,
        *,
        token: str = "xoxb-test-token",
        app_token: str = "xapp-test-token",
        bot_user_id: str = "UBOT",
        bot_id: str = "BBOT",
        app_id: str = "A0SKIM",
        team_id: str = "T0TEST",
        team: str = "Skim Test",
        bot_name: str = "skim",
        base_ts: int = 1_700_000_000,
    ) -> None:
        self.token = token
        self.app_token = app_token
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.app_id = app_id
        self.team_id = team_id
        self.team = team
        self.bot_name = bot_name
        self.extra_tokens: set[str] = set()
        #: Channels for which chat.* answers ``channel_not_found``.
        self.unknown_channels: set[str] = set()
        #: Channels the bot is not a member of: posting answers ``not_in_channel``.
        self.not_in_channel: set[str] = set()
        #: Users for which users.info answers ``user_not_found``.
        self.unknown_users: set[str] = set()
        #: Optional overrides for conversations.info, by channel id.
        self.channel_info: dict[str, dict[str, Any]] = {}
        #: Channel memberships users.conversations answers with, by user id.
        self.memberships: dict[str, list[str]] = {}
        #: Home tabs published with views.publish, by user id (the latest view).
        self.home_views: dict[str, dict[str, Any]] = {}
        #: Block types this workspace refuses as ``invalid_blocks`` (a Slack that does not
        #: take ``context_actions`` yet, say).
        self.refused_blocks: frozenset[str] = frozenset()
        #: ``ws://`` URL returned by apps.connections.open (set by FakeSocketModeServer).
        self.socket_url: str | None = None

        self.calls: list[Call] = []
        self.responses: list[SlackResponseURLPost] = []
        self._ephemerals: list[dict[str, Any]] = []
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._post_refs: list[tuple[str, str]] = []  # (channel, ts) of chat.postMessage successes
        self._failures: dict[str, deque[Failure]] = {}
        self._delays: dict[str, float] = {}
        self._response_urls: dict[str, dict[str, Any]] = {}
        self._ts_counter = itertools.count(1)
        self._base_ts = base_ts
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._version = 0  # bumped on every state change; wait_for sleeps until it moves
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._methods: dict[str, Callable[[dict[str, Any], str], dict[str, Any]]] = {
            "api.test": self._api_test,
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "conversations.replies": self._conversations_replies,
            "conversations.history": self._conversations_history,
            "conversations.info": self._conversations_info,
            "users.info": self._users_info,
            "users.conversations": self._users_conversations,
            "views.publish": self._views_publish,
            "reactions.add": self._reactions_add,
            "reactions.remove": self._reactions_remove,
            "apps.connections.open": self._apps_connections_open,
        }

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> FakeSlackAPI:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        if self._server is not None:
            return self
        self._server = _Server(self)
        # A short poll interval keeps stop() (and so every test's teardown) fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeSlackAPI",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port (idempotent)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeSlackAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeSlackAPI is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """What the bot gets as ``SLACK_API_URL`` / WebClient ``base_url``."""
        return f"{self.base_url}/api/"

    # ------------------------------------------------------------------ test controls
    def fail_next(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
        body: dict[str, Any] | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail.

        ``status=429`` answers HTTP 429 with ``Retry-After`` (default 1 s) and
        ``{"ok": false, "error": "ratelimited"}`` as Slack does; ``error=...`` with
        status 200 answers ``{"ok": false, "error": error}``; other statuses (500,
        503) answer that status with a JSON error body. Also works for
        ``"response_url"`` to fail response_url posts.
        """
        if status == 200 and error is None and body is None:
            raise ValueError("fail_next needs an error, a non-200 status or a body")
        with self._lock:
            q = self._failures.setdefault(method, deque())
            for _ in range(times):
                q.append(Failure(status=status, error=error, retry_after=retry_after, body=body))

    def delay(self, method: str, seconds: float) -> None:
        """Make every call of ``method`` take ``seconds`` longer (0 clears it)."""
        with self._lock:
            if seconds <= 0:
                self._delays.pop(method, None)
            else:
                self._delays[method] = seconds

    def new_response_url(
        self,
        *,
        channel: str | None = "C0TEST",
        user: str | None = None,
        thread_ts: str | None = None,
        original_ts: str | None = None,
    ) -> str:
        """A ``response_url`` on this server, as Slack puts in slash commands, shortcuts and
        block actions.

        ``channel`` is where ``in_channel`` responses are stored as messages. ``original_ts``
        is the message a block action came from: a post with ``replace_original`` replaces
        it (Slack: "the message that contained the interactive component").
        """
        url_id = uuid.uuid4().hex[:16]
        with self._lock:
            self._response_urls[url_id] = {
                "channel": channel,
                "user": user,
                "thread_ts": thread_ts,
                "original_ts": original_ts,
                "uses": 0,
            }
        return f"{self.base_url}/response/{url_id}"

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str = "U0HUMAN",
        thread_ts: str | None = None,
        ts: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Seed a (human) message, e.g. the thread parent a mention arrives in."""
        with self._lock:
            msg: dict[str, Any] = {
                "type": "message",
                "user": user,
                "text": text,
                "ts": ts or self._next_ts(),
                "team": self.team_id,
                **extra,
            }
            self._store(channel, msg, thread_ts)
            return copy.deepcopy(msg)

    # ------------------------------------------------------------------ inspection
    def calls_to(self, method: str) -> list[Call]:
        """Every recorded call of ``method`` (including failed attempts)."""
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Messages created by successful chat.postMessage calls, in order.

        Each is the stored message (current state, so chat.update is reflected)
        with ``channel`` and the ``unfurl_links``/``unfurl_media`` flags it was
        posted with added for convenience.
        """
        with self._lock:
            out = []
            for ch, ts in self._post_refs:
                if channel is not None and ch != channel:
                    continue
                msg = self._find(ch, ts)
                if msg is not None:
                    out.append(copy.deepcopy(msg))
            return out

    def messages(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Every stored message (posts, seeded, in_channel responses), in ts order."""
        with self._lock:
            chans = [channel] if channel is not None else list(self._messages)
            out = [copy.deepcopy(m) for ch in chans for m in self._messages.get(ch, [])]
            return sorted(out, key=lambda m: float(m["ts"]))

    def ephemerals(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Successful chat.postEphemeral calls.

        Each has channel, user, text, blocks, thread_ts and message_ts.
        """
        with self._lock:
            return [
                copy.deepcopy(e)
                for e in self._ephemerals
                if channel is None or e["channel"] == channel
            ]

    def thread(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        """The parent message followed by its replies (empty if there is no such message)."""
        with self._lock:
            return [copy.deepcopy(m) for m in self._thread_messages(channel, thread_ts)]

    def wait_for(
        self,
        predicate: Callable[[], T],
        timeout: float = 10,
        message: str | Callable[[], str] | None = None,
    ) -> T:
        """Block until ``predicate()`` is truthy and return its value.

        Wakes on every state change (and at least every 50 ms for outside state);
        on timeout raises AssertionError describing what the fake saw.
        """
        value = self._poll(predicate, timeout)
        if value:
            return value
        what = message() if callable(message) else message
        raise AssertionError(
            f"{what or 'condition not met'} within {timeout}s; fake Slack saw:\n{self.describe()}"
        )

    def wait_for_posts(
        self, n: int, timeout: float = 10, channel: str | None = None
    ) -> list[dict[str, Any]]:
        """Wait until at least ``n`` chat.postMessage successes exist; return them all."""
        return self.wait_for(
            lambda: p if len(p := self.posts(channel)) >= n else None,
            timeout,
            f"expected >= {n} chat.postMessage posts" + (f" in {channel}" if channel else ""),
        )

    def wait_for_calls(self, method: str, n: int = 1, timeout: float = 10) -> list[Call]:
        """Wait until ``method`` was called at least ``n`` times (any outcome)."""
        return self.wait_for(
            lambda: c if len(c := self.calls_to(method)) >= n else None,
            timeout,
            f"expected >= {n} calls to {method}",
        )

    def wait_for_ephemerals(self, n: int, timeout: float = 10) -> list[dict[str, Any]]:
        return self.wait_for(
            lambda: e if len(e := self.ephemerals()) >= n else None,
            timeout,
            f"expected >= {n} chat.postEphemeral messages",
        )

    def wait_for_responses(self, n: int, timeout: float = 10) -> list[SlackResponseURLPost]:
        """Wait until at least ``n`` response_url posts were accepted."""

        def got() -> list[SlackResponseURLPost] | None:
            with self._lock:
                return list(self.responses) if len(self.responses) >= n else None

        return self.wait_for(got, timeout, f"expected >= {n} response_url posts")

    def describe(self, last: int = 20) -> str:
        """Human-readable summary of the last calls, for assertion messages."""
        with self._lock:
            lines = []
            for c in self.calls[-last:]:
                brief = {
                    k: (v if len(repr(v)) < 80 else repr(v)[:77] + "...")
                    for k, v in c.params.items()
                }
                outcome = "ok" if c.ok else f"{c.status} {c.response.get('error', '')}".strip()
                lines.append(f"  {c.method} {brief} -> {outcome}")
            if not lines:
                lines.append("  (no calls)")
            return "\n".join(lines)

    def reset(self) -> None:
        """Forget calls, messages, responses and queued failures (servers keep running)."""
        with self._lock:
            self.calls.clear()
            self.responses.clear()
            self._ephemerals.clear()
            self._messages.clear()
            self._post_refs.clear()
            self._failures.clear()
            self._delays.clear()

    # ------------------------------------------------------------------ HTTP plumbing
    def _handle_http(
        self, verb: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], dict[str, Any] | bytes]:
        parts = urlsplit(path)
        if parts.path.startswith("/response/"):
            return self._handle_response_url(parts.path.removeprefix("/response/"), headers, body)
        if not parts.path.startswith("/api/"):
            return 404, {"Content-Type": "text/plain"}, b"Not Found"
        method = parts.path.removeprefix("/api/").strip("/")
        json_body = False
        params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if ctype == "application/json" and body:
                json_body = True
                decoded = json.loads(body.decode("utf-8"))
                if not isinstance(decoded, dict):
                    raise ValueError("JSON body must be an object")
                params.update({k: v for k, v in decoded.items() if v is not None})
            elif body:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
                params.update({k: v[-1] for k, v in form.items()})
        except (ValueError, UnicodeDecodeError):
            return self._finish(
                method, params, headers, 200, {}, {"ok": False, "error": "invalid_json"}
            )

        with self._lock:
            delay = self._delays.get(method, 0.0)
        if delay:
            time.sleep(delay)

        auth = headers.get("authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        if token is None and not json_body:
            # Slack accepts a token form field; JSON bodies must use the header.
            token = params.get("token")
        recorded = {k: v for k, v in params.items() if k != "token"}

        with self._lock:
            q = self._failures.get(method)
            failure = q.popleft() if q else None
        if failure is not None:
            return self._answer_failure(method, recorded, headers, failure)

        try:
            if not token:
                raise SlackError("not_authed")
            if token not in {self.token, self.app_token, *self.extra_tokens}:
                raise SlackError("invalid_auth")
            handler = self._methods.get(method)
            if handler is None:
                raise SlackError("unknown_method", status=404)
            if token == self.app_token and method not in {"apps.connections.open", "auth.test"}:
                raise SlackError("not_allowed_token_type")
            if token != self.app_token and method == "apps.connections.open":
                raise SlackError("not_allowed_token_type")
            with self._lock:
                result = handler(params, token)
            response = {"ok": True, **result}
            status = 200
        except SlackError as e:
            response = {"ok": False, "error": e.error, **e.extra}
            status = e.status
        return self._finish(method, recorded, headers, status, {}, response)

    def _answer_failure(
        self, method: str, params: dict[str, Any], headers: dict[str, str], failure: Failure
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        resp_headers: dict[str, str] = {}
        if failure.status == 429:
            resp_headers["Retry-After"] = str(
                1 if failure.retry_after is None else failure.retry_after
            )
            default_error = "ratelimited"
        elif failure.status >= 500:
            default_error = "internal_error"
        else:
            default_error = "fatal_error"
        body = failure.body or {"ok": False, "error": failure.error or default_error}
        return self._finish(method, params, headers, failure.status, resp_headers, body)

    def _finish(
        self,
        method: str,
        params: dict[str, Any],
        headers: dict[str, str],
        status: int,
        resp_headers: dict[str, str],
        response: dict[str, Any],
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._changed:
            self.calls.append(
                Call(
                    method=method,
                    params=copy.deepcopy(params),
                    headers=dict(headers),
                    time=time.time(),
                    status=status,
                    response=copy.deepcopy(response),
                )
            )
            self._notify()
        return status, resp_headers, response

    def _handle_response_url(
        self, url_id: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        method = "response_url"
        with self._lock:
            delay = self._delays.get(method, 0.0)
        if delay:
            time.sleep(delay)
        try:
            payload = json.loads(body.decode("utf-8")) if body else {}
            if not isinstance(payload, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            return self._finish(
                method, {"_raw": body.decode("utf-8", "replace")}, headers, 400, {},
                {"ok": False, "error": "invalid_payload"},
            )  # fmt: skip
        with self._lock:
            q = self._failures.get(method)
            failure = q.popleft() if q else None
        if failure is not None:
            return self._answer_failure(method, payload, headers, failure)
        with self._changed:
            info = self._response_urls.get(url_id)
            try:
                if info is None:
                    raise SlackError("expired_url", status=404)
                if info["uses"] >= MAX_RESPONSE_URL_USES:
                    raise SlackError("used_url", status=404)
                if _truthy(payload.get("delete_original")):
                    pass  # nothing else required
                elif not payload.get("text") and not payload.get("blocks"):
                    raise SlackError("no_text", status=400)
                if "blocks" in payload:
                    payload["blocks"] = _parse_blocks(payload["blocks"], self.refused_blocks)
                text = payload.get("text")
                if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
                    raise SlackError("msg_too_long", status=400)
            except SlackError as e:
                # response_url errors are HTTP errors (400/404), never 200 + ok:false.
                status = 400 if e.status == 200 else e.status
                return self._finish(
                    method, payload, headers, status, {}, {"ok": False, "error": e.error}
                )
            original = None
            if _truthy(payload.get("replace_original")) and info.get("original_ts"):
                original = self._find(info["channel"] or "", info["original_ts"])
                if original is None:
                    return self._finish(
                        method, payload, headers, 404, {},
                        {"ok": False, "error": "message_not_found"},
                    )  # fmt: skip
            info["uses"] += 1
            record = SlackResponseURLPost(
                url_id=url_id,
                payload=copy.deepcopy(payload),
                time=time.time(),
                channel=info["channel"],
                user=info["user"],
            )
            if original is not None:
                original["text"] = payload.get("text") or ""
                original["blocks"] = [
                    {**b, "block_id": b.get("block_id") or uuid.uuid4().hex[:5]}
                    for b in payload.get("blocks") or []
                ]
                original["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
                record.stored_ts = original["ts"]
            elif (
                record.response_type == "in_channel"
                and info["channel"]
                and not record.delete_original
            ):
                msg = self._bot_message(
                    text=payload.get("text") or "", blocks=payload.get("blocks")
                )
                self._store(info["channel"], msg, payload.get("thread_ts") or info["thread_ts"])
                record.stored_ts = msg["ts"]
            self.responses.append(record)
            return self._finish(method, payload, headers, 200, {}, {"ok": True})

    # ------------------------------------------------------------------ storage helpers
    def _notify(self) -> None:
        """Record a state change and wake waiters (caller holds the lock)."""
        self._version += 1
        self._changed.notify_all()

    def _next_ts(self) -> str:
        n = next(self._ts_counter) * 100
        return f"{self._base_ts + n // 1_000_000}.{n % 1_000_000:06d}"

    def _find(self, channel: str, ts: str) -> dict[str, Any] | None:
        for m in self._messages.get(channel, []):
            if m["ts"] == ts:
                return m
        return None

    def _store(self, channel: str, msg: dict[str, Any], thread_ts: str | None) -> None:
        """Store ``msg`` in ``channel``; as a reply when ``thread_ts`` names a message.

        A ``thread_ts`` naming a reply is resolved to that reply's parent, as Slack
        does. A ``thread_ts`` the fake has never seen is kept as is: in tests the
        parent usually exists only in the incoming event (seed it with
        :meth:`add_message` to get it back from conversations.replies).
        """
        msg["channel"] = channel
        if thread_ts:
            parent = self._find(channel, thread_ts)
            if parent is not None and parent.get("thread_ts") not in (None, parent["ts"]):
                parent = self._find(channel, parent["thread_ts"])
            if parent is None:
                msg["thread_ts"] = thread_ts
            else:
                msg["thread_ts"] = parent["ts"]
                if msg.get("user") or msg.get("bot_id"):
                    msg.setdefault("parent_user_id", parent.get("user"))
                parent["thread_ts"] = parent["ts"]
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                users = parent.setdefault("reply_users", [])
                author = msg.get("user")
                if author and author not in users:
                    users.append(author)
                parent["reply_users_count"] = len(users)
                parent["latest_reply"] = msg["ts"]
        self._messages.setdefault(channel, []).append(msg)
        self._notify()

    def _thread_messages(self, channel: str, ts: str) -> list[dict[str, Any]]:
        msg = self._find(channel, ts)
        root_ts = (msg.get("thread_ts") or msg["ts"]) if msg is not None else ts
        root = self._find(channel, root_ts)
        replies = [
            m
            for m in self._messages.get(channel, [])
            if m.get("thread_ts") == root_ts and m["ts"] != root_ts
        ]
        replies.sort(key=lambda m: float(m["ts"]))
        return [root, *replies] if root is not None else replies

    def _bot_message(self, *, text: str, blocks: list[dict[str, Any]] | None) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "type": "message",
            "text": text,
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "ts": self._next_ts(),
            "bot_profile": {
                "id": self.bot_id,
                "app_id": self.app_id,
                "name": self.bot_name,
                "team_id": self.team_id,
                "deleted": False,
            },
        }
        if blocks is not None:
            msg["blocks"] = [
                {**b, "block_id": b.get("block_id") or uuid.uuid4().hex[:5]} for b in blocks
            ]
        return msg

    def _check_channel(self, params: dict[str, Any], *, posting: bool = True) -> str:
        channel = params.get("channel")
        if not channel or not isinstance(channel, str) or channel in self.unknown_channels:
            raise SlackError("channel_not_found")
        if posting and channel in self.not_in_channel:
            raise SlackError("not_in_channel")
        return channel

    def _message_content(self, params: dict[str, Any]) -> tuple[str, list[dict[str, Any]] | None]:
        blocks = _parse_blocks(params.get("blocks"), self.refused_blocks)
        text = params.get("text")
        text = "" if text is None else str(text)
        if not text and not blocks and not params.get("attachments"):
            raise SlackError("no_text")
        if len(text) > MAX_MESSAGE_TEXT:
            raise SlackError("msg_too_long")
        return text, blocks

    # ------------------------------------------------------------------ Web API methods
    def _api_test(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        return {"args": {k: v for k, v in params.items() if k != "token"}}

    def _auth_test(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        return {
            "url": f"https://{self.team.lower().replace(' ', '')}.slack.com/",
            "team": self.team,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        channel = self._check_channel(params)
        text, blocks = self._message_content(params)
        metadata = _validate_metadata(params.get("metadata"))
        msg = self._bot_message(text=text, blocks=blocks)
        if metadata is not None:
            msg["metadata"] = metadata
        for flag in ("unfurl_links", "unfurl_media", "reply_broadcast"):
            if flag in params:
                msg[flag] = _truthy(params[flag])
        if params.get("attachments"):
            att = params["attachments"]
            msg["attachments"] = json.loads(att) if isinstance(att, str) else att
        self._store(channel, msg, params.get("thread_ts") or None)
        self._post_refs.append((channel, msg["ts"]))
        return {"channel": channel, "ts": msg["ts"], "message": _public(msg)}

    def _chat_post_ephemeral(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        channel = self._check_channel(params)
        user = params.get("user")
        if not user or user in self.unknown_users:
            raise SlackError("user_not_in_channel")
        text, blocks = self._message_content(params)
        ts = self._next_ts()
        self._ephemerals.append(
            {
                "channel": channel,
                "user": user,
                "text": text,
                "blocks": blocks,
                "thread_ts": params.get("thread_ts"),
                "message_ts": ts,
            }
        )
        self._notify()
        return {"message_ts": ts}

    def _chat_update(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        channel = self._check_channel(params)
        msg = self._find(channel, str(params.get("ts") or ""))
        if msg is None:
            raise SlackError("message_not_found")
        if msg.get("bot_id") != self.bot_id:
            raise SlackError("cant_update_message")
        text, blocks = self._message_content(params)
        msg["text"] = text
        if blocks is not None:
            msg["blocks"] = [
                {**b, "block_id": b.get("block_id") or uuid.uuid4().hex[:5]} for b in blocks
            ]
        elif "blocks" in params:
            msg.pop("blocks", None)
        metadata = _validate_metadata(params.get("metadata"))
        if metadata is not None:
            msg["metadata"] = metadata
        msg["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
        self._notify()
        return {"channel": channel, "ts": msg["ts"], "text": text, "message": _public(msg)}

    def _chat_delete(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        channel = self._check_channel(params)
        msg = self._find(channel, str(params.get("ts") or ""))
        if msg is None:
            raise SlackError("message_not_found")
        if msg.get("bot_id") != self.bot_id:
            raise SlackError("cant_delete_message")
        self._messages[channel].remove(msg)
        self._notify()
        return {"channel": channel, "ts": msg["ts"]}

    def _paginate(
        self, items: list[dict[str, Any]], params: dict[str, Any], *, default_limit: int
    ) -> tuple[list[dict[str, Any]], str]:
        """Cursor pagination as Slack does: opaque base64 cursor, empty when done."""
        try:
            limit = int(params.get("limit") or default_limit)
        except ValueError as e:
            raise SlackError("invalid_limit") from e
        limit = max(1, min(limit, 1000))
        start = 0
        cursor = params.get("cursor")
        if cursor:
            try:
                decoded = base64.urlsafe_b64decode(str(cursor).encode()).decode()
                if not decoded.startswith("offset:"):
                    raise ValueError(decoded)
                start = int(decoded.removeprefix("offset:"))
            except (ValueError, UnicodeDecodeError) as e:
                raise SlackError("invalid_cursor") from e
            if start < 0 or start > len(items):
                raise SlackError("invalid_cursor")
        page = items[start : start + limit]
        nxt = start + limit
        next_cursor = (
            base64.urlsafe_b64encode(f"offset:{nxt}".encode()).decode() if nxt < len(items) else ""
        )
        return page, next_cursor

    def _conversations_replies(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        channel = self._check_channel(params, posting=False)
        ts = params.get("ts")
        if not ts:
            raise SlackError("invalid_arguments")
        thread = self._thread_messages(channel, str(ts))
        if not thread:
            raise SlackError("thread_not_found")
        with_meta = _truthy(params.get("include_all_metadata"))
        page, next_cursor = self._paginate(thread, params, default_limit=1000)
        return {
            "messages": [_public(m, with_metadata=with_meta) for m in page],
            "has_more": bool(next_cursor),
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _conversations_history(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        channel = self._check_channel(params, posting=False)
        top = [
            m
            for m in self._messages.get(channel, [])
            if m.get("thread_ts") in (None, m["ts"]) or m.get("reply_broadcast")
        ]
        top.sort(key=lambda m: float(m["ts"]), reverse=True)  # newest first, as Slack does
        # Slack: only messages between `oldest` and `latest` (default: now), the two ends
        # themselves only with `inclusive`.
        inclusive = _truthy(params.get("inclusive"))
        try:
            latest = float(params.get("latest") or "inf")
            oldest = float(params.get("oldest") or 0)
        except ValueError as e:
            raise SlackError("invalid_ts_latest") from e
        top = [
            m for m in top
            if (oldest <= float(m["ts"]) <= latest if inclusive
                else oldest < float(m["ts"]) < latest)
        ]  # fmt: skip
        with_meta = _truthy(params.get("include_all_metadata"))
        page, next_cursor = self._paginate(top, params, default_limit=100)
        return {
            "messages": [_public(m, with_metadata=with_meta) for m in page],
            "has_more": bool(next_cursor),
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _conversations_info(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        channel = self._check_channel(params, posting=False)
        is_im = channel.startswith("D")
        info: dict[str, Any] = {
            "id": channel,
            "name": None if is_im else channel.lower(),
            "is_channel": channel.startswith("C"),
            "is_group": channel.startswith("G"),
            "is_im": is_im,
            "is_private": not channel.startswith("C"),
            "is_archived": False,
            "is_member": channel not in self.not_in_channel,
            "created": self._base_ts,
        }
        info.update(self.channel_info.get(channel, {}))
        return {"channel": info}

    def _users_info(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        user = params.get("user")
        if not user or user in self.unknown_users:
            raise SlackError("user_not_found")
        is_bot = user == self.bot_user_id
        name = self.bot_name if is_bot else f"user-{str(user).lower()}"
        return {
            "user": {
                "id": user,
                "team_id": self.team_id,
                "name": name,
                "real_name": name.title(),
                "deleted": False,
                "is_bot": is_bot,
                "tz": "Europe/London",
                "tz_offset": 0,
                "profile": {"display_name": name, "real_name": name.title()},
            }
        }

    def _users_conversations(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        """The conversations a user is a member of (``memberships``), paginated as Slack
        does; ``user`` defaults to the token's own user (the bot)."""
        user = str(params.get("user") or self.bot_user_id)
        if user in self.unknown_users:
            raise SlackError("user_not_found")
        channels = [
            {"id": c, "name": f"channel-{c.lower()}", "is_channel": not c.startswith("G"),
             "is_private": c.startswith("G"), "is_archived": False}
            for c in self.memberships.get(user, [])
        ]  # fmt: skip
        page, next_cursor = self._paginate(channels, params, default_limit=100)
        return {"channels": page, "response_metadata": {"next_cursor": next_cursor}}

    def _views_publish(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        """Publish a Home tab: ``user_id`` and a ``view`` of type ``home`` with at most 100
        blocks, each valid Block Kit (Slack answers ``invalid_arguments`` otherwise)."""
        user = params.get("user_id")
        if not user:
            raise SlackError("invalid_arguments")
        view = params.get("view")
        if isinstance(view, str):
            try:
                view = json.loads(view)
            except ValueError as e:
                raise SlackError("invalid_arguments") from e
        if not isinstance(view, dict) or view.get("type") != "home":
            raise SlackError("invalid_arguments")
        blocks = view.get("blocks")
        if not isinstance(blocks, list) or len(blocks) > MAX_VIEW_BLOCKS:
            raise SlackError("invalid_arguments")
        errors = validate_blocks(blocks[:MAX_BLOCKS]) + validate_blocks(blocks[MAX_BLOCKS:])
        if errors:
            raise SlackError("invalid_arguments", response_metadata={"messages": errors})
        self.home_views[str(user)] = copy.deepcopy(view)
        self._notify()
        return {"view": {"id": f"V{uuid.uuid4().hex[:10].upper()}", **view}}

    def _reaction_target(self, params: dict[str, Any]) -> tuple[dict[str, Any], str]:
        channel = self._check_channel(params, posting=False)
        msg = self._find(channel, str(params.get("timestamp") or ""))
        if msg is None:
            raise SlackError("message_not_found")
        name = params.get("name")
        if not name:
            raise SlackError("invalid_name")
        return msg, str(name)

    def _reactions_add(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        msg, name = self._reaction_target(params)
        reactions = msg.setdefault("reactions", [])
        for r in reactions:
            if r["name"] == name:
                if self.bot_user_id in r["users"]:
                    raise SlackError("already_reacted")
                r["users"].append(self.bot_user_id)
                r["count"] += 1
                break
        else:
            reactions.append({"name": name, "users": [self.bot_user_id], "count": 1})
        self._notify()
        return {}

    def _reactions_remove(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        msg, name = self._reaction_target(params)
        for r in msg.get("reactions", []):
            if r["name"] == name and self.bot_user_id in r["users"]:
                r["users"].remove(self.bot_user_id)
                r["count"] -= 1
                if not r["count"]:
                    msg["reactions"].remove(r)
                self._notify()
                return {}
        raise SlackError("no_reaction")

    def _apps_connections_open(self, params: dict[str, Any], token: str) -> dict[str, Any]:
        if not self.socket_url:
            raise SlackError("internal_error")
        return {"url": self.socket_url}
