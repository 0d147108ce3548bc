"""`/summarize`: summarize a URL or text for the whole channel; `help`; `auto on|off`.

The command is acknowledged with an ephemeral "Summarizing ..." that only the caller sees; the
summary then goes to the channel through the command's `response_url`, which works in any
conversation the command was typed in, whether or not the bot is a member.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.intake import Deps, what_to_summarize
from bot.jobs import limited_sentence
from bot.markup import decode
from bot.store import Job

HELP = (
    "*Skim* reads articles so you don't have to.\n"
    "• `/summarize <link>`: a summary of the article, posted in this channel.\n"
    "• `/summarize <text>`: a summary of the text you paste (separate several texts "
    "with `|||||` to get one summary of them all).\n"
    "• `/summarize auto off` / `/summarize auto on`: stop or restart my automatic replies to "
    "links shared in this channel.\n"
    "• Mention me with links or text, send me a direct message, or use the *Summarize* "
    "message shortcut on any message: I answer in its thread."
)


def register(app: App, deps: Deps) -> None:
    @app.command("/summarize")
    def on_summarize(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
        text = (command.get("text") or "").strip()
        words = text.lower().split()
        channel = command.get("channel_id") or ""
        if not words or words == ["help"] or words == ["?"]:
            ack(text=HELP, response_type="ephemeral")
            return
        if words[0] == "auto" and len(words) == 2 and words[1] in ("on", "off"):
            deps.store.set_muted(channel, words[1] == "off")
            state = (
                "off. Mentions, `/summarize` and the shortcut still work."
                if words[1] == "off"
                else "on."
            )
            ack(
                text=f"Automatic summaries of links shared in this channel are now {state}",
                response_type="ephemeral",
            )
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
        if not deps.limiter.allow(job.user):
            ack(text=limited_sentence(deps.limiter.limit), response_type="ephemeral")
            return
        if deps.store.add_job(job):
            deps.runner.submit(job)
        what = links[0] if len(links) == 1 and not body else "that"
        ack(text=f"Summarizing {what} ...", response_type="ephemeral")
