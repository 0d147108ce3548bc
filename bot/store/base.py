"""The SQLite file under the bot's durable memory: connections, reads, transactions.

Why SQLite (WAL) and not memory: a job is written here *before* Slack is acknowledged, keyed on
(channel, key) with a UNIQUE constraint, so a retried or duplicated delivery, or `app_mention`
plus `message` for the same message, finds the row and adds nothing, even across a restart.
Jobs still `pending` at start-up were accepted but never answered and are resumed.

WAL with `synchronous=NORMAL`: a commit is in the operating system's hands when it returns, so
it survives the process being killed (the case that matters here); only a power cut could lose
the last commits. Writes go through one connection guarded by a lock: every statement is tiny,
SQLite allows one writer at a time anyway, and a Python lock hands over faster than SQLite's
busy handler, which sleeps. Reads use one connection per thread and take no lock: WAL lets
them run beside the writer, and under a burst of events the ack threads no longer queue for
the writer's lock just to look something up (measured: most of the ack path's samples were
threads waiting on that lock in `has_job` and `is_muted`). Muted channels are also kept in
memory: this process is the store's only writer, so the set cannot go stale.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bot.store.schema import SCHEMA


class Database:
    """Thread-safe access to the SQLite file at `path` (":memory:" for throwaway use)."""

    def __init__(self, path: str, *, clock: Callable[[], float] = time.time) -> None:
        self._path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._db = self._connect()
        self._db.execute("PRAGMA journal_mode = WAL")
        with self._lock:
            self._db.executescript(SCHEMA)
        # A private in-memory database exists only in its own connection: read through it.
        self._shared_reads = path == ":memory:" or path.startswith("file::memory:")
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA busy_timeout = 5000")
        db.execute("PRAGMA synchronous = NORMAL")
        return db

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """Rows of a query, on this thread's own read connection (no lock taken)."""
        if self._shared_reads:
            with self._lock:
                return self._db.execute(sql, params).fetchall()
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
            with self._lock:
                self._readers.append(db)
        return db.execute(sql, params).fetchall()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """The writer, in one transaction: all of it is written, or none of it."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for db in self._readers:
                db.close()
            self._db.close()
