"""Colleagues' changes as they happen: the loop a reader runs in a worker thread.

When several analysts annotate the same articles, a note a colleague saves
should appear on an open reader within a couple of seconds, and a server that
went away should be said plainly, then forgotten when it is back. The store
already answers "what changed since token *n*" and "wake me when something
changes" (:meth:`~tui.notes.backend.NotesBackend.changes_since`,
:meth:`~tui.notes.backend.NotesBackend.wait_for_change`: LISTEN/NOTIFY on
PostgreSQL, a cheap counter poll on SQLite); :func:`follow` is the loop around
them, so the UI supplies two callbacks and a stop event and keeps no copy of
the protocol. The callbacks run in the worker thread: a Textual app hands them
on with ``call_from_thread``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from tui.article import Article
from tui.notes.backend import Annotations, NotesBackend
from tui.notes.store import NotesDatabaseError

WAIT_SECONDS = 1.0
"""How long one wait lasts before the stop event is looked at again."""


def follow(
    store: NotesBackend,
    token: int,
    deliver: Callable[[Annotations], None],
    stop: threading.Event,
    *,
    article: Article | None = None,
    on_problem: Callable[[str | None], None] | None = None,
    wait: float = WAIT_SECONDS,
) -> int:
    """Until ``stop`` is set: wait for changes after ``token``, hand them to
    ``deliver`` (oldest first, tombstones included, the analyst's own saves
    too -- compare ``id``/``author`` to tell), and move ``token`` on. Returns
    the last token.

    ``on_problem(message)`` is called once when the store stops answering (the
    message names it) and ``on_problem(None)`` once when it answers again. No
    change is lost meanwhile: the token moves only with delivered changes.
    """
    failing = False

    def report(problem: str | None) -> None:
        nonlocal failing
        if (problem is not None) != failing:
            failing = problem is not None
            if on_problem is not None:
                on_problem(problem)

    while not stop.is_set():
        try:
            if store.wait_for_change(token, wait) and not stop.is_set():
                token, changed = store.changes_since(token, article=article)
                if changed:
                    deliver(changed)
        except NotesDatabaseError as exc:  # the store waited out ``wait`` before raising
            report(str(exc))
            continue
        report(None)
    return token
