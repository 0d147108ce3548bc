"""What a thread's post template prints in every post: the poster's card ("Joined", "Posts:
1,204"), the post's date and number, "Share on other sites", "Link to comment", "1 Like".

Forum and Q&A software writes every post through one template, and the template's short lines
(a label, a count, a date, a button, a subject line "Re: ...") recur post after post with only
their numbers and dates changed. A reader skips them; the summarizer would take their
recurrence for agreement; none of them is what anyone wrote, and what people write rarely
recurs word for word, numbers aside, in one thread. A poster's name recurs too and goes from
the text with the rest of the card; each post's author stays in the article's items. Code and
table rows are left alone: `import asyncio` in three answers is the answer, and a table's
"Yes" is its data. Only threads: on a listing, the line every card repeats ("Free shipping", a
price) is part of each item.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from summarizer.extract.nodes import squash
from summarizer.extract.rules import DATE_WORDS, TEMPLATE_LINE_REPEATS, TEMPLATE_LINE_WORDS
from summarizer.models import Block

_NUMBERS = re.compile(r"\d+(?:[.,:]\d+)*")
_DATE_WORDS = re.compile(rf"\b(?:{DATE_WORDS})\b\.?")
_LEFT_ALONE = frozenset({"code", "row"})


def template_lines(blocks: list[Block]) -> frozenset[str]:
    """The keys (`line_key`) of the short lines that recur often enough to be the template's."""
    counts = Counter(line_key(block.text) for block in blocks if _may_be_template(block))
    return frozenset(key for key, n in counts.items() if n >= TEMPLATE_LINE_REPEATS)


def without_template(blocks: Iterable[Block], template: frozenset[str]) -> list[Block]:
    """`blocks` without the template's lines."""
    return [
        block
        for block in blocks
        if not (_may_be_template(block) and line_key(block.text) in template)
    ]


def _may_be_template(block: Block) -> bool:
    return block.kind not in _LEFT_ALONE and len(block.text.split()) <= TEMPLATE_LINE_WORDS


def line_key(line: str) -> str:
    """A line with its numbers, dates and case left out: "Posts: 1,204" and "Posts: 54" are one
    line, and so are "Posted May 22" and "Posted June 3"."""
    return _NUMBERS.sub("#", _DATE_WORDS.sub("@", squash(line).lower()))
