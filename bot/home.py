"""The App Home tab: how to use Skim, the modes of the user's channels, their last summaries,
and their own reply length.

Published with `views.publish` when the user opens the tab (`app_home_opened`) and again when
they change their length, on a thread of its own: the event is acknowledged first. The length
is kept in the store and applied to that user's later requests (`JobRunner.answer`, by
starting each summary at the rung of its ladder within that many words).
"""

from __future__ import annotations

import contextlib
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import replies
from bot.records import ChannelMode, Reply
from bot.render import escape, link
from bot.store import Store

#: The lengths a user can choose (words), by the name the select shows.
LENGTHS = {"short": 50, "medium": 100, "long": 200}
LENGTH_ACTION = "skim_length_pref"
#: The user's last summaries the tab lists.
RECENT = 10
#: The most pages of the user's channels read (200 channels each).
MAX_CHANNEL_PAGES = 5

Block = dict[str, Any]


def _section(text: str, **extra: Any) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}, **extra}


def _length_select(words: int) -> Block:
    def option(name: str) -> Block:
        label = f"{name.title()} ({LENGTHS[name]} words)"
        return {"text": {"type": "plain_text", "text": label}, "value": name}

    current = min(LENGTHS, key=lambda name: abs(LENGTHS[name] - words))
    return {
        "type": "static_select",
        "action_id": LENGTH_ACTION,
        "options": [option(name) for name in LENGTHS],
        "initial_option": option(current),
    }


def _recent_lines(recent: list[tuple[Reply, float]]) -> list[str]:
    lines = []
    for reply, created in recent:
        for outcome in reply.outcomes:
            summary = outcome.summary
            if summary is None:
                continue
            article = summary.article
            title = (article.title if article else None) or outcome.url
            # Slack shows the date in the reader's own time zone; the fallback is UTC.
            day = time.strftime("%Y-%m-%d", time.gmtime(created))
            when = f"<!date^{int(created)}^{{date_short_pretty}}|{day}>"
            if outcome.url:
                lines.append(f"• {link(outcome.url, (title or outcome.url)[:120])} · {when}")
            else:
                lines.append(
                    f"• {escape(replies.pasted_heading(summary.input_documents))} · {when}"
                )
    return lines[:RECENT]


def home_view(
    *,
    reaction: str,
    words: int,
    modes: dict[str, ChannelMode] | None,
    recent: list[tuple[Reply, float]],
) -> dict[str, Any]:
    """The Home tab. `modes`: the modes of the user's channels other than `on`, or None when
    their channels could not be read."""
    if modes is None:
        mode_text = replies.HOME_MODES_UNKNOWN
    elif modes:
        mode_text = (
            "\n".join(
                f"• <#{channel}>: {replies.mode_name(mode, reaction)}"
                for channel, mode in modes.items()
            )
            + f"\n{replies.HOME_MODES_REST}"
        )
    else:
        mode_text = replies.HOME_MODES_ALL_ON
    recent_lines = _recent_lines(recent)
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Skim"}},
        _section(replies.help_text(reaction)),
        {"type": "divider"},
        _section(replies.HOME_LENGTH, accessory=_length_select(words)),
        {"type": "divider"},
        _section(f"*{replies.HOME_MODES}*\n{mode_text}"),
        {"type": "divider"},
        _section(f"*{replies.HOME_RECENT}*\n" + ("\n".join(recent_lines) or replies.HOME_NONE)),
    ]
    return {"type": "home", "blocks": blocks}


class Home:
    def __init__(
        self,
        *,
        client: WebClient,
        store: Store,
        reaction: str,
        default_words: int,
        ttl: float,
        logger: logging.Logger | None = None,
    ) -> None:
        self.client = client
        self.store = store
        self.reaction = reaction
        self.default_words = default_words
        self.ttl = ttl
        self.log = logger or logging.getLogger("bot.home")
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="skim-home")

    def opened(self, user: str) -> None:
        with contextlib.suppress(RuntimeError):  # shutting down: the next opening publishes
            self._pool.submit(self._publish, user)

    def choose_length(self, user: str, name: str) -> None:
        """Keep the length the user chose (a name of `LENGTHS`) and show it."""
        if name in LENGTHS:
            self.store.set_user_words(user, LENGTHS[name])
            self.opened(user)

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=not wait)

    def _publish(self, user: str) -> None:
        try:
            view = home_view(
                reaction=self.reaction,
                words=self.store.user_words(user) or self.default_words,
                modes=self._modes(user),
                recent=self.store.recent_replies(user, RECENT, self.ttl),
            )
            self.client.views_publish(user_id=user, view=view)
        except Exception:
            self.log.exception("could not publish the Home tab of %s", user)

    def _modes(self, user: str) -> dict[str, ChannelMode] | None:
        """The modes, other than `on`, of the channels `user` is in (those the bot can see)."""
        known = self.store.modes()
        found: dict[str, ChannelMode] = {}
        cursor: str | None = None
        try:
            for _ in range(MAX_CHANNEL_PAGES):
                page = self.client.users_conversations(
                    user=user, types="public_channel,private_channel", exclude_archived=True,
                    limit=200, cursor=cursor,
                )  # fmt: skip
                for channel in page.get("channels") or []:
                    if channel.get("id") in known:
                        found[channel["id"]] = known[channel["id"]]
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
                if not cursor:
                    break
        except SlackApiError as e:
            self.log.warning("could not list the channels of %s: %s", user, e.response.get("error"))
            return None
        return found
