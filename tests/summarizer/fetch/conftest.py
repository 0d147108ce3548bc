"""Fixtures of the fetcher's tests.

Every test here runs inside `FakeNetwork`: names resolve only from the test's own table and a
connection to anything but 127.0.0.1 is recorded and refused, so nothing can reach another
machine even if the fetcher is broken. The servers must be allowed explicitly
(`FetchPolicy(allow=("127.0.0.1",))`), which is itself a check that the address guard is on
by default.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.httpservers import (
    FakeNetwork,
    LocalServer,
    running,
)


@pytest.fixture(autouse=True)
def _fake_network(network: FakeNetwork) -> FakeNetwork:
    return network


@pytest.fixture
def server() -> Iterator[LocalServer]:
    yield from running(LocalServer())
