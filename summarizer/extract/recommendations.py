"""Sections of recommendations: "Related articles", "You may also like", "Customers also bought".

Pages close, and shops interleave, their own text with teasers of other pages under a heading
that says so in words. Their class names often say nothing ("section-3", "grid"), and their
teasers look like content to every density measure: cards with a title and a blurb, the very
shape of a listing. The heading is the signal, so this reads it: a section that starts with
such a heading is dropped, and in a flat text the heading with the links that follow it.
"""

from __future__ import annotations

import re

from lxml.etree import _Element as Element

from summarizer.extract.nodes import chars, link_chars, raw_text, squash
from summarizer.extract.rules import (
    HEADINGS,
    RECOMMENDATION_HEADING_WORDS,
    RECOMMENDATION_PHRASES,
)

_PHRASE_RE = re.compile("|".join(RECOMMENDATION_PHRASES), re.IGNORECASE)
#: A section never holds this share of the page's text: past it, the heading only opens the
#: wrapper of everything, and the climb stops below it. A shop's grid of recommended products
#: can outweigh the product's own text, so the bound is high. WCXB dev F1: 0.8477 at 0.5 and
#: at 0.8, 0.8466 with no bound (a documentation page goes whole).
_MAX_PAGE_SHARE = 0.8
#: Under a heading in a flat text, the teasers are links; the first block that is mostly not
#: links is the page's own text resuming ("Related resources", three links, then the data).
#: "Mostly": flat on WCXB dev (the same F1 at 0.3, 0.5 and 0.7; dropping the heading alone
#: moves three pages by under 0.02 either way), so not a fitted value.
_MIN_LINK_SHARE = 0.5


def sections(body: Element) -> list[Element]:
    """The elements to drop: each recommendation section, outermost first, no one inside
    another."""
    total = chars(raw_text(body))
    found: list[Element] = []
    taken: set[Element] = set()
    for heading in [h for h in body.iter(*HEADINGS) if _says_recommended(h)]:
        if heading in taken or any(a in taken for a in heading.iterancestors()):
            continue
        for el in _section(heading, body, total):
            found.append(el)
            taken.add(el)
    return found


def _says_recommended(heading: Element) -> bool:
    words = squash(raw_text(heading))
    return (
        bool(words)
        and len(words.split()) <= RECOMMENDATION_HEADING_WORDS
        and _PHRASE_RE.search(words) is not None
    )


def _section(heading: Element, body: Element, total: int) -> list[Element]:
    node = heading
    while True:
        parent = node.getparent()
        if parent is None or parent is body or not _leads(node, parent):
            break
        if chars(raw_text(parent)) > _MAX_PAGE_SHARE * total:
            break
        node = parent
    if node is not heading:
        return [node]
    rank = _rank(heading)
    run = [heading]
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if any(_rank(h) <= rank for h in sibling.iter(*HEADINGS)):
            break
        if _link_share(sibling) < _MIN_LINK_SHARE:
            break  # the text again: a flat page's recommendations are links
        run.append(sibling)
    return run


def _link_share(el: Element) -> float:
    size = chars(raw_text(el))
    return link_chars(el) / size if size else 1.0


def _leads(node: Element, parent: Element) -> bool:
    """Whether `node` is where `parent`'s text starts: nothing written before it."""
    if (parent.text or "").strip():
        return False
    for before in node.itersiblings(preceding=True):
        if squash(raw_text(before)) or (before.tail or "").strip():
            return False
    return True


def _rank(heading: Element) -> int:
    return int(str(heading.tag)[1])
