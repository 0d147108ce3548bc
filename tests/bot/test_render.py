"""Rendering summaries and failures as Block Kit messages within Slack's limits."""

from __future__ import annotations

import pytest

from bot.records import Outcome, Reply
from bot.render import MAX_BLOCKS, MAX_SECTION_TEXT, redrawable, render_reply, render_text
from summarizer import Article, Summary, summarize_page
from summarizer.fetch.policy import Page
from tests.support.data import PAGES
from tests.support.fakeslack import validate_blocks


def _summary(n: int, length: int = 40, **article: str) -> Summary:
    sentences = tuple(f"Sentence {i} " + "q" * length + " & <y>." for i in range(n))
    art = Article(title=article.get("title"), text="a " * 2140, url=article.get("url"),
                  site_name=article.get("site"))  # fmt: skip
    return Summary(sentences, (0,) * n, 2140, 96, "skim", article=art if article else None)


def test_summary_blocks() -> None:
    url = "https://news.example/story"
    [msg] = render_reply([Outcome(url=url, summary=_summary(3, title="A | title", url=url,
                                                             site="News"))])  # fmt: skip
    assert validate_blocks(msg.blocks) == []
    assert msg.blocks[0]["text"]["text"] == f"*<{url}|A ¦ title>*"
    assert msg.blocks[1]["text"]["text"].count("• ") == 3
    assert "&amp; &lt;y&gt;" in msg.blocks[1]["text"]["text"]
    assert msg.blocks[2]["elements"][0]["text"] == "News · 2,140 words → 96 words"
    assert msg.text.startswith("A | title")


@pytest.mark.parametrize(("count", "length"), [(1, 9000), (40, 2900), (2000, 100), (300, 600)])
def test_long_content_is_split_never_rejected(count: int, length: int) -> None:
    messages = render_reply([Outcome(summary=_summary(count, length))], notes=("A note.",))
    for m in messages:
        assert validate_blocks(m.blocks) == []
        assert len(m.blocks) <= MAX_BLOCKS
        assert all(len(b["text"]["text"]) <= MAX_SECTION_TEXT for b in m.blocks if "text" in b)
        assert len(m.text) <= 4000
    shown = "".join(b["text"]["text"] for m in messages for b in m.blocks if "text" in b)
    assert shown.replace("\n", "").replace(" ", "").count("q") == count * length


def test_failure_is_one_plain_sentence() -> None:
    [msg] = render_text("The site says the page does not exist (HTTP 404).")
    assert msg.text == "The site says the page does not exist (HTTP 404)."
    assert len(msg.blocks) == 1 and validate_blocks(msg.blocks) == []


def test_mixed_outcomes_are_one_message() -> None:
    url = "https://a.example/x"
    [msg] = render_reply(
        [Outcome(url=url, error="Nope <b>."), Outcome(url=url, summary=_summary(2, url=url))]
    )
    assert "Nope &lt;b&gt;." in msg.blocks[0]["text"]["text"]
    assert {"type": "divider"} in msg.blocks


def test_the_tldr_heads_the_bullets_and_is_not_said_twice() -> None:
    summary = _summary(3)
    best = summary.sentences[1]
    summary = Summary(summary.sentences, summary.documents, 2140, 96, "skim", tldr=best)
    [msg] = render_reply([Outcome(summary=summary)])
    assert validate_blocks(msg.blocks) == []
    headline, bullets = msg.blocks[1]["text"]["text"], msg.blocks[2]["text"]["text"]
    assert headline.startswith("*TL;DR:* Sentence 1 ") and "&amp; &lt;y&gt;" in headline
    assert bullets.count("• ") == 2 and "Sentence 1 " not in bullets
    assert bullets.index("Sentence 0") < bullets.index("Sentence 2")  # reading order kept


def test_a_one_sentence_summary_has_no_headline_above_itself() -> None:
    summary = _summary(1)
    summary = Summary(summary.sentences, summary.documents, 2140, 96, "skim",
                      tldr=summary.sentences[0])  # fmt: skip
    [msg] = render_reply([Outcome(summary=summary)])
    texts = [b["text"]["text"] for b in msg.blocks if "text" in b]
    assert not any("TL;DR" in t for t in texts)
    assert any(t.startswith("• Sentence 0") for t in texts)


def test_each_sentence_of_a_page_links_to_itself_or_else_to_the_page() -> None:
    page = "https://news.example/harbour"
    here = page + "#:~:text=The%20wall%20is%20built."
    summary = Summary(
        sentences=("The wall is built.", "Boats still pass.", "The cost rose."),
        documents=(0, 0, 0),
        input_words=300,
        output_words=10,
        method="skim",
        article=Article(title="Harbour", text="...", url=page),
        tldr="The cost rose.",
        sources=(here, None, None),
    )
    [message] = render_reply([Outcome(url=page, summary=summary)])
    text = "\n".join(b["text"]["text"] for b in message.blocks if b["type"] == "section")
    assert "• The wall is built. <" + here + "|↗>" in text
    assert "• Boats still pass. <" + page + "|↗>" in text
    assert "The cost rose. <" + page + "|↗>" in text  # the TL;DR line
    assert "#:~:" not in message.text  # the fallback stays short and plain
    assert validate_blocks(message.blocks) == []


def test_pasted_text_has_no_links_to_sentences() -> None:
    summary = Summary(("One sentence here.",), (0,), 40, 3, "skim")
    [message] = render_reply([Outcome(summary=summary)])
    assert "↗" not in str(message.blocks)


@pytest.mark.parametrize(
    "name", ["article_semantic", "listing_20", "qa_page", "forum_thread", "product_page"]
)
def test_what_the_store_keeps_of_a_reply_draws_the_same_reply(name: str) -> None:
    """The store keeps each reply for weeks without the page's text and blocks; drawn from what
    it keeps, the reply is the same, whatever the kind of page."""
    url = f"https://pages.example/{name}"
    html = (PAGES / f"{name}.html").read_text(encoding="utf-8")
    page = Page(url, url, 200, "text/html", "utf-8", html, True)
    full = Outcome(url=url, summary=summarize_page(page, max_words=100, lengths=(50, 200)))
    kept = redrawable(full)
    assert render_reply([kept]) == render_reply([full])
    saved = len(Reply(outcomes=(full,)).to_json()) - len(Reply(outcomes=(kept,)).to_json())
    article = full.summary.article if full.summary else None
    assert article is not None and article.blocks
    assert saved > len(article.text) * (0 if name == "product_page" else 1)
