"""What kind of page it is: the answer the bot's reply is shaped by.

Publishers say it for search engines in JSON-LD (`QAPage`, `DiscussionForumPosting`,
`Product`, `ItemList`, `TechArticle`, `NewsArticle`...), which is the strongest signal there is;
where they say nothing, the URL's conventions or the page's shape say it: a run of repeated
items is a thread or a listing, running prose is an article, and the rest is a service's page
(a product tour, pricing, a company).
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlsplit

from summarizer.extract.items import Items
from summarizer.extract.rules import (
    DOC_HOST_LABELS,
    DOC_PATH_WORDS,
    FORUM_HOST_LABELS,
    FORUM_PATH_WORDS,
    KIND_OF_TYPE,
    THREAD_TYPES,
)

KINDS = ("article", "documentation", "forum", "qa", "product", "listing", "service")
#: Lines of at least this many words are prose; an article is mostly prose.
_PROSE_LINE_WORDS = 25
#: A listing's items are blurbs (WCXB dev: median 47 words an item on listings, 16 on
#: collections, against 86 on forum threads and 168 on articles that read as items) or mostly
#: links (median link share 0.81 and 0.40, against 0.05 and 0.06).
_LISTING_ITEM_WORDS = 60
_LISTING_LINK_SHARE = 0.3


def classify(
    types: Collection[str],
    product_count: int,
    *,
    items: Items | None,
    lines: list[str],
    url: str | None = None,
    answered: bool = False,
) -> str:
    """The page's kind, one of `KINDS`.

    A specific declaration (a question, a product) wins; the URL's convention beats a generic
    "Article", which blogging and documentation software alike put on every page. `answered`:
    the page marks up an answer to a question (microdata), which makes it Q&A whatever else.
    """
    declared = {KIND_OF_TYPE[t] for t in types if t in KIND_OF_TYPE}
    if product_count > 1:
        declared.discard("product")  # many products on one page: a shop's listing
        declared.add("listing")
    if answered:
        declared.add("qa")
    for kind in ("qa", "forum", "product", "documentation", "listing"):
        if kind in declared:
            return kind
    by_url = _kind_of_url(url)
    if by_url is not None:
        return by_url
    if "article" in declared:
        return "article"
    if items is not None:
        if not THREAD_TYPES.isdisjoint(types):
            return "forum"
        if items.link_share >= _LISTING_LINK_SHARE or items.median_words() <= _LISTING_ITEM_WORDS:
            return "listing"
    words = [len(line.split()) for line in lines]
    prose = sum(n for n in words if n >= _PROSE_LINE_WORDS)
    if words and prose >= 0.5 * sum(words):
        return "article"
    return "service"


def _kind_of_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    label = (parts.hostname or "").split(".")[0]
    segments = {s.lower() for s in parts.path.split("/") if s}
    if label in FORUM_HOST_LABELS or not segments.isdisjoint(FORUM_PATH_WORDS):
        return "forum"
    if label in DOC_HOST_LABELS or not segments.isdisjoint(DOC_PATH_WORDS):
        return "documentation"
    return None
