"""Listeners grouped by Slack surface, as in Slack's Bolt samples; `register_all` wires them."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.listeners import actions, commands, events, home, messages, reactions, shortcuts


def register_all(app: App, deps: Deps) -> None:
    for module in (events, messages, reactions, commands, shortcuts, actions, home):
        module.register(app, deps)
