"""Buttons under a reply: Shorter and Longer redraw it in place (`bot.resizer`); 👍 / 👎
record what the reader thought of it (`bot.votes`).

Each press is recorded before the ack, like a job; what follows (a redraw, a thanks) runs on
threads of its own.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.controls import BAD_ACTION, FEEDBACK_ACTION, GOOD_ACTION, LONGER_ACTION, SHORTER_ACTION
from bot.deps import Deps
from bot.records import Target


def _target(body: dict[str, Any]) -> Target:
    """The message a press came from, who pressed, and the press's response_url."""
    container = body.get("container") or {}
    return Target(
        channel=container.get("channel_id") or (body.get("channel") or {}).get("id") or "",
        ts=container.get("message_ts"),
        user=(body.get("user") or {}).get("id"),
        response_url=body.get("response_url"),
    )


def register(app: App, deps: Deps) -> None:
    def on_length(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        target = _target(body)
        # Slack sends a press again with the same action_ts; two presses have two.
        press = f"{target.channel}/{target.ts}/{target.user}/{action.get('action_ts')}"
        step = -1 if action.get("action_id") == SHORTER_ACTION else 1
        deps.resizer.press(str(action.get("value") or ""), step=step, press=press, target=target)
        ack()

    def on_vote(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        target = _target(body)
        if target.user:
            deps.votes.vote(str(action.get("value") or ""), user=target.user, target=target)
        ack()

    app.action(SHORTER_ACTION)(on_length)
    app.action(LONGER_ACTION)(on_length)
    for action_id in (FEEDBACK_ACTION, GOOD_ACTION, BAD_ACTION):
        app.action(action_id)(on_vote)
