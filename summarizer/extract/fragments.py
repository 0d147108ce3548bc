"""Links that open a page scrolled to one sentence, highlighted: URL text fragments.

`https://host/path#:~:text=start,end` is the URL Fragment Text Directive (WICG, in Chrome, Edge,
Safari and Firefox): the browser finds the first place where `start` occurs, then the first
`end` after it, and highlights from one to the other. A directive is only worth giving when it
leads to *this* sentence, so one is built only when the sentence is on the page as it is
quoted, within one block of the visible text (`visible.visible_blocks`), and its terms are
grown until their first occurrence on the page is this sentence's own start and end. Otherwise
there is no directive, and a link to the sentence is a link to the page.

The browser matches terms case-insensitively, so the check here does too; it counts every
earlier occurrence of a term, even one inside a longer word that the browser (which matches on
word boundaries) would pass over: a term is then longer than it needs to be, never wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote, urlsplit

#: A sentence this many words or fewer is quoted whole (`text=exact`), a longer one by its
#: first and last words (`text=start,end`), at least this many each, so the link stays short.
EXACT_WORDS = 8
MIN_TERM_WORDS = 3
#: Joins the blocks into one searchable string: rendered text, whitespace-collapsed, never
#: holds a newline, so no term can match across two blocks.
_BOUNDARY = "\n"


def encode_term(term: str) -> str:
    """A term percent-encoded as the spec asks: `-`, `,` and `&` are syntax in a directive."""
    return quote(term, safe="").replace("-", "%2D")


def text_directive(sentence: str, blocks: Sequence[str]) -> str | None:
    """`text=...` that a browser resolves to `sentence` on the page of `blocks`, or None."""
    return text_directives([sentence], blocks)[0]


def text_directives(sentences: Sequence[str], blocks: Sequence[str]) -> list[str | None]:
    """`text_directive` for each sentence, the page joined and lowercased once for them all
    (a page may be megabytes, and a summary at every length has dozens of sentences)."""
    page = _BOUNDARY.join(blocks)
    folded = page.lower()
    if len(folded) != len(page):  # lowercasing moved offsets (rare scripts): no directives
        return [None] * len(sentences)
    return [_directive(sentence, page, folded) for sentence in sentences]


def _directive(sentence: str, page: str, folded: str) -> str | None:
    quoted = " ".join(sentence.split())
    if not quoted:
        return None
    start = _whole_word_occurrence(page, quoted)
    if start is None:
        return None
    end = start + len(quoted)
    words = quoted.split(" ")
    first = _first_term(folded, words, start) if len(words) > EXACT_WORDS else None
    last = _last_term(folded, words, start + len(first), end) if first else None
    if first is None or last is None:
        # Short, or no short pair of terms leads here alone: the whole sentence, if its first
        # occurrence (in any case: "Technology" is found in "technology") is this one.
        if folded.find(quoted.lower()) != start:
            return None
        return "text=" + encode_term(quoted)
    return f"text={encode_term(first)},{encode_term(last)}"


def fragment_url(url: str, directive: str) -> str:
    """`url` with a text directive; after the page's own fragment (`#top`), if it has one."""
    if urlsplit(url).fragment or url.endswith("#"):
        return f"{url}:~:{directive}"
    return f"{url}#:~:{directive}"


def _whole_word_occurrence(page: str, quoted: str) -> int | None:
    """Where `quoted` first stands on the page as whole words (not "ate" inside "Kate")."""
    at = page.find(quoted)
    while at != -1:
        before = page[at - 1] if at else " "
        after_at = at + len(quoted)
        after = page[after_at] if after_at < len(page) else " "
        if not before.isalnum() and not after.isalnum():
            return at
        at = page.find(quoted, at + 1)
    return None


def _first_term(folded: str, words: Sequence[str], start: int) -> str | None:
    """The fewest first words whose first occurrence on the page is at `start`."""
    for count in range(MIN_TERM_WORDS, len(words) // 2 + 1):
        term = " ".join(words[:count])
        if folded.find(term.lower()) == start:
            return term
    return None


def _last_term(folded: str, words: Sequence[str], after: int, end: int) -> str | None:
    """The fewest last words whose first occurrence from `after` on ends at `end`."""
    for count in range(MIN_TERM_WORDS, len(words) // 2 + 1):
        term = " ".join(words[-count:])
        at = folded.find(term.lower(), after)
        if at != -1 and at + len(term) == end:
            return term
    return None
