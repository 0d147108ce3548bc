"""What of a message is summarized: its links (at most `MAX_LINKS`), its text, or both.

Shared by every surface: a message event, the shortcut and `/summarize` decide it when the
request arrives; a reaction's job, when the runner has read the message reacted to.
"""

from __future__ import annotations

from bot.markup import Decoded

#: The most links summarized for one message; more are listed as left out.
MAX_LINKS = 5
# With links in a message, the words around them ("have a look at this") are not summarized
# unless there are enough of them to be a pasted text of their own.
MIN_WORDS_BESIDE_LINKS = 40


def what_to_summarize(
    decoded: Decoded, *, explicit: bool
) -> tuple[str, tuple[str, ...], tuple[str, ...], int]:
    """(text, links, skipped links, links left out) for a message.

    Automatic replies look at links only; explicit requests also take the pasted text, alone
    or, beside links, when it is long enough to be more than a comment on them.
    """
    links = decoded.links[:MAX_LINKS]
    omitted = len(decoded.links) - len(links)
    if not explicit:
        return "", links, (), omitted
    text = decoded.prose
    if links and len(text.split()) < MIN_WORDS_BESIDE_LINKS:
        text = ""
    return text, links, decoded.skipped, omitted
