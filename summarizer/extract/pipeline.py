"""`extract()`: a fetched web page to an `Article`, the stages in order.

prepass (lxml: strip, prune, drop copies, locate) -> metadata (the head) -> body (the located
region) -> verdict (is it something to summarize? when only "too short", a gentler prepass
first). All rules rest on general signals (text and link density, structure, metadata,
punctuation, generic class words), never on particular sites.
"""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.etree

from summarizer.detect import choose_language
from summarizer.errors import NoArticleError
from summarizer.extract import items, kind, prepass, verdict
from summarizer.extract.answers import question_and_answer
from summarizer.extract.body import body_blocks
from summarizer.extract.metadata import read_metadata
from summarizer.extract.nodes import MAIN_ATTR, elements
from summarizer.extract.rules import THREAD_TYPES
from summarizer.extract.template import template_lines, without_template
from summarizer.models import Article, Block, Item

__all__ = ["extract"]

_MARKED = lxml.etree.XPath(f".//*[@{MAIN_ATTR}]")


def _content_blocks(
    pre: prepass.Prepass, title: str | None, *, threaded: bool
) -> tuple[list[Block], float, items.Items | None]:
    """The content as blocks, the share of it in links, and the run of repeated items the
    content is (None when it is not one), from the best of three readings.

    The located region first. When the vote landed on one of a run of repeated items (a post
    of a thread, a card of a listing), the page is the run: every item, if they say more. When
    the region holds next to nothing, the items or the whole pruned page, whichever says more.
    """
    blocks: list[Block] = []
    link_density = 0.0
    if pre.region_html:
        blocks, link_density = body_blocks(pre.region_html, title)
    if pre.body is None:
        return blocks, link_density, None
    found = items.find(pre.body)
    marked = elements(_MARKED, pre.body)
    on_an_item = found is not None and any(found.holds(el) for el in marked)
    marked_set = set(marked)
    in_region = (
        found is not None
        and bool(marked)
        and all(not marked_set.isdisjoint(e.iterancestors()) for e in found.elements)
    )
    if found is not None and not on_an_item and threaded:
        # A page that says it is a discussion, whose region holds the run: the run is the posts.
        on_an_item = in_region
    run = found.blocks() if found is not None else []
    run_words, region_words = _words(run), _words(blocks)
    if found is not None and on_an_item and run_words > region_words:
        return run, found.link_share, found
    if region_words >= verdict.MIN_WORDS:
        # The region is the content; it is a run of items when they are most of it.
        held = (
            in_region and found is not None and found.are_cards() and 2 * run_words >= region_words
        )
        if held and found is not None and run_words > region_words:
            # The sweep took the items' titles and details for navigation: read the run's
            # part of the region as its items.
            spliced = _spliced(blocks, found, run)
            if spliced is not None:
                return spliced, found.link_share, found
        return blocks, link_density, found if held else None
    whole, whole_density = body_blocks(pre.whole_body_html(), title)
    whole_words = _words(whole)
    if found is not None and run_words > whole_words:
        return run, found.link_share, found
    if whole_words > region_words:
        return whole, whole_density, None
    return blocks, link_density, None


def _spliced(blocks: list[Block], found: items.Items, run: list[Block]) -> list[Block] | None:
    """The region's blocks with those from the first to the last that holds a line of an item
    replaced by the items' blocks (`run`), or None when no block holds one (the region is the
    text beside the run, such as a shop's category description, and where the run sits in it
    is unknown)."""
    item_lines = {line for item in found.items for line in item.lines}
    hits = [
        i for i, block in enumerate(blocks) if not item_lines.isdisjoint(block.text.split("\n"))
    ]
    if not hits:
        return None
    return blocks[: hits[0]] + run + blocks[hits[-1] + 1 :]


def _read_gently(
    html: str | bytes, title: str | None, threaded: bool, error: NoArticleError
) -> tuple[list[Block], float, items.Items | None]:
    """Read again with less pruning a page that has text but was left with too little of it,
    or raise `error` (the first reading's "too short") when no gentler reading finds more.

    A page is only "too short" once no reading of it finds enough: class words that misfire
    on a template ("comments" on a thread, "search" on a result page) take all the content
    with them, and a first reading that leaves nothing is cheaper to redo than to avoid.
    """
    for pruning in (prepass.Pruning.MARKUP, prepass.Pruning.NONE):
        found_blocks, density, found = _content_blocks(
            prepass.run(html, pruning), title, threaded=threaded
        )
        if _words(found_blocks) >= verdict.MIN_WORDS:
            return found_blocks, density, found
    raise error


def _items(
    found: items.Items, url: str | None, template: frozenset[str] = frozenset()
) -> tuple[Item, ...]:
    out = []
    for item in found.items:
        href = item.href
        link = (
            urljoin(url or "", href) if href and not href.startswith(("#", "javascript:")) else None
        )
        if link and not link.startswith(("http://", "https://")):
            link = None
        # The title stays even when it recurs: on a thread it is the post's author.
        body = "\n".join(block.text for block in without_template(item.body(), template))
        out.append(Item(title=item.title, text=body, url=link))
    return tuple(out)


def _lines(blocks: list[Block]) -> list[str]:
    """The text a line per paragraph, heading, item or row, and a line per line of code."""
    return [line for block in blocks for line in block.text.split("\n")]


def _words(blocks: list[Block]) -> int:
    return sum(len(verdict.WORD_RE.findall(block.text)) for block in blocks)


def extract(html: str | bytes, url: str | None = None) -> Article:
    """Extract the content from a page; `url` (where it came from) resolves relative links.

    `html` as bytes is decoded as a page served without a charset would be. Raises
    `NoArticleError` when the page holds nothing to summarize.
    """
    pre = prepass.run(html)
    meta = read_metadata(pre.head_html, pre.json_ld, pre.html_lang, url)
    question, answer = question_and_answer(pre.json_ld, pre.body)
    threaded = not THREAD_TYPES.isdisjoint(meta.types)
    blocks, link_density, found = _content_blocks(pre, meta.title, threaded=threaded)
    try:
        lines = _lines(blocks)
        verdict.check(pre, "\n".join(lines), link_density, meta.is_listing_type, lines)
    except NoArticleError as error:
        if error.reason != verdict.TOO_SHORT:
            raise
        blocks, link_density, found = _read_gently(html, meta.title, threaded, error)
        lines = _lines(blocks)
    page_kind = kind.classify(
        meta.types,
        meta.product_count,
        items=found,
        lines=lines,
        url=url,
        answered=answer is not None,
    )
    template: frozenset[str] = frozenset()
    if page_kind in ("forum", "qa"):
        # The post template's user cards and buttons, read once the page is known a thread.
        template = template_lines(blocks)
        blocks = without_template(blocks, template)
        lines = _lines(blocks)
    text = "\n".join(lines)
    return Article(
        title=meta.title,
        text=text,
        blocks=tuple(blocks),
        url=url,
        canonical_url=meta.canonical_url,
        byline=meta.byline or pre.byline_hint,
        published=meta.published,
        site_name=meta.site_name,
        language=choose_language(meta.language, text),
        image_url=meta.image_url,
        kind=page_kind,
        items=_items(found, url, template) if found else (),
        question=question if page_kind == "qa" else None,
        answer=answer if page_kind == "qa" else None,
        price=meta.price if page_kind == "product" else None,
    )
