"""summarize_url(): fetch -> extract -> summarize, end to end, against a real HTTP server on
127.0.0.1 serving pages written for these tests."""

from __future__ import annotations

import pytest

from summarizer import FetchPolicy, summarize_url
from summarizer.api import article_paragraphs, page_language
from summarizer.errors import BlockedAddressError, HTTPStatusError, NoArticleError
from summarizer.models import Article
from tests.support.httpservers import LOOPBACK, LocalServer
from tests.support.textfragment import resolve

# Only 127.0.0.1 is reachable, and no name resolves through real DNS.
pytestmark = pytest.mark.usefixtures("network")


ALLOW = FetchPolicy(allow=(LOOPBACK,))


def test_an_article_page_is_summarized_with_its_metadata(site: LocalServer) -> None:
    summary = summarize_url(site.url("/article_semantic.html"), policy=ALLOW, max_words=80)
    article = summary.article
    assert article is not None
    assert article.title == "Harbour Town Opens Its First Tidal Power Station"
    assert article.site_name == "The Coastal Gazette"
    assert 0 < summary.output_words <= 80
    joined = " ".join(summary.sentences)
    assert "turbines" in joined or "station" in joined
    for boilerplate in ("cookies", "Share on", "Sign up", "Photo: Jonas Berg"):
        assert boilerplate not in joined


def test_the_page_language_picks_the_summarizer_language(site: LocalServer) -> None:
    summary = summarize_url(site.url("/german.html"), policy=ALLOW, sentences=2)
    assert summary.article is not None and summary.article.language.startswith("de")
    assert len(summary.sentences) == 2


def test_plain_text_is_summarized_as_is(site: LocalServer) -> None:
    summary = summarize_url(site.url("/notes.txt"), policy=ALLOW, sentences=3)
    assert summary.article is not None and summary.article.title is None
    assert len(summary.sentences) == 3


def test_a_page_without_an_article_says_so(site: LocalServer) -> None:
    with pytest.raises(NoArticleError) as error:
        summarize_url(site.url("/login_wall.html"), policy=ALLOW)
    assert error.value.reason == "login-wall"


def test_a_missing_page_says_so(site: LocalServer) -> None:
    with pytest.raises(HTTPStatusError) as error:
        summarize_url(site.url("/nowhere.html"), policy=ALLOW)
    assert error.value.status == 404
    assert "404" in str(error.value)


def test_the_default_policy_refuses_the_private_server(site: LocalServer) -> None:
    with pytest.raises(BlockedAddressError):
        summarize_url(site.url("/article_semantic.html"))


@pytest.mark.parametrize(
    "tag,language",
    [
        ("de", "german"),
        ("de-AT", "german"),
        ("pt_BR", "portuguese"),
        ("ja", "english"),
        (None, "english"),
    ],
)
def test_page_language(tag: str | None, language: str) -> None:
    assert page_language(Article(title=None, text="x", language=tag)) == language


def test_extracted_lines_become_paragraphs() -> None:
    assert article_paragraphs("Heading\nFirst sentence.\n\n  \nSecond.") == (
        "Heading\n\nFirst sentence.\n\nSecond."
    )


def test_what_is_summarized_follows_the_kind_of_page(site: LocalServer) -> None:
    listing = summarize_url(site.url("/listing_20.html"), policy=ALLOW, max_words=80)
    assert listing.sentences == () and listing.output_words == 0
    assert listing.article is not None and len(listing.article.items) == 20
    qa = summarize_url(site.url("/qa_page.html"), policy=ALLOW, max_words=80)
    assert qa.article is not None and qa.article.answer is not None
    assert qa.sentences and all(s in qa.article.answer.text for s in qa.sentences)
    thread = summarize_url(site.url("/forum_thread.html"), policy=ALLOW, max_words=80)
    assert thread.article is not None
    opening = thread.article.items[0].text
    assert thread.sentences and not any(s in opening for s in thread.sentences)


@pytest.mark.parametrize("method", ["skim", "lexrank"])
def test_a_summary_is_made_of_prose_not_code_tables_or_headings(
    site: LocalServer, method: str
) -> None:
    # Every sentence the method would give, so that nothing hides behind the ranking.
    summary = summarize_url(site.url("/docs_page.html"), policy=ALLOW, sentences=40, method=method)
    assert summary.article is not None
    shown = [b.text for b in summary.article.blocks if b.kind in ("code", "row", "heading")]
    assert len(shown) >= 6  # the page has them: the test would see them leak
    assert summary.sentences
    for sentence in summary.sentences:
        assert not any(sentence in text or text in sentence for text in shown), sentence


#: The fixture's paragraphs as a browser renders them, written out by hand (not read by the
#: code under test): the blocks a text fragment is searched in.
FRAGMENT_PAGE_BLOCKS = [
    "Home News",
    "Harbour Wall Approved After Long Debate",
    "The harbour council approved the tidal wall on Tuesday after a debate that ran past midnight.",
    "The wall will protect four hundred homes in the lower town from the winter storms that "
    "flooded them twice last year.",
    "Engineers said the work would start in spring and take about two years, with the harbour "
    "open to boats throughout.",
    "The council's treasurer said the cost had risen by a fifth since the plan "
    "Advertisementwas first drawn up in 2023.",
    "Fishermen welcomed the decision, although some worry that the new gates will slow their "
    "boats at low tide.",
    "A public meeting about the gates will be held in the old market hall on the first Monday "
    "of next month.",
    "Share this story",
]


def test_each_sentence_links_to_itself_on_the_page_unless_the_markup_changed_it(
    site: LocalServer,
) -> None:
    url = site.url("/article_fragments.html")
    summary = summarize_url(url, policy=ALLOW, sentences=10)
    assert len(summary.sources) == len(summary.sentences) >= 5
    for sentence, source in zip(summary.sentences, summary.sources, strict=True):
        if "treasurer" in sentence:
            # Extraction dropped the ad inside it: not on the page as quoted.
            assert source is None
            continue
        assert source is not None and source.startswith(url + "#:~:text=")
        assert resolve(source, FRAGMENT_PAGE_BLOCKS) == sentence
    assert any("treasurer" in s for s in summary.sentences)


def test_every_length_carries_its_own_links(site: LocalServer) -> None:
    url = site.url("/article_fragments.html")
    summary = summarize_url(url, policy=ALLOW, max_words=40, lengths=(20, 40, 80, 400))
    assert [len(length.sentences) for length in summary.lengths] == sorted(
        len(length.sentences) for length in summary.lengths
    )
    assert summary.lengths[0].sentences == (summary.tldr,)
    for length in summary.lengths:
        assert len(length.sources) == len(length.sentences)
        for sentence, source in zip(length.sentences, length.sources, strict=True):
            assert source is None or resolve(source, FRAGMENT_PAGE_BLOCKS) == sentence
    # The length asked for is one of the ladder's rungs, sentence for sentence.
    assert summary.sentences in [length.sentences for length in summary.lengths]


def test_plain_text_has_no_links_to_sentences(site: LocalServer) -> None:
    summary = summarize_url(site.url("/notes.txt"), policy=ALLOW, sentences=3)
    assert summary.sources == ()
