"""tandem's own one-line text input, drawn right-to-left aware.

Textual's ``Input`` draws the characters in the order they were typed. Most
terminals tandem targets (xterm, tmux, kitty, Windows Terminal…) neither
reorder nor shape Arabic script, so an Arabic or Persian query typed into an
``Input`` shows backwards, letters unjoined. :class:`LineEditor` keeps the text
in logical order and draws it as the reading pane draws article text: through
:func:`tui.rtl.layout` (shaped and in visual order in ``app`` bidi mode, raw in
``terminal`` mode, where the terminal reorders itself), with the cursor on the
character it stands before, or — at the end — beside the last character on the
side that character's direction writes towards (left of a final Arabic letter).

It is one focusable widget that reads its own keys, so keys arrive in the order
the app hands them out (:class:`tui.ui.app.TandemApp` passes one key at a time);
keys it does not edit with (Esc, Tab, ↑…) bubble on to bindings; ↓ goes on
to the widget below (the results of ``F``, the list of ``A`` or ``f``). It posts
:class:`LineEditor.Changed` and :class:`LineEditor.Submitted` like ``Input``.

Editing is the pure :class:`LineBuffer` (tested against a plain string model),
drawing the pure :func:`draw_line`; the widget joins them to Textual.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from tui.inert import BIDI_CONTROLS, inert

_AS_SPACE = frozenset("\t\n\r\u2028\u2029\x0b\x0c")
TYPABLE_FORMAT = frozenset("\u200c\u200d")
"""ZWNJ and ZWJ: not "printable" to Python, but Persian is typed with ZWNJ (Shift+Space)."""


def typable(character: str | None) -> bool:
    """Whether a key's character goes into the text."""
    return bool(character) and len(character or "") == 1 and (character.isprintable() or character in TYPABLE_FORMAT)  # type: ignore[union-attr]


def clean_typed(text: str) -> str:
    """What of typed or pasted ``text`` goes into the line: line breaks and tabs
    become spaces; other control characters and bidi controls are dropped."""
    out = []
    for ch in text:
        if ch in _AS_SPACE:
            out.append(" ")
        elif ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class LineBuffer:
    """A line of text in logical order and a cursor (an offset, 0..len)."""

    text: str = ""
    cursor: int = 0

    def insert(self, typed: str) -> LineBuffer:
        typed = clean_typed(typed)
        return LineBuffer(self.text[: self.cursor] + typed + self.text[self.cursor :], self.cursor + len(typed))

    def backspace(self) -> LineBuffer:
        if self.cursor == 0:
            return self
        return LineBuffer(self.text[: self.cursor - 1] + self.text[self.cursor :], self.cursor - 1)

    def delete(self) -> LineBuffer:
        return replace(self, text=self.text[: self.cursor] + self.text[self.cursor + 1 :])

    def move(self, step: int) -> LineBuffer:
        return replace(self, cursor=max(0, min(len(self.text), self.cursor + step)))

    def home(self) -> LineBuffer:
        return replace(self, cursor=0)

    def end(self) -> LineBuffer:
        return replace(self, cursor=len(self.text))

    def kill_before(self) -> LineBuffer:
        """Ctrl+U: delete from the start of the line to the cursor."""
        return LineBuffer(self.text[self.cursor :], 0)

    def kill_after(self) -> LineBuffer:
        """Ctrl+K: delete from the cursor to the end of the line."""
        return replace(self, text=self.text[: self.cursor])

    def kill_word(self) -> LineBuffer:
        """Ctrl+W: delete the word before the cursor (and the spaces after it)."""
        i = self.cursor
        while i > 0 and self.text[i - 1].isspace():
            i -= 1
        while i > 0 and not self.text[i - 1].isspace():
            i -= 1
        return LineBuffer(self.text[:i] + self.text[self.cursor :], i)


