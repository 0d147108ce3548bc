"""The worker pool and the job runner: fetch, summarize, render, post, then mark done.

Why a pool separate from the HTTP threads: listeners only write the job to the store and hand
it over here, so Slack is acknowledged in milliseconds however slow the article's server is.

Exactly-once posting: each reply carries Slack message `metadata` naming the job (and which
part of a split reply it is). A job resumed after a restart reads its thread first with
`conversations.replies` (`include_all_metadata`) and posts only the parts not already there,
so a crash between posting and marking the job done does not produce a second reply.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

from bot.markup import normalize_url
from bot.pipeline import Interrupted, Pipeline, summary_from_dict, summary_to_dict
from bot.quiet import QuietGate
from bot.render import Message, Outcome, render_reply, render_text
from bot.store import Job, Store
from summarizer import SkimError

METADATA_EVENT_TYPE = "skim_summary"
MAX_LINKS = 5
DEFAULT_CACHE_TTL = 6 * 3600.0
DEFAULT_MAX_AGE = 24 * 3600.0

GENERIC_FAILURE = (
    "Something went wrong on my side while summarizing this; please try again in a few minutes."
)
NOTHING_TO_SUMMARIZE = (
    "There is nothing for me to summarize here: mention me with a link, or paste the text "
    "you want summarized."
)
ONLY_SKIPPED_LINKS = (
    "I don't read links to Slack itself, to files, or addresses that are not web pages; "
    "paste the text you want summarized instead."
)
NOT_IN_CHANNEL = (
    "I can't post in this conversation because I'm not a member of it: invite me with "
    "/invite and try again."
)


class DeliveryRefused(Exception):
    """A response_url refused the reply (expired, used up, malformed): retrying won't help."""


def limited_sentence(limit: int) -> str:
    return (
        f"You've asked me for a lot of summaries in the last minute (the limit is {limit} a "
        "minute); please wait a moment and try again."
    )


def error_kind(error: BaseException) -> str:
    """The class name of a summarizer error for the log, also when it came from a worker
    process (`RemoteSkimError.kind`)."""
    return str(getattr(error, "kind", None) or type(error).__name__)


def job_id(job: Job) -> str:
    """The name a job goes by in reply metadata: unique per workspace."""
    return f"{job.channel}/{job.key}"


def retry_handlers() -> list[Any]:
    """Retry Slack's 429 after its Retry-After, and dropped or refused connections."""
    return [
        RateLimitErrorRetryHandler(max_retry_count=3),
        ConnectionErrorRetryHandler(max_retry_count=3),
    ]


