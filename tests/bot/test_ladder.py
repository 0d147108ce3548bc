"""Shorter / Longer as data: the rung each summary shows at a level, the levels a reply can
take within Slack's limits, and the buttons drawn for them."""

from __future__ import annotations

from bot.ladder import at_level, draw, level_range, span
from bot.records import Outcome, Reply
from bot.render import MAX_BLOCKS, render_reply
from summarizer.models import Length, Summary
from tests.support.fakeslack import validate_blocks


def _ladder(sizes: list[int], *, default: int, words: int = 10) -> Summary:
    """A summary whose ladder has rungs of `sizes` sentences, posted at rung `default`."""
    pool = [f"Sentence {i} " + "word " * (words - 2) + "end." for i in range(max(sizes))]
    rungs = tuple(
        Length(max_words=n * words, sentences=tuple(pool[:n]), documents=(0,) * n,
               output_words=n * words)
        for n in sizes
    )  # fmt: skip
    shown = rungs[default]
    return Summary(shown.sentences, shown.documents, 5000, shown.output_words, "skim",
                   lengths=rungs)  # fmt: skip


def _buttons(reply: Reply, level: int) -> list[str]:
    lowest, highest = span(reply)
    [message] = draw(reply, job="C1/1.1", level=level, lowest=lowest, highest=highest)
    assert validate_blocks(message.blocks) == []
    return [el["text"]["text"] for b in message.blocks if b["type"] == "actions"
            for el in b["elements"]]  # fmt: skip


def test_each_summary_moves_one_rung_per_level_within_its_own_ladder() -> None:
    a = _ladder([1, 2, 4, 8], default=1)
    b = _ladder([1, 3], default=1)  # already at its longest
    reply = Reply(outcomes=(Outcome(url="https://a.example/", summary=a),
                            Outcome(url="https://b.example/", summary=b)))  # fmt: skip
    assert level_range(reply) == (-1, 2)
    counts = {
        level: [len(o.summary.sentences) for o in at_level(reply, level).outcomes if o.summary]
        for level in (-1, 0, 1, 2)
    }
    assert counts == {-1: [1, 1], 0: [2, 3], 1: [4, 3], 2: [8, 3]}
    assert at_level(reply, 0) == reply
    assert [len(o.summary.sentences) for o in at_level(reply, 9).outcomes if o.summary] == [8, 3]


def test_the_buttons_show_what_a_press_can_still_do() -> None:
    reply = Reply(outcomes=(Outcome(summary=_ladder([1, 2, 4], default=1)),))
    assert _buttons(reply, 0) == ["Shorter", "Longer"]
    assert _buttons(reply, -1) == ["Longer"]
    assert _buttons(reply, 1) == ["Shorter"]


def test_nothing_to_resize_draws_no_buttons() -> None:
    plain = Summary(("One sentence here.",), (0,), 40, 3, "skim")  # asked without lengths
    failed = Outcome(url="https://c.example/", error="That page is gone.")
    reply = Reply(outcomes=(Outcome(summary=plain), failed))
    assert span(reply) == (0, 0) and _buttons(reply, 0) == []


def test_longer_stops_at_the_last_level_that_is_one_message() -> None:
    # Rungs of 2, 20, 200 and 2,000 sentences of 100 words: the last is far over 50 blocks.
    summary = _ladder([2, 20, 200, 2000], default=0, words=100)
    reply = Reply(outcomes=(Outcome(summary=summary),))
    lowest, highest = span(reply)
    assert lowest == 0 and 1 <= highest < 3
    top = at_level(reply, highest)
    assert len(render_reply(top.outcomes)) == 1
    assert len(render_reply(at_level(reply, highest + 1).outcomes)) > 1
    assert _buttons(reply, highest) == ["Shorter"]


def test_a_reply_already_several_messages_gets_no_buttons() -> None:
    summary = _ladder([200, 2000], default=1, words=100)
    reply = Reply(outcomes=(Outcome(summary=summary),))
    assert span(reply) == (0, 0)
    messages = draw(reply, job="C1/1.1", level=0, lowest=0, highest=0)
    assert len(messages) > 1
    assert all(b["type"] != "actions" for m in messages for b in m.blocks)
    assert all(len(m.blocks) <= MAX_BLOCKS for m in messages)
