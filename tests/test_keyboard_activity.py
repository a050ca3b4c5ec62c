"""Background loops step aside after a key (tui/ui/keyboard.py), on a fake clock."""

from __future__ import annotations

import pytest

import tui.ui.keyboard as keyboard
from tui.ui.keyboard import KeyboardActivity


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []
        self.on_sleep = None

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.slept.append(round(seconds, 6))
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep()


@pytest.fixture()
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(keyboard.time, "monotonic", fake.monotonic)
    monkeypatch.setattr(keyboard.time, "sleep", fake.sleep)
    return fake


def test_no_key_no_wait(clock: Clock) -> None:
    assert KeyboardActivity().wait_quiet() == 0 and clock.slept == []


def test_a_loop_waits_out_the_quiet_time_after_a_key(clock: Clock) -> None:
    activity = KeyboardActivity()
    activity.touch()
    clock.now += 0.05
    assert activity.wait_quiet(quiet=0.12) == pytest.approx(0.07)
    clock.now += 1
    assert activity.wait_quiet(quiet=0.12) == 0, "long after the key: no wait"


def test_keys_held_down_never_stop_the_loop_for_longer_than_the_cap(clock: Clock) -> None:
    activity = KeyboardActivity()
    clock.on_sleep = activity.touch  # a key comes during every wait
    activity.touch()
    assert activity.wait_quiet(quiet=0.12, longest=0.5) == pytest.approx(0.5)
