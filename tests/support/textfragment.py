"""Where a browser lands on a `#:~:text=` link: a reference reading of the WICG URL Fragment
Text Directives matching, independent of the code that builds the links.

What it follows from the spec: the directive is `text=[prefix-,]start[,end][,-suffix]`, each
term percent-decoded; terms match case-insensitively, on word boundaries, each within one block
of the rendered text; `start` is the first such occurrence, `end` the first after it, and the
highlight runs from one to the other. Prefix and suffix are not used by Skim and are refused
here, so a link that needed them would fail its test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit


def directive_of(url: str) -> str | None:
    """The text directive of a link, or None when it has none."""
    fragment = urlsplit(url).fragment
    if ":~:" not in fragment:
        return None
    directives = fragment.split(":~:", 1)[1]
    for part in directives.split("&"):
        if part.startswith("text="):
            return part
    return None


def _occurrences(blocks: Sequence[str], term: str) -> list[tuple[int, int, int]]:
    """(block, start, end) of every whole-word, case-insensitive occurrence of `term`."""
    pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
    found = []
    for b, block in enumerate(blocks):
        found.extend((b, m.start(), m.end()) for m in pattern.finditer(block))
    return found


def resolve(url: str, blocks: Sequence[str]) -> str | None:
    """The text a browser highlights for `url` on a page whose rendered blocks are `blocks`
    (whitespace-collapsed; the range between two blocks joined by one space), or None."""
    directive = directive_of(url)
    if directive is None:
        return None
    terms = directive.removeprefix("text=").split(",")
    if any(t.endswith("-") or t.startswith("-") for t in terms) or not 1 <= len(terms) <= 2:
        raise AssertionError(f"unexpected directive shape: {directive}")
    start_term = unquote(terms[0])
    starts = _occurrences(blocks, start_term)
    if not starts:
        return None
    if len(terms) == 1:
        b, s, e = starts[0]
        return blocks[b][s:e]
    end_term = unquote(terms[1])
    for b, s, e in starts:
        for eb, es, ee in _occurrences(blocks, end_term):
            if (eb, es) >= (b, e):
                if eb == b:
                    return blocks[b][s:ee]
                middle = [blocks[b][s:], *blocks[b + 1 : eb], blocks[eb][:ee]]
                return " ".join(middle)
    return None
