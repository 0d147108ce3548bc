"""Links to one sentence on a page: the visible text a browser searches, and text directives
that lead to that sentence and no other (checked with a reference reading of the spec's
matching, `tests.support.textfragment`, not with the builder's own logic)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from summarizer.extract.fragments import encode_term, fragment_url, text_directive
from summarizer.extract.visible import visible_blocks
from tests.support.textfragment import resolve

URL = "https://news.example/2026/harbour"


def page(*paragraphs: str, head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


def link(sentence: str, html: str, url: str = URL) -> str | None:
    directive = text_directive(sentence, visible_blocks(html))
    return fragment_url(url, directive) if directive else None


# --- what the browser shows --------------------------------------------------------------------


def test_visible_text_is_what_is_rendered_block_by_block() -> None:
    html = (
        "<html><head><title>Not shown</title><style>p{}</style></head><body>"
        "<div>Tidal <b>power</b>\n  is <a href=/x>cheap</a>now.<script>var x = 1;</script></div>"
        "<p>Seen<span hidden>hidden</span> and <span style='display: none'>gone</span>kept.</p>"
        "<p>First line<br>second line</p><ul><li>One</li><li>Two</li></ul>"
        "<p><button>Share</button> <select><option>Pick</option></select></p>"
        "</body></html>"
    )
    assert visible_blocks(html) == [
        "Tidal power is cheapnow.",
        "Seen and kept.",
        "First line",
        "second line",
        "One",
        "Two",
        "Share",
    ]


@pytest.mark.parametrize(
    "html", ["", "   ", "<html></html>", "<html><body><script>x()</script></body></html>"]
)
def test_an_empty_page_has_no_visible_text(html: str) -> None:
    assert visible_blocks(html) == []


# --- the directive ----------------------------------------------------------------------------

LONG = "The harbour council approved the tidal wall on Tuesday after a long debate about its cost."


def test_a_long_sentence_is_linked_by_its_first_and_last_words() -> None:
    html = page("Opening words of the story.", LONG, "Closing words.")
    url = link(LONG, html)
    assert url is not None
    assert url.startswith(URL + "#:~:text=The%20harbour%20council,about%20its%20cost.")
    assert resolve(url, visible_blocks(html)) == LONG


def test_a_short_sentence_is_quoted_whole() -> None:
    html = page("The wall will cost 210 million.", LONG)
    url = link("The wall will cost 210 million.", html)
    assert url == URL + "#:~:text=The%20wall%20will%20cost%20210%20million."


def test_terms_grow_until_their_first_occurrence_is_this_sentence() -> None:
    """The opening words occur earlier (in other case: the browser ignores case), and so do
    the closing ones: the terms lengthen until only this sentence starts and ends that way."""
    earlier = "THE HARBOUR COUNCIL met in March to talk about its cost."
    html = page(earlier, "Another paragraph about its cost.", LONG)
    url = link(LONG, html)
    assert url is not None
    start = unquote(url.split("text=")[1].split(",")[0])
    assert len(start.split()) > 3
    assert resolve(url, visible_blocks(html)) == LONG


def test_a_short_sentence_shown_earlier_in_other_case_gets_no_directive() -> None:
    """The browser would highlight the earlier "skin cancer", not this heading."""
    html = page("We treat skin cancer every day.", "Skin Cancer")
    assert text_directive("Skin Cancer", visible_blocks(html)) is None


def test_a_sentence_the_page_shows_twice_links_to_the_first_copy() -> None:
    html = page(LONG, "Something in between, long enough to matter here.", LONG)
    url = link(LONG, html)
    assert url is not None and resolve(url, visible_blocks(html)) == LONG


def test_the_spec_syntax_characters_are_encoded() -> None:
    sentence = "Rose-Marie, Tom & Ann opened the harbour cafe on a cold Tuesday in March - at last."
    url = link(sentence, page(sentence))
    assert url is not None
    directive = url.split("#:~:")[1]
    assert "%2D" in directive and "%2C" in directive and "%26" in directive
    assert directive.count(",") <= 1 and "&" not in directive and "-" not in directive
    assert encode_term("a-b, c&d") == "a%2Db%2C%20c%26d"
    assert resolve(url, visible_blocks(page(sentence))) == sentence


def test_a_sentence_changed_by_the_pages_markup_gets_no_directive() -> None:
    """The page shows "has Advertisementproduced": extraction dropped the ad, so the sentence
    as quoted is not on the page, and a link would highlight nothing."""
    html = page(
        'The station opened in 2019 and has <span class="ad">Advertisement</span>produced '
        "power every day since then without fail."
    )
    quoted = "The station opened in 2019 and has produced power every day since then without fail."
    assert text_directive(quoted, visible_blocks(html)) is None


def test_a_sentence_across_two_blocks_gets_no_directive() -> None:
    html = page("The harbour council approved the tidal wall", "on Tuesday after a long debate.")
    sentence = "The harbour council approved the tidal wall on Tuesday after a long debate."
    assert text_directive(sentence, visible_blocks(html)) is None


def test_words_inside_longer_words_are_not_the_sentence() -> None:
    html = page("Kate the baker sold every loaf before noon on market day.")
    assert text_directive("ate the baker sold every loaf before noon on market day.", []) is None
    blocks = visible_blocks(html)
    assert text_directive("ate the baker sold every loaf before noon.", blocks) is None


def test_a_url_with_its_own_fragment_keeps_it() -> None:
    assert fragment_url(URL + "#comments", "text=a") == URL + "#comments:~:text=a"
    assert fragment_url(URL, "text=a") == URL + "#:~:text=a"


def test_whitespace_is_compared_as_the_browser_collapses_it() -> None:
    html = page(
        "The harbour council\n   approved the tidal wall on <em>Tuesday</em>   after a debate."
    )
    url = link("The harbour council approved the tidal wall on Tuesday after a debate.", html)
    assert url is not None
    assert resolve(url, visible_blocks(html)) == (
        "The harbour council approved the tidal wall on Tuesday after a debate."
    )
