"""`/summarize`: summarize a URL or text for the whole channel; `help`; `auto on|off|react`.

The command is acknowledged with an ephemeral "Summarizing ..." that only the caller sees; the
summary then goes to the channel through the command's `response_url`, which works in any
conversation the command was typed in, whether or not the bot is a member.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import replies
from bot.deps import Deps
from bot.intake import Intake, accept
from bot.markup import decode
from bot.records import Job, mode_of
from bot.selection import what_to_summarize


def register(app: App, deps: Deps) -> None:
    @app.command("/summarize")
    def on_summarize(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
        text = (command.get("text") or "").strip()
        words = text.lower().split()
        channel = command.get("channel_id") or ""
        if not words or words == ["help"] or words == ["?"]:
            ack(text=replies.help_text(deps.reaction), response_type="ephemeral")
            return
        if words[0] == "auto" and len(words) == 2 and words[1] in ("on", "off", "react"):
            mode = mode_of(words[1])
            deps.store.set_mode(channel, mode)
            ack(text=replies.auto_replies(mode, deps.reaction), response_type="ephemeral")
            return
        if words[0] == "auto":
            ack(text=replies.auto_usage(deps.store.mode(channel)), response_type="ephemeral")
            return
        decoded = decode(text, bot_user_id=context.bot_user_id, bare_urls=True)
        body, links, skipped, omitted = what_to_summarize(decoded, explicit=True)
        job = Job(
            channel=channel,
            key=f"command:{command.get('trigger_id')}",
            kind="command",
            user=command.get("user_id"),
            text=body,
            links=links,
            skipped=skipped,
            omitted=omitted,
            response_url=command.get("response_url"),
        )
        intake = accept(job, deps, limit_told_in_ack=True)
        if intake is Intake.DUPLICATE and deps.store.job_state(job.channel, job.key) == "limited":
            intake = Intake.LIMITED  # Slack's retry of a command the first ack refused
        if intake is Intake.LIMITED:
            ack(text=replies.limited(deps.limiter.limit), response_type="ephemeral")
            return
        what = links[0] if len(links) == 1 and not body else "that"
        ack(text=replies.working_on(what), response_type="ephemeral")
