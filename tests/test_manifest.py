"""The Slack app manifest is valid against Slack's schema and matches the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.listeners.shortcuts import CALLBACK_ID

REPO = Path(__file__).resolve().parents[1]


SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "slack" / "manifest.schema.1.0.0.json"


def test_manifest_is_valid_and_matches_the_code() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"Slack's manifest schema is not at {SCHEMA} (../shared is not laid out)")
    jsonschema = pytest.importorskip("jsonschema")
    manifest = yaml.safe_load((REPO / "manifest.yml").read_text())
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text())).validate(manifest)
    assert manifest["_metadata"]["major_version"] == 1
    features, settings = manifest["features"], manifest["settings"]
    assert [c["command"] for c in features["slash_commands"]] == ["/summarize"]
    assert [(s["type"], s["callback_id"], s["name"]) for s in features["shortcuts"]] == [
        ("message", CALLBACK_ID, "Summarize")
    ]
    assert features["bot_user"]["display_name"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention", "message.channels", "message.groups", "message.im", "reaction_added",
        "app_home_opened"}  # fmt: skip
    assert features["app_home"]["home_tab_enabled"]
    assert settings["interactivity"]["is_enabled"] and settings["socket_mode_enabled"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert scopes == {"app_mentions:read", "channels:history", "groups:history", "im:history",
                      "channels:read", "groups:read", "reactions:read", "chat:write",
                      "commands"}  # fmt: skip
