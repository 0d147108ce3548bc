"""The bot's durable memory: jobs, muted channels, the URL cache and the replies, in one SQLite
file.

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
from collections.abc import Callable
from typing import Any, Literal

from bot.records import (
    Job,
    Reply,
    StoredReply,
    Target,
    summary_from_json,
    summary_to_json,
)
from summarizer.models import Summary

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
CREATE TABLE IF NOT EXISTS delivered (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    part INTEGER NOT NULL,
    PRIMARY KEY (channel, key, part)
);
CREATE TABLE IF NOT EXISTS url_cache (
    url TEXT PRIMARY KEY,
    summary TEXT NOT NULL,
    stored REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS replies (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    reply TEXT NOT NULL,
    via_response_url INTEGER NOT NULL,
    level INTEGER NOT NULL DEFAULT 0,
    lowest INTEGER NOT NULL,
    highest INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    shown INTEGER NOT NULL DEFAULT 0,
    target TEXT,
    created REAL NOT NULL,
    PRIMARY KEY (channel, key)
);
CREATE INDEX IF NOT EXISTS replies_created ON replies (created);
CREATE TABLE IF NOT EXISTS presses (
    press TEXT PRIMARY KEY,
    created REAL NOT NULL
);
"""

PressResult = Literal["applied", "repeat", "unchanged", "gone"]


