"""`message` events: links shared in channels the bot is in, and direct messages.

Every message event is acknowledged, including the subtypes that are ignored (edits,
deletions, unfurls, bot posts): an unhandled event would make Bolt answer 404 and Slack retry.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.deps import Deps
from bot.intake import accept, message_job


def register(app: App, deps: Deps) -> None:
    @app.event("message")
    def on_message(ack: Ack, event: dict[str, Any], context: BoltContext) -> None:
        job = message_job(event, bot_user_id=context.bot_user_id, mentioned=False, store=deps.store)
        if job is not None:
            accept(job, deps)
        ack()
