"""The job runner: summarize, render, deliver, then mark done; each accepted job answered once.

Why threads separate from the HTTP threads: listeners only write the job to the store and hand
it over here, so Slack is acknowledged in milliseconds however slow the article's server is.
The threads mostly wait (on Slack, on the summarizer's worker processes); the computing happens
in those processes (`bot.workers`).

A job is marked done only after its answer is delivered; anything that stops it before then
(Slack unreachable, a bug, the bot stopping) leaves it pending, and the next start resumes it
(`delivery` then posts only what is missing).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from slack_sdk.errors import SlackApiError

from bot import replies
from bot.delivery import Delivery, job_id
from bot.errors import DeliveryRefused, Interrupted
from bot.ladder import at_budget, draw, span
from bot.markup import decode, normalize_url
from bot.pipeline import Pipeline
from bot.quiet import QuietGate
from bot.records import Job, Outcome, Reply, Target
from bot.render import Message, redrawable, render_reply, render_text
from bot.resizer import DEFAULT_REPLY_TTL
from bot.selection import MAX_LINKS, what_to_summarize
from bot.store import Store
from summarizer.errors import SkimError

#: How long a link's summary is answered from the store instead of fetched again.
DEFAULT_CACHE_TTL = 6 * 3600.0
#: A job found pending at start-up older than this is dropped, not answered a day late.
DEFAULT_MAX_AGE = 24 * 3600.0


class JobRunner:
    """Runs accepted jobs on `threads` threads and answers each exactly once."""

    def __init__(
        self,
        *,
        store: Store,
        delivery: Delivery,
        pipeline: Pipeline,
        user_limit: int,
        threads: int,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        reply_ttl: float = DEFAULT_REPLY_TTL,
        max_age: float = DEFAULT_MAX_AGE,
        logger: logging.Logger | None = None,
        quiet: QuietGate | None = None,
        read_message: Callable[[str, str], dict[str, Any] | None] | None = None,
    ) -> None:
        self.store = store
        self.delivery = delivery
        self.quiet = quiet or QuietGate()
        self.pipeline = pipeline
        self.user_limit = user_limit
        self.cache_ttl = cache_ttl
        self.reply_ttl = reply_ttl
        self.max_age = max_age
        self.log = logger or logging.getLogger("bot.runner")
        self.read_message = read_message
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="skim-job")

    # --- the threads ------------------------------------------------------------------------

    def submit(self, job: Job, *, resumed: bool = False) -> Future[None]:
        return self._pool.submit(self.run, job, resumed=resumed)

    def resume_pending(self) -> int:
        """Start the pipeline's workers, then queue every job accepted but not answered before
        the last stop; return how many. Called once, when the app is about to serve."""
        self.pipeline.start()
        jobs = self.store.pending_jobs()
        for job in jobs:
            self.submit(job, resumed=True)
        if jobs:
            self.log.info("resuming %d unanswered job(s)", len(jobs))
        return len(jobs)

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=not wait)
        self.pipeline.close()

    # --- one job ----------------------------------------------------------------------------

    def run(self, job: Job, *, resumed: bool = False) -> None:
        """Answer `job`; never raises (a worker thread has no one to raise to)."""
        self.quiet.wait()
        started = time.monotonic()
        try:
            if resumed and time.time() - job.created > self.max_age:
                self.store.finish_job(job.channel, job.key, "expired", "too old to answer")
                self.log.info("job %s expired unanswered", job_id(job))
                return
            if not job.read:
                read = self._read(job)
                if read is None:
                    return
                job = read
            messages, public = self.answer(job)
            self.delivery.deliver(job, messages, public=public, resumed=resumed)
            self.store.finish_job(job.channel, job.key, "done")
            self.log.info(
                "job %s (%s) answered in %.0f ms",
                job_id(job),
                job.kind,
                (time.monotonic() - started) * 1000,
            )
        except (SlackApiError, DeliveryRefused) as e:
            if isinstance(e, SlackApiError):
                error = e.response.get("error") if e.response is not None else None
            else:
                error = str(e)
            self.log.error("job %s: Slack refused the reply: %s", job_id(job), error)
            if error in ("not_in_channel", "channel_not_found") and job.response_url:
                self.delivery.tell_caller(job, replies.NOT_IN_CHANNEL)
            self.store.finish_job(job.channel, job.key, "failed", str(error))
        except Interrupted:
            self.log.info("job %s interrupted by the shutdown; left pending", job_id(job))
        except Exception:
            # Slack unreachable even after retries, or a bug: leave the job pending so the
            # next start resumes it, and keep the details in the log.
            self.log.exception("job %s could not be answered; left pending", job_id(job))

    def _read(self, job: Job) -> Job | None:
        """A reaction's job with the message reacted to read from Slack (its links or text,
        the thread it is in), stored so that a resumed job does not read it again; None when
        there is nothing to answer: the one who reacted hears why, ephemerally."""
        message = self.read_message(job.channel, job.key) if self.read_message else None
        if message is None:
            sentence: str | None = replies.MESSAGE_GONE
        elif message.get("bot_id") or message.get("subtype") in ("bot_message", "tombstone"):
            sentence = None  # a bot's message, Skim's own replies included: nothing to add
        else:
            decoded = decode(message.get("text"))
            text, links, skipped, omitted = what_to_summarize(decoded, explicit=True)
            read = replace(job, read=True, thread_ts=message.get("thread_ts") or job.key,
                           text=text, links=links, skipped=skipped, omitted=omitted)  # fmt: skip
            self.store.rewrite_job(read)
            return read
        if sentence:
            target = Target(channel=job.channel, ts=None, user=job.user, response_url=None)
            self.delivery.tell(target, sentence)
        self.store.finish_job(job.channel, job.key, "failed", "the message could not be read")
        return None

    def answer(self, job: Job) -> tuple[list[Message], bool]:
        """The messages answering `job`, and whether they are for everyone (else the caller).

        A reply with a summary is stored before it is posted, with the levels it can be drawn
        at (`bot.ladder`): Shorter / Longer redraw it from there, and a job resumed after a
        restart posts the same reply instead of summarizing again.
        """
        if job.limited:
            return render_text(replies.limited(self.user_limit)), False
        stored = self.store.stored_reply(job.channel, job.key, self.reply_ttl)
        if stored is not None:
            level, lowest, highest = stored.level, stored.lowest, stored.highest
            reply = stored.reply
        else:
            found = self._reply(job)
            if isinstance(found, str):
                return render_text(found), False
            reply = found
            if all(o.summary is None for o in reply.outcomes):
                # Every link failed: a sentence for each, for the one who asked only.
                return render_reply(reply.outcomes, notes=reply.notes), False
            words = self.store.user_words(job.user)
            if words is not None:  # the length the user chose in the App Home
                reply = at_budget(reply, words)
            level, (lowest, highest) = 0, span(reply)
            self.store.save_reply(job, reply, lowest=lowest, highest=highest)
        messages = draw(reply, job=job_id(job), level=level, lowest=lowest, highest=highest)
        return messages, True

    def _reply(self, job: Job) -> Reply | str:
        """What answers `job`: its summaries and notes, or the one sentence saying why not."""
        outcomes = [self._summarize_link(url) for url in job.links]
        if job.text:
            outcomes.append(self._summarize_text(job.text))
        if not outcomes:
            return replies.ONLY_SKIPPED_LINKS if job.skipped else replies.NOTHING_TO_SUMMARIZE
        if len(outcomes) == 1 and outcomes[0].summary is None and not job.omitted:
            return outcomes[0].error or replies.GENERIC_FAILURE
        notes: list[str] = []
        if job.omitted:
            notes.append(replies.links_omitted(len(job.links), job.omitted, MAX_LINKS))
        if job.skipped:
            notes.append(replies.SKIPPED_NOTE)
        return Reply(outcomes=tuple(redrawable(o) for o in outcomes), notes=tuple(notes))

    def _summarize_link(self, url: str) -> Outcome:
        key = normalize_url(url)
        cached = self.store.cache_get(key, self.cache_ttl)
        if cached is not None:
            return Outcome(url=url, summary=cached)
        try:
            summary = self.pipeline.summarize_url(url)
        except Interrupted:
            raise
        except SkimError as e:
            self.log.info("could not summarize %s: %s: %s", url, type(e).__name__, e)
            return Outcome(url=url, error=str(e))
        except Exception:
            self.log.exception("internal error summarizing %s", url)
            return Outcome(url=url, error=replies.GENERIC_FAILURE)
        self.store.cache_put(key, summary)
        return Outcome(url=url, summary=summary)

    def _summarize_text(self, text: str) -> Outcome:
        try:
            return Outcome(summary=self.pipeline.summarize_text(text))
        except Interrupted:
            raise
        except SkimError as e:
            self.log.info("could not summarize pasted text: %s: %s", type(e).__name__, e)
            return Outcome(error=str(e))
        except Exception:
            self.log.exception("internal error summarizing pasted text")
            return Outcome(error=replies.GENERIC_FAILURE)
