"""Turn summaries and failures into Slack messages that Slack accepts.

Why here and nowhere else: every reply goes through `render_reply`, so Slack's limits are
enforced once: a section's text is at most 3,000 characters, a message at most 50 blocks, and
the plain `text` fallback (what notifications and screen readers show) stays short. Content
longer than that is split into more sections and more messages, never cut or rejected.

Slack reads `text` in blocks as mrkdwn, so everything taken from a page (titles, sentences) is
escaped first: a `<` or `&` in an article must not become markup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot import replies
from bot.controls import CONTROL_BLOCKS, Controls, control_blocks
from bot.records import Outcome
from summarizer.models import Article, Summary

MAX_SECTION_TEXT = 3000
MAX_BLOCKS = 50
MAX_FALLBACK_TEXT = 3000
MAX_TITLE = 250
#: A listing's reply shows this many of its item titles, a lead (question, opening post,
#: product description) at most this many characters: the reply stays one screen.
LISTING_SHOWN = 5
MAX_LEAD = 300

Block = dict[str, Any]


@dataclass(frozen=True)
class Message:
    """One Slack message: Block Kit blocks and the plain-text fallback."""

    text: str
    blocks: list[Block]
    #: The same message for a Slack that refuses one of its blocks (`invalid_blocks`): plain
    #: buttons in place of Slack's feedback buttons, which older clients and some workspaces
    #: do not take. None when there is nothing to fall back from.
    fallback_blocks: list[Block] | None = None

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}

    def fallback(self) -> Message | None:
        if self.fallback_blocks is None:
            return None
        return Message(text=self.text, blocks=self.fallback_blocks)


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """A mrkdwn link; `|` and `>` in the label would end it early, so they are replaced."""
    label = escape(label.replace("|", "¦"))
    return f"<{url.replace('>', '%3E').replace('|', '%7C')}|{label}>"


def site_of(summary: Summary | None, url: str | None) -> str:
    """The site's own name when the page gave one, else its host."""
    article = summary.article if summary is not None else None
    if article is not None and article.site_name:
        return article.site_name
    host = urlsplit(url).hostname if url else None
    return (host or "").removeprefix("www.")


def render_reply(
    outcomes: Sequence[Outcome],
    *,
    notes: tuple[str, ...] = (),
    controls: Controls | None = None,
) -> list[Message]:
    """The messages answering one request: each outcome in turn, the notes, the buttons.

    Returns at least one message; more only when the content exceeds 50 blocks. The buttons
    go under the last message; Shorter / Longer only under a reply that is one message: they
    redraw that message, and a reply in several parts cannot be redrawn as one.
    """
    messages = _render(outcomes, notes)
    if controls is None:
        return messages
    if len(messages) > 1:
        controls = dataclasses.replace(controls, shorter=False, longer=False)
    last = messages[-1]
    blocks, plain = control_blocks(controls)
    if not blocks or len(last.blocks) + len(blocks) > MAX_BLOCKS:
        return messages
    drawn = Message(
        text=last.text,
        blocks=[*last.blocks, *blocks],
        fallback_blocks=[*last.blocks, *plain] if plain != blocks else None,
    )
    return [*messages[:-1], drawn]


def fits_one_message(outcomes: Sequence[Outcome], notes: tuple[str, ...] = ()) -> bool:
    """Whether the reply, buttons included, is one message (Longer goes no further)."""
    messages = _render(outcomes, notes)
    return len(messages) == 1 and len(messages[0].blocks) <= MAX_BLOCKS - CONTROL_BLOCKS


