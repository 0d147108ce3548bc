"""The per-user request limit."""

from __future__ import annotations

from bot.limits import UserLimiter


def test_user_limiter_sliding_window() -> None:
    now = [0.0]
    limiter = UserLimiter(2, 60, clock=lambda: now[0])
    assert limiter.allow("U1") and limiter.allow("U1") and not limiter.allow("U1")
    assert limiter.allow("U2")
    now[0] = 60.5
    assert limiter.allow("U1")
