"""Annotating: the inline editor (label by one key, a note) and the notes screen.

Everything the analyst types is saved by :class:`tui.notes.store.NotesStore`
in its own committed transaction the moment Enter is pressed; these widgets
only collect it. Text from notes and articles is shown as ``Text``, inert.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static

from tui.inert import inert
from tui.notes.labels import LabelSet
from tui.notes.placing import Placed
from tui.ui.display import one_line
from tui.ui.fitted_list import FittedList


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """What the editor returns on Enter."""

    label: str
    note: str


class NoteEditor(ModalScreen[NoteEdit | None]):
    """Bottom-docked editor: press a label key, type a note, Enter saves, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]
    AUTO_FOCUS = ""
    """Nothing focused at first: the next key press chooses the label."""

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
    """

    def __init__(self, target: str, labels: LabelSet, label: str | None = None, note: str = "") -> None:
        super().__init__()
        self._target = target
        self._labels = labels
        self._label = label
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Text(self._target, no_wrap=True, overflow="ellipsis"), id="note-target")
            yield Static(self._labels_text(), id="note-labels")
            yield Input(value=self._note, placeholder="note (optional) — Enter saves, Esc cancels", id="note-input")

    def _labels_text(self) -> Text:
        text = Text("label: ", style="bold")
        for key, name in self._labels.items:
            style = "reverse bold" if name == self._label else ""
            text.append(f" {key} {name} ", style=style)
            text.append(" ")
        if self._label is None:
            text.append("  ← press a key", style="dim italic")
        return text

    def on_mount(self) -> None:
        # Label keys are read before the note box takes the keyboard, also when
        # editing (Enter keeps the label and goes on to the note).
        self.set_focus(None)

    def on_key(self, event) -> None:
        note_input = self.query_one(Input)
        if note_input.has_focus:
            return
        name = self._labels.by_key(event.character or "")
        if name is not None:
            event.stop()
            self._label = name
            self.query_one("#note-labels", Static).update(self._labels_text())
            note_input.focus()
        elif event.key == "enter" and self._label is not None:
            event.stop()
            note_input.focus()

    @on(Input.Submitted, "#note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._label is None:
            self.notify("Choose a label first: " + self._labels.describe(), severity="warning", timeout=3)
            self.set_focus(None)
            return
        self.dismiss(NoteEdit(self._label, event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


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
    if annotation.note:
        text.append("\n" + " " * 11 + "✎ ", style="dim")
        text.append(one_line(annotation.note, cells - 13, "app"), style="italic")
    return text


def matches_filter(placed: Placed, query: str) -> bool:
    """``label:X lang:xx article:ID`` terms and free words, all must match."""
    annotation = placed.annotation
    haystack = " ".join([annotation.quote, annotation.note, annotation.article_id]).casefold()
    for term in query.split():
        key, _, value = term.partition(":")
        value = value.casefold()
        if value and key == "label":
            if not annotation.label.casefold().startswith(value):
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


class NotesScreen(Screen[Placed | None]):
    """Every annotation, filterable; Enter jumps to it."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("slash", "focus_filter", "Filter"),
    ]

    DEFAULT_CSS = """
    #notes-filter { dock: top; }
    #notes-list { height: 1fr; }
    #notes-summary { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, placed: list[Placed], bidi: str, problem: str | None = None) -> None:
        super().__init__()
        self._all = placed
        self._bidi = bidi
        self._problem = problem

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: label:disputed lang:ar article:002 words…", id="notes-filter")
        yield Static(id="notes-summary")
        yield FittedList(lambda placed, cells: describe_placed(placed, self._bidi, cells), id="notes-list")
        yield Footer()

    def on_mount(self) -> None:
        self._apply("")
        self._list().focus()

    def _list(self) -> FittedList[Placed]:
        return self.query_one("#notes-list", FittedList)

    @on(Input.Changed, "#notes-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._apply(event.value)

    @on(Input.Submitted, "#notes-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self._list().focus()

    def _apply(self, query: str) -> None:
        shown = [p for p in self._all if matches_filter(p, query)]
        self._list().set_items(shown)
        orphans = sum(1 for p in self._all if p.status == "orphaned")
        summary = f"{len(shown)} of {len(self._all)} annotations"
        if orphans:
            summary += f" · {orphans} orphaned (their text is gone; kept, never dropped)"
        if self._problem:
            summary = self._problem
        self.query_one("#notes-summary", Static).update(Text(inert(summary)))

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        placed = self._list().item(event.option)
        if placed is not None:
            self.dismiss(placed)

    def action_focus_filter(self) -> None:
        self.query_one("#notes-filter", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
