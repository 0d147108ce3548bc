"""Fixtures every test may use: no proxies, a fake network for tests that fetch, the prose
fixtures."""

from __future__ import annotations

import pytest

from tests.support.data import read_fixture
from tests.support.httpservers import FakeNetwork


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to 127.0.0.1 only; a proxy from the environment would carry that elsewhere."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
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


@pytest.fixture(scope="session")
def multinews_example() -> str:
    return read_fixture("multinews-example.txt")


@pytest.fixture(scope="session")
def prose_texts() -> list[str]:
    """Every prose fixture, each one document."""
    return [read_fixture(name) for name in ("article-harbour.txt", "article-rail.txt")] + [
        part for part in read_fixture("multinews-example.txt").split("|||||")[:3]
    ]
