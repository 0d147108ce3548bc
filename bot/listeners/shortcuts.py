"""The message shortcut "Summarize": the links or text of any message, answered in its thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.deps import Deps
from bot.intake import accept
from bot.markup import decode
from bot.records import Job
from bot.selection import what_to_summarize

CALLBACK_ID = "summarize"


def register(app: App, deps: Deps) -> None:
    @app.shortcut(CALLBACK_ID)
    def on_shortcut(ack: Ack, shortcut: dict[str, Any], context: BoltContext) -> None:
        message = shortcut.get("message") or {}
        channel = (shortcut.get("channel") or {}).get("id")
        ts = message.get("ts") or shortcut.get("message_ts")
        if channel and ts:
            decoded = decode(message.get("text"), bot_user_id=context.bot_user_id)
            text, links, skipped, omitted = what_to_summarize(decoded, explicit=True)
            job = Job(
                channel=channel,
                # Each use of the shortcut is a request of its own (two people may ask about
                # one message); Slack's redelivery of the same payload keeps its trigger_id.
                key=f"shortcut:{shortcut.get('trigger_id')}",
                kind="shortcut",
                user=(shortcut.get("user") or {}).get("id"),
                thread_ts=message.get("thread_ts") or ts,
                text=text,
                links=links,
                skipped=skipped,
                omitted=omitted,
                response_url=shortcut.get("response_url"),
            )
            accept(job, deps)
        ack()
