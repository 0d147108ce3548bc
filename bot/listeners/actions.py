"""Buttons under a reply: Shorter and Longer redraw it in place (`bot.resizer`).

The press is recorded before the ack, like a job; the redraw follows on the resizer's threads.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.records import Target
from bot.render import LONGER_ACTION, SHORTER_ACTION


def register(app: App, deps: Deps) -> None:
    def on_length(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        container = body.get("container") or {}
        user = (body.get("user") or {}).get("id")
        target = Target(
            channel=container.get("channel_id") or (body.get("channel") or {}).get("id") or "",
            ts=container.get("message_ts"),
            user=user,
            response_url=body.get("response_url"),
        )
        # Slack sends a press again with the same action_ts; two presses have two.
        press = f"{target.channel}/{target.ts}/{user}/{action.get('action_ts')}"
        step = -1 if action.get("action_id") == SHORTER_ACTION else 1
        deps.resizer.press(str(action.get("value") or ""), step=step, press=press, target=target)
        ack()

    app.action(SHORTER_ACTION)(on_length)
    app.action(LONGER_ACTION)(on_length)