def redrawable(outcome: Outcome) -> Outcome:
    """The outcome with only what drawing it again needs, for the store to keep for weeks:
    the page's text and blocks (tens of kilobytes a page, twice) are dropped, except the text
    a product's lead is taken from, and of the items only the first keeps its text (a thread's
    opening post; the rest are counted and titled)."""
    summary = outcome.summary
    article = summary.article if summary is not None else None
    if summary is None or article is None:
        return outcome
    items = tuple(
        item if i == 0 else dataclasses.replace(item, text="")
        for i, item in enumerate(article.items)
    )
    slim = dataclasses.replace(
        article, blocks=(), items=items, text=article.text if article.kind == "product" else ""
    )
    return dataclasses.replace(outcome, summary=dataclasses.replace(summary, article=slim))


def _render(outcomes: Sequence[Outcome], notes: tuple[str, ...]) -> list[Message]:
    items: list[list[tuple[Block, str]]] = [_outcome_blocks(o) for o in outcomes]
    if notes:
        note = " ".join(notes)
        items.append([({"type": "context", "elements": [_mrkdwn(escape(note))]}, note)])
    pairs: list[tuple[Block, str]] = []
    for i, item in enumerate(items):
        if i and outcomes and i < len(outcomes):
            pairs.append(({"type": "divider"}, ""))
        pairs.extend(item)
    return _pack(pairs)


def render_text(sentence: str) -> list[Message]:
    """A reply that is one plain sentence (a failure, a refusal, help)."""
    return _pack(_section_pairs(escape(sentence), sentence))


# --- building blocks ------------------------------------------------------------------------


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _outcome_blocks(outcome: Outcome) -> list[tuple[Block, str]]:
    if outcome.summary is None:
        sentence = outcome.error or replies.NO_REASON
        if outcome.url:
            head = link(outcome.url, _short(outcome.url))
            return _section_pairs(f"{head}: {escape(sentence)}", f"{outcome.url}: {sentence}")
        return _section_pairs(escape(sentence), sentence)
    summary = outcome.summary
    article = summary.article
    url = (article.canonical_url or article.url if article else None) or outcome.url
    title = (article.title if article else None) or (url and _short(url))
    if title:
        title = _clip(" ".join(title.split()), MAX_TITLE)
    if url:
        heading = f"*{link(url, title or url)}*"
        plain_heading = f"{title}: {url}"
    else:
        label = replies.pasted_heading(summary.input_documents)
        heading, plain_heading = f"*{label}*", label
    pairs = [(_section(heading), plain_heading)]
    lead = _lead(article)
    pairs.extend(lead)
    # A sentence the lead already shows in full (a product's description) is not said twice.
    shown = " ".join(plain for _, plain in lead)
    sentences = [s for s in summary.sentences if s not in shown]
    cite = _citations(summary, url)
    if summary.tldr in sentences and len(sentences) > 1:
        # The best single sentence first, as the headline; the bullets say the rest.
        tldr = summary.tldr
        pairs.extend(
            _section_pairs(f"*{replies.TLDR}* {escape(tldr)}{cite(tldr)}", f"{replies.TLDR} {tldr}")
        )
        sentences.remove(tldr)
    bullets = [f"• {escape(s)}{cite(s)}" for s in sentences]
    if bullets:
        pairs.extend(_section_pairs("\n".join(bullets), " ".join(sentences)))
    context_bits = [site_of(summary, url)] if url else []
    if article is not None and article.kind == "forum" and article.items:
        context_bits.append(replies.posts(len(article.items)))
    if article is not None and article.price:
        context_bits.append(article.price)
    if bullets:
        context_bits.append(replies.word_counts(summary.input_words, summary.output_words))
    context = " · ".join(b for b in context_bits if b)
    pairs.append(({"type": "context", "elements": [_mrkdwn(escape(context))]}, ""))
    return pairs


def _citations(summary: Summary, url: str | None) -> Callable[[str], str]:
    """For a page's summary, the link after each sentence: to that sentence on the page
    (a text fragment, the browser scrolls to it and highlights it), or to the page where the
    sentence is not on it as quoted. Pasted text has nothing to link to."""
    if not url:
        return lambda sentence: ""
    sources = dict(zip(summary.sentences, summary.sources, strict=False))
    for length in summary.lengths:
        sources.update(zip(length.sentences, length.sources, strict=False))

    def cite(sentence: str) -> str:
        return " " + link(sources.get(sentence) or url, replies.SOURCE_LINK)

    return cite


