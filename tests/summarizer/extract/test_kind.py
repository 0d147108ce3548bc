"""What kind of page it is: declared in JSON-LD, told by the URL's conventions, or by shape."""

from __future__ import annotations

import pytest

from summarizer import extract
from summarizer.extract.kind import KINDS, classify
from tests.support.data import PAGES


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "url", "expected"),
    [
        ("qa_page.html", "https://qa.example/questions/1/read-a-file", "qa"),
        ("forum_thread.html", None, "forum"),
        ("product_page.html", "https://shop.example/trailhead-30", "product"),
        ("docs_page.html", "https://client.example/docs/2.4/retries", "documentation"),
        ("docs_page.html", "https://docs.client.example/2.4/retries", "documentation"),
        ("listing_20.html", None, "listing"),
        ("index_page.html", None, "listing"),
        ("pricing_page.html", "https://ledgerly.example/pricing", "service"),
        ("article_semantic.html", "https://gazette.example/2026/harbour", "article"),
    ],
)
def test_each_kind_of_page_is_named(name: str, url: str | None, expected: str) -> None:
    assert extract(page(name), url=url).kind == expected


def test_a_docs_page_that_says_nothing_of_itself_reads_as_an_article() -> None:
    """No JSON-LD and no docs URL: the prose is what is left to go by."""
    assert extract(page("docs_page.html"), url="https://client.example/guide/retries").kind == (
        "article"
    )


def test_a_listing_lists_its_titles_in_page_order() -> None:
    article = extract(page("listing_20.html"))
    assert len(article.items) == 20
    first, last = article.items[0], article.items[-1]
    assert first.title == "Workshop 1: Pottery for beginners"
    assert first.text == "Learn to centre clay and throw a simple bowl on the wheel.\n£20"
    assert last.title == "Workshop 20: Jam and chutney"


def test_an_items_link_is_absolute_and_only_a_web_address() -> None:
    article = extract(page("listing_20.html"), url="https://makers.example/workshops?page=1")
    assert article.items[0].url == "https://makers.example/workshops/0"
    assert extract(page("listing_20.html")).items[0].url is None  # nothing to resolve against


def test_an_article_is_not_a_run_of_items_although_its_paragraphs_repeat() -> None:
    article = extract(page("article_semantic.html"))
    assert article.kind == "article" and article.items == ()


def test_a_threads_items_are_its_posts_by_author() -> None:
    article = extract(page("forum_thread.html"))
    assert [item.title for item in article.items] == [
        "mara_k",
        "devon",
        "mara_k",
        "team_lena",
        "devon",
    ]
    assert article.items[0].text.startswith("Since the last update the export button does nothing")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://community.example/t/export-fails/123", "forum"),
        ("https://example.org/forums/threads/export-fails.99/", "forum"),
        ("https://forum.example.net/viewtopic.php?t=4", "forum"),
        ("https://example.com/docs/install", "documentation"),
        ("https://developer.example.com/api", "documentation"),
        ("https://tdocs.example.com/install", "article"),  # a label, not a substring
        ("https://example.com/blog/t-shirts", "article"),  # a segment, not a prefix
        (None, "article"),
    ],
)
def test_the_url_convention_of_forum_and_docs_software(url: str | None, expected: str) -> None:
    prose = ["word " * 40]
    assert classify(frozenset(), 0, items=None, lines=prose, url=url) == expected


def test_a_specific_declaration_beats_the_url_and_a_generic_one_does_not() -> None:
    prose = ["word " * 40]
    assert classify({"QAPage"}, 0, items=None, lines=prose, url="https://x.example/docs/a") == "qa"
    url = "https://x.example/docs/a"
    assert classify({"Article"}, 0, items=None, lines=prose, url=url) == "documentation"


def test_many_products_on_a_page_are_a_shops_listing() -> None:
    assert classify({"Product"}, 1, items=None, lines=[], url=None) == "product"
    assert classify({"Product"}, 12, items=None, lines=[], url=None) == "listing"


def test_short_lines_without_prose_are_a_service_page_and_every_answer_is_a_kind() -> None:
    lines = ["Starter", "€12 a month", "One bank account", "Choose Starter"]
    assert classify(frozenset(), 0, items=None, lines=lines, url=None) == "service"
    assert "service" in KINDS and "article" in KINDS
