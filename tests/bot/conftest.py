"""Fixtures of the bot's tests: a fake Slack Web API, a local article server, a running bot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.bot import ArticleServer, RunningBot, running_bot
from tests.support.fakeslack import FakeSlackAPI


@pytest.fixture
def fake() -> Iterator[FakeSlackAPI]:
    with FakeSlackAPI() as api:
        yield api


@pytest.fixture
def articles() -> Iterator[ArticleServer]:
    server = ArticleServer().start()
    yield server
    server.stop()


@pytest.fixture
def bot(fake: FakeSlackAPI, tmp_path: Path) -> Iterator[RunningBot]:
    with running_bot(fake, tmp_path / "skim.db") as running:
        yield running
