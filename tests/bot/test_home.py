"""The App Home end to end: `app_home_opened` publishes the tab (`views.publish` on the fake
Slack) with the help, the modes of the user's channels and their last summaries; the length
select sets the user's own reply length, applied to their next request."""

from __future__ import annotations

import json
import re
import time
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.config import DEFAULT_REACTION
from tests.support.bot import (
    ArticleServer,
    RunningBot,
    buttons,
    context_text,
    fixture_text,
    thread_replies,
)
from tests.support.fakeslack import validate_blocks
from tests.support.slackclient import app_mention_event


@pytest.fixture
def site(articles: ArticleServer) -> ArticleServer:
    articles.add("/article", fixture_text("article.html"))
    return articles


def open_home(bot: RunningBot, user: str) -> dict[str, Any]:
    before = bot.fake.home_views.get(user)
    bot.event({"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home",
               "event_ts": f"{time.time():.6f}"})  # fmt: skip
    return bot.fake.wait_for(
        lambda: bot.fake.home_views.get(user) is not before and bot.fake.home_views.get(user),
        10, "the Home tab",
    )  # fmt: skip


def home_text(view: dict[str, Any]) -> str:
    return "\n".join(b["text"]["text"] for b in view["blocks"] if b["type"] == "section")


def ask(bot: RunningBot, url: str, user: str) -> dict[str, Any]:
    ev = app_mention_event(f"<@UBOT> <{url}>", channel="C1", user=user)
    bot.event(ev)
    bot.fake.wait_for(lambda: thread_replies(bot.fake, "C1", ev["ts"]), 15, "a reply")
    return thread_replies(bot.fake, "C1", ev["ts"])[0]


def words(reply: dict[str, Any]) -> int:
    found = re.search(r"→ ([\d,]+) words", context_text(reply))
    assert found
    return int(found.group(1).replace(",", ""))


def choose(bot: RunningBot, user: str, name: str) -> None:
    option = {"text": {"type": "plain_text", "text": name.title()}, "value": name}
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": "u", "team_id": "T0TEST"},
        "api_app_id": "A0SKIM",
        "token": "verification-token",
        "container": {"type": "view", "view_id": "V1"},
        "trigger_id": "1.2.3",
        "team": {"id": "T0TEST", "domain": "skimtest"},
        "view": {"id": "V1", "type": "home"},
        "actions": [{"type": "static_select", "action_id": "skim_length_pref",
                     "block_id": "b1", "selected_option": option,
                     "action_ts": f"{time.time():.6f}"}],
    }  # fmt: skip
    status, text = bot.form(urlencode({"payload": json.dumps(payload)}))
    assert status == 200, text


def test_the_home_tab_shows_help_modes_and_the_last_summaries(
    bot: RunningBot, site: ArticleServer
) -> None:
    bot.fake.memberships["U1"] = ["C1", "C2"]
    bot.deps.store.set_mode("C1", "react")
    bot.deps.store.set_mode("C3", "off")  # a channel U1 is not in: not shown
    ask(bot, site.url("/article"), "U1")
    view = open_home(bot, "U1")
    assert validate_blocks(view["blocks"]) == []
    text = home_text(view)
    assert "/summarize" in text and f":{DEFAULT_REACTION}:" in text
    assert "<#C1>" in text and "auto react" in text and "<#C3>" not in text
    recent = text.split("Your last summaries")[1]
    assert "Night trains return to the valley" in recent and "<!date^" in recent
    [select] = [b["accessory"] for b in view["blocks"] if "accessory" in b]
    assert select["initial_option"]["value"] == "medium"
    other = open_home(bot, "U2")  # nothing asked yet, no channels listed
    assert "None yet" in home_text(other)


def test_the_chosen_length_applies_to_the_next_request(
    bot: RunningBot, site: ArticleServer
) -> None:
    before = ask(bot, site.url("/article"), "U1")
    open_home(bot, "U1")
    previous = bot.fake.home_views["U1"]
    choose(bot, "U1", "long")
    view = bot.fake.wait_for(
        lambda: bot.fake.home_views["U1"] is not previous and bot.fake.home_views["U1"], 10
    )
    [select] = [b["accessory"] for b in view["blocks"] if "accessory" in b]
    assert select["initial_option"]["value"] == "long"
    assert bot.deps.store.user_words("U1") == 200
    longer = ask(bot, site.url("/article"), "U1")
    assert 100 < words(longer) <= 200 and words(before) <= 100
    assert "Shorter" in buttons(longer) and "Longer" in buttons(longer)
    assert words(ask(bot, site.url("/article"), "U2")) == words(before)  # others unchanged
    choose(bot, "U1", "short")
    bot.fake.wait_for(lambda: bot.deps.store.user_words("U1") == 50, 10)
    assert words(ask(bot, site.url("/article"), "U1")) <= 50
