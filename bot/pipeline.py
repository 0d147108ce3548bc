"""The summarizer as the bot sees it: two functions, text in or URL in, `Summary` out.

Why a seam here: the job runner only knows "summarize this text" and "summarize this URL";
production binds them to a pool of worker processes running the summarizer package with the
settings from the configuration (`bot.app.default_pipeline`; `bot.workers`: the CPU they take
stays out of the process that acks Slack), and tests can bind them to something that fails on
purpose (the internal-error reply) or returns a very long summary (Slack's limits) without
touching the summarizer. `start` and `close` start and release what the binding holds (the
worker processes). Either function raises `SkimError` (its message is for the user),
`Interrupted` (the bot is stopping), or anything else for a bug.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summarizer.models import Summary


def _nothing() -> None:
    pass


@dataclass(frozen=True)
class Pipeline:
    summarize_text: Callable[[str], Summary]
    summarize_url: Callable[[str], Summary]
    start: Callable[[], None] = _nothing
    close: Callable[[], None] = _nothing
