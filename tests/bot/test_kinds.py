"""The reply fits the kind of page, end to end: a link in a mention, the page from a local
server, the real summarizer in the worker processes, the reply through the fake Slack."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.bot import (
    ArticleServer,
    RunningBot,
    buttons,
    context_text,
    thread_replies,
)
from tests.support.data import PAGES
from tests.support.fakeslack import FakeSlackAPI, validate_blocks
from tests.support.slackclient import app_mention_event


@pytest.fixture
def site(articles: ArticleServer) -> ArticleServer:
    for name in ("listing_20", "qa_page", "forum_thread", "product_page", "article_semantic"):
        articles.add(f"/{name}", (PAGES / f"{name}.html").read_text(encoding="utf-8"))
    return articles


def ask(bot: RunningBot, url: str) -> dict[str, Any]:
    ev = app_mention_event(f"<@UBOT> <{url}>", channel="C1")
    bot.event(ev)
    fake: FakeSlackAPI = bot.fake
    fake.wait_for(lambda: thread_replies(fake, "C1", ev["ts"]), 15, "a reply")
    reply = thread_replies(fake, "C1", ev["ts"])[0]
    assert validate_blocks(reply["blocks"]) == []
    return reply


def sections(reply: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in reply["blocks"] if b["type"] == "section"]


def test_a_listing_is_answered_with_its_size_and_first_titles_not_a_summary(
    bot: RunningBot, site: ArticleServer
) -> None:
    reply = ask(bot, site.url("/listing_20"))
    heading, listing = sections(reply)
    assert heading.startswith("*<") and "Workshops this spring" in heading
    lines = listing.split("\n")
    assert lines[0] == "A list of 20 items:"
    assert lines[1] == f"• <{site.url('/workshops/0')}|Workshop 1: Pottery for beginners>"
    assert len(lines) == 1 + 5 + 1 and lines[-1] == "… and 15 more on the page."
    assert "Learn to centre clay" not in str(reply["blocks"])  # no blurbs, no LexRank bullets
    assert "A list of 20 items" in reply["text"]
    assert buttons(reply) == {}  # no sentences to make shorter or longer


def test_a_question_page_leads_with_the_question_then_the_accepted_answer(
    bot: RunningBot, site: ArticleServer
) -> None:
    reply = ask(bot, site.url("/qa_page"))
    heading, question, label, bullets = sections(reply)
    assert "How do I read a file line by line" in heading
    assert question.startswith("*Question:* My log files are several gigabytes each")
    assert label == "*Accepted answer by priya:*"  # accepted beats the answer with most votes
    assert bullets.startswith("• If the lines are very long")
    assert "Iterate over the file object" not in bullets and "Memory-mapping" not in bullets


def test_a_thread_leads_with_its_opening_post_and_counts_the_posts(
    bot: RunningBot, site: ArticleServer
) -> None:
    reply = ask(bot, site.url("/forum_thread"))
    _heading, opening, *rest = sections(reply)
    assert opening.startswith("*Opening post by mara_k:* Since the last update the export")
    assert rest and all(r.startswith(("• ", "*TL;DR:* ")) for r in rest)
    assert not any("Since the last update" in r for r in rest)  # the bullets are the replies
    assert "5 posts" in context_text(reply)


def test_a_product_leads_with_what_it_is_and_its_price(
    bot: RunningBot, site: ArticleServer
) -> None:
    reply = ask(bot, site.url("/product_page"))
    heading, what, *rest = sections(reply)
    assert "Trailhead 30 Daypack" in heading
    assert what.startswith("*What it is:* A thirty-litre pack for long days on the trail")
    assert all("A thirty-litre pack" not in section for section in rest)  # not said twice
    assert "89.00 EUR" in context_text(reply)


def test_an_article_is_still_a_heading_and_bullets(bot: RunningBot, site: ArticleServer) -> None:
    _heading, tldr, bullets = sections(ask(bot, site.url("/article_semantic")))
    assert tldr.startswith("*TL;DR:* ") and bullets.startswith("• ")
    assert not any(w in tldr + bullets for w in ("Question", "A list of"))
