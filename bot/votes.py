"""👍 / 👎 on a reply: recorded once per user and reply, with what the reply was about.

A vote is written before the press is acknowledged, like everything else; the thanks (one
ephemeral sentence to whoever voted) goes out on a thread of its own. Each summary in the reply
is recorded with its page's host, the kind of page and the method, so that `python -m
bot.feedback` can say where Skim falls short (a site whose pages it extracts badly, a kind of
page it handles worse than the rest).
"""

from __future__ import annotations

import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from bot import replies
from bot.controls import vote_of
from bot.delivery import Delivery, parse_job_id
from bot.records import Reply, Target
from bot.store import Store

#: What a vote on pasted text is recorded under, in place of a host.
PASTED = "(pasted text)"


def about(reply: Reply) -> list[tuple[str, str, str]]:
    """(host, page kind, method) of each summary in the reply."""
    out = []
    for outcome in reply.outcomes:
        summary = outcome.summary
        if summary is None:
            continue
        article = summary.article
        host = urlsplit(outcome.url).hostname if outcome.url else None
        kind = article.kind if article is not None and outcome.url else "text"
        out.append(((host or PASTED).removeprefix("www."), kind, summary.method))
    return out


class Votes:
    def __init__(
        self,
        *,
        store: Store,
        delivery: Delivery,
        ttl: float,
        logger: logging.Logger | None = None,
    ) -> None:
        self.store = store
        self.delivery = delivery
        self.ttl = ttl
        self.log = logger or logging.getLogger("bot.votes")
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="skim-votes")

    def vote(self, value: str, *, user: str, target: Target) -> bool:
        """Record the vote a button's `value` carries; True when it changed what is recorded.

        A vote on a reply the store no longer holds (older than the replies' lifetime) or on
        another channel's reply is told it is too old, as a press of Shorter would be.
        """
        parsed = vote_of(value)
        found = parse_job_id(parsed[1]) if parsed else None
        stored = None
        if parsed and found and found[0] == target.channel:
            stored = self.store.stored_reply(found[0], found[1], self.ttl)
        if parsed is None or found is None or stored is None:
            self._tell(target, replies.TOO_OLD_TO_VOTE)
            return False
        changed = self.store.record_vote(*found, user, parsed[0], about(stored.reply))
        self.log.info("vote %+d by %s on %s (%s)", parsed[0], user, parsed[1],
                      "recorded" if changed else "already recorded")  # fmt: skip
        if changed:
            self._tell(target, replies.THANKS)
        return changed

    def _tell(self, target: Target, sentence: str) -> None:
        with contextlib.suppress(RuntimeError):  # shutting down: the thanks can go unsaid
            self._pool.submit(self.delivery.tell, target, sentence)

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=not wait)
