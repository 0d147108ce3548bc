"""Shorter / Longer: which sentences each summary of a reply shows at a given level.

A summary comes with its other lengths (`Summary.lengths`, one ranking cut at several word
budgets: the TL;DR, then 50, 100, 200 ... words), so a reply is redrawn at another length without
fetching or ranking anything again, and the same level gives the same sentences every time.

A reply's *level* is one number for all of its summaries: 0 is the reply as first posted, -1
one rung shorter, +1 one rung longer. Each summary shows the rung its own default (the rung
whose sentences it was posted with) plus the level, held within its ladder: a reply about two
links whose summaries have ladders of different heights still moves both one step per press.
"""

from __future__ import annotations

from dataclasses import replace

from bot.controls import Controls
from bot.records import Outcome, Reply
from bot.render import Message, fits_one_message, render_reply
from summarizer.models import Length, Summary


def _default_rung(summary: Summary) -> int | None:
    """Where on its ladder the summary as posted sits; None when it has no ladder to move on."""
    for rung, length in enumerate(summary.lengths):
        if length.sentences == summary.sentences:
            return rung
    return None


def _at(summary: Summary, length: Length) -> Summary:
    return replace(
        summary,
        sentences=length.sentences,
        documents=length.documents,
        output_words=length.output_words,
        sources=length.sources,
    )


def at_level(reply: Reply, level: int) -> Reply:
    """The reply with each summary at its default rung plus `level` (held within its ladder)."""
    if level == 0:
        return reply
    outcomes: list[Outcome] = []
    for outcome in reply.outcomes:
        summary = outcome.summary
        rung = _default_rung(summary) if summary is not None else None
        if summary is None or rung is None:
            outcomes.append(outcome)
            continue
        top = len(summary.lengths) - 1
        shown = summary.lengths[min(max(rung + level, 0), top)]
        outcomes.append(replace(outcome, summary=_at(summary, shown)))
    return replace(reply, outcomes=tuple(outcomes))


def at_budget(reply: Reply, words: int) -> Reply:
    """The reply with each summary at the longest rung within `words` (its shortest when none
    is): how a reader who chose their own length in the App Home gets their replies, with
    Shorter / Longer stepping from there."""
    outcomes: list[Outcome] = []
    for outcome in reply.outcomes:
        summary = outcome.summary
        if summary is None or not summary.lengths:
            outcomes.append(outcome)
            continue
        within = [length for length in summary.lengths if length.max_words <= words]
        shown = within[-1] if within else summary.lengths[0]
        outcomes.append(replace(outcome, summary=_at(summary, shown)))
    return replace(reply, outcomes=tuple(outcomes))


def level_range(reply: Reply) -> tuple[int, int]:
    """The lowest and highest levels that change anything: from every summary at its shortest
    rung (one sentence) to every summary at its longest. (0, 0) when nothing can move."""
    lowest = highest = 0
    for outcome in reply.outcomes:
        summary = outcome.summary
        rung = _default_rung(summary) if summary is not None else None
        if summary is None or rung is None:
            continue
        lowest = min(lowest, -rung)
        highest = max(highest, len(summary.lengths) - 1 - rung)
    return lowest, highest


def span(reply: Reply) -> tuple[int, int]:
    """The levels a reply can be drawn at as one message with its buttons: `level_range`,
    Longer stopping at the last level within Slack's limits (50 blocks). (0, 0), no buttons,
    for a reply that is several messages already."""
    lowest, highest = level_range(reply)
    if not fits_one_message(reply.outcomes, reply.notes):
        return 0, 0
    top = 0
    while top < highest and fits_one_message(at_level(reply, top + 1).outcomes, reply.notes):
        top += 1
    return lowest, top


def draw(reply: Reply, *, job: str, level: int, lowest: int, highest: int) -> list[Message]:
    """The reply at `level`, with Shorter unless at `lowest` and Longer unless at `highest`."""
    controls = Controls(job=job, shorter=level > lowest, longer=level < highest)
    shown = at_level(reply, level)
    return render_reply(shown.outcomes, notes=shown.notes, controls=controls)
