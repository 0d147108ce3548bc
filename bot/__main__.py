"""`python -m bot`: read the configuration once, resume unanswered jobs, then serve.

HTTP mode (waitress on `PORT`, `POST /slack/events`, `GET /healthz`) when `SLACK_APP_TOKEN` is
unset; Socket Mode (Bolt's built-in client, no extra dependency) when it is set. A bad setting,
or a token Slack refuses, ends the process at once with one line saying what to fix.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

from dotenv import dotenv_values
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError

from bot.app import build_app, build_deps
from bot.config import Config
from bot.errors import ConfigError
from bot.logs import setup_logging
from bot.server import EVENTS_PATH, create_http_server


def read_environment(environ: Mapping[str, str], dotenv: Path) -> dict[str, str]:
    """The process environment over `.env` (when present): real variables win."""
    merged: dict[str, str] = {}
    if dotenv.is_file():
        merged.update({k: v for k, v in dotenv_values(dotenv).items() if v is not None})
    merged.update(environ)
    return merged


def main(environ: Mapping[str, str] | None = None, dotenv: Path = Path(".env")) -> int:
    env = read_environment(os.environ if environ is None else environ, dotenv)
    try:
        config = Config.from_env(env)
    except ConfigError as e:
        print(f"skim: {e}", file=sys.stderr)
        return 2
    setup_logging(config.log_level, config.secrets)
    log = logging.getLogger("bot")
    try:
        deps = build_deps(config, logger=log)
    except ConfigError as e:  # SKIM_DB that SQLite cannot open
        print(f"skim: {e}", file=sys.stderr)
        return 2
    try:
        app = build_app(config, deps)
    except BoltError:
        print(
            "skim: Slack refused SLACK_BOT_TOKEN (auth.test failed): set it to the app's "
            "current Bot User OAuth Token.",
            file=sys.stderr,
        )
        return 2
    except OSError as e:
        print(f"skim: cannot reach Slack at {config.api_url}: {e} (check SLACK_API_URL).",
              file=sys.stderr)  # fmt: skip
        return 2

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    server = None
    if not config.socket_mode:
        try:  # bound before any job starts, so a port in use is a one-line exit, not a traceback
            server = create_http_server(app, deps.store, host=config.host, port=config.port)
        except (OSError, ValueError) as e:
            print(f"skim: cannot listen on {config.host}:{config.port}: {e} (check HOST and PORT).",
                  file=sys.stderr)  # fmt: skip
            return 2

    signal.signal(signal.SIGTERM, stop)
    deps.start()
    try:
        if server is None:
            log.info("Skim starting in Socket Mode")
            SocketModeHandler(app, app_token=config.app_token, web_client=app.client).start()
        else:
            log.info(
                "Skim listening on http://%s:%s%s",
                config.host,
                server.effective_port,
                EVENTS_PATH,
            )
            try:
                server.run()
            finally:
                server.close()
    except KeyboardInterrupt:
        log.info("Skim stopping; unanswered jobs resume at the next start")
    finally:
        deps.stop(wait=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
