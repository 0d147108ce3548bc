"""Build the Bolt app and what it depends on, from a `Config` (nothing read from globals).

`process_before_response=True`: each listener runs in the request's own thread and its ack is
sent when it returns. Listeners only store the job and hand it to the worker pool, so this is
quick, and it guarantees the job is on disk before Slack hears "200 OK" (Bolt's default would
ack from a thread of its own while the listener might still be writing).
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient

from bot.config import Config
from bot.intake import Deps
from bot.jobs import JobRunner, retry_handlers
from bot.limits import UserLimiter
from bot.listeners import register_all
from bot.pipeline import Pipeline, default_pipeline
from bot.store import Store


def build_client(config: Config) -> WebClient:
    """The Web API client: Slack's URL (or `SLACK_API_URL`), retrying 429s and lost connections."""
    return WebClient(
        token=config.bot_token,
        base_url=config.api_url,
        timeout=30,
        retry_handlers=retry_handlers(),
        logger=logging.getLogger("bot.slack_sdk"),
    )


def build_deps(
    config: Config,
    *,
    pipeline: Pipeline | None = None,
    client: WebClient | None = None,
    workers: int = 4,
    logger: logging.Logger | None = None,
) -> Deps:
    logger = logger or logging.getLogger("bot")
    store = Store(config.db_path)
    runner = JobRunner(
        store=store,
        client=client or build_client(config),
        pipeline=pipeline or default_pipeline(config),
        user_limit=config.user_limit,
        workers=workers,
        logger=logger.getChild("jobs"),
    )
    return Deps(store=store, runner=runner, limiter=UserLimiter(config.user_limit), logger=logger)


class _NoTokenFromEnvironWarning(logging.Filter):
    """Bolt looks at os.environ["SLACK_BOT_TOKEN"] itself and, finding it beside the client
    built from our `Config`, warns that it is unused, which is the intent: drop that line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


def build_app(config: Config, deps: Deps) -> App:
    """The Bolt app with every listener registered; calls auth.test once to learn who it is."""
    bolt_logger = logging.getLogger("bot.bolt")
    if not any(isinstance(f, _NoTokenFromEnvironWarning) for f in bolt_logger.filters):
        bolt_logger.addFilter(_NoTokenFromEnvironWarning())
    app = App(
        client=deps.runner.client,
        signing_secret=config.signing_secret,
        # Socket Mode connections are authenticated by the app token; there is nothing to sign.
        request_verification_enabled=not config.socket_mode,
        process_before_response=True,
        logger=bolt_logger,
    )
    register_all(app, deps)
    return app
