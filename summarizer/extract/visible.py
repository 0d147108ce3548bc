"""The text a browser shows on a page, block by block, as a text fragment link searches it.

Why its own pass over the raw page, not the extracted text: extraction mends what it reads
(joins words a tag split, drops footnote marks, repairs spacing), so a sentence of the summary
may not be on the page as it is quoted. A link that scrolls to a sentence (`fragments`) works
only if the browser finds those very words, and the browser searches what it renders: no
scripts, styles or hidden elements, and a search term never runs across a block boundary (URL
Fragment Text Directives, "find a range from a text directive"). So the page is read here the
way the browser reads it, before any pruning, and each block's text is whitespace-collapsed as
rendering collapses it.

The block elements are HTML's default `display: block` ones (`rules.RENDERED_BLOCK_TAGS`); a
page that restyles a `<span>` as a block could make a term the browser cannot find, which
costs the highlight at worst: the link still opens the page.
"""

from __future__ import annotations

import lxml.etree
import lxml.html
from lxml.etree import _Element as Element

from summarizer.extract.rules import RENDERED_BLOCK_TAGS, UNRENDERED_TAGS

_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_HIDDEN_STYLES = ("display:none", "visibility:hidden")


def _hidden(element: Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return any(rule in style for rule in _HIDDEN_STYLES)


def visible_blocks(html: str | bytes) -> list[str]:
    """The page's visible text: one whitespace-collapsed string a block, in reading order."""
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return []
    body = root.find("body")
    blocks: list[str] = []
    current: list[str] = []

    def close() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    walker = lxml.etree.iterwalk(body if body is not None else root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in UNRENDERED_TAGS or _hidden(element):
                # Nothing inside is shown; its tail, the text after it, is (the "end" event).
                walker.skip_subtree()
                continue
            if tag in RENDERED_BLOCK_TAGS:
                close()
            if element.text:
                current.append(element.text)
        else:
            if tag in RENDERED_BLOCK_TAGS:
                close()
            if element.tail:
                current.append(element.tail)
    close()
    return blocks
