"""👍 / 👎 on replies, one vote per user and reply."""

from __future__ import annotations

from typing import NamedTuple

from bot.store.base import Database


class Vote(NamedTuple):
    """One user's 👍 (+1) or 👎 (-1) on one summary of the reply `reply` (its job id)."""

    reply: str
    user: str
    host: str
    kind: str
    method: str
    vote: int


class FeedbackRecords(Database):
    def record_vote(
        self, channel: str, key: str, user: str, vote: int, about: list[tuple[str, str, str]]
    ) -> bool:
        """Record `user`'s 👍 (+1) or 👎 (-1) on a reply, once per user and reply: a second vote
        replaces the first. `about` is (host, page kind, method) for each summary in the reply.
        False when the vote was already recorded as it is (a press sent again)."""
        now = self._clock()
        with self._transaction() as db:
            where = (channel, key, user)
            before = db.execute(
                "SELECT vote FROM feedback WHERE channel = ? AND key = ? AND user = ?", where
            ).fetchall()
            db.execute("DELETE FROM feedback WHERE channel = ? AND key = ? AND user = ?", where)
            db.executemany(
                "INSERT OR REPLACE INTO feedback "
                "(channel, key, user, host, kind, method, vote, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(channel, key, user, h, k, m, vote, now) for h, k, m in about],
            )
            return [int(r[0]) for r in before] != [vote] * len(about)

    def votes(self) -> list[Vote]:
        """Every vote, one per summary voted on."""
        rows = self._read("SELECT channel, key, user, host, kind, method, vote FROM feedback")
        return [Vote(f"{c}/{k}", str(u), str(h), str(d), str(m), int(v))
                for c, k, u, h, d, m, v in rows]  # fmt: skip
