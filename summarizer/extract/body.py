"""The body text, from the region the pre-pass located, with BeautifulSoup.

The pre-pass marked the best-scoring container; here its siblings are judged (articles are often
split across several containers: text, a pull quote, more text), the chosen blocks are cleaned of
the boilerplate the markup did not announce (link lists, image strips, stray one-word labels), and
the rest becomes text: one paragraph a line, headings and list items on lines of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

from summarizer.extract.nodes import MAIN_ATTR, SCORE_ATTR, code_text, squash
from summarizer.extract.rules import CONDITIONAL_TAGS, HEADINGS, LINE_TAGS
from summarizer.models import Block, BlockKind

_ROW_BREAKERS = ("p", "div", "table", "ul", "ol", "pre", "blockquote", "br", *sorted(HEADINGS))
_LISTS = ("ul", "ol")
_SENTENCE_END_RE = re.compile('[.!?\u3002\uff01\uff1f\u2026:"\u201d\u00bb)]\\s*$')


def _text(el: Tag) -> str:
    return squash(el.get_text(" "))


def _link_density(el: Tag, text_len: int) -> float:
    if not text_len:
        return 0.0
    link_len = sum(len(_text(a)) for a in el.find_all("a"))
    return min(1.0, link_len / text_len)


def _score(el: Tag) -> float:
    value = el.get(SCORE_ATTR)
    try:
        return float(value) if isinstance(value, str) else 0.0
    except ValueError:
        return 0.0


def select_blocks(region_html: str) -> list[Tag]:
    """The marked containers and those of their siblings that look like more of the article,
    in reading order."""
    soup = BeautifulSoup(region_html, "lxml")
    marked = [el for el in soup.find_all(None, attrs={MAIN_ATTR: "1"}) if isinstance(el, Tag)]
    if not marked:
        return []
    chosen: set[int] = set()
    for main in marked:
        chosen.update(id(el) for el in _with_siblings(main))
    blocks: list[Tag] = []
    for el in soup.find_all(True):
        if id(el) in chosen and not any(id(a) in chosen for a in el.parents):
            blocks.append(el)
    return blocks


def _with_siblings(main: Tag) -> list[Tag]:
    """Readability's sibling test: neighbours that scored well, share the container's class,
    or are plain paragraphs of prose."""
    parent = main.parent
    if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
        return [main]
    top = _score(main)
    threshold = max(10.0, top * 0.2)
    main_class = " ".join(main.get("class") or [])
    blocks: list[Tag] = []
    for sibling in parent.children:
        if not isinstance(sibling, Tag):
            continue
        if sibling is main:
            blocks.append(sibling)
            continue
        same_class = main_class and " ".join(sibling.get("class") or []) == main_class
        bonus = top * 0.2 if same_class else 0
        if _score(sibling) + bonus >= threshold:
            blocks.append(sibling)
            continue
        if sibling.name == "p":
            text = _text(sibling)
            density = _link_density(sibling, len(text))
            if (len(text) > 80 and density < 0.25) or (
                0 < len(text) <= 80 and density == 0 and _SENTENCE_END_RE.search(text)
            ):
                blocks.append(sibling)
    return blocks


@dataclass
class _Counts:
    """What the sweep asks of an element's descendants, counted in one walk of the block: a
    search per question and per element is quadratic in the depth of the page, and most of
    the extraction's time."""

    paragraphs: int = 0
    images: int = 0
    items: int = 0
    link_chars: int = 0  # the text of every link, as `_link_density` counts it
    away_chars: int = 0  # the same, of links that leave the page
    marked: bool = False
    heading: bool = False

    def add(self, child: Tag, counts: _Counts) -> None:
        name = child.name
        self.paragraphs += counts.paragraphs + (name == "p")
        self.images += counts.images + (name == "img")
        self.items += counts.items + (name == "li")
        self.link_chars += counts.link_chars
        self.away_chars += counts.away_chars
        if name == "a":
            length = len(_text(child))
            self.link_chars += length
            if not str(child.get("href") or "").startswith("#"):
                self.away_chars += length
        self.marked = self.marked or counts.marked or child.get(MAIN_ATTR) == "1"
        self.heading = self.heading or counts.heading or name in HEADINGS


def _count(block: Tag) -> dict[int, _Counts]:
    """Each tag's `_Counts`, by id, from the last descendant back (children before parents)."""
    counts: dict[int, _Counts] = {id(block): _Counts()}
    tags = [el for el in block.descendants if isinstance(el, Tag)]
    for el in tags:
        counts[id(el)] = _Counts()
    for el in reversed(tags):
        parent = el.parent
        if parent is not None and id(parent) in counts:
            counts[id(parent)].add(el, counts[id(el)])
    return counts


