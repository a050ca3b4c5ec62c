"""tandem's own helper processes, spoken to by pickle over their stdin and stdout.

Why child processes: work that is pure Python (reading and flagging files,
language detection) holds the interpreter lock while it runs, and the reader's
keys wait behind it; in a child process it runs beside the reader, and only
small results cross back.

Why not :mod:`multiprocessing`: under Textual its spawn start method fails
("bad value(s) in fds_to_keep") because the terminal driver owns the standard
streams. A child here is a plain ``python -m tui.MODULE``: pickle is safe
because both ends are tandem. Its standard error goes nowhere, never onto the
reader's terminal.

Quitting never waits for a child: :func:`stop` gives it a moment to see the
end of its input, then kills it, and :func:`stop_children` kills every child
still running when the reader exits (a child holds nothing that must be
saved: the corpus index it may write is a cache, and SQLite rolls back a
transaction cut short).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from typing import Any

NICENESS = 10
"""How much a child lowers its scheduling priority: it is background work, and
on two cores a child reading files at full speed took CPU time from the
reader's keys (the scheduler now prefers the reader when both want a core)."""
CLOSE_WAIT = 0.2
"""Seconds a child gets to exit by itself once its input is closed."""
_RUNNING: set[subprocess.Popen[bytes]] = set()
"""Every child started and not yet stopped (see :func:`stop_children`)."""


def start(module: str) -> subprocess.Popen[bytes]:
    """``python -m module`` with pipes to its stdin and stdout (``OSError`` if it cannot run)."""
    child = subprocess.Popen(
        [sys.executable, "-m", module],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        close_fds=True,
    )
    _RUNNING.add(child)
    return child


def send(child: subprocess.Popen[bytes], request: object) -> None:
    """One request to ``child`` (raises ``OSError`` or ``pickle.PickleError`` when it is gone)."""
    assert child.stdin is not None
    pickle.dump(request, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
    child.stdin.flush()


def receive(child: subprocess.Popen[bytes]) -> Any:
    """The next value ``child`` wrote (raises ``EOFError`` when it ended)."""
    assert child.stdout is not None
    return pickle.load(child.stdout)


def stop(child: subprocess.Popen[bytes] | None, wait: float = CLOSE_WAIT) -> None:
    """Close ``child``'s input, give it ``wait`` seconds to exit, else kill it."""
    if child is None:
        return
    _RUNNING.discard(child)
    try:
        if child.stdin is not None:
            child.stdin.close()
        child.wait(timeout=wait)
    except (OSError, subprocess.TimeoutExpired):
        child.kill()
        child.wait()
    finally:
        if child.stdout is not None:
            child.stdout.close()


def running() -> frozenset[subprocess.Popen[bytes]]:
    """The children started and not yet stopped."""
    return frozenset(_RUNNING)


def stop_children() -> None:
    """Kill every child still running (the reader is quitting)."""
    for child in list(_RUNNING):
        _RUNNING.discard(child)
        try:
            child.kill()
        except OSError:
            pass


def serve(answer: Any) -> None:
    """A child's loop: each request read from stdin is answered by
    ``answer(request)``, an iterator of values written to stdout, until EOF."""
    try:
        os.nice(NICENESS)
    except (AttributeError, OSError):  # no nice on this platform: same priority
        pass
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            request = pickle.load(source)
        except EOFError:
            return
        for value in answer(request):
            pickle.dump(value, sink, protocol=pickle.HIGHEST_PROTOCOL)
            sink.flush()
