"""Repeated items: the cards of a listing, the posts of a thread, the products of a shop.

A page of many similar things is written as many similar siblings: the same tag with the same
class words, one after another, each with a title (a heading or a link) and a little text.
Paragraph voting (`locate`) finds none of that, because no item holds a paragraph, and the body
stage's link-density sweep takes the titles for navigation. This finds the largest such run of
siblings on the pruned page and writes each item as lines of its own: its title, then its text.
General signals only: repetition, the shape of each item, its text and links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
from lxml.etree import _Element as Element

from summarizer.extract.nodes import (
    chars,
    class_tokens,
    elements,
    line_blocks,
    link_chars,
    own_text_len,
    raw_text,
    squash,
)
from summarizer.extract.rules import (
    HEADINGS,
    MAX_SECTION_SHARE,
    MIN_ITEM_CHARS,
    MIN_ITEMS,
    SIMILAR_CLASS_SHARE,
)
from summarizer.models import Block

_DIGITS = re.compile(r"\d+")
_LINK_XPATH = lxml.etree.XPath(".//a[@href]")


@dataclass(frozen=True)
class Item:
    """One repeated thing: its title (may be empty) and the rest of its text, as lines."""

    title: str
    lines: tuple[str, ...]
    #: Whether the title is the item's own heading or link, not just its first line.
    titled: bool = False
    #: Where the item's first link goes, as written on the page.
    href: str | None = None
    #: The lines that are a `<pre>`'s code, each with its own line breaks.
    code: frozenset[str] = frozenset()

    def body(self) -> list[Block]:
        """The item's text under its title, as blocks: code as code."""
        return [
            Block("code" if line in self.code else "paragraph", line)
            for line in self.lines
            if line != self.title
        ]


@dataclass(frozen=True)
class Items:
    """The largest run of similar siblings on the page."""

    items: tuple[Item, ...]
    #: Characters of text in the items, and the share of it that is link text.
    chars: int
    link_share: float
    #: The items' elements in the pruned tree.
    elements: tuple[Element, ...] = ()

    def holds(self, el: Element) -> bool:
        """Whether `el` is one of the items or inside one."""
        members = set(self.elements)
        return el in members or any(a in members for a in el.iterancestors())

    def are_cards(self) -> bool:
        """Whether these are things with a title each (cards, teasers, posts with a heading),
        not the paragraphs of a text, which repeat as siblings too."""
        titled = sum(1 for item in self.items if item.titled)
        return titled >= 0.6 * len(self.items)

    def median_words(self) -> int:
        """How long a typical item is: a blurb, or a post."""
        counts = sorted(sum(len(line.split()) for line in item.lines) for item in self.items)
        return counts[len(counts) // 2] if counts else 0

    def blocks(self) -> list[Block]:
        """The run as the body's blocks: each item's title a heading over its text."""
        out: list[Block] = []
        for item in self.items:
            if item.title:
                out.append(Block("heading", item.title))
            out.extend(item.body())
        return out


def _signature(el: Element) -> tuple[str, frozenset[str]]:
    """What makes two siblings "the same kind": their tag and class words (numbers left out,
    so `item-1` and `item-2` match)."""
    tokens = class_tokens(_DIGITS.sub("", el.get("class", "")))
    return str(el.tag), frozenset(tokens)


@dataclass
class _Kind:
    """Siblings of one kind: the first one's tag and class words, and whether any differ."""

    tag: str
    words: frozenset[str]
    members: list[Element]
    mixed: bool = False


def _kinds(parent: Element) -> list[_Kind]:
    """The children of `parent` grouped by kind: the same tag and mostly the same class words.

    Templates add a word or two per item (a post's category and tags, "featured", "sold-out")
    to the words all items share, so exact class sets would cut one run into many.
    """
    kinds: list[_Kind] = []
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        tag, words = _signature(child)
        for kind in kinds:
            if kind.tag == tag and _alike(words, kind.words):
                kind.members.append(child)
                kind.mixed = kind.mixed or words != kind.words
                break
        else:
            kinds.append(_Kind(tag, words, [child]))
    return kinds


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    if a == b:
        return True
    return len(a & b) >= SIMILAR_CLASS_SHARE * len(a | b)


def find(body: Element) -> Items | None:
    """The run of at least `MIN_ITEMS` similar siblings holding the most text, or None."""
    best: list[Element] | None = None
    best_chars = 0
    for parent in body.iter():
        if not isinstance(parent.tag, str) or len(parent) < MIN_ITEMS:
            continue
        for kind in _kinds(parent):
            members = kind.members
            if len(members) < MIN_ITEMS:
                continue
            sizes = [chars(raw_text(m)) for m in members]
            full = [m for m, size in zip(members, sizes, strict=True) if size >= MIN_ITEM_CHARS]
            if len(full) < MIN_ITEMS or len(full) < 0.6 * len(members):
                continue
            if all(_points_within(m) for m in full):
                continue  # a table of contents: the page's own sections, not things of its own
            total = sum(sizes)
            if kind.mixed and max(sizes) > MAX_SECTION_SHARE * total:
                continue  # sections of a page builder, one of them the text: not a run
            if total > best_chars:
                best, best_chars = full, total
    if best is None:
        return None
    links = sum(link_chars(m) for m in best)
    return Items(
        items=tuple(_item(m) for m in best),
        chars=best_chars,
        link_share=links / best_chars if best_chars else 0.0,
        elements=tuple(best),
    )


def _points_within(el: Element) -> bool:
    """Whether an item is only a link to a place on this page (`#section`)."""
    links = elements(_LINK_XPATH, el)
    return (
        bool(links)
        and all(str(a.get("href", "")).startswith("#") for a in links)
        and own_text_len(el) == 0
    )


def _item(el: Element) -> Item:
    entries = line_blocks(el)
    lines = [line for line, _ in entries]
    title = ""
    for heading in el.iter(*HEADINGS):
        title = squash(raw_text(heading))
        if title:
            break
    if not title:
        for link in elements(_LINK_XPATH, el):
            title = squash(raw_text(link))
            if title:
                break
    # A card's title stands on a line of its own; a link inside a paragraph is not a title.
    # Spaces are left out of the comparison: the title is read from the element's text,
    # where a brand and a name in two spans run together, and the lines space them.
    bare = "".join(title.split())
    own_line = any("".join(line.split()) == bare for line in lines)
    titled = bool(title) and own_line and any(line != title for line in lines)
    if not title and lines:
        title = lines[0]
    links = elements(_LINK_XPATH, el)
    href = links[0].get("href") if links else None
    code = frozenset(line for line, is_code in entries if is_code)
    return Item(title=title, lines=tuple(lines), titled=titled, href=href, code=code)
