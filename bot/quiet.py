"""Acknowledgements first: job threads hold back while requests are arriving.

Slack gives an app 3 seconds to acknowledge a request and retries after that; a reply in a
thread can come a few milliseconds later without anyone noticing. In one process the two
compete for the same interpreter lock, so during a burst of events every reply being posted
delays the acknowledgements still to be sent. `QuietGate` lets a job start only once no
request has arrived for `quiet` seconds (or after `max_wait`, so a steady stream of requests
cannot starve the replies).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

#: A pause this long between requests ends a burst. One request at a time (the common case)
#: costs its reply at most this much: 20 ms, well inside the 50 ms cached-reply target.
QUIET_SECONDS = 0.02
#: The longest a job waits for a pause, whatever the traffic.
MAX_WAIT_SECONDS = 0.25


class QuietGate:
    def __init__(
        self,
        quiet: float = QUIET_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet = quiet
        self.max_wait = max_wait
        self._clock = clock
        self._last = float("-inf")
        self._lock = threading.Lock()

    def note_request(self) -> None:
        """A request arrived (called on the ack path: one clock read, no waiting)."""
        now = self._clock()
        with self._lock:
            self._last = now

    def wait(self) -> float:
        """Sleep until requests pause (or `max_wait` passed); return the seconds waited.

        Sleeps are at least a millisecond, so the wait can end up to 1 ms past either limit.
        """
        start = self._clock()
        give_up = start + self.max_wait
        while True:
            with self._lock:
                ready_at = self._last + self.quiet
            now = self._clock()
            if now >= ready_at or now >= give_up:
                return now - start
            time.sleep(max(min(ready_at, give_up) - now, 0.001))
