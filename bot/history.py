"""Reading one message back from Slack: the one a reaction was added to.

A `reaction_added` event names the message (channel and ts) but carries none of it, and does
not say whether it is in a thread. A top-level message is one `conversations.history` call
(`latest` = `oldest` = its ts, inclusive); a reply in a thread is not in the history, so the
thread is read with `conversations.replies`, page by page, until it turns up.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

#: The most thread pages read looking for a reply (200 messages each).
MAX_THREAD_PAGES = 10


def read_message(client: WebClient, channel: str, ts: str) -> dict[str, Any] | None:
    """The message `ts` in `channel`, or None when it is not there (deleted, or not visible)."""
    try:
        page = client.conversations_history(
            channel=channel, latest=ts, oldest=ts, inclusive=True, limit=1
        )
    except SlackApiError as e:
        if e.response is not None and e.response.get("error") == "channel_not_found":
            return None
        raise
    for message in page.get("messages") or []:
        if message.get("ts") == ts:
            return dict(message)
    cursor: str | None = None
    for _ in range(MAX_THREAD_PAGES):
        try:
            page = client.conversations_replies(channel=channel, ts=ts, limit=200, cursor=cursor)
        except SlackApiError as e:
            if e.response is not None and e.response.get("error") == "thread_not_found":
                return None
            raise
        for message in page.get("messages") or []:
            if message.get("ts") == ts:
                return dict(message)
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return None
    return None
