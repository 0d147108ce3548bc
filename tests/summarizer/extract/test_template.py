"""A thread's post template (user cards, dates, "Share" buttons) is not what anyone wrote: its
short lines recur post after post, numbers and dates aside, and go from the text; what people
wrote, their code and each post's author stay."""

from __future__ import annotations

from summarizer import extract
from summarizer.extract.rules import TEMPLATE_LINE_REPEATS, TEMPLATE_LINE_WORDS
from summarizer.extract.template import line_key, template_lines, without_template
from summarizer.models import Block
from tests.support.data import PAGES

CARD = ("Members", "Posts:", "Joined:", "Posted ", "Share on other sites", "Report")


def _thread() -> str:
    return (PAGES / "forum_user_cards.html").read_text(encoding="utf-8")


def test_numbers_and_dates_aside_two_lines_of_a_template_are_one() -> None:
    assert line_key("Posts: 1,204") == line_key("Posts:  54")
    assert line_key("Posted May 22, 2024 at 9:45") == line_key("posted June 3, 2025 at 17:30")
    assert line_key("Joined: March 2019") == line_key("Joined: January 2015")
    assert line_key("Posts: 54") != line_key("Likes: 54")


def test_a_short_line_is_the_template_s_once_it_recurs_often_enough() -> None:
    short = [Block("paragraph", f"Posts: {n}") for n in range(TEMPLATE_LINE_REPEATS)]
    assert template_lines(short) == {"posts: #"}
    assert template_lines(short[:-1]) == frozenset()


def test_long_lines_code_and_table_rows_are_never_the_template_s() -> None:
    sentence = " ".join(["word"] * (TEMPLATE_LINE_WORDS + 1))
    blocks = [
        *(Block("paragraph", sentence) for _ in range(TEMPLATE_LINE_REPEATS)),
        *(Block("code", "import asyncio") for _ in range(TEMPLATE_LINE_REPEATS)),
        *(Block("row", "Yes | No") for _ in range(TEMPLATE_LINE_REPEATS)),
    ]
    assert template_lines(blocks) == frozenset()
    assert without_template(blocks, frozenset({line_key("import asyncio")})) == blocks


def test_a_thread_is_what_people_wrote_without_their_cards_and_buttons() -> None:
    article = extract(_thread())
    assert article.kind == "forum"
    for chrome in CARD:
        assert chrome not in article.text, chrome
    lines = article.text.splitlines()
    assert lines[0].startswith("Since the update to version 5.0 the server hangs at start")
    assert "Can you post the log from the start? It usually says which part is stuck." in lines
    assert lines[-1].startswith("Disabling the plugin did it")


def test_each_post_keeps_its_author_and_its_text_without_the_card() -> None:
    article = extract(_thread())
    assert [item.title for item in article.items] == [
        "mara_k",
        "devon",
        "mara_k",
        "team_lena",
        "mara_k",
    ]
    assert article.items[1].text == (
        "Can you post the log from the start? It usually says which part is stuck."
    )
    for item in article.items:
        for chrome in CARD:
            assert chrome not in item.text, chrome


def test_a_log_in_a_post_is_code_with_its_lines_and_indentation() -> None:
    article = extract(_thread())
    code = [block.text for block in article.blocks if block.kind == "code"]
    assert code == [
        'ERROR loader: timeout after 30 s\n  File "loader.py", line 58, in run\n'
        "    result = fetch_all()\nWARNING plugin tuya_local is slow"
    ]
    assert '  File "loader.py", line 58, in run' in article.items[2].text.splitlines()


def test_a_listing_keeps_the_line_every_card_repeats() -> None:
    """Only threads have a post template: a listing's price on every card is the card's."""
    article = extract((PAGES / "listing_20.html").read_text(encoding="utf-8"))
    assert article.kind == "listing"
    prices = [line for line in article.text.splitlines() if line.startswith("£")]
    assert len(prices) == 20