def edit(buffer: LineBuffer, key: str, character: str | None, rtl: bool) -> LineBuffer | None:
    """``buffer`` after ``key``; ``None`` when the key is not an editing key.

    ←/→ move visually: in a right-to-left line, ← goes on to the next
    character (which is drawn to the left). Home/End go to the logical start
    and end (the right and left edges of a right-to-left line).
    """
    if key == "left":
        return buffer.move(1 if rtl else -1)
    if key == "right":
        return buffer.move(-1 if rtl else 1)
    if key in ("home", "ctrl+a"):
        return buffer.home()
    if key in ("end", "ctrl+e"):
        return buffer.end()
    if key in ("backspace", "ctrl+h"):
        return buffer.backspace()
    if key in ("delete", "ctrl+d"):
        return buffer.delete()
    if key == "ctrl+u":
        return buffer.kill_before()
    if key == "ctrl+k":
        return buffer.kill_after()
    if key == "ctrl+w":
        return buffer.kill_word()
    if character and typable(character) and key not in ("tab", "enter", "escape"):
        return buffer.insert(character)
    return None


CURSOR = "reverse"
SELECTED = "reverse"


def draw_line(
    buffer: LineBuffer,
    width: int,
    bidi: str = "app",
    *,
    active: bool = True,
    placeholder: str = "",
    selected: bool = False,
) -> Text:
    """The line as ``width`` cells: shaped and reordered in ``app`` mode, raw
    in ``terminal`` mode; right-aligned when the text is right-to-left; the
    cursor shown when ``active``; scrolled so the cursor stays in view.
    ``selected``: the whole text is shown selected (typing replaces it)."""
    from tui.direction import base_direction
    from tui.rtl import layout, resolve_levels

    width = max(1, width)
    clean = inert(buffer.text)
    cursor = max(0, min(buffer.cursor, len(clean)))
    if not clean:
        out = Text(no_wrap=True, end="")
        if active:
            out.append(" ", style=CURSOR)
        out.append(placeholder, style="dim italic")
        out.truncate(width, pad=True)
        return out
    rtl = base_direction(clean) == "rtl"
    line = layout(clean, max(1, cell_len(clean)), direction="rtl" if rtl else "ltr", mode=bidi)  # type: ignore[arg-type]
    clusters = [c for display in line for c in display.clusters]
    # Cells in visual order: (drawn text, its cells, style).
    cells: list[tuple[str, int, str]] = []
    cursor_at = -1
    for c in clusters:
        style = SELECTED if selected else ""
        if active and not selected and c.start <= cursor < c.end:
            style = CURSOR
            cursor_at = len(cells)
        cells.append((c.text, max(1, cell_len(c.text)), style))
    if active and not selected and cursor_at < 0:
        # At the end: beside the last character, on the side it writes towards.
        end_cell = (" ", 1, CURSOR)
        last = max(range(len(clusters)), key=lambda k: clusters[k].end, default=-1)
        if bidi != "app" or last < 0:
            cursor_at = len(cells) if not rtl or bidi != "app" else 0
        else:
            tail = clean[clusters[last].start : clusters[last].end]
            if tail.isspace():
                level = 1 if rtl else 0  # trailing white space takes the base level (UAX #9 L1)
            else:
                level = resolve_levels(clean, 1 if rtl else 0)[clusters[last].start]
            cursor_at = last if level % 2 else last + 1
        cells.insert(cursor_at, end_cell)
    total = sum(w for _, w, _ in cells)
    if total <= width:
        first = 0
    else:
        column = sum(w for _, w, _ in cells[:cursor_at]) if cursor_at >= 0 else (0 if rtl else total - width)
        if rtl:
            first = total - width if total - column <= width else column
        else:
            first = 0 if column < width else column - width + 1
    out = Text(no_wrap=True, end="")
    if total < width and rtl:
        out.append(" " * (width - total))
    x = 0
    for drawn, w, style in cells:
        if x >= first and x + w <= first + width:
            out.append(drawn, style=style)
        elif x < first + width and x + w > first:
            out.append(" " * (min(x + w, first + width) - max(x, first)))  # a wide cell cut by an edge
        x += w
    if total < width and not rtl:
        out.append(" " * (width - total))
    return out


