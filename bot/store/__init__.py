"""The bot's durable memory, in one SQLite file: `Store` is every kind of record it keeps,
each kind in a module of its own over one database (`base`)."""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.records import mode_of
from bot.store.feedback import FeedbackRecords
from bot.store.jobs import JobRecords
from bot.store.replies import PressResult, ReplyRecords

__all__ = ["PressResult", "Store"]


class Store(JobRecords, ReplyRecords, FeedbackRecords):
    def __init__(self, path: str, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(path, clock=clock)
        rows = self._db.execute("SELECT channel, mode FROM channel_modes").fetchall()
        self._modes = {str(c): mode_of(str(m)) for c, m in rows}
