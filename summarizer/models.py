"""The values that flow through the pipeline: an `Article` out of extraction, a `Summary` out of
summarization. Plain frozen dataclasses, so that the bot, the CLI and the tests all see the same
shape and nothing downstream can change what an earlier stage produced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: What a block of a page's body is: prose, a heading, a list item, a quotation, a code block
#: (`<pre>`, its lines as written) or a data table's row (its cells joined by " | ").
BlockKind = Literal["paragraph", "heading", "item", "quote", "code", "row"]
_PROSE = frozenset({"paragraph", "item", "quote"})


@dataclass(frozen=True)
class Block:
    """One block of an article's body, with what the markup says it is, so that a summary
    can keep to prose and a reply can show code as code."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Item:
    """One of a run of repeated things on a page: a listing's card (its title, blurb and link)
    or a thread's post (its author as the title, and what they wrote)."""

    title: str
    text: str = ""
    url: str | None = None


@dataclass(frozen=True)
class Answer:
    """The answer a Q&A page puts first: the accepted one, else the one with most votes."""

    text: str
    accepted: bool = False
    author: str | None = None


@dataclass(frozen=True)
class Article:
    """What extraction found on a page. `text` is the body, one paragraph a line (headings and
    list items on lines of their own); every other field is optional because pages vary.

    `kind` is what sort of page it is: "article", "documentation", "forum", "qa", "product",
    "listing" or "service" (a service's, pricing or company page; plain text is an
    "article"). When the content is a run of repeated things (a listing's cards, a thread's
    posts), `items` holds them in page order, so a reply can say what the list is without
    summarizing it.
    """

    title: str | None
    text: str
    #: The body as blocks, what each one is and its text; `text` is their texts a line each (a
    #: code block's lines as they are). Empty for plain text.
    blocks: tuple[Block, ...] = ()
    url: str | None = None
    canonical_url: str | None = None
    byline: str | None = None
    published: str | None = None
    site_name: str | None = None
    language: str | None = None
    image_url: str | None = None
    kind: str = "article"
    #: The repeated items (posts, cards) in page order, when the content is a run of them.
    items: tuple[Item, ...] = ()
    #: On a Q&A page: the question's own text, and its accepted or top answer.
    question: str | None = None
    answer: Answer | None = None
    #: On a product page: its price as the page states it ("89.00 EUR").
    price: str | None = None

    @property
    def prose(self) -> str:
        """The text a summary is made of: paragraphs, list items and quotations, a line each.
        Headings, code and table rows are left out: none of them is a statement a reader can
        take for the story. The whole text when the body has no prose blocks (plain text)."""
        lines = [block.text for block in self.blocks if block.kind in _PROSE]
        return "\n".join(lines) if lines else self.text


@dataclass(frozen=True)
class Length:
    """The same text summarized to another length, from the same ranking: what a reader who
    asks for it shorter or longer gets, the same sentences every time for the same length.

    `max_words` is the budget it was chosen for; `sources` as in `Summary`.
    """

    max_words: int
    sentences: tuple[str, ...]
    documents: tuple[int, ...]
    output_words: int
    sources: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Summary:
    """A summary: the chosen sentences in reading order, and where each came from.

    `documents[i]` is the index (0-based) of the input document sentence `i` was taken from.
    Word counts are whitespace-split, the same measure `max_words` uses. `method` names the
    method that ranked the sentences ("skim", "lexrank").
    """

    sentences: tuple[str, ...]
    documents: tuple[int, ...]
    input_words: int
    output_words: int
    method: str
    article: Article | None = None
    #: How many documents the input held (the chosen sentences may come from fewer).
    input_documents: int = 1
    #: The language it was summarized as ("english"): given, or read from the text.
    language: str = "english"
    #: The one sentence that best says what the text is about (what `sentences=1` gives),
    #: whatever length was asked: a reply's headline. None when nothing was summarized.
    tldr: str | None = None
    #: A page's summary: for each sentence, a link that opens the page scrolled to it and
    #: highlighted (a URL text fragment), or None where the sentence is not on the page as
    #: quoted (then a link to it is a link to the page). Empty for text.
    sources: tuple[str | None, ...] = ()
    #: The same summary at the other lengths asked for (`summarize(lengths=...)`), shortest
    #: first; empty unless asked.
    lengths: tuple[Length, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.sentences)
