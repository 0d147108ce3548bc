"""FetchPolicy: defaults, SKIM_FETCH_ALLOW, and limits that make no sense refused."""

from __future__ import annotations

from typing import Any

import pytest

from summarizer import FetchPolicy


def test_policy_defaults() -> None:
    policy = FetchPolicy()
    assert (
        policy.allow,
        policy.connect_timeout,
        policy.read_timeout,
        policy.deadline,
        policy.max_bytes,
        policy.max_redirects,
    ) == ((), 5.0, 10.0, 20.0, 5 * 1024 * 1024, 5)


@pytest.mark.parametrize(
    ("environ", "allow"),
    [
        ({}, ()),
        ({"SKIM_FETCH_ALLOW": ""}, ()),
        ({"SKIM_FETCH_ALLOW": " , "}, ()),
        (
            {"SKIM_FETCH_ALLOW": " wiki.corp, 10.0.0.0/8 ,fd00::/8,127.0.0.1,"},
            ("wiki.corp", "10.0.0.0/8", "fd00::/8", "127.0.0.1"),
        ),
    ],
)
def test_policy_from_env(environ: dict[str, str], allow: tuple[str, ...]) -> None:
    assert FetchPolicy.from_env(environ).allow == allow


@pytest.mark.parametrize(
    "entry", ["10.0.0.0/33", "10.0.0.1/8", "not a host!", "http://wiki.corp", "1.2.3.999", "a..b"]
)
def test_malformed_allow_entries_are_a_one_line_error_naming_them(entry: str) -> None:
    with pytest.raises(ValueError) as caught:
        FetchPolicy.from_env({"SKIM_FETCH_ALLOW": f"wiki.corp,{entry}"})
    message = str(caught.value)
    assert repr(entry) in message and "SKIM_FETCH_ALLOW" in message and "\n" not in message


@pytest.mark.parametrize(
    "limits",
    [
        {"deadline": 0},
        {"connect_timeout": -1.0},
        {"read_timeout": float("nan")},
        {"max_bytes": 0},
        {"max_redirects": -1},
        {"user_agent": "Skim\r\nX-Injected: 1"},
        {"allow": "127.0.0.1"},
    ],
)
def test_nonsense_limits_are_refused(limits: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        FetchPolicy(**limits)
