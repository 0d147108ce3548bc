"""One wall-clock budget for a whole fetch, enforced even while a read is blocked."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType


class Deadline:
    """Socket timeouts bound each single read, but a server that sends one byte every few
    seconds never trips them, and http.client keeps reading lines and buffers for as long as
    bytes come. So a timer thread shuts down every socket the fetch opened when time is up; the
    blocked read then ends at once and the fetch reports the deadline. It shuts down a
    *duplicate* of each socket's descriptor, owned here until the end, so it can never touch a
    descriptor number that the process has since reused for something else.
    """

    def __init__(self, seconds: float) -> None:
        self._ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    @property
    def expired(self) -> bool:
        return self._fired or time.monotonic() >= self._ends

    def remaining(self) -> float:
        return max(0.0, self._ends - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            duplicate = sock.dup()
            self._sockets.append(duplicate)
            if self._fired:
                _shutdown(duplicate)

    def _fire(self) -> None:
        with self._lock:
            self._fired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed or never connected: nothing to stop
        sock.shutdown(socket.SHUT_RDWR)
