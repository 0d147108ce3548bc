"""Content a page prints twice is read once.

Responsive templates write a block once per layout (the description for phones and again for
desktops, a product's details in a tab and in an accordion), and only a stylesheet hides one
copy; a thread quotes the post it answers in full. A reader sees the text once, so the
extractor should: a second copy splits the vote for the content and is counted as agreement
by the ranker. The unit is a whole block: a line that recurs inside different blocks (a meal
plan's "Drink during your workout" each day, a table's "Yes") is the page's structure.
"""

from __future__ import annotations

from lxml.etree import _Element as Element

from summarizer.extract.nodes import raw_text
from summarizer.extract.rules import BLOCK_TAGS, REPEAT_WORDS


def copies(body: Element) -> list[Element]:
    """The blocks of `REPEAT_WORDS` words or more whose text, word for word, an earlier block
    outside them already holds (a wrapper around a single block is not a copy of it)."""
    seen: dict[str, Element] = {}
    found: list[Element] = []
    # A block and its copy together hold at most the whole page: one holding more than half of
    # it has no copy, and is not worth the cost of a key.
    half = len(raw_text(body)) // 2
    stack = [body]
    while stack:
        el = stack.pop()
        text = raw_text(el)
        if len(text) < 2 * REPEAT_WORDS - 1:
            continue  # n words take n characters and n - 1 spaces at least
        words = text.split()
        if len(words) < REPEAT_WORDS:
            continue  # nothing inside it is long enough either
        if el.tag in BLOCK_TAGS and len(text) <= half:
            key = " ".join(words)
            first = seen.setdefault(key, el)
            if first is not el and first not in el.iterancestors():
                found.append(el)
                continue
        stack.extend(reversed([child for child in el if isinstance(child.tag, str)]))
    return found