def _lead(article: Article | None) -> list[tuple[Block, str]]:
    """What comes before the bullets, by the kind of page: a listing's items (there are no
    bullets then), a question before its answer, a thread's opening post, what a product is."""
    if article is None:
        return []
    if article.kind == "listing" and article.items:
        shown = article.items[:LISTING_SHOWN]
        lines = [replies.list_of(len(article.items))]
        lines += [f"• {link(i.url, i.title) if i.url else escape(i.title)}" for i in shown]
        if len(article.items) > len(shown):
            lines.append(escape(replies.more_items(len(article.items) - len(shown))))
        plain = "\n".join([replies.list_of(len(article.items)), *(i.title for i in shown)])
        return _section_pairs("\n".join(lines), plain)
    if article.kind == "qa":
        out: list[tuple[Block, str]] = []
        if article.question:
            out += _labelled(replies.QUESTION, article.question)
        if article.answer is not None:
            label = replies.answer_label(article.answer.accepted, article.answer.author)
            out.append((_section(f"*{escape(label)}*"), label))
        return out
    if article.kind == "forum" and article.items:
        first = article.items[0]
        return _labelled(replies.opening_post(first.title), first.text)
    if article.kind == "product":
        # The description's first paragraph, not a heading or a price above it.
        lines = article.text.splitlines()
        description = next((line for line in lines if len(line.split()) >= 8), None)
        return _labelled(replies.WHAT_IT_IS, description) if description else []
    return []


def _labelled(label: str, text: str) -> list[tuple[Block, str]]:
    shown = _clip(" ".join(text.split()), MAX_LEAD)
    return [(_section(f"*{escape(label)}* {escape(shown)}"), f"{label} {shown}")]


def _section_pairs(mrkdwn: str, plain: str) -> list[tuple[Block, str]]:
    """`mrkdwn` as one or more sections of at most 3,000 characters each.

    Splits at line breaks first, then at spaces, then anywhere; never inside an escape like
    `&amp;`, so no section ends in half an entity.
    """
    chunks = _split(mrkdwn, MAX_SECTION_TEXT)
    out: list[tuple[Block, str]] = []
    for i, chunk in enumerate(chunks):
        out.append((_section(chunk), plain if i == 0 else ""))
    return out


def _split(text: str, limit: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
                amp = line.rfind("&", cut - 5, cut)
                if amp != -1 and ";" not in line[amp:cut]:
                    cut = amp
            piece, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                chunks.append(current)
                current = ""
            chunks.append(piece)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = line
    if current.strip():
        chunks.append(current)
    return [c for c in chunks if c.strip()] or [replies.EMPTY]


def _pack(pairs: list[tuple[Block, str]]) -> list[Message]:
    """Group blocks into messages of at most 50 blocks, each with its own fallback text."""
    messages: list[Message] = []
    for start in range(0, len(pairs), MAX_BLOCKS):
        group = pairs[start : start + MAX_BLOCKS]
        while group and group[0][0]["type"] == "divider":
            group = group[1:]
        if not group:
            continue
        plain = "\n".join(p for _, p in group if p)
        if start:
            plain = f"{replies.CONTINUED} {plain}"
        messages.append(
            Message(
                text=escape(_clip(plain or replies.FALLBACK, MAX_FALLBACK_TEXT)),
                blocks=[b for b, _ in group],
            )
        )
    return messages or [Message(text=replies.EMPTY, blocks=[_section(replies.EMPTY)])]


def _short(url: str) -> str:
    """A URL as people read it: host and path, no scheme, clipped."""
    parts = urlsplit(url)
    shown = (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/")
    return _clip(shown or url, 80)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"
