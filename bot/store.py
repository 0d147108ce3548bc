"""The bot's durable memory: jobs, muted channels and the URL cache, in one SQLite file.

Why SQLite (WAL) and not memory: a job is written here *before* Slack is acknowledged, keyed on
(channel, key) with a UNIQUE constraint, so a retried or duplicated delivery, or `app_mention`
plus `message` for the same message, finds the row and adds nothing, even across a restart.
Jobs still `pending` at start-up were accepted but never answered and are resumed.

WAL with `synchronous=NORMAL`: a commit is in the operating system's hands when it returns, so
it survives the process being killed (the case that matters here); only a power cut could lose
the last commits. One connection guarded by a lock: every statement is tiny, and SQLite allows
one writer at a time anyway.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

JobKind = Literal["mention", "auto", "dm", "command", "shortcut"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    job TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    detail TEXT,
    UNIQUE (channel, key)
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state);
CREATE TABLE IF NOT EXISTS muted (
    channel TEXT PRIMARY KEY,
    since REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS url_cache (
    url TEXT PRIMARY KEY,
    summary TEXT NOT NULL,
    stored REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Job:
    """One user request, as accepted: everything needed to answer it after a restart.

    `key` is the message `ts` for messages; slash commands and shortcuts, which are requests
    of their own, get a key that includes their `trigger_id`. `thread_ts` is where the answer
    goes (None: through `response_url`, for slash commands). `limited` marks a request over
    the per-user limit: its answer is the polite sentence saying so.
    """

    channel: str
    key: str
    kind: JobKind
    user: str | None = None
    thread_ts: str | None = None
    text: str = ""
    links: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    omitted: int = 0
    response_url: str | None = None
    limited: bool = False
    created: float = field(default_factory=time.time)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str) -> Job:
        data: dict[str, Any] = json.loads(raw)
        data["links"] = tuple(data.get("links") or ())
        data["skipped"] = tuple(data.get("skipped") or ())
        return cls(**data)


class Store:
    """Thread-safe access to the SQLite file at `path` (":memory:" for throwaway use)."""

    def __init__(self, path: str, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA busy_timeout = 5000")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        with self._lock:
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- jobs -------------------------------------------------------------------------------

    def add_job(self, job: Job) -> bool:
        """Record `job`; False when a job with the same (channel, key) already exists."""
        now = self._clock()
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO jobs (channel, key, job, created, updated) "
                "VALUES (?, ?, ?, ?, ?)",
                (job.channel, job.key, job.to_json(), now, now),
            )
            return cur.rowcount == 1

    def has_job(self, channel: str, key: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM jobs WHERE channel = ? AND key = ?", (channel, key)
            ).fetchone()
        return row is not None

    def job_state(self, channel: str, key: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT state FROM jobs WHERE channel = ? AND key = ?", (channel, key)
            ).fetchone()
        return row[0] if row else None

    def finish_job(self, channel: str, key: str, state: str = "done", detail: str = "") -> None:
        """Mark a job answered (`done`), or given up (`failed`, `expired`) with why."""
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET state = ?, detail = ?, updated = ? WHERE channel = ? AND key = ?",
                (state, detail, self._clock(), channel, key),
            )

    def pending_jobs(self) -> list[Job]:
        """Jobs accepted but not answered, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT job FROM jobs WHERE state = 'pending' ORDER BY created"
            ).fetchall()
        return [Job.from_json(r[0]) for r in rows]

    def count_pending(self) -> int:
        with self._lock:
            return int(
                self._db.execute("SELECT COUNT(*) FROM jobs WHERE state = 'pending'").fetchone()[0]
            )

    # --- muted channels ---------------------------------------------------------------------

    def set_muted(self, channel: str, muted: bool) -> None:
        with self._lock:
            if muted:
                self._db.execute(
                    "INSERT OR REPLACE INTO muted (channel, since) VALUES (?, ?)",
                    (channel, self._clock()),
                )
            else:
                self._db.execute("DELETE FROM muted WHERE channel = ?", (channel,))

    def is_muted(self, channel: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM muted WHERE channel = ?", (channel,)).fetchone()
        return row is not None

    # --- URL cache --------------------------------------------------------------------------

    def cache_get(self, url: str, ttl: float) -> dict[str, Any] | None:
        """The cached summary for a normalized `url`, if stored less than `ttl` seconds ago."""
        with self._lock:
            row = self._db.execute(
                "SELECT summary FROM url_cache WHERE url = ? AND stored >= ?",
                (url, self._clock() - ttl),
            ).fetchone()
        return json.loads(row[0]) if row else None

    def cache_put(self, url: str, summary: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO url_cache (url, summary, stored) VALUES (?, ?, ?)",
                (url, json.dumps(summary), self._clock()),
            )
