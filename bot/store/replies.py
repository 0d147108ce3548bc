"""Replies as they were posted, and the Shorter / Longer presses on them."""

from __future__ import annotations

from typing import Literal

from bot.records import Job, Reply, StoredReply, Target
from bot.store.base import Database

PressResult = Literal["applied", "repeat", "unchanged", "gone"]


class ReplyRecords(Database):
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
                "(channel, key, reply, user, via_response_url, lowest, highest, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (job.channel, job.key, reply.to_json(), job.user, via_response_url, lowest,
                 highest, self._clock()),
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
        with self._transaction():
            return self._press(channel, key, press, step, target, ttl)

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

    def recent_replies(self, user: str, limit: int, ttl: float) -> list[tuple[Reply, float]]:
        """The last `limit` replies to `user`'s requests (within `ttl`), newest first, with
        when each was made."""
        rows = self._read(
            "SELECT reply, created FROM replies WHERE user = ? AND created >= ? "
            "ORDER BY created DESC LIMIT ?",
            (user, self._clock() - ttl, limit),
        )
        out = []
        for raw, created in rows:
            try:
                out.append((Reply.from_json(raw), float(created)))
            except ValueError:
                continue
        return out

    def set_user_words(self, user: str, words: int) -> None:
        """`user`'s own reply length, in words, for their later requests."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO user_lengths (user, words) VALUES (?, ?)", (user, words)
            )

    def user_words(self, user: str | None) -> int | None:
        if not user:
            return None
        rows = self._read("SELECT words FROM user_lengths WHERE user = ?", (user,))
        return int(rows[0][0]) if rows else None
