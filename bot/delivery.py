"""Posting a job's answer where it belongs, exactly once, even across a restart.

Where: in the message's thread (`chat.postMessage`), through a slash command's `response_url`,
or, for a request over the per-user limit, ephemerally to the one who asked.

Exactly once: each threaded reply carries Slack message `metadata` naming the job (and which
part of a split reply it is). A job resumed after a restart reads its thread first with
`conversations.replies` (`include_all_metadata`) and posts only the parts not already there, so
a crash between posting and marking the job done does not produce a second reply. A
`response_url` cannot be read back, so the parts it took are recorded in the store instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient, WebhookResponse

from bot.errors import DeliveryRefused
from bot.records import Job, Target
from bot.render import Message, render_text
from bot.store import Store

METADATA_EVENT_TYPE = "skim_summary"


def retry_handlers() -> list[Any]:
    """Retry Slack's 429 after its Retry-After, and dropped or refused connections."""
    return [
        RateLimitErrorRetryHandler(max_retry_count=3),
        ConnectionErrorRetryHandler(max_retry_count=3),
    ]


def job_id(job: Job) -> str:
    """The name a job goes by in reply metadata and button values: unique per workspace."""
    return job_name(job.channel, job.key)


def job_name(channel: str, key: str) -> str:
    return f"{channel}/{key}"


def parse_job_id(value: str) -> tuple[str, str] | None:
    """(channel, key) from a `job_id`; None for anything else (channel ids hold no `/`)."""
    channel, _, key = value.partition("/")
    return (channel, key) if channel and key else None


def _metadata(job: str, part: int, parts: int) -> dict[str, Any]:
    return {"event_type": METADATA_EVENT_TYPE, "event_payload": {"job": job, "part": part,
                                                                   "parts": parts}}  # fmt: skip


class Delivery:
    """Posts through `client` (Web API) or a `response_url` (`webhook` builds the client)."""

    def __init__(
        self,
        *,
        client: WebClient,
        store: Store,
        logger: logging.Logger,
        webhook: Callable[[str], WebhookClient] | None = None,
    ) -> None:
        self.client = client
        self.store = store
        self.log = logger
        self._webhook = webhook or (lambda url: WebhookClient(url, retry_handlers=retry_handlers()))

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

            def post(m: Message, part: int = part) -> None:
                self.client.chat_postMessage(
                    channel=job.channel,
                    thread_ts=job.thread_ts,
                    unfurl_links=False,
                    unfurl_media=False,
                    metadata=_metadata(job_id(job), part, len(messages)),
                    **m.payload(),
                )

            self._either(m, post)

    def _either(self, m: Message, post: Callable[[Message], Any]) -> None:
        """Post `m`, or its plain version when Slack refuses one of its blocks."""
        try:
            post(m)
        except SlackApiError as e:
            fallback = m.fallback()
            if (
                fallback is None
                or e.response is None
                or e.response.get("error") != "invalid_blocks"
            ):
                raise
            self.log.info("Slack refused the feedback buttons; posting plain buttons instead")
            post(fallback)

    def redraw(self, target: Target, job: str, message: Message, *, via_response_url: bool) -> None:
        """Put `message` in place of a one-message reply: `chat.update` on the message, or,
        for a reply a response_url posted (which `chat.update` may not touch), the press's
        own response_url with `replace_original`. The metadata is written again so that the
        reply still names its job."""
        if via_response_url:
            if not target.response_url:
                raise DeliveryRefused("the press came without a response_url")
            hook = self._webhook(target.response_url)
            self._send(hook, message, public=True, replace=True)
            return
        self._either(
            message,
            lambda m: self.client.chat_update(
                channel=target.channel,
                ts=target.ts or "",
                metadata=_metadata(job, 0, 1),
                **m.payload(),
            ),
        )

    def tell(self, target: Target, sentence: str) -> None:
        """One ephemeral sentence to whoever pressed a button; failing that, only the log hears
        of it (the press changed nothing they could see anyway)."""
        try:
            if target.response_url:
                hook = self._webhook(target.response_url)
                for m in render_text(sentence):
                    self._send(hook, m, public=False)
            elif target.user:
                for m in render_text(sentence):
                    self.client.chat_postEphemeral(
                        channel=target.channel, user=target.user, **m.payload()
                    )
        except Exception:
            self.log.exception("could not tell %s: %s", target.user, sentence)

    def tell_caller(self, job: Job, sentence: str) -> None:
        """One ephemeral sentence through the job's response_url, when the reply itself could
        not be posted; failing that too, only the log hears of it."""
        assert job.response_url is not None
        try:
            hook = self._webhook(job.response_url)
            for m in render_text(sentence):
                self._send(hook, m, public=False)
        except Exception:
            self.log.exception("job %s: could not tell the caller either", job_id(job))

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

    def _send(
        self, hook: WebhookClient, m: Message, *, public: bool, replace: bool = False
    ) -> None:
        def send(m: Message) -> WebhookResponse:
            return hook.send(
                text=m.text,
                blocks=m.blocks,
                response_type="in_channel" if public else "ephemeral",
                replace_original=replace,
                unfurl_links=False,
                unfurl_media=False,
            )

        resp = send(m)
        fallback = m.fallback()
        if resp.status_code == 400 and "invalid_blocks" in str(resp.body) and fallback:
            self.log.info("Slack refused the feedback buttons; sending plain buttons instead")
            resp = send(fallback)
        if 400 <= resp.status_code < 500:
            raise DeliveryRefused(f"response_url answered {resp.status_code}: {resp.body}")
        if resp.status_code != 200:
            raise RuntimeError(f"response_url answered {resp.status_code}: {resp.body}")
