"""Jobs, what of their replies was delivered, muted channels and the URL cache."""

from __future__ import annotations

from bot.records import ChannelMode, Job, summary_from_json, summary_to_json
from bot.store.base import Database
from summarizer.models import Summary


class JobRecords(Database):
    #: Channel modes other than `on`, kept in memory too: this process is the store's only
    #: writer, so they cannot go stale (loaded by `Store`).
    _modes: dict[str, ChannelMode]

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

    # --- channel modes --------------------------------------------------------------------

    def set_mode(self, channel: str, mode: ChannelMode) -> None:
        """`on` (the default: shared links answered), `off` (only explicit requests), or
        `react` (shared links answered when someone adds the reaction)."""
        with self._lock:
            if mode == "on":
                self._db.execute("DELETE FROM channel_modes WHERE channel = ?", (channel,))
                self._modes.pop(channel, None)
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO channel_modes (channel, mode, since) VALUES (?, ?, ?)",
                    (channel, mode, self._clock()),
                )
                self._modes[channel] = mode

    def mode(self, channel: str) -> ChannelMode:
        return self._modes.get(channel, "on")

    def modes(self) -> dict[str, ChannelMode]:
        """Every channel not in the default mode."""
        return dict(self._modes)

    def set_muted(self, channel: str, muted: bool) -> None:
        self.set_mode(channel, "off" if muted else "on")

    def is_muted(self, channel: str) -> bool:
        """Whether links shared in `channel` go unanswered until someone asks."""
        return channel in self._modes

    def rewrite_job(self, job: Job) -> None:
        """Store what became known of a job after it was accepted (the message a reaction
        asked about, read from Slack), so that a resumed job need not learn it again."""
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET job = ? WHERE channel = ? AND key = ?",
                (job.to_json(), job.channel, job.key),
            )

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
