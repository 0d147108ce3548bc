"""Settings for the Slack app, read once from the environment at start-up.

Why a frozen dataclass built from a mapping that is passed in: the process environment (and
`.env`) is read in exactly one place, `bot.__main__`, and everything else receives a `Config`.
Tests build one from a plain dict, and nothing can change a setting while the app runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
DEFAULT_DB = "skim.db"
DEFAULT_USER_LIMIT = 10  # requests per user per minute
DEFAULT_WORKERS = 2  # summarizer processes: one per core of a small machine


class ConfigError(ValueError):
    """A missing or malformed setting; the message is one line saying what to set."""


@dataclass(frozen=True)
class Config:
    """Everything the bot needs from its environment. Secrets are kept out of `repr`."""

    bot_token: str = field(repr=False)
    signing_secret: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    db_path: str = DEFAULT_DB
    fetch_allow: str | None = None
    port: int = DEFAULT_PORT
    host: str = "0.0.0.0"
    user_limit: int = DEFAULT_USER_LIMIT
    log_level: str = "INFO"
    workers: int = DEFAULT_WORKERS

    @property
    def socket_mode(self) -> bool:
        """Socket Mode when an app-level token is given, HTTP mode otherwise."""
        return bool(self.app_token)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in a log line."""
        return tuple(s for s in (self.bot_token, self.signing_secret, self.app_token) if s)

    def fetch_environ(self) -> dict[str, str]:
        """The part of the environment `FetchPolicy.from_env` reads, as it was at start-up."""
        return {"SKIM_FETCH_ALLOW": self.fetch_allow} if self.fetch_allow is not None else {}

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
        port = _int_setting(get("PORT"), "PORT", DEFAULT_PORT, 0, 65535)
        user_limit = _int_setting(
            get("SKIM_USER_LIMIT"), "SKIM_USER_LIMIT", DEFAULT_USER_LIMIT, 1, 10_000
        )
        workers = _int_setting(get("SKIM_WORKERS"), "SKIM_WORKERS", DEFAULT_WORKERS, 1, 64)
        log_level = (get("LOG_LEVEL") or "INFO").upper()
        if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ConfigError("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR.")
        return cls(
            bot_token=bot_token,
            signing_secret=signing_secret,
            app_token=app_token,
            api_url=api_url,
            db_path=get("SKIM_DB") or DEFAULT_DB,
            fetch_allow=environ.get("SKIM_FETCH_ALLOW"),
            port=port,
            host=get("HOST") or "0.0.0.0",
            user_limit=user_limit,
            log_level=log_level,
            workers=workers,
        )


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
