"""The composition root: the Bolt app and everything it depends on, built from a `Config`.

Nothing here is read from globals or the environment; `bot.__main__` reads the environment once
and passes the `Config` in, and tests build the same objects from a `Config` of their own.

`process_before_response=True`: each listener runs in the request's own thread and its ack is
sent when it returns. Listeners only store the job and hand it to the job runner, so this is
quick, and it guarantees the job is on disk before Slack hears "200 OK" (Bolt's default would
ack from a thread of its own while the listener might still be writing).
"""

from __future__ import annotations

import functools
import logging
import sqlite3

from slack_bolt import App
from slack_sdk import WebClient

from bot.config import Config
from bot.delivery import Delivery, retry_handlers
from bot.deps import Deps
from bot.errors import ConfigError
from bot.history import read_message
from bot.home import Home
from bot.limits import UserLimiter
from bot.listeners import register_all
from bot.pipeline import Pipeline
from bot.resizer import Resizer
from bot.runner import JobRunner
from bot.store import Store
from bot.votes import Votes
from bot.workers import SummarizerPool


def build_client(config: Config) -> WebClient:
    """The Web API client: Slack's URL (or `SLACK_API_URL`), retrying 429s and lost connections."""
    return WebClient(
        token=config.bot_token,
        base_url=config.api_url,
        timeout=30,
        retry_handlers=retry_handlers(),
        logger=logging.getLogger("bot.slack_sdk"),
    )


def default_pipeline(config: Config) -> Pipeline:
    """The real summarizer in `config.worker_processes` worker processes, fetching under the
    configured policy, replies at most `config.reply_words` long."""
    pool = SummarizerPool(
        policy=config.fetch_policy,
        processes=config.worker_processes,
        reply_words=config.reply_words,
        lengths=config.reply_lengths,
    )
    return Pipeline(
        summarize_text=pool.summarize_text,
        summarize_url=pool.summarize_url,
        start=pool.start,
        close=pool.close,
    )


def open_store(config: Config) -> Store:
    """The job store at `SKIM_DB`; a path SQLite cannot open is a setting to fix."""
    try:
        return Store(config.db_path)
    except sqlite3.Error as error:
        raise ConfigError(
            f"SKIM_DB={config.db_path!r} cannot be opened as a SQLite database ({error}); "
            "set it to a file path in a writable folder."
        ) from None


def build_deps(
    config: Config,
    *,
    pipeline: Pipeline | None = None,
    client: WebClient | None = None,
    logger: logging.Logger | None = None,
) -> Deps:
    logger = logger or logging.getLogger("bot")
    store = open_store(config)
    client = client or build_client(config)
    delivery = Delivery(client=client, store=store, logger=logger.getChild("delivery"))
    runner = JobRunner(
        store=store,
        delivery=delivery,
        pipeline=pipeline or default_pipeline(config),
        user_limit=config.user_limit,
        threads=config.job_threads,
        reply_ttl=config.reply_ttl,
        logger=logger.getChild("jobs"),
        read_message=functools.partial(read_message, client),
    )
    resizer = Resizer(
        store=store, delivery=delivery, ttl=config.reply_ttl, logger=logger.getChild("resize")
    )
    return Deps(
        client=client,
        store=store,
        runner=runner,
        resizer=resizer,
        home=Home(
            client=client,
            store=store,
            reaction=config.reaction,
            default_words=config.reply_words,
            ttl=config.reply_ttl,
            logger=logger.getChild("home"),
        ),
        votes=Votes(
            store=store, delivery=delivery, ttl=config.reply_ttl, logger=logger.getChild("votes")
        ),
        limiter=UserLimiter(config.user_limit),
        logger=logger,
        reaction=config.reaction,
    )


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
        client=deps.client,
        signing_secret=config.signing_secret,
        # Socket Mode connections are authenticated by the app token; there is nothing to sign.
        request_verification_enabled=not config.socket_mode,
        process_before_response=True,
        logger=bolt_logger,
    )
    register_all(app, deps)
    return app
