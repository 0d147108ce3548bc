"""A block a page prints twice (one copy per layout) is read once; lines that recur inside
different blocks are the page's structure and stay."""

from __future__ import annotations

import lxml.html

from summarizer import extract
from summarizer.extract.repeats import copies
from summarizer.extract.rules import REPEAT_WORDS

DESCRIPTION = [
    "Make each cup of tea or coffee feel special with a wheel thrown stoneware mug.",
    "A matte textured outside in a white speckle finish and a clear glazed inside.",
    "Suitable for dishwashers and microwave ovens; avoid rapid heating and cooling.",
]
PARAGRAPHS = "".join(f"<p>{line}</p>" for line in DESCRIPTION)


def _page(main: str) -> str:
    return (
        "<html><head><title>White speckle mug</title></head><body><main>"
        f"<h1>White speckle mug</h1><p>Price: $60.00</p>{main}</main></body></html>"
    )


def test_a_product_description_in_two_layouts_is_extracted_once() -> None:
    html = _page(
        f"<div class='description mobile-only'>{PARAGRAPHS}</div>"
        f"<div class='description desktop-only'>{PARAGRAPHS}</div>"
    )
    text = extract(html).text
    assert [text.count(line) for line in DESCRIPTION] == [1, 1, 1]


def test_lines_recurring_in_different_blocks_stay() -> None:
    """A plan of days: each day repeats the same steps, but no day is another day's copy."""
    steps = "<p>Drink a glass of water and stretch for ten minutes before the workout starts.</p>"
    steps += "<p>Walk for twenty minutes at an easy pace after the workout to cool down.</p>"
    days = "".join(
        f"<section><h2>Day {n}</h2>{steps}<p>Dinner on day {n}: {dish}.</p></section>"
        for n, dish in enumerate(["lentil soup", "grilled fish", "bean chili"], start=1)
    )
    text = extract(_page(days)).text
    assert text.count("Walk for twenty minutes at an easy pace") == 3
    assert "Dinner on day 3: bean chili." in text


def test_a_wrapper_is_not_a_copy_of_the_block_it_wraps_and_short_blocks_are_never_copies() -> None:
    long_block = " ".join(["word"] * REPEAT_WORDS)
    body = lxml.html.fromstring(
        f"<body><div><div><p>{long_block}</p></div></div>"
        "<p>Yes</p><p>Yes</p><p>Free shipping on orders over fifty dollars.</p>"
        "<p>Free shipping on orders over fifty dollars.</p></body>"
    )
    assert copies(body) == []
    body.append(lxml.html.fromstring(f"<blockquote>{long_block}</blockquote>"))
    assert [el.tag for el in copies(body)] == ["blockquote"]
