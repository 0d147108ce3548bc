"""What the listeners need, built once at start-up (`bot.app`) and passed to each `register`.

Its own module so that `app` (which builds it) and the listeners (which use it) need not
import each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient

from bot.config import DEFAULT_REACTION
from bot.home import Home
from bot.limits import UserLimiter
from bot.resizer import Resizer
from bot.runner import JobRunner
from bot.store import Store
from bot.votes import Votes


@dataclass(frozen=True)
class Deps:
    client: WebClient
    store: Store
    runner: JobRunner
    resizer: Resizer
    votes: Votes
    home: Home
    limiter: UserLimiter
    logger: logging.Logger
    #: The reaction that asks for a summary (`Config.reaction`).
    reaction: str = DEFAULT_REACTION

    def start(self) -> None:
        """Pick up where the last run stopped: jobs not answered, presses not redrawn."""
        self.runner.resume_pending()
        self.resizer.resume()

    def stop(self, wait: bool = True) -> None:
        self.runner.shutdown(wait=wait)
        self.resizer.shutdown(wait=wait)
        self.votes.shutdown(wait=wait)
        self.home.shutdown(wait=wait)
