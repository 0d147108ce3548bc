"""`reaction_added`: the configured reaction (`SKIM_REACTION`, 📝 by default) on a message asks
for its summary, in its thread.

The job is keyed on the message (channel and ts) like the message's own automatic reply or a
mention of it, so whatever asks first, the message gets one summary: a second reaction, a
mention after an automatic reply, a reaction after either, all find the job and add nothing.
The message itself is read later, by the job runner: the event does not carry it.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.deps import Deps
from bot.intake import accept
from bot.records import Job


def register(app: App, deps: Deps) -> None:
    @app.event("reaction_added")
    def on_reaction(ack: Ack, event: dict[str, Any], context: BoltContext) -> None:
        item = event.get("item") or {}
        channel, ts, user = item.get("channel"), item.get("ts"), event.get("user")
        # "thumbsup::skin-tone-2": the name without its skin tone.
        name = str(event.get("reaction") or "").split("::")[0]
        if (
            name == deps.reaction
            and item.get("type") == "message"
            and channel
            and ts
            and user
            and user != context.bot_user_id
            and event.get("item_user") != context.bot_user_id
            and deps.store.mode(channel) != "off"
        ):
            accept(
                Job(channel=channel, key=ts, kind="reaction", user=user, thread_ts=ts, read=False),
                deps,
            )
        ack()
