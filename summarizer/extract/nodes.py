"""Helpers that every extraction stage shares: text of an element, class-word tokens, and the
marks the pre-pass leaves on the region for the body stage to read.

The pre-pass walks lxml elements and the body stage BeautifulSoup tags; both measure text the
same way (`squash`) and judge class names the same way (`boilerplate_name`).
"""

from __future__ import annotations

import re

import lxml.etree
from lxml.etree import _Element as Element

from summarizer.extract.rules import (
    BOILERPLATE_WORDS,
    LINE_TAGS,
    NEGATIONS,
    POSITIVE_WORDS,
    SOFT_BOILERPLATE_WORDS,
)

#: Set on the container(s) holding the content, for the body stage.
MAIN_ATTR = "data-skim-main"
#: The locate step's score of a container, for the body stage's sibling test.
SCORE_ATTR = "data-skim-score"

WS_RE = re.compile(r"\s+")
_TOKEN_SPLIT_RE = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
_STRING_XPATH = lxml.etree.XPath("string()")
_LINK_TEXT_XPATH = lxml.etree.XPath(".//a//text()")


def squash(text: str) -> str:
    """Text with every run of white space as one space, and none at the ends."""
    return WS_RE.sub(" ", text).strip()


def code_text(text: str) -> str:
    """A `<pre>`'s text as code: its lines with their indentation, without blank lines."""
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


def class_tokens(value: str) -> list[str]:
    """Split a class/id value into lower-case word tokens, camelCase included."""
    return [t.lower() for t in _TOKEN_SPLIT_RE.split(value) if t]


#: How sure a signal is that a block is page chrome: not at all, maybe, surely.
NOT_CHROME, MAYBE_CHROME, CHROME = 0, 1, 2


def name_tokens(value: str) -> list[str]:
    """The tokens of a class/id value that say what the block is.

    A name that starts by negating ("no-sidebar", "hide-read-more-ad", "without-ads") says
    what the block lacks or hides, so its words are left out.
    """
    return [
        t
        for name in value.split()
        if (words := class_tokens(name)) and words[0] not in NEGATIONS
        for t in words
    ]


def boilerplate_name(value: str) -> int:
    """How surely a class/id value names a boilerplate block, not (also) a content one."""
    tokens = name_tokens(value)
    if not tokens or POSITIVE_WORDS.intersection(tokens):
        return NOT_CHROME
    if not BOILERPLATE_WORDS.isdisjoint(tokens):
        return CHROME
    if not SOFT_BOILERPLATE_WORDS.isdisjoint(tokens):
        return MAYBE_CHROME
    return NOT_CHROME


# --- lxml elements --------------------------------------------------------------------------


def elements(xpath: lxml.etree.XPath, el: Element, **variables: str) -> list[Element]:
    """The elements an XPath selects below `el` (its other results, text or numbers, left out);
    `variables` are the XPath's `$name`s."""
    found = xpath(el, **variables)
    return [node for node in found if isinstance(node, Element)] if isinstance(found, list) else []


def raw_text(el: Element) -> str:
    """All text inside `el`, as the markup has it."""
    return str(_STRING_XPATH(el))


def text(el: Element) -> str:
    return squash(raw_text(el))


def chars(value: str) -> int:
    """Non-space characters: a length measure that ignores indentation in the markup."""
    return len("".join(value.split()))


def link_chars(el: Element) -> int:
    links = _LINK_TEXT_XPATH(el)
    assert isinstance(links, list)
    return chars("".join(str(t) for t in links))


def own_text_len(el: Element) -> int:
    """Characters of text outside links: what readers read rather than click."""
    return chars(raw_text(el)) - link_chars(el)


def block_lines(el: Element) -> list[str]:
    """An element's text, a line per block, as the body stage writes text (for the parts read
    apart from the region: items, answers); a `<pre>` is one entry, its lines kept."""
    return [text for text, _ in line_blocks(el)]


def line_blocks(el: Element) -> list[tuple[str, bool]]:
    """`block_lines` with, for each entry, whether it is code: a forum post's log or a Q&A
    answer's snippet must keep its lines and indentation, as the region's `<pre>` does."""
    out: list[tuple[str, bool]] = []
    buf: list[str] = []

    def flush() -> None:
        line = squash("".join(buf))
        buf.clear()
        if line and (not out or out[-1][0] != line):
            out.append((line, False))

    def walk(node: Element) -> None:
        if node.text:
            buf.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                if child.tag == "pre":
                    flush()
                    code = code_text(raw_text(child))
                    if code:
                        out.append((code, True))
                else:
                    block = child.tag in LINE_TAGS or child.tag == "br"
                    if block:
                        flush()
                    else:
                        buf.append(" ")  # inline siblings are separate words more often than not
                    walk(child)
                    if block:
                        flush()
            if child.tail:
                buf.append(child.tail)

    walk(el)
    flush()
    return out