class JobRunner:
    """Runs accepted jobs on a thread pool and answers each exactly once."""

    def __init__(
        self,
        *,
        store: Store,
        client: WebClient,
        pipeline: Pipeline,
        user_limit: int,
        workers: int = 4,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        max_age: float = DEFAULT_MAX_AGE,
        logger: logging.Logger | None = None,
        webhook: Callable[[str], WebhookClient] | None = None,
        quiet: QuietGate | None = None,
    ) -> None:
        self.store = store
        self.quiet = quiet or QuietGate()
        self.client = client
        self.pipeline = pipeline
        self.user_limit = user_limit
        self.cache_ttl = cache_ttl
        self.max_age = max_age
        self.log = logger or logging.getLogger("bot.jobs")
        self._webhook = webhook or (lambda url: WebhookClient(url, retry_handlers=retry_handlers()))
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="skim-job")

    # --- the pool ---------------------------------------------------------------------------

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
            messages, public = self.answer(job)
            self.deliver(job, messages, public=public, resumed=resumed)
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
                self._tell_caller(job, NOT_IN_CHANNEL)
            self.store.finish_job(job.channel, job.key, "failed", str(error))
        except Interrupted:
            self.log.info("job %s interrupted by the shutdown; left pending", job_id(job))
        except Exception:
            # Slack unreachable even after retries, or a bug: leave the job pending so the
            # next start resumes it, and keep the details in the log.
            self.log.exception("job %s could not be answered; left pending", job_id(job))

    def answer(self, job: Job) -> tuple[list[Message], bool]:
        """The messages answering `job`, and whether they are for everyone (else the caller)."""
        if job.limited:
            return render_text(limited_sentence(self.user_limit)), False
        outcomes = [self._summarize_link(url) for url in job.links]
        if job.text:
            outcomes.append(self._summarize_text(job.text))
        if not outcomes:
            return render_text(ONLY_SKIPPED_LINKS if job.skipped else NOTHING_TO_SUMMARIZE), False
        if len(outcomes) == 1 and outcomes[0].summary is None and not job.omitted:
            return render_text(outcomes[0].error or GENERIC_FAILURE), False
        notes: list[str] = []
        if job.omitted:
            notes.append(
                f"I summarized the first {len(job.links)} links; {job.omitted} more "
                f"{'was' if job.omitted == 1 else 'were'} left out (at most {MAX_LINKS} a message)."
            )
        if job.skipped:
            notes.append("Links to Slack, to files and non-web addresses were not read.")
        public = any(o.summary is not None for o in outcomes)
        return render_reply(outcomes, notes=tuple(notes)), public

    def _summarize_link(self, url: str) -> Outcome:
        key = normalize_url(url)
        cached = self.store.cache_get(key, self.cache_ttl)
        if cached is not None:
            return Outcome(url=url, summary=summary_from_dict(cached))
        try:
            summary = self.pipeline.summarize_url(url)
        except Interrupted:
            raise
        except SkimError as e:
            self.log.info("could not summarize %s: %s: %s", url, error_kind(e), e)
            return Outcome(url=url, error=str(e))
        except Exception:
            self.log.exception("internal error summarizing %s", url)
            return Outcome(url=url, error=GENERIC_FAILURE)
        self.store.cache_put(key, summary_to_dict(summary))
        return Outcome(url=url, summary=summary)

    def _summarize_text(self, text: str) -> Outcome:
        try:
            return Outcome(summary=self.pipeline.summarize_text(text))
        except Interrupted:
            raise
        except SkimError as e:
            self.log.info("could not summarize pasted text: %s: %s", error_kind(e), e)
            return Outcome(error=str(e))
        except Exception:
            self.log.exception("internal error summarizing pasted text")
            return Outcome(error=GENERIC_FAILURE)

    # --- posting ----------------------------------------------------------------------------

    def deliver(self, job: Job, messages: list[Message], *, public: bool, resumed: bool) -> None:
        """Post `messages` where `job` is answered: thread, response_url, or ephemeral."""
        if job.thread_ts is None and job.response_url:
            self._respond(job, messages, public=public)
            return
        if job.limited:
            for m in messages:
                self.client.chat_postEphemeral(
                    channel=job.channel, user=job.user or "", thread_ts=job.thread_ts, **m.payload()
                )
            return
        posted = self._posted_parts(job) if resumed else set()
        for part, m in enumerate(messages):
            if part in posted:
                continue
            self.client.chat_postMessage(
                channel=job.channel,
                thread_ts=job.thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                metadata={
                    "event_type": METADATA_EVENT_TYPE,
                    "event_payload": {"job": job_id(job), "part": part, "parts": len(messages)},
                },
                **m.payload(),
            )

    def _posted_parts(self, job: Job) -> set[int]:
        """Parts of this job's reply already in its thread (a resumed job's first look)."""
        found: set[int] = set()
        cursor: str | None = None
        while True:
            try:
                page = self.client.conversations_replies(
                    channel=job.channel,
                    ts=job.thread_ts or job.key,
                    include_all_metadata=True,
                    limit=200,
                    cursor=cursor,
                )
            except SlackApiError as e:
                if e.response is not None and e.response.get("error") == "thread_not_found":
                    return found
                raise
            for msg in page.get("messages") or []:
                meta = msg.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if meta.get("event_type") == METADATA_EVENT_TYPE and payload.get("job") == job_id(
                    job
                ):
                    found.add(int(payload.get("part", 0)))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return found

    def _respond(self, job: Job, messages: list[Message], *, public: bool) -> None:
        """Post through the job's response_url, skipping the parts a previous run delivered."""
        assert job.response_url is not None
        hook = self._webhook(job.response_url)
        delivered = self.store.delivered_parts(job.channel, job.key)
        for part, m in enumerate(messages):
            if part not in delivered:
                self._send(hook, m, public=public)
                self.store.mark_delivered(job.channel, job.key, part)

    @staticmethod
    def _send(hook: WebhookClient, m: Message, *, public: bool) -> None:
        resp = hook.send(
            text=m.text,
            blocks=m.blocks,
            response_type="in_channel" if public else "ephemeral",
            replace_original=False,
            unfurl_links=False,
            unfurl_media=False,
        )
        if 400 <= resp.status_code < 500:
            raise DeliveryRefused(f"response_url answered {resp.status_code}: {resp.body}")
        if resp.status_code != 200:
            raise RuntimeError(f"response_url answered {resp.status_code}: {resp.body}")

    def _tell_caller(self, job: Job, sentence: str) -> None:
        assert job.response_url is not None
        try:
            hook = self._webhook(job.response_url)
            for m in render_text(sentence):
                self._send(hook, m, public=False)
        except Exception:
            self.log.exception("job %s: could not tell the caller either", job_id(job))
