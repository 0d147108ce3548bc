"""The buttons under a reply: Shorter / Longer, and 👍 / 👎.

👍 / 👎 are Slack's own feedback buttons (a `context_actions` block), drawn small under the
reply the way Slack draws them under its own AI answers. A client or workspace that does not
take that block answers `invalid_blocks`; the message then goes again with the plain blocks,
where 👍 / 👎 are ordinary buttons beside Shorter / Longer (`Message.fallback`).

Every button's `value` names the job it acts on (`bot.delivery.job_id`); 👍 / 👎 prefix it
with `+` / `-`, because Slack's feedback buttons report the pressed button's value only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot import replies

#: The action_ids: Shorter / Longer, Slack's feedback buttons, and the plain 👍 / 👎.
SHORTER_ACTION = "skim_shorter"
LONGER_ACTION = "skim_longer"
FEEDBACK_ACTION = "skim_feedback"
GOOD_ACTION = "skim_good"
BAD_ACTION = "skim_bad"
#: The most blocks the buttons take under a reply.
CONTROL_BLOCKS = 2

Block = dict[str, Any]


@dataclass(frozen=True)
class Controls:
    """The buttons under a reply for the job `job`: which of Shorter / Longer to show, and
    whether to ask for feedback."""

    job: str
    shorter: bool
    longer: bool
    feedback: bool = True


def vote_of(value: str) -> tuple[int, str] | None:
    """(+1 or -1, job id) from a 👍 / 👎 button's value; None for anything else."""
    if value[:1] in ("+", "-") and len(value) > 1:
        return (1 if value[0] == "+" else -1), value[1:]
    return None


def control_blocks(controls: Controls) -> tuple[list[Block], list[Block]]:
    """The blocks under the reply, and the same with plain buttons only (see the module)."""
    sizes = [(SHORTER_ACTION, replies.SHORTER, controls.job)] * controls.shorter
    sizes += [(LONGER_ACTION, replies.LONGER, controls.job)] * controls.longer
    votes = [
        (GOOD_ACTION, replies.GOOD, f"+{controls.job}"),
        (BAD_ACTION, replies.BAD, f"-{controls.job}"),
    ]
    blocks = [_actions(sizes)] if sizes else []
    plain = [_actions(sizes + votes * controls.feedback)] if sizes or controls.feedback else []
    if controls.feedback:
        blocks.append(_feedback(controls.job))
    return blocks, plain


def _actions(buttons: list[tuple[str, str, str]]) -> Block:
    return {
        "type": "actions",
        "block_id": "skim_buttons",
        "elements": [
            {
                "type": "button",
                "action_id": action,
                "text": {"type": "plain_text", "text": label, "emoji": True},
                "value": value,
            }
            for action, label, value in buttons
        ],
    }


def _feedback(job: str) -> Block:
    def button(label: str, value: str, says: str) -> Block:
        return {
            "text": {"type": "plain_text", "text": label, "emoji": True},
            "value": value,
            "accessibility_label": says,
        }

    return {
        "type": "context_actions",
        "block_id": "skim_feedback",
        "elements": [
            {
                "type": "feedback_buttons",
                "action_id": FEEDBACK_ACTION,
                "positive_button": button(replies.GOOD, f"+{job}", replies.GOOD_SAYS),
                "negative_button": button(replies.BAD, f"-{job}", replies.BAD_SAYS),
            }
        ],
    }
