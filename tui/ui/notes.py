"""Annotating: the inline editor (label by one key, a note), the notes screen, edit conflicts.

Everything the analyst types is saved by the notes store in its own committed
transaction the moment Enter is pressed; these screens only collect it and
hand it back (:mod:`tui.ui.annotations` saves). The notes screen (``A``) is
given what it may do to an entry as callbacks (:class:`NoteActions`: edit,
delete, undo), never the reader; it is refreshed through
:meth:`NotesScreen.set_placed`. Text from notes and articles is shown as
``Text``, inert.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static

from tui.inert import inert
from tui.notes.labels import LabelSet
from tui.notes.model import Annotation
from tui.notes.placing import Placed
from tui.ui.display import one_line
from tui.ui.fitted_list import FittedList
from tui.ui.line_editor import LineBuffer, LineEditor, edit
from tui.ui.prompts import OwnKeysScreen


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """What the editor returns on Enter."""

    label: str
    note: str


class NoteField(Static):
    """The note being typed: one line, laid out for its direction, with a cursor.

    The editor screen owns every keystroke (see :class:`NoteEditor`); this
    widget only shows the text. Right-to-left notes are shaped and put in
    visual order by :mod:`tui.rtl` in app bidi mode, so an Arabic note reads
    as typed in terminals that do no bidi.
    """

    def show(self, text: str, cursor: int, bidi: str, placeholder: str, active: bool) -> None:
        if not text:
            shown = Text("▏" if active else "", style="bold")
            shown.append(placeholder, style="dim italic")
            self.update(shown)
            return
        from tui.direction import base_direction
        from tui.rtl import layout, styled_ranges
        from tui.ui.line_editor import draw_line

        width = max(8, self.size.width or 78)
        clean = inert(text)
        lines = layout(clean, width, direction=base_direction(clean), mode=bidi)  # type: ignore[arg-type]
        if len(lines) == 1 and cell_len(clean) < width:
            # One line: drawn as every text box is, the cursor beside the last
            # letter typed on its writing side (left of a final Arabic letter).
            self.update(draw_line(LineBuffer(text, cursor), width, bidi, active=active))
            return
        at = min(cursor, len(clean))
        out = Text(no_wrap=True)
        for n, line in enumerate(lines[-3:]):
            if n:
                out.append("\n")
            for piece, names in styled_ranges(line, [(at, at + 1, "cursor")] if active else []):
                out.append(piece, style="reverse" if names else "")
        if active and at >= len(clean):
            out.append("▏", style="bold")
        self.update(out)


class NoteEditor(OwnKeysScreen[NoteEdit]):
    """Bottom-docked editor: press a label key, type a note, Enter saves, Esc cancels.

    Every key typed after ``a`` must reach the note in order, at any typing
    speed and under load. So nothing in this screen takes the keyboard: no
    widget is focusable and the screen itself reads each key, in the order the
    terminal sent them — first the label (one key; Enter keeps an existing
    label), then the note (a small line editor: characters, Backspace, Delete,
    ←/→, Home/End, Ctrl+U, paste). A focus hand-over from a label widget to an
    input, as before, dropped or reordered keys that arrived between the two.
    The line editing is the text boxes' own (:func:`tui.ui.line_editor.edit`).
    """

    DEFAULT_CSS = """
    NoteEditor {
        align: center bottom;
        background: $background 30%;
    }
    #note-box {
        width: 100%;
        height: auto;
        background: $surface;
        border-top: tall $accent;
        padding: 0 1;
    }
    #note-labels { height: auto; }
    #note-target { height: auto; max-height: 3; color: $text-muted; }
    #note-text { height: auto; min-height: 1; max-height: 3; background: $panel; padding: 0 1; }
    """

    PLACEHOLDER = "note (optional) — Enter saves, Esc cancels"

    def __init__(
        self, target: str, labels: LabelSet, label: str | None = None, note: str = "", bidi: str = "app"
    ) -> None:
        super().__init__()
        self._target = target
        self._labels = labels
        self._label = label
        self._line = LineBuffer(note, len(note))
        self._bidi = bidi
        self._typing = False
        """False while the label is being chosen, True once the note is."""

    @property
    def label(self) -> str | None:
        return self._label

    @property
    def text(self) -> str:
        return self._line.text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Text(self._target, no_wrap=True, overflow="ellipsis"), id="note-target")
            yield Static(self._labels_text(), id="note-labels")
            yield NoteField(id="note-text")

    def on_mount(self) -> None:
        self._redraw()

    def _labels_text(self) -> Text:
        text = Text("label: ", style="bold")
        for key, name in self._labels.items:
            style = "reverse bold" if name == self._label else ""
            text.append(f" {key} {name} ", style=style)
            text.append(" ")
        if not self._typing:
            hint = "  ← press a key" if self._label is None else "  ← a key changes it, Enter keeps it"
            text.append(hint, style="dim italic")
        return text

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#note-labels", Static).update(self._labels_text())
        self.query_one(NoteField).show(self._line.text, self._line.cursor, self._bidi, self.PLACEHOLDER, self._typing)

    def read_key(self, event: events.Key) -> None:
        if not self._typing:
            self._choose_label(event)
        else:
            self._edit(event)
        self._redraw()

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        if self._typing:
            self._line = self._line.insert(" ".join(event.text.splitlines()))
            self._redraw()

    def _choose_label(self, event: events.Key) -> None:
        name = self._labels.by_key(event.character or "")
        if name is not None:
            self._label = name
            self._typing = True
        elif event.key == "enter" and self._label is not None:
            self._typing = True
        elif event.key == "enter" or event.is_printable:
            self.notify("Choose a label first: " + self._labels.describe(), severity="warning", timeout=3)

    def _edit(self, event: events.Key) -> None:
        if event.key == "enter":
            assert self._label is not None
            self.close(NoteEdit(self._label, self._line.text))
            return
        # ←/→ move through the text in logical order, as they always have in notes.
        edited = edit(self._line, event.key, event.character, rtl=False)
        if edited is not None:
            self._line = edited


def describe_placed(placed: Placed, bidi: str, cells: int = 100) -> Text:
    """Lines for the notes screen, each at most ``cells`` wide: label, where
    and the quote (on a line of its own when the first is full), then the note."""
    annotation = placed.annotation
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{annotation.label:<11}", style="bold")
    where = annotation.article_id
    if placed.attachment.paragraph is not None:
        where += f" ¶{placed.attachment.paragraph + 1}"
    text.append(one_line(where, max(1, cells - 16), "app") + " ", style="dim")
    if annotation.language:
        text.append(f"{annotation.language:<3}", style="dim")
    if placed.status == "orphaned":
        text.append("ORPHANED ", style="bold red")
    elif placed.status == "fuzzy":
        text.append("moved/edited ", style="yellow")
    room = cells - text.cell_len
    if room < 24:
        text.append("\n" + " " * 11)
        room = cells - 11
    text.append(one_line(annotation.quote, room, bidi))
    if annotation.note or annotation.author:
        text.append("\n" + " " * 11)
        room = cells - 11
        if annotation.author:
            by = one_line(f"by {annotation.author}", min(24, room), "app")
            text.append(by, style="dim")
            room -= cell_len(by)
        if annotation.note and room > 4:
            text.append(" ✎ " if annotation.author else "✎ ", style="dim")
            text.append(one_line(annotation.note, room - 3, "app"), style="italic")
    return text


def matches_filter(placed: Placed, query: str) -> bool:
    """``label:X lang:xx article:ID by:NAME`` terms and free words, all must match
    (``label:`` and ``by:`` match the start of the label or author)."""
    annotation = placed.annotation
    haystack = " ".join([annotation.quote, annotation.note, annotation.article_id, annotation.author]).casefold()
    for term in query.split():
        key, _, value = term.partition(":")
        value = value.casefold()
        if value and key == "label":
            if not annotation.label.casefold().startswith(value):
                return False
        elif value and key in ("by", "author"):
            if not annotation.author.casefold().startswith(value):
                return False
        elif value and key in ("lang", "language"):
            if (annotation.language or "").casefold() != value:
                return False
        elif value and key == "article":
            if value not in annotation.article_id.casefold():
                return False
        elif term.casefold() not in haystack:
            return False
    return True


@dataclass(frozen=True, slots=True)
class NoteActions:
    """What the notes screen may do to the highlighted entry; the owner of the
    annotations does it and refreshes the screen (:meth:`NotesScreen.set_placed`)."""

    edit: Callable[[Placed], None]
    delete: Callable[[Placed], None]
    undo: Callable[[], None]


class NotesScreen(Screen[Placed | None]):
    """Every annotation, filterable; Enter jumps to it, ``e`` edits, ``d`` deletes, ``u`` undoes."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
    ]

    DEFAULT_CSS = """
    #notes-filter { dock: top; }
    #notes-list { height: 1fr; }
    #notes-summary { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(
        self, placed: list[Placed], bidi: str, problem: str | None = None, actions: NoteActions | None = None
    ) -> None:
        super().__init__()
        self._all = placed
        self._bidi = bidi
        self._problem = problem
        self._actions = actions

    def compose(self) -> ComposeResult:
        yield LineEditor(
            placeholder="filter: label:disputed lang:ar article:002 words…",
            bidi=self._bidi,
            opener="/",
            id="notes-filter",
        )
        yield Static(id="notes-summary")
        yield FittedList(lambda placed, cells: describe_placed(placed, self._bidi, cells), id="notes-list")
        yield Footer()

    def on_mount(self) -> None:
        self._apply("")
        self.query_one("#notes-filter", LineEditor).take_keyboard()  # typing filters at once

    def _list(self) -> FittedList[Placed]:
        return self.query_one("#notes-list", FittedList)

    def set_placed(self, placed: list[Placed], problem: str | None = None) -> None:
        """Show ``placed`` now (after an edit, a delete, an undo, a colleague's
        change), under the same filter, keeping the highlighted line."""
        self._all = placed
        self._problem = problem
        if self.is_mounted:
            self._apply(self.query_one("#notes-filter", LineEditor).value, keep_highlight=True)

    @on(LineEditor.Changed, "#notes-filter")
    def _filter_changed(self, event: LineEditor.Changed) -> None:
        self._apply(event.value)

    @on(LineEditor.Submitted, "#notes-filter")
    def _filter_submitted(self, event: LineEditor.Submitted) -> None:
        self._list().focus()

    def _apply(self, query: str, *, keep_highlight: bool = False) -> None:
        shown = [p for p in self._all if matches_filter(p, query)]
        self._list().set_items(shown, keep_highlight=keep_highlight)
        orphans = sum(1 for p in self._all if p.status == "orphaned")
        summary = f"{len(shown)} of {len(self._all)} annotations"
        if orphans:
            summary += f" · {orphans} orphaned (their text is gone; kept, never dropped)"
        if self._problem:
            summary = self._problem
        self.query_one("#notes-summary", Static).update(Text(inert(summary)))

    def highlighted(self) -> Placed | None:
        """The entry under the cursor."""
        options = self._list()
        if options.highlighted is None:
            return None
        return options.item(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        placed = self._list().item(event.option)
        if placed is not None:
            self.dismiss(placed)

    def action_focus_filter(self) -> None:
        self.query_one("#notes-filter", LineEditor).focus()

    def action_edit(self) -> None:
        placed = self.highlighted()
        if placed is not None and self._actions is not None:
            self._actions.edit(placed)

    def action_delete(self) -> None:
        placed = self.highlighted()
        if placed is not None and self._actions is not None:
            self._actions.delete(placed)

    def action_undo(self) -> None:
        if self._actions is not None:
            self._actions.undo()

    def action_close(self) -> None:
        self.dismiss(None)


class ConflictScreen(ModalScreen[str | None]):
    """A colleague saved the note after the analyst started editing it: both
    versions, and the choice. ``m`` saves mine over theirs, ``e`` edits mine
    again, ``t`` (or Esc) keeps theirs -- and mine goes to the unsaved-notes
    file, so nothing typed is lost either way. Returns ``"mine"``, ``"edit"``
    or ``None``."""

    BINDINGS = [
        Binding("m", "choose('mine')", "Save mine over theirs"),
        Binding("e", "choose('edit')", "Edit mine again"),
        Binding("t", "choose('theirs')", "Keep theirs (mine kept in the unsaved file)"),
        Binding("escape", "choose('theirs')", "Keep theirs", show=False),
    ]

    DEFAULT_CSS = """
    ConflictScreen { align: center middle; background: $background 50%; }
    #conflict-box {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        background: $surface; border: tall $warning; padding: 0 1;
    }
    #conflict-box Static { height: auto; }
    """

    def __init__(self, theirs: Annotation, mine: NoteEdit, bidi: str = "app") -> None:
        super().__init__()
        self._theirs = theirs
        self._mine = mine
        self._bidi = bidi

    def compose(self) -> ComposeResult:
        theirs, mine = self._theirs, self._mine
        # Each line is laid out to fit the box (90% of the screen, border and
        # padding off): a line wrapped by the widget would put the halves of a
        # right-to-left note in the wrong order.
        cells = max(20, min(100, self.app.size.width * 9 // 10) - 4)
        who = one_line(theirs.author or "a colleague", 24, self._bidi)
        when = theirs.updated[:16].replace("T", " ")
        what = "deleted it" if theirs.deleted else "changed it"
        with Vertical(id="conflict-box"):
            yield Static(self._line(f"Edit conflict: {who} {what} at {when} UTC, after you began", "bold"))
            yield Static(self._line("on: " + one_line(theirs.quote, cells - 4, self._bidi)))
            yield Static(self._version(f"theirs ({who})", theirs.label, theirs.note, theirs.deleted, cells))
            yield Static(self._version("yours", mine.label, mine.note, False, cells))
            yield Static(self._line("m: save yours over theirs · e: edit yours · t/Esc: keep theirs", "dim"))
        yield Footer()

    @staticmethod
    def _line(text: str, style: str = "") -> Text:
        return Text(text, style=style, no_wrap=True, overflow="ellipsis")

    def _version(self, title: str, label: str, note: str, deleted: bool, cells: int) -> Text:
        text = Text(f"{title:<20} ", style="bold", no_wrap=True, overflow="ellipsis")
        if deleted:
            text.append("(deleted)", style="red")
            return text
        text.append(f"{label} ", style="bold")
        if note:
            text.append("✎ ", style="dim")
            text.append(one_line(note, max(1, cells - text.cell_len), self._bidi), style="italic")
        return text

    def action_choose(self, choice: str) -> None:
        self.dismiss(None if choice == "theirs" else choice)
