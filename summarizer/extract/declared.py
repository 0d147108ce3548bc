"""The content a page declares for machines, found in its markup so that pruning spares it.

A shop writes its product's description into the JSON-LD for search engines, and shows the same
words to readers, often in a drawer, a dialog or a container whose class names a feature of the
page ("subscription-eligible", "sheet"). Class words and roles say such a block is chrome; the
page's own statement of what the product is says it is the content, and it is the better signal.
"""

from __future__ import annotations

import lxml.etree
from lxml.etree import _Element as Element

from summarizer.extract.nodes import elements, raw_text, squash

# Enough words to be sure where the description starts and ends, few enough that a line
# break or an inline tag rarely falls inside them.
_PROBE_WORDS = 6
_HOLDS = lxml.etree.XPath(".//*[contains(normalize-space(.), $probe)]")


def holder(body: Element, description: str) -> Element | None:
    """The smallest element whose visible text holds `description` from its first words to its
    last, or None when the page does not show it (many shops declare text they never show)."""
    words = description.split()
    head = " ".join(words[:_PROBE_WORDS])
    tail = " ".join(words[-_PROBE_WORDS:])
    found = elements(_HOLDS, body, probe=head)
    if not found:
        return None
    # Document order puts ancestors first: the last match is the deepest that holds the start.
    el: Element | None = found[-1]
    while el is not None:
        if tail in squash(raw_text(el)):
            return el
        el = el.getparent()
    return None
