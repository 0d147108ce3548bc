"""Where the content is: the container most paragraph text votes for, and its cousins.

Runs on the pruned lxml tree. The chosen containers are marked (`MAIN_ATTR`) and every
container that scored carries its score (`SCORE_ATTR`), so the body stage can judge siblings
without scoring again.
"""

from __future__ import annotations

import lxml.etree
from lxml.etree import _Element as Element

from summarizer.extract.nodes import (
    MAIN_ATTR,
    SCORE_ATTR,
    chars,
    class_tokens,
    elements,
    link_chars,
    own_text_len,
    raw_text,
    squash,
)
from summarizer.extract.rules import (
    BLOCK_TAGS,
    COMMAS,
    LANDMARK_SHARE,
    NAMED_SHARE,
    NON_VOTING,
    POSITIVE_WORDS,
    SPREAD_SHARE,
)

_MAIN_XPATH = lxml.etree.XPath(".//main|.//*[@role='main']")


def region(body: Element) -> Element | None:
    """The smallest element holding every chosen container (the body at most), with the
    containers marked; None when no text votes at all."""
    located = _best_container(body)
    if located is None:
        return None
    main, direct = located
    main = _to_landmark(main, body)
    main = _widen(main, body)
    chosen = [main, *_cousins(main, direct)]
    for el in chosen:
        el.set(MAIN_ATTR, "1")
    parent = main.getparent()
    found = _common_ancestor([parent if parent is not None else main, *chosen[1:]])
    return body if found.tag == "html" else found


def _to_landmark(main: Element, body: Element) -> Element:
    """The page's own `<main>` landmark, when the best container is only a part of it.

    Pages of many kinds (services, products, listings, forums) spread their content over
    several sections; the vote finds the longest, the landmark holds them all. An article's
    best container holds nearly all of its landmark's reading text, and stays. A best
    container outside the landmark, holding less than it, was a sidebar's or a footer's.
    """
    found = elements(_MAIN_XPATH, body)
    found = [m for m in found if not any(a in found for a in m.iterancestors())]
    if len(found) != 1:
        return main
    landmark = found[0]
    own, outer = own_text_len(main), own_text_len(landmark)
    if landmark is main or landmark in set(main.iterancestors()):
        return landmark if own < LANDMARK_SHARE * outer else main
    return landmark if outer > own else main


def _widen(main: Element, body: Element) -> Element:
    """The lowest container holding `SPREAD_SHARE` of the page's reading text, when the best
    one holds less and is not a body among teasers.

    A landing, service or product page spreads its content over many short sections; the vote
    finds one section and the rest of the page is lost. An article's body holds most of the
    pruned page; one named as the body (`POSITIVE_WORDS`) stays even when teasers outweigh it,
    unless it holds under `NAMED_SHARE`: then the name is a layout class on one text block.
    """
    total = own_text_len(body)
    own = own_text_len(main)
    if own >= SPREAD_SHARE * total or (_class_weight(main) > 1 and own >= NAMED_SHARE * total):
        return main
    el = main
    while el is not body and own_text_len(el) < SPREAD_SHARE * total:
        parent = el.getparent()
        if parent is None:
            break
        el = parent
    return el


