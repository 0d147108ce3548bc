"""The App Home tab: published when opened; its length select sets the user's reply length."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.home import LENGTH_ACTION


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def on_home_opened(ack: Ack, event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home" and event.get("user"):
            deps.home.opened(str(event["user"]))
        ack()

    @app.action(LENGTH_ACTION)
    def on_length_chosen(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        user = (body.get("user") or {}).get("id")
        chosen = (action.get("selected_option") or {}).get("value")
        if user and chosen:
            deps.home.choose_length(str(user), str(chosen))
        ack()