def _clean_conditionally(block: Tag) -> None:
    """Readability's last sweep: drop nested blocks that are mostly links, images or forms.

    Lists of links stay when they are most of the block: then the block is an index (a list of
    languages, of parts, of articles), and its links are what it says. Each element is judged
    on the tree as it was (a block decomposed here is never an ancestor of one judged later),
    so the counts are taken once, before the sweep."""
    counts = _count(block)
    index = _is_an_index(block, counts)
    dropped: set[int] = set()
    for el in block.find_all(CONDITIONAL_TAGS):
        if id(el) in dropped:
            continue
        if index and (el.name in _LISTS or _is_an_index(el, counts)):
            continue
        if el.name == "figure" and el.find(("blockquote", "table", "pre")) is None:
            _drop(el, dropped)
            continue
        found = counts[id(el)]
        text = _text(el)
        length = len(text)
        if found.marked:
            continue
        if length == 0:
            _drop(el, dropped)
            continue
        commas = text.count(",")
        if commas >= 10:
            continue
        density = min(1.0, found.link_chars / length)
        paragraphs, images, items = found.paragraphs, found.images, found.items
        if (
            (el.name in _LISTS and density > 0.5)
            or (images > 1 and paragraphs / images < 0.5 and length < 200)
            or (el.name not in _LISTS and items > paragraphs + 2 and density > 0.3)
            or (density > 0.5 and length < 1000)
            or (length < 25 and not _SENTENCE_END_RE.search(text) and images == 0
                and not found.heading)
        ):  # fmt: skip
            _drop(el, dropped)


def _drop(el: Tag, dropped: set[int]) -> None:
    """Decompose `el`, noting its tags so the sweep passes them by (bs4's `decomposed` looks
    the attribute up as a child tag's name: a search of the whole subtree each time)."""
    dropped.update(id(t) for t in el.descendants if isinstance(t, Tag))
    el.decompose()


def _is_an_index(block: Tag, counts: dict[int, _Counts]) -> bool:
    """Whether lists that are mostly links to other pages hold most of the block's text.

    Links to places on this page (`#section`) make a table of contents, which is no index:
    a page whose reading holds only that was read wrong, and must be read again."""
    if any(parent.name in _LISTS for parent in block.parents):
        return False  # a part of a list is no index of its own
    total = len(_text(block))
    if not total:
        return False
    in_lists = 0
    for el in _outer_lists(block):
        length = len(_text(el))
        if length and counts[id(el)].away_chars > 0.5 * length:
            in_lists += length
    return in_lists > 0.5 * total


def _outer_lists(block: Tag) -> list[Tag]:
    """The lists in `block` that are in no other list, in reading order."""
    found: list[Tag] = []
    stack = [child for child in reversed(block.contents) if isinstance(child, Tag)]
    while stack:
        el = stack.pop()
        if el.name in _LISTS:
            found.append(el)
        else:
            stack.extend(child for child in reversed(el.contents) if isinstance(child, Tag))
    return found


def _block_kind(name: str, inherited: BlockKind) -> BlockKind:
    """What a block is, from its tag: what it sits in decides for tags that do not say
    (a `<p>` in a list item is part of the item)."""
    if name in HEADINGS:
        return "heading"
    if name in ("li", "dt", "dd"):
        return "item"
    if name == "blockquote":
        return "quote"
    return inherited


def _lines(el: Tag, out: list[Block], buf: list[str], kind: BlockKind = "paragraph") -> None:
    for child in el.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            buf.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            _flush(out, buf, kind)
        elif name == "tr" and _is_data_row(child):
            _flush(out, buf, kind)
            cells = [_text(cell) for cell in child.find_all(("td", "th"), recursive=False)]
            row = " | ".join(cell for cell in cells if cell)
            if row:
                out.append(Block("row", row))
        elif name == "pre":
            _flush(out, buf, kind)
            _code(child, out)
        elif name in LINE_TAGS:
            _flush(out, buf, kind)
            inner = _block_kind(name, kind)
            _lines(child, out, buf, inner)
            _flush(out, buf, inner)
        else:
            _lines(child, out, buf, kind)


def _code(pre: Tag, out: list[Block]) -> None:
    """A `<pre>` is one block, its lines and their indentation as the page has them."""
    code = code_text(pre.get_text())
    if code:
        out.append(Block("code", code))


def _is_data_row(row: Tag) -> bool:
    """A row of a data table (cells of words and numbers) is one line, its cells joined; a row
    of a layout table, whose cells hold paragraphs or lists, is written as the text it holds."""
    return row.find(_ROW_BREAKERS) is None


def _flush(out: list[Block], buf: list[str], kind: BlockKind) -> None:
    if buf:
        line = squash("".join(buf))
        buf.clear()
        if line:
            out.append(Block(kind, line))


def body_blocks(region_html: str, title: str | None) -> tuple[list[Block], float]:
    """The body's blocks and the link density of what was kept (a listing-page signal)."""
    blocks = select_blocks(region_html)
    out: list[Block] = []
    link_chars = 0
    total_chars = 0
    for block in blocks:
        _clean_conditionally(block)
        text_len = len(_text(block))
        total_chars += text_len
        link_chars += int(_link_density(block, text_len) * text_len)
        buf: list[str] = []
        kind = _block_kind(block.name, "paragraph")
        if block.name == "pre":
            _code(block, out)
        elif block.name in LINE_TAGS:
            _lines(block, out, buf, kind)
        else:
            buf.append(block.get_text(" "))
        _flush(out, buf, kind)
    norm_title = squash(title or "").lower()
    kept: list[Block] = []
    for found in out:
        if kept and kept[-1].text == found.text:
            continue
        if norm_title and found.text.lower() == norm_title:
            continue
        kept.append(found)
    return kept, (link_chars / total_chars if total_chars else 0.0)
