"""From a Slack request to a stored job: the one path every surface takes before it acks.

Why shared: a mention arrives twice (`app_mention` and `message`), and both deliveries must
produce the same job under the same key, so the one that comes second finds it in the store
and adds nothing; Slack retries a request it thinks was not acknowledged, and the retry must not
count against the user's limit. Deciding what to summarize (links, pasted text, both) is also
the same for mentions, DMs, the message shortcut and `/summarize`.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from typing import Any

from bot.deps import Deps
from bot.markup import decode
from bot.records import Job, JobKind
from bot.selection import what_to_summarize
from bot.store import Store


class Intake(enum.Enum):
    """What became of a request: queued, seen before, or over the user's limit."""

    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    LIMITED = "limited"


def accept(job: Job, deps: Deps, *, limit_told_in_ack: bool = False) -> Intake:
    """Store `job` and queue it, unless it was seen before.

    Called before the listener acks, so an acknowledged request is always on disk. One
    statement on the ack path: the insert is what detects a duplicate (no read before it),
    and only then is the request counted against the user's limit, so a retried delivery
    is never counted twice. Over the limit, the job is answered with the polite sentence:
    by the runner (the stored job is rewritten as `limited`), or, with `limit_told_in_ack`,
    by the listener's own acknowledgement (a slash command's), and the job is closed here.
    """
    deps.runner.quiet.note_request()
    if not deps.store.add_job(job):
        deps.logger.info("duplicate delivery of %s/%s ignored", job.channel, job.key)
        return Intake.DUPLICATE
    if not deps.limiter.allow(job.user):
        deps.logger.info("user %s is over the request limit", job.user)
        if limit_told_in_ack:
            deps.store.finish_job(job.channel, job.key, "limited", "told in the acknowledgement")
            return Intake.LIMITED
        job = replace(job, limited=True)
        deps.store.rewrite_job(job)
        deps.runner.submit(job)
        return Intake.LIMITED
    deps.runner.submit(job)
    return Intake.ACCEPTED


def is_human_message(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """A new message from a person: not a bot's (ours included), not an edit, deletion,
    join, unfurl or any other subtype."""
    if event.get("subtype") or event.get("bot_id") or event.get("bot_profile"):
        return False
    user = event.get("user")
    return bool(user) and user != bot_user_id and bool(event.get("ts"))


def message_job(
    event: dict[str, Any], *, bot_user_id: str | None, mentioned: bool, store: Store
) -> Job | None:
    """The job for a message event (or `app_mention`, with `mentioned=True`), or None when
    the bot should stay quiet."""
    if not is_human_message(event, bot_user_id):
        return None
    channel = event.get("channel")
    if not channel:
        return None
    decoded = decode(event.get("text"), bot_user_id=bot_user_id)
    mentioned = mentioned or (bot_user_id is not None and bot_user_id in decoded.mentions)
    kind: JobKind
    if event.get("channel_type") == "im" or str(channel).startswith("D"):
        kind = "dm"
    elif mentioned:
        kind = "mention"
    elif decoded.links and not store.is_muted(channel):
        kind = "auto"
    else:
        return None
    text, links, skipped, omitted = what_to_summarize(decoded, explicit=kind != "auto")
    ts = str(event["ts"])
    return Job(
        channel=channel,
        key=ts,
        kind=kind,
        user=event.get("user"),
        thread_ts=event.get("thread_ts") or ts,
        text=text,
        links=links,
        skipped=skipped,
        omitted=omitted,
    )