class Store:
    """Thread-safe access to the SQLite file at `path` (":memory:" for throwaway use)."""

    def __init__(self, path: str, *, clock: Callable[[], float] = time.time) -> None:
        self._path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._db = self._connect()
        self._db.execute("PRAGMA journal_mode = WAL")
        with self._lock:
            self._db.executescript(_SCHEMA)
        # A private in-memory database exists only in its own connection: read through it.
        self._shared_reads = path == ":memory:" or path.startswith("file::memory:")
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._muted = {r[0] for r in self._db.execute("SELECT channel FROM muted")}

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

    def close(self) -> None:
        with self._lock:
            for db in self._readers:
                db.close()
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

    def job_state(self, channel: str, key: str) -> str | None:
        """`pending`, `done`, `failed`, `expired` or `limited`; None for a job never stored."""
        rows = self._read("SELECT state FROM jobs WHERE channel = ? AND key = ?", (channel, key))
        return str(rows[0][0]) if rows else None

    def mark_limited(self, job: Job) -> None:
        """Rewrite a stored job as over the per-user limit (its answer: the polite sentence)."""
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET job = ? WHERE channel = ? AND key = ?",
                (job.to_json(), job.channel, job.key),
            )

    def finish_job(self, channel: str, key: str, state: str = "done", detail: str = "") -> None:
        """Mark a job answered (`done`), or given up (`failed`, `expired`) with why."""
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET state = ?, detail = ?, updated = ? WHERE channel = ? AND key = ?",
                (state, detail, self._clock(), channel, key),
            )

    def mark_delivered(self, channel: str, key: str, part: int) -> None:
        """Record that part `part` of a job's reply reached Slack.

        For replies sent through a `response_url`, which nothing can read back: a resumed job
        skips the parts recorded here, so a restart between two parts (or between the last
        part and `finish_job`) cannot post a part twice.
        """
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO delivered (channel, key, part) VALUES (?, ?, ?)",
                (channel, key, part),
            )

    def delivered_parts(self, channel: str, key: str) -> set[int]:
        rows = self._read(
            "SELECT part FROM delivered WHERE channel = ? AND key = ?", (channel, key)
        )
        return {int(r[0]) for r in rows}

    def pending_jobs(self) -> list[Job]:
        """Jobs accepted but not answered, oldest first."""
        rows = self._read("SELECT job FROM jobs WHERE state = 'pending' ORDER BY created")
        return [Job.from_json(r[0]) for r in rows]

    def count_pending(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM jobs WHERE state = 'pending'")[0][0])

    # --- muted channels ---------------------------------------------------------------------

    def set_muted(self, channel: str, muted: bool) -> None:
        with self._lock:
            if muted:
                self._db.execute(
                    "INSERT OR REPLACE INTO muted (channel, since) VALUES (?, ?)",
                    (channel, self._clock()),
                )
                self._muted.add(channel)
            else:
                self._db.execute("DELETE FROM muted WHERE channel = ?", (channel,))
                self._muted.discard(channel)

    def is_muted(self, channel: str) -> bool:
        return channel in self._muted

    # --- URL cache --------------------------------------------------------------------------

    def cache_get(self, url: str, ttl: float) -> Summary | None:
        """The cached summary for a normalized `url`, if stored less than `ttl` seconds ago.

        An entry that no longer reads as a `Summary` (written by another version) is a miss.
        """
        rows = self._read(
            "SELECT summary FROM url_cache WHERE url = ? AND stored >= ?",
            (url, self._clock() - ttl),
        )
        if not rows:
            return None
        try:
            return summary_from_json(rows[0][0])
        except ValueError:
            return None

    def cache_put(self, url: str, summary: Summary) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO url_cache (url, summary, stored) VALUES (?, ?, ?)",
                (url, summary_to_json(summary), self._clock()),
            )

    # --- replies (Shorter / Longer) ---------------------------------------------------------

    def save_reply(
        self,
        job: Job,
        reply: Reply,
        *,
        lowest: int,
        highest: int,
    ) -> None:
        """Keep what a job's reply says, before it is posted. A resumed job finds it here and
        posts the same reply, so a part posted before a restart matches the parts after it."""
        via_response_url = job.thread_ts is None and job.response_url is not None
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO replies "
                "(channel, key, reply, via_response_url, lowest, highest, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (job.channel, job.key, reply.to_json(), via_response_url, lowest, highest,
                 self._clock()),
            )  # fmt: skip

    def stored_reply(self, channel: str, key: str, ttl: float) -> StoredReply | None:
        """The reply of job (channel, key) if it was stored less than `ttl` seconds ago."""
        rows = self._read(
            "SELECT reply, via_response_url, level, lowest, highest, version, shown, target, "
            "created "
            "FROM replies WHERE channel = ? AND key = ? AND created >= ?",
            (channel, key, self._clock() - ttl),
        )
        if not rows:
            return None
        raw, via, level, lowest, highest, version, shown, target, created = rows[0]
        try:
            reply = Reply.from_json(raw)
        except ValueError:
            return None
        return StoredReply(
            channel=channel,
            key=key,
            reply=reply,
            via_response_url=bool(via),
            level=int(level),
            lowest=int(lowest),
            highest=int(highest),
            version=int(version),
            shown=int(shown),
            target=Target.from_json(target) if target else None,
            created=float(created),
        )

    def press(
        self, channel: str, key: str, *, press: str, step: int, target: Target, ttl: float
    ) -> PressResult:
        """Apply one press of Shorter (`step` -1) or Longer (+1) to a stored reply, once.

        `press` names the press (Slack sends the same payload again with the same name): a
        press seen before is a `repeat` and changes nothing. The press is recorded and the
        level moved in one transaction, so a crash cannot apply it without recording it or
        record it without applying it. `unchanged`: the reply is already at that end (a second
        press on a button the first press removed); `gone`: no reply stored within `ttl`.
        """
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = self._press(channel, key, press, step, target, ttl)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return result

    def _press(
        self, channel: str, key: str, press: str, step: int, target: Target, ttl: float
    ) -> PressResult:
        now = self._clock()
        if (
            self._db.execute(
                "INSERT OR IGNORE INTO presses (press, created) VALUES (?, ?)", (press, now)
            ).rowcount
            == 0
        ):
            return "repeat"
        row = self._db.execute(
            "SELECT level, lowest, highest FROM replies "
            "WHERE channel = ? AND key = ? AND created >= ?",
            (channel, key, now - ttl),
        ).fetchone()
        if row is None:
            return "gone"
        level, lowest, highest = (int(v) for v in row)
        moved = min(max(level + step, lowest), highest)
        if moved == level:
            return "unchanged"
        self._db.execute(
            "UPDATE replies SET level = ?, version = version + 1, target = ? "
            "WHERE channel = ? AND key = ?",
            (moved, target.to_json(), channel, key),
        )
        return "applied"

    def mark_shown(self, channel: str, key: str, version: int) -> None:
        """Record that the reply as of `version` is what Slack shows."""
        with self._lock:
            self._db.execute(
                "UPDATE replies SET shown = MAX(shown, ?) WHERE channel = ? AND key = ?",
                (version, channel, key),
            )

    def unshown_replies(self, ttl: float) -> list[tuple[str, str]]:
        """Replies pressed but not redrawn before the last stop (within `ttl`)."""
        rows = self._read(
            "SELECT channel, key FROM replies WHERE shown < version AND created >= ? "
            "ORDER BY created",
            (self._clock() - ttl,),
        )
        return [(str(r[0]), str(r[1])) for r in rows]

    def forget_replies(self, ttl: float) -> int:
        """Drop replies (and press records) older than `ttl` seconds; how many replies went."""
        oldest = self._clock() - ttl
        with self._lock:
            gone = self._db.execute("DELETE FROM replies WHERE created < ?", (oldest,)).rowcount
            self._db.execute("DELETE FROM presses WHERE created < ?", (oldest,))
            return int(gone)
