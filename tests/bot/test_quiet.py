"""QuietGate: job threads wait for a pause in incoming requests, but never for long."""

from __future__ import annotations

import pytest

from bot import quiet as quiet_module
from bot.quiet import QuietGate


class FakeTime:
    """A clock that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.on_sleep: list[float] = []
        self.hook = lambda: None

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.on_sleep.append(seconds)
        self.now += seconds
        self.hook()


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(quiet_module.time, "sleep", fake.sleep)
    return fake


def test_no_recent_request_means_no_wait(fake_time: FakeTime) -> None:
    gate = QuietGate(quiet=0.02, max_wait=0.25, clock=fake_time.clock)
    assert gate.wait() == 0
    assert fake_time.on_sleep == []


def test_a_request_just_now_holds_the_job_for_the_quiet_period(fake_time: FakeTime) -> None:
    gate = QuietGate(quiet=0.02, max_wait=0.25, clock=fake_time.clock)
    gate.note_request()
    assert gate.wait() == pytest.approx(0.02, abs=0.0011)


def test_an_old_request_holds_it_only_for_what_is_left(fake_time: FakeTime) -> None:
    gate = QuietGate(quiet=0.02, max_wait=0.25, clock=fake_time.clock)
    gate.note_request()
    fake_time.now += 0.015
    assert gate.wait() == pytest.approx(0.005, abs=0.0011)


def test_a_steady_stream_cannot_starve_the_replies(fake_time: FakeTime) -> None:
    gate = QuietGate(quiet=0.02, max_wait=0.25, clock=fake_time.clock)
    gate.note_request()
    fake_time.hook = gate.note_request  # a new request during every sleep
    waited = gate.wait()
    assert 0.25 <= waited <= 0.25 + 0.0011
