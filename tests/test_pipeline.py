"""summarize_url() and `python -m summarizer URL`: fetch -> extract -> summarize, end to end,
against a real HTTP server on 127.0.0.1 serving pages written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import FetchPolicy, summarize_url
from summarizer.errors import BlockedAddressError, HTTPStatusError, NoArticleError
from summarizer.models import Article
from summarizer.pipeline import article_paragraphs, page_language
from tests.httpservers import LOOPBACK, LocalServer, running

# Only 127.0.0.1 is reachable, and no name resolves through real DNS.
pytestmark = pytest.mark.usefixtures("network")

PAGES = Path(__file__).parent / "fixtures" / "pages"
HTML = "text/html; charset=utf-8"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    site = LocalServer()
    for name in ("article_semantic.html", "german.html", "login_wall.html"):
        body = (PAGES / name).read_bytes()
        site.route(f"/{name}", lambda h, body=body: h.respond(200, body, HTML))
    text = (Path(__file__).parent / "fixtures" / "article-rail.txt").read_bytes()
    site.route("/notes.txt", lambda h: h.respond(200, text, "text/plain; charset=utf-8"))
    yield from running(site)


ALLOW = FetchPolicy(allow=(LOOPBACK,))


def test_an_article_page_is_summarized_with_its_metadata(server: LocalServer) -> None:
    summary = summarize_url(server.url("/article_semantic.html"), policy=ALLOW, max_words=80)
    article = summary.article
    assert article is not None
    assert article.title == "Harbour Town Opens Its First Tidal Power Station"
    assert article.site_name == "The Coastal Gazette"
    assert 0 < summary.output_words <= 80
    joined = " ".join(summary.sentences)
    assert "turbines" in joined or "station" in joined
    for boilerplate in ("cookies", "Share on", "Sign up", "Photo: Jonas Berg"):
        assert boilerplate not in joined


def test_the_page_language_picks_the_summarizer_language(server: LocalServer) -> None:
    summary = summarize_url(server.url("/german.html"), policy=ALLOW, sentences=2)
    assert summary.article is not None and summary.article.language.startswith("de")
    assert len(summary.sentences) == 2


def test_plain_text_is_summarized_as_is(server: LocalServer) -> None:
    summary = summarize_url(server.url("/notes.txt"), policy=ALLOW, sentences=3)
    assert summary.article is not None and summary.article.title is None
    assert len(summary.sentences) == 3


def test_a_page_without_an_article_says_so(server: LocalServer) -> None:
    with pytest.raises(NoArticleError) as error:
        summarize_url(server.url("/login_wall.html"), policy=ALLOW)
    assert error.value.reason == "login-wall"


def test_a_missing_page_says_so(server: LocalServer) -> None:
    with pytest.raises(HTTPStatusError) as error:
        summarize_url(server.url("/nowhere.html"), policy=ALLOW)
    assert error.value.status == 404
    assert "404" in str(error.value)


def test_the_default_policy_refuses_the_private_server(server: LocalServer) -> None:
    with pytest.raises(BlockedAddressError):
        summarize_url(server.url("/article_semantic.html"))


@pytest.mark.parametrize(
    "tag,language", [("de", "german"), ("de-AT", "german"), ("pt_BR", "portuguese"),
                     ("ja", "english"), (None, "english")],
)
def test_page_language(tag: str | None, language: str) -> None:
    assert page_language(Article(title=None, text="x", language=tag)) == language


def test_extracted_lines_become_paragraphs() -> None:
    assert article_paragraphs("Heading\nFirst sentence.\n\n  \nSecond.") == (
        "Heading\n\nFirst sentence.\n\nSecond."
    )


def test_cli_summarizes_a_url_when_the_environment_allows_it(server: LocalServer) -> None:
    env = {**os.environ, "SKIM_FETCH_ALLOW": LOOPBACK}
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", server.url("/article_semantic.html"), "--json",
         "--words", "60"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["article"]["title"] == "Harbour Town Opens Its First Tidal Power Station"
    assert 0 < payload["output_words"] <= 60


def test_cli_reports_a_bad_allow_list_in_one_line() -> None:
    env = {**os.environ, "SKIM_FETCH_ALLOW": "10.0.0.0/33"}
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "http://127.0.0.1:9/"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "SKIM_FETCH_ALLOW" in result.stderr
