"""Bounded waiting on a fake's state, shared by the fake Slack Web API and Socket Mode server.

Tests never sleep blindly: they wait until a predicate holds, waking whenever the fake's state
changes (it bumps `_version` under `_lock` and notifies `_changed`) and at least every 50 ms
for state outside it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ChangeWaiter:
    _lock: threading.Lock | threading.RLock
    _changed: threading.Condition
    _version: int

    def _poll(self, predicate: Callable[[], T], timeout: float) -> T | None:
        """The first truthy value of `predicate()` within `timeout` seconds, else None.

        The predicate runs without the lock held: it may call the fake over HTTP.
        """
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                seen = self._version
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            with self._changed:
                if self._version == seen:
                    self._changed.wait(min(remaining, 0.05))
