"""Settings for the Slack app, read once from the environment at start-up, parsed and checked.

Why a frozen dataclass built from a mapping that is passed in: the process environment (and
`.env`) is read in exactly one place, `bot.__main__`, and everything else receives a `Config`
holding parsed values (a `FetchPolicy`, numbers), never raw strings to parse again. Tests build
one from a plain dict, and nothing can change a setting while the app runs. Every bad setting
is a `ConfigError` whose message is one line saying what to set.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.errors import ConfigError
from summarizer.fetch.policy import FetchPolicy

DEFAULT_API_URL = "https://slack.com/api/"
# A host name to listen on: dot-separated labels of letters, digits and hyphens.
_HOST_NAME = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?")  # fmt: skip
DEFAULT_PORT = 3000
DEFAULT_DB = "skim.db"
DEFAULT_USER_LIMIT = 10  # requests per user per minute
#: Summarizer processes: one per core of a small machine (`SKIM_WORKERS`).
DEFAULT_WORKER_PROCESSES = 2
#: Threads that run jobs in the bot's process: they wait on Slack and on the worker processes,
#: they do not compute, so a few more than the processes keep both busy.
DEFAULT_JOB_THREADS = 4
#: The longest reply, in words. At 100 words (3 to 5 whole sentences, one screen in Slack) the
#: default method beats Lead-100 by +1.73 R-1 and stock LexRank by +1.8 R-2 on the Multi-News
#: dev clusters, and its graph helps most there (README, "Summary quality"); a sentence-count
#: default gave 3 sentences for one article but 6-7 long ones for several.
DEFAULT_REPLY_WORDS = 100
#: The lengths Shorter / Longer step through, in words (the TL;DR's one sentence below them):
#: each about twice the one before, so every press visibly changes the reply, from a screen's
#: quarter to the main points of a long article (800 words, some 40 sentences, is still one
#: Slack message). A budget giving the same sentences as the one before is no step.
REPLY_LENGTHS = (50, 100, 200, 400, 800)
#: Replies stay resizable this many days (`SKIM_REPLY_DAYS`): what they said is kept that long.
DEFAULT_REPLY_DAYS = 30
#: The reaction that asks for a summary of a message (`SKIM_REACTION`): 📝, `:memo:`.
DEFAULT_REACTION = "memo"
_EMOJI_NAME = re.compile(r"[a-z0-9_+'-]{1,100}")


@dataclass(frozen=True)
class Config:
    """Everything the bot needs from its environment. Secrets are kept out of `repr`."""

    bot_token: str = field(repr=False)
    signing_secret: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    db_path: str = DEFAULT_DB
    fetch_policy: FetchPolicy = field(default_factory=FetchPolicy)
    port: int = DEFAULT_PORT
    host: str = "0.0.0.0"
    user_limit: int = DEFAULT_USER_LIMIT
    log_level: str = "INFO"
    worker_processes: int = DEFAULT_WORKER_PROCESSES
    job_threads: int = DEFAULT_JOB_THREADS
    reply_words: int = DEFAULT_REPLY_WORDS
    reply_days: int = DEFAULT_REPLY_DAYS
    reaction: str = DEFAULT_REACTION

    @property
    def reply_lengths(self) -> tuple[int, ...]:
        """The Shorter / Longer budgets, the reply's own length among them."""
        return tuple(sorted({*REPLY_LENGTHS, self.reply_words}))

    @property
    def reply_ttl(self) -> float:
        return self.reply_days * 24 * 3600.0

    @property
    def socket_mode(self) -> bool:
        """Socket Mode when an app-level token is given, HTTP mode otherwise."""
        return bool(self.app_token)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in a log line."""
        return tuple(s for s in (self.bot_token, self.signing_secret, self.app_token) if s)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Config:
        """Build and check a `Config`; raise `ConfigError` naming the variable to fix."""

        def get(name: str) -> str | None:
            value = environ.get(name)
            return value.strip() if value is not None and value.strip() else None

        bot_token = get("SLACK_BOT_TOKEN")
        if bot_token is None:
            raise ConfigError(
                "Set SLACK_BOT_TOKEN to the app's Bot User OAuth Token (it starts with xoxb-)."
            )
        if not bot_token.startswith("xoxb-"):
            raise ConfigError("SLACK_BOT_TOKEN must be a Bot User OAuth Token starting with xoxb-.")
        app_token = get("SLACK_APP_TOKEN")
        if app_token is not None and not app_token.startswith("xapp-"):
            raise ConfigError(
                "SLACK_APP_TOKEN must be an app-level token starting with xapp- "
                "(or unset it to run in HTTP mode)."
            )
        signing_secret = get("SLACK_SIGNING_SECRET") or ""
        if not signing_secret and app_token is None:
            raise ConfigError(
                "Set SLACK_SIGNING_SECRET (Basic Information > Signing Secret) for HTTP mode, "
                "or SLACK_APP_TOKEN for Socket Mode."
            )
        api_url = get("SLACK_API_URL") or DEFAULT_API_URL
        parts = urlsplit(api_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(
                f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_API_URL}, not {api_url!r}."
            )
        if not api_url.endswith("/"):
            api_url += "/"
        try:
            fetch_policy = FetchPolicy.from_env(environ)
        except ValueError as error:  # its message names the entry and what it should be
            raise ConfigError(f"{error}.") from None
        log_level = (get("LOG_LEVEL") or "INFO").upper()
        if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ConfigError("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR.")
        return cls(
            bot_token=bot_token,
            signing_secret=signing_secret,
            app_token=app_token,
            api_url=api_url,
            db_path=get("SKIM_DB") or DEFAULT_DB,
            fetch_policy=fetch_policy,
            port=_int_setting(get("PORT"), "PORT", DEFAULT_PORT, 0, 65535),
            host=_host(get("HOST") or "0.0.0.0"),
            user_limit=_int_setting(
                get("SKIM_USER_LIMIT"), "SKIM_USER_LIMIT", DEFAULT_USER_LIMIT, 1, 10_000
            ),
            log_level=log_level,
            worker_processes=_int_setting(
                get("SKIM_WORKERS"), "SKIM_WORKERS", DEFAULT_WORKER_PROCESSES, 1, 64
            ),
            reaction=_reaction(get("SKIM_REACTION") or DEFAULT_REACTION),
            reply_days=_int_setting(
                get("SKIM_REPLY_DAYS"), "SKIM_REPLY_DAYS", DEFAULT_REPLY_DAYS, 1, 3650
            ),
        )


def _reaction(value: str) -> str:
    """An emoji's name as Slack's reaction events give it: `memo`, not `:memo:` or 📝."""
    name = value.strip(":").lower()
    if not _EMOJI_NAME.fullmatch(name):
        raise ConfigError(
            f"SKIM_REACTION must be an emoji's name such as memo or eyes, not {value!r}."
        )
    return name


def _host(value: str) -> str:
    """An address or host name to listen on (whether it can be bound is found out by binding)."""
    try:
        ipaddress.ip_address(value.strip("[]"))
    except ValueError:
        if not _HOST_NAME.fullmatch(value):
            raise ConfigError(
                f"HOST must be an IP address or a host name to listen on, such as 0.0.0.0, "
                f"not {value!r}."
            ) from None
    return value


def _int_setting(raw: str | None, name: str, default: int, low: int, high: int) -> int:
    """An integer setting within [low, high], or `default` when unset."""
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, not {raw!r}.")
    return value
