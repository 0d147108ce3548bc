"""A per-user request limit, so one person (or one runaway script) cannot keep the workers busy
for everyone else. Over the limit, the request still gets an answer: a polite one saying so."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class UserLimiter:
    """At most `limit` requests per user in any `window` seconds (a sliding window)."""

    def __init__(
        self, limit: int, window: float = 60.0, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[str, deque[float]] = {}

    def allow(self, user: str | None) -> bool:
        """Count one request by `user`; False when it is over the limit (then not counted)."""
        if not user:
            return True
        now = self._clock()
        with self._lock:
            times = self._seen.setdefault(user, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True
