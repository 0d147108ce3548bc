"""What the listeners need, built once at start-up (`bot.app`) and passed to each `register`.

Its own module so that `app` (which builds it) and the listeners (which use it) need not
import each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient

from bot.limits import UserLimiter
from bot.runner import JobRunner
from bot.store import Store


@dataclass(frozen=True)
class Deps:
    client: WebClient
    store: Store
    runner: JobRunner
    limiter: UserLimiter
    logger: logging.Logger
