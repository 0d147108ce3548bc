"""Fixtures of the summarizer's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.data import FIXTURES, PAGES
from tests.support.httpservers import LocalServer, running

HTML = "text/html; charset=utf-8"


@pytest.fixture
def site() -> Iterator[LocalServer]:
    """A site on 127.0.0.1 serving fixture pages by name, and a plain-text page."""
    server = LocalServer()
    for name in ("article_semantic.html", "german.html", "login_wall.html", "listing_20.html",
                 "qa_page.html", "forum_thread.html", "docs_page.html",
                 "article_fragments.html"):  # fmt: skip
        body = (PAGES / name).read_bytes()
        server.route(f"/{name}", lambda h, body=body: h.respond(200, body, HTML))
    text = (FIXTURES / "article-rail.txt").read_bytes()
    server.route("/notes.txt", lambda h: h.respond(200, text, "text/plain; charset=utf-8"))
    yield from running(server)
