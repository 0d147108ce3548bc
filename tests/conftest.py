"""Shared test fixtures: the texts under tests/fixtures, written for these tests (the canonical
Multi-News example is a copy of ../shared/fixtures/multinews-example.txt, kept by permission)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.httpservers import FakeNetwork

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to 127.0.0.1 only; a proxy from the environment would carry that elsewhere."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> FakeNetwork:
    """A fake network for tests that fetch: names resolve only from the test's own table, and
    a connection to anything but 127.0.0.1 fails before it leaves (see `FakeNetwork`). Modules
    that fetch use it for every test: `pytestmark = pytest.mark.usefixtures("network")`."""
    fake = FakeNetwork()
    fake.install(monkeypatch)
    return fake


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def multinews_example() -> str:
    return read_fixture("multinews-example.txt")


@pytest.fixture(scope="session")
def prose_texts() -> list[str]:
    """Every prose fixture, each one document."""
    return [read_fixture(name) for name in ("article-harbour.txt", "article-rail.txt")] + [
        part for part in read_fixture("multinews-example.txt").split("|||||")[:3]
    ]
