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

Quitting never waits for a child: :meth:`Child.close` gives it a moment to see the
end of its input, then kills it, and :func:`stop_children` kills every child
still running when the reader exits (a child holds nothing that must be
saved: the corpus index it may write is a cache, and SQLite rolls back a
transaction cut short). A reader that dies without quitting (killed, its
terminal gone) leaves no child behind either: each child checks every
:data:`PARENT_CHECK` seconds that its parent is still the one that started
it, and ends if not (between two answers it may work for many seconds
without reading or writing its pipes, so their closing alone is not enough).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from typing import Any, ClassVar, Self

NICENESS = 10
"""How much a child lowers its scheduling priority: it is background work, and
on two cores a child reading files at full speed took CPU time from the
reader's keys (the scheduler now prefers the reader when both want a core)."""
PARENT_CHECK = 1.0
"""Seconds between a child's checks that the reader that started it is alive."""
CLOSE_WAIT = 0.2
"""Seconds a child gets to exit by itself once its input is closed."""
_RUNNING: set[subprocess.Popen[bytes]] = set()
"""Every child started and not yet stopped (see :func:`stop_children`)."""


class Child:
    """``python -m module``, started at the first request, spoken to by pickle.

    When it cannot start or fails (:meth:`fail`), :attr:`failed` is set and
    the caller does the work in its own thread from then on."""

    def __init__(self, module: str) -> None:
        self._module = module
        self._process: subprocess.Popen[bytes] | None = None
        self.failed = False
        """True once the child could not start or failed."""

    def send(self, request: object) -> None:
        """One request (raises ``OSError`` or ``pickle.PickleError`` when the child cannot take it)."""
        if self._process is None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", self._module, str(os.getpid())],  # the parent it watches (see serve)
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                close_fds=True,
            )
            _RUNNING.add(self._process)
        assert self._process.stdin is not None
        pickle.dump(request, self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self._process.stdin.flush()

    def receive(self) -> Any:
        """The next value the child wrote (raises ``EOFError`` when it ended)."""
        if self._process is None or self._process.stdout is None:
            raise EOFError("no child")
        return pickle.load(self._process.stdout)

    def fail(self) -> None:
        """The child failed: stop it at once; the caller works without it from now on."""
        self.failed = True
        self.close(wait=False)

    def close(self, *, wait: bool = True) -> None:
        """Close the child's input, give it :data:`CLOSE_WAIT` (``wait``) to exit, else kill it."""
        child, self._process = self._process, None
        if child is None:
            return
        _RUNNING.discard(child)
        try:
            if child.stdin is not None:
                child.stdin.close()
            child.wait(timeout=CLOSE_WAIT if wait else 0.0)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait()
        finally:
            if child.stdout is not None:
                child.stdout.close()

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ChildWork:
    """Work done by a :class:`Child` running :attr:`MODULE`, or in the calling
    thread once the child failed; a context manager that stops the child."""

    MODULE: ClassVar[str]

    def __init__(self) -> None:
        self._child = Child(self.MODULE)

    @property
    def in_process(self) -> bool:
        """True once the child failed and the work fell back to the calling thread."""
        return self._child.failed

    def close(self) -> None:
        self._child.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    # The parent as it was when it started this child: it may be gone already.
    parent = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else os.getppid()
    threading.Thread(target=_end_with_parent, args=(parent,), name="parent watch", daemon=True).start()
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            request = pickle.load(source)
        except EOFError:
            return
        for value in answer(request):
            pickle.dump(value, sink, protocol=pickle.HIGHEST_PROTOCOL)
            sink.flush()


def _end_with_parent(parent: int) -> None:
    """In a child: end the process once ``parent`` is gone (the child was re-parented)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK)
    os._exit(0)
