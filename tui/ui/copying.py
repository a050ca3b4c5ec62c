"""Copying the current paragraph (``y``, ``Y``), off the event loop, in the order pressed.

``y`` puts a citation (:func:`tui.citation.paragraph_citation`) on the
terminal's clipboard by OSC 52, unless the terminal is known to drop it (tmux
with ``set-clipboard off``: :func:`tui.citation.osc52_refused`); then, and for
``Y``, it is appended to the clippings file. Knowing that means running
``tmux show-options``, a subprocess, at every press (the setting can change
between two presses, so the answer is not kept): that ran on the event loop
and held the keys. Here a thread does it, and the file append as well.

Copies are finished in the order of the presses (``y`` then ``Y`` never
leaves their citations the other way round in the file): presses go into one
queue that one worker drains, front first, posting a :class:`Copier.Done` per
copy; a worker is started only when none is draining. Keys typed meanwhile
are handled as usual: the citation was made at the press, from the paragraph
current then.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.message import Message
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class Copy:
    """One press: the citation, its paragraph (0-based) and whether it goes to the file."""

    citation: str
    paragraph: int
    to_file: bool


class Copier(Widget):
    """Owns the copies pressed and not yet done, and the worker doing them."""

    DEFAULT_CSS = "Copier { display: none; }"

    @dataclass
    class Done(Message):
        """From the worker: ``copy`` is to go to the clipboard (``path`` and
        ``error`` both ``None``), or was appended to ``path``, or could not be
        (``error``); ``refused``: why the clipboard was not used, when known."""

        copy: Copy
        refused: str | None = None
        path: Path | None = None
        error: str | None = None

    def __init__(self) -> None:
        super().__init__()
        self._pending: deque[Copy] = deque()
        self._lock = threading.Lock()
        self._draining = False

    def copy(self, citation: str, paragraph: int, *, to_file: bool = False) -> None:
        """Copy ``citation`` (``to_file``: to the clippings file only), after
        the copies pressed before it. Pressed before this widget is mounted,
        it waits for the mounting."""
        with self._lock:
            self._pending.append(Copy(citation, paragraph, to_file))
        self._start()

    def on_mount(self) -> None:
        self._start()

    def _start(self) -> None:
        if not self.is_mounted:
            return
        with self._lock:
            if self._draining or not self._pending:
                return
            self._draining = True
        self._drain()

    @work(thread=True, group="copy", description="copy a paragraph")
    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    self._draining = False
                    return
                copy = self._pending.popleft()
            self.post_message(done(copy))

    @on(Done)
    def _done(self, event: Done) -> None:
        event.stop()
        copy, number = event.copy, event.copy.paragraph + 1
        if event.error is not None:
            self.notify(f"Not copied: {event.error}", severity="error", timeout=6)
        elif event.path is None:
            self.app.copy_to_clipboard(copy.citation)
            self.notify(
                f"Copied ¶{number} with its translation and source (OSC 52; "
                "if nothing arrives, your terminal refuses it: Y writes to a file)",
                timeout=4,
            )
        else:
            why = f"{event.refused}: " if event.refused else ""
            self.notify(f"{why}¶{number} appended to {event.path}", timeout=5)


def done(copy: Copy) -> Copier.Done:
    """Do ``copy`` as far as a thread may (ask tmux, append to the file); the
    clipboard itself is written on the event loop, by :class:`Copier`."""
    import os

    from tui.citation import append_clipping, osc52_refused

    refused = None if copy.to_file else osc52_refused(dict(os.environ))
    if not copy.to_file and refused is None:
        return Copier.Done(copy)
    try:
        return Copier.Done(copy, refused, path=append_clipping(copy.citation))
    except OSError as error:
        return Copier.Done(copy, refused, error=str(error))