def _best_container(body: Element) -> tuple[Element, dict[Element, float]] | None:
    """Readability's idea: every paragraph votes for its parent and grandparent with a score
    that grows with its length and its commas; the container with most votes, discounted by
    how much of its text is links, holds the content.

    A "paragraph" is a run of inline text, wherever it sits: a `<p>`, a `<div>` holding only
    spans, or text between `<br>`s directly inside a container (old and templated pages often
    have no `<p>` at all). A leaf block votes for its parent; runs of text mixed with child
    blocks, or split by `<br>`, make their block itself the container.
    """
    block_of: dict[Element, Element] = {}
    runs: dict[Element, list[str]] = {}
    has_block_child: set[Element] = set()
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        parent = el.getparent()
        outer = block_of.get(parent, body) if parent is not None else body
        if tag in BLOCK_TAGS:
            block = el
            has_block_child.add(outer)
        else:
            block = outer
        block_of[el] = block
        if tag == "br":
            runs.setdefault(outer, [""]).append("")
        if el.text:
            block_runs = runs.setdefault(block, [""])
            block_runs[-1] += el.text
        if el.tail and el is not body:
            outer_runs = runs.setdefault(outer, [""])
            outer_runs[-1] += el.tail

    scores: dict[Element, float] = {}
    direct: dict[Element, float] = {}
    for block, pieces in runs.items():
        if block.tag in NON_VOTING:
            continue
        texts = [t for t in (squash(p) for p in pieces) if len(t) >= 25]
        if not texts:
            continue
        leaf = block not in has_block_child and len(texts) == 1
        if leaf and block.tag in ("li", "td", "dd") and len(texts[0]) < 100:
            continue
        target = block.getparent() if leaf else block
        for text in texts:
            vote = 1.0 + sum(text.count(c) for c in COMMAS) + min(len(text) / 100, 3)
            if target is not None:
                direct[target] = direct.get(target, 0.0) + vote
            for depth, ancestor in enumerate(_ancestors(target, 3)):
                scores[ancestor] = scores.get(ancestor, 0.0) + vote / (
                    1 if depth == 0 else depth * 2
                )
    if not scores:
        return None
    best: Element | None = None
    best_score = 0.0
    for el, score in sorted(scores.items(), key=lambda kv: -kv[1])[:8]:
        text_len = chars(raw_text(el)) or 1
        adjusted = score * (1 - min(1.0, link_chars(el) / text_len)) * _class_weight(el)
        el.set(SCORE_ATTR, f"{adjusted:.1f}")
        if adjusted > best_score:
            best, best_score = el, adjusted
    for el, score in scores.items():
        if el.get(SCORE_ATTR) is None:
            el.set(SCORE_ATTR, f"{score:.1f}")
    return (best, direct) if best is not None else None


def _cousins(main: Element, direct: dict[Element, float]) -> list[Element]:
    """Other containers holding more of the same text.

    Content systems often cut a long body into chunks (between ads, pull quotes, embeds), each
    chunk a container of the same kind with the same class words; they are cousins of the best
    container, not siblings. A chunk qualifies if it has the same tag, mostly the same class
    tokens, real paragraph text with few links, and sits near the best container.
    """
    tokens = set(class_tokens(main.get("class", "")))
    if not tokens:
        return []
    scope = main
    for _ in range(4):
        parent = scope.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
    floor = max(2.0, 0.1 * direct.get(main, 0.0))
    main_ancestors = set(main.iterancestors())
    found: list[Element] = []
    for el, score in direct.items():
        if el is main or el.tag != main.tag or score < floor or el in main_ancestors:
            continue
        other = set(class_tokens(el.get("class", "")))
        if not other or len(other & tokens) / len(other | tokens) < 0.5:
            continue
        ancestors = set(el.iterancestors())
        if scope not in ancestors or main in ancestors:
            continue
        text_len = chars(raw_text(el)) or 1
        if link_chars(el) / text_len > 0.3:
            continue
        found.append(el)
    return found


def _common_ancestor(elements: list[Element]) -> Element:
    """The lowest element containing all of `elements`."""
    first = elements[0]
    chain = [first, *first.iterancestors()]
    depth = 0
    for el in elements[1:]:
        ancestors = {el, *el.iterancestors()}
        while chain[depth] not in ancestors:
            depth += 1
    return chain[depth]


def _ancestors(el: Element | None, n: int) -> list[Element]:
    out: list[Element] = []
    while el is not None and len(out) < n and el.tag not in ("html",):
        out.append(el)
        el = el.getparent()
    return out


def _class_weight(el: Element) -> float:
    tokens = class_tokens(f"{el.get('class', '')} {el.get('id', '')}")
    weight = 1.0
    if POSITIVE_WORDS.intersection(tokens):
        weight += 0.25
    if el.get("itemprop") == "articleBody" or el.tag == "article":
        weight += 0.25
    return weight
