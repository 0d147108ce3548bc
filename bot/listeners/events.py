"""`app_mention`: someone mentioned the bot in a channel; answer in that message's thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.deps import Deps
from bot.intake import accept, message_job


def register(app: App, deps: Deps) -> None:
    @app.event("app_mention")
    def on_mention(ack: Ack, event: dict[str, Any], context: BoltContext) -> None:
        job = message_job(event, bot_user_id=context.bot_user_id, mentioned=True, store=deps.store)
        if job is not None:
            accept(job, deps)
        ack()
