"""When the last key came, for background threads that should step aside.

Why: Python threads share one interpreter lock. The loader's thread reads a
file with about 2.5 ms of Python at a time; while it works, the handling of a
key gets the lock back only in 5 ms turns, so ``>`` while a 50,000-file folder
was being read took 1.6 times as long as in a 50-file folder
(``bench/corpus_open.py``). A background loop calls
:meth:`KeyboardActivity.wait_quiet` between items: for a moment after each
key it waits (sleeping, without the lock), and the key has the interpreter to
itself. The wait is bounded, so holding a key down never stops the work.
"""

from __future__ import annotations

import time

QUIET_AFTER_KEY = 0.12
"""Seconds after a key during which background loops wait: enough for a key's
handling and its frame (tens of milliseconds), short enough to go unnoticed."""
LONGEST_WAIT = 0.5
"""A background loop waits at most this long at a time, however many keys come."""


class KeyboardActivity:
    """The time of the last key typed (set on the event loop, read by threads)."""

    def __init__(self) -> None:
        self._last = float("-inf")

    def touch(self) -> None:
        """A key was typed now."""
        self._last = time.monotonic()

    def wait_quiet(self, quiet: float = QUIET_AFTER_KEY, longest: float = LONGEST_WAIT) -> float:
        """In a background thread: return once no key has come for ``quiet``
        seconds, or after ``longest`` seconds; the seconds waited."""
        start = time.monotonic()
        while True:
            now = time.monotonic()
            left = min(self._last + quiet - now, start + longest - now)
            if left <= 0:
                return now - start
            time.sleep(left)
