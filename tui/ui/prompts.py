"""One-line prompts that read their own keys: a mark letter, a paragraph number.

``m``\\ *x*, ``'``\\ *x* and "12 then ``g``" are key sequences. Like the note
editor (:class:`tui.ui.notes.NoteEditor`), each prompt is a small modal screen
that reads every key itself, in the order the terminal sent them, with nothing
focusable: a key typed right after ``m`` or after the digits is never lost to a
focus change or sent to the reader behind. Esc cancels.
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

PROMPT_CSS = """
{name} {{
    align: left bottom;
    background: $background 0%;
}}
{name} > Static {{
    width: 100%;
    height: 1;
    background: $panel;
    padding: 0 1;
}}
"""


ResultT = TypeVar("ResultT")


class OwnKeysScreen(ModalScreen[ResultT | None]):
    """A modal screen that reads every key itself, in the order typed, with
    nothing focusable (so no key is lost to a focus change): Esc cancels with
    ``None``, every other key goes to :meth:`read_key`; :meth:`close` dismisses
    once. Keys still queued after it closed belong to the screen below."""

    AUTO_FOCUS = None
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]
    """For the footer: :meth:`on_key` reads Esc itself, in order with the other keys."""

    def __init__(self) -> None:
        super().__init__()
        self._closed = False

    def on_key(self, event: events.Key) -> None:
        if self._closed:
            # Only after the app's safety release (TandemApp.KEY_RELEASE): not
            # stopped, the key bubbles to the app, which matches it against the
            # bindings of the screen now on top.
            return
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.action_cancel()
        else:
            self.read_key(event)

    def read_key(self, event: events.Key) -> None:
        raise NotImplementedError

    def close(self, result: ResultT | None) -> None:
        if not self._closed:
            self._closed = True
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.close(None)


class KeyPrompt(OwnKeysScreen[str]):
    """Asks for one letter (a mark's name); dismisses with it, or ``None`` on Esc."""

    DEFAULT_CSS = PROMPT_CSS.format(name="KeyPrompt")

    def __init__(self, question: str, allowed: str) -> None:
        super().__init__()
        self._question = question
        self._allowed = allowed

    def compose(self) -> ComposeResult:
        yield Static(Text(self._question, no_wrap=True, overflow="ellipsis"))

    def read_key(self, event: events.Key) -> None:
        if event.character and event.character in self._allowed:
            self.close(event.character)
        else:
            self.notify(f"Press one of {self._allowed[0]}–{self._allowed[-1]}, or Esc", timeout=2)


class NumberPrompt(OwnKeysScreen[int]):
    """Asks for a paragraph number (1-based, as shown); Enter or ``g`` goes there.

    Opened by ``:`` or by a digit typed in the reading pane (then that digit is
    already in it), so both ":12 Enter" and "12g" work.
    """

    DEFAULT_CSS = PROMPT_CSS.format(name="NumberPrompt")
    SUBMIT = ("enter", "g", "G")

    def __init__(self, count: int, typed: str = "") -> None:
        super().__init__()
        self._count = count
        self._typed = typed

    @property
    def typed(self) -> str:
        return self._typed

    def compose(self) -> ComposeResult:
        yield Static(id="number")

    def on_mount(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        text = Text("Go to paragraph: ", style="bold")
        text.append(self._typed)
        text.append("▏", style="bold")
        text.append(f"  (1–{self._count}; Enter or g goes, Esc cancels)", style="dim")
        self.query_one("#number", Static).update(text)

    def read_key(self, event: events.Key) -> None:
        if event.key in self.SUBMIT:
            number = int(self._typed) if self._typed else None
            self.close(max(1, min(number, self._count)) if number is not None else None)
        elif event.key == "backspace":
            self._typed = self._typed[:-1]
            self._redraw()
        elif event.character and event.character.isascii() and event.character.isdigit():
            if len(self._typed) < 9:
                self._typed += event.character
            self._redraw()
        else:
            self.notify("Type a paragraph number, then Enter or g", timeout=2)