class LineEditor(Widget, can_focus=True):
    """A one-line input that draws right-to-left text as tandem draws articles."""

    DEFAULT_CSS = """
    LineEditor {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    LineEditor:focus {
        background: $boost;
    }
    """

    DOWN_LEAVES = True
    """↓ gives the keyboard to the next widget (the results or list below the box)."""

    @dataclass
    class Changed(Message):
        """The text changed (typed, deleted, pasted or set)."""

        editor: LineEditor
        value: str

        @property
        def control(self) -> LineEditor:
            return self.editor

    @dataclass
    class Submitted(Message):
        """Enter."""

        editor: LineEditor
        value: str

        @property
        def control(self) -> LineEditor:
            return self.editor

    def __init__(
        self,
        value: str = "",
        placeholder: str = "",
        *,
        bidi: str = "app",
        opener: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._opener = opener
        """The key that brings the keyboard here (``/``): typed into an empty
        line it does nothing, so pressing it out of habit leaves no stray ``/``."""
        self._buffer = LineBuffer(clean_typed(value), len(clean_typed(value)))
        self.placeholder = placeholder
        self._bidi = bidi
        self._selected = False
        """The whole text is selected: the next character typed replaces it."""
        self._return_to: Widget | None = None
        """Who had the keyboard before :meth:`take_keyboard`."""

    # -- state -------------------------------------------------------------------

    @property
    def value(self) -> str:
        return self._buffer.text

    @value.setter
    def value(self, value: str) -> None:
        self._set(LineBuffer(clean_typed(value), len(clean_typed(value))))
        self._selected = False

    @property
    def cursor_position(self) -> int:
        return self._buffer.cursor

    def take_keyboard(self) -> None:
        """Focus now, not after the current message (``focus()`` defers it): the
        app hands out the next key as soon as this one is handled, and it must
        come here, not to the widget that had the keyboard."""
        focused = self.screen.focused
        if focused is not self:
            self._return_to = focused
        self.screen.set_focus(self)

    def give_back_keyboard(self) -> None:
        """Focus, now, the widget that had the keyboard before :meth:`take_keyboard`
        (the next key typed after Esc must not land in a box being hidden)."""
        back = self._return_to
        self._return_to = None
        if self.has_focus:
            self.screen.set_focus(back if back is not None and back.is_attached and back.focusable else None)

    def set_bidi(self, bidi: str) -> None:
        self._bidi = bidi
        self.refresh()

    def select_all(self) -> None:
        """Show the text selected: typing replaces it, a movement key keeps it."""
        self._selected = bool(self._buffer.text)
        self.refresh()

    def insert(self, typed: str) -> None:
        """Insert ``typed`` at the cursor (replacing the text if it is selected)."""
        base = LineBuffer() if self._selected else self._buffer
        self._selected = False
        self._set(base.insert(typed))

    def submit(self) -> None:
        """Enter: posts :class:`Submitted`. A subclass that moves the keyboard
        on Enter does it here, before the next key is handed out."""
        self.post_message(self.Submitted(self, self._buffer.text))

    def _set(self, buffer: LineBuffer) -> None:
        changed = buffer.text != self._buffer.text
        self._buffer = buffer
        self.refresh()
        if changed:
            self.post_message(self.Changed(self, buffer.text))

    # -- keys ----------------------------------------------------------------------

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self._selected = False
            self.refresh()
            self.submit()
            return
        from tui.direction import base_direction

        rtl = base_direction(self._buffer.text) == "rtl"
        printable = typable(event.character)
        if printable and not self._buffer.text and event.character == self._opener:
            event.stop()
            event.prevent_default()
            return
        if self._selected and printable:
            self.insert(event.character or "")
        else:
            if self._selected and event.key in ("backspace", "delete", "ctrl+h", "ctrl+d"):
                self._selected = False
                self._set(LineBuffer())
                event.stop()
                event.prevent_default()
                return
            result = edit(self._buffer, event.key, event.character if printable else None, rtl)
            if result is None:
                if event.key == "down" and self.DOWN_LEAVES:
                    event.stop()
                    event.prevent_default()
                    self.screen.focus_next()  # to the list below, now
                return  # not an editing key: bindings (Esc, Tab, ↑…) get it
            self._selected = False
            self._set(result)
        event.stop()
        event.prevent_default()

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        if event.text:
            self.insert(" ".join(event.text.splitlines()))

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # -- drawing ---------------------------------------------------------------------

    def render(self) -> Text:
        width = self.content_size.width or 40
        return draw_line(
            self._buffer,
            width,
            self._bidi,
            active=self.has_focus,
            placeholder=self.placeholder,
            selected=self._selected and self.has_focus,
        )
