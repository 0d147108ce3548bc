"""Shorter / Longer presses: applied once, redrawn in place, in order, even across a restart.

A press is acknowledged as soon as it is recorded: `Store.press` moves the reply's level and
records the press in one transaction, and a press Slack delivers again finds its record and
changes nothing. The redraw (`chat.update`, or the press's `response_url`) runs on threads of
its own, apart from the job threads, which may be busy fetching pages for seconds: a press
waits for nothing but its own redraw.

Redraws of one reply never overlap and never run out of order: a reply being redrawn is marked,
and a press arriving meanwhile only asks for one more pass, which draws whatever level the
store holds by then. So two quick presses give two steps and the message ends at the last one,
never at the first. Each redraw records the version it drew (`Store.mark_shown`); a reply
pressed but not redrawn when the bot stopped is redrawn at the next start.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from slack_sdk.errors import SlackApiError

from bot import replies
from bot.delivery import Delivery, job_name, parse_job_id
from bot.errors import DeliveryRefused
from bot.ladder import draw
from bot.records import Target
from bot.store import PressResult, Store

#: How long a reply can still be made shorter or longer: its rankings are kept this long.
DEFAULT_REPLY_TTL = 30 * 24 * 3600.0
#: Redraws are one Slack call each; two threads keep one slow call from holding up the rest.
DEFAULT_THREADS = 2


class Resizer:
    def __init__(
        self,
        *,
        store: Store,
        delivery: Delivery,
        ttl: float = DEFAULT_REPLY_TTL,
        threads: int = DEFAULT_THREADS,
        logger: logging.Logger | None = None,
    ) -> None:
        self.store = store
        self.delivery = delivery
        self.ttl = ttl
        self.log = logger or logging.getLogger("bot.resizer")
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="skim-resize")
        self._lock = threading.Lock()
        self._drawing: set[tuple[str, str]] = set()
        self._again: set[tuple[str, str]] = set()

    def press(self, value: str, *, step: int, press: str, target: Target) -> PressResult:
        """Apply a press of the button whose value is `value` (a job id) and queue its redraw.

        A value naming another channel than the one the press came from is treated as a
        reply that is not there: a button only ever acts on the message it is in.
        """
        found = parse_job_id(value)
        if found is None or found[0] != target.channel:
            result: PressResult = "gone"
        else:
            result = self.store.press(
                found[0], found[1], press=press, step=step, target=target, ttl=self.ttl
            )
        if result == "applied" and found is not None:
            self.redraw(*found)
        elif result == "gone":
            with contextlib.suppress(RuntimeError):  # shutting down: nothing left to tell
                self._pool.submit(self.delivery.tell, target, replies.TOO_OLD_TO_RESIZE)
        self.log.info("press %s on %s: %s", press, value, result)
        return result

    def resume(self) -> int:
        """Redraw the replies pressed but not redrawn before the last stop; how many."""
        self.store.forget_replies(self.ttl)
        pending = self.store.unshown_replies(self.ttl)
        for channel, key in pending:
            self.redraw(channel, key)
        if pending:
            self.log.info("redrawing %d pressed reply(ies)", len(pending))
        return len(pending)

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=not wait)

    def redraw(self, channel: str, key: str) -> None:
        name = (channel, key)
        with self._lock:
            if name in self._drawing:
                self._again.add(name)
                return
            self._drawing.add(name)
        try:
            self._pool.submit(self._redraw_until_current, name)
        except RuntimeError:  # shut down: the next start redraws it (`resume`)
            with self._lock:
                self._drawing.discard(name)

    def _redraw_until_current(self, name: tuple[str, str]) -> None:
        while True:
            try:
                self._redraw(*name)
            except Exception:
                # Slack unreachable after retries, or a bug: the reply stays unshown, and the
                # next press or the next start draws it.
                self.log.exception("could not redraw the reply of %s/%s", *name)
            with self._lock:
                if name not in self._again:
                    self._drawing.discard(name)
                    return
                self._again.discard(name)

    def _redraw(self, channel: str, key: str) -> None:
        stored = self.store.stored_reply(channel, key, self.ttl)
        if stored is None or stored.target is None or stored.shown >= stored.version:
            return
        name = job_name(channel, key)
        message = draw(
            stored.reply,
            job=name,
            level=stored.level,
            lowest=stored.lowest,
            highest=stored.highest,
        )[0]
        try:
            self.delivery.redraw(
                stored.target, name, message, via_response_url=stored.via_response_url
            )
        except (SlackApiError, DeliveryRefused) as e:
            # Refused for good (the message was deleted, the response_url used up): say so
            # to whoever pressed, and do not try again.
            error = e.response.get("error") if isinstance(e, SlackApiError) else str(e)
            self.log.warning("Slack refused the redraw of %s: %s", name, error)
            self.delivery.tell(stored.target, replies.RESIZE_FAILED)
        self.store.mark_shown(channel, key, stored.version)
