"""Annotating in the reader: label by key, note, undo, marks, list, jump."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, screen_text, seed, settle
from textual import events

from tui.loading import discover
from tui.notes.store import NotesStore
from tui.ui.app import TandemApp
from tui.ui.notes import NotesScreen
from tui.ui.parallel import ParallelView
from tui.ui.reader import ReaderScreen


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


async def test_annotate_claim_with_label_and_note_then_undo(tmp_path: Path):
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("002")]), notes_db=db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        while "quantity 73" not in status(app):
            await pilot.press("J")
        await pilot.press("a")
        await pilot.pause()
        assert "press a key" in screen_text(app)
        await pilot.press("2", *"zwei Quellen?", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert "note: disputed “zwei Quellen?”" in status(app)
        with NotesStore(db) as store:
            (saved,) = store.list()
        assert saved.label == "disputed" and saved.note == "zwei Quellen?"
        assert saved.quote == "73 Triebwagen" and saved.paragraph == 8 and saved.claim_kind == "quantity"
        # Marked in both columns, in the gutters, a space from the text (issue 12
        # item 12: "D20" read like a value): the row mark is the label's initial.
        line = view.render_line(view.row_top(8) - view.scroll_offset.y).text
        assert line.startswith("▌D ") and " │D " in line, line
        # Edit: same claim, new label; then undo back to disputed, then undo the creation.
        await pilot.press("a", "1", "enter")
        await pilot.pause()
        assert "note: verified" in status(app)
        await pilot.press("u")
        await pilot.pause()
        assert "note: disputed" in status(app)
        await pilot.press("u")
        await pilot.pause()
        assert "note:" not in status(app)
        with NotesStore(db) as store:
            assert store.list() == []
            assert store.count(include_deleted=True) == 1, "undone creation stays as a tombstone"


async def test_escape_cancels_and_paragraph_annotation(tmp_path: Path):
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("001")]), notes_db=db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "a", "3", *"draft", "escape")
        await pilot.pause()
        with NotesStore(db) as store:
            assert store.list() == [], "Esc saves nothing"
        await pilot.press("a", "5", "enter")
        await pilot.pause()
        with NotesStore(db) as store:
            (saved,) = store.list()
        assert saved.label == "important" and saved.start is None and saved.paragraph == 1
        assert saved.language == "fa"


async def test_notes_screen_filters_and_jumps(tmp_path: Path):
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([SEEDS]), notes_db=db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "a", "1", *"ar note", "enter")
        await pilot.press("greater_than_sign", "greater_than_sign", "G", "a", "2", "enter")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        text = screen_text(app)
        assert "2 of 2 annotations" in text and "verified" in text and "disputed" in text
        await pilot.press("slash", *"lang:ar")
        await pilot.pause()
        assert "1 of 2 annotations" in screen_text(app)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ParallelView)
        assert view.article_id.startswith("000") and view.current == 2


async def test_markup_in_a_note_is_stored_verbatim_and_shown_inert(tmp_path: Path):
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("002")]), notes_db=db)
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a", "4", *"[bold]x[/bold] [@click=app.quit]y", "enter")
        await pilot.pause()
        assert "[bold]x[/bold] [@click=app.quit]y" in status(app)
        with NotesStore(db) as store:
            assert store.list()[0].note == "[bold]x[/bold] [@click=app.quit]y"


async def test_foreign_database_is_reported_and_never_overwritten(tmp_path: Path):
    db = tmp_path / "notes.sqlite3"
    db.write_bytes(b"this is not a database, but it is somebody's file\n" * 10)
    before = db.read_bytes()
    app = TandemApp(discover([seed("002")]), notes_db=db)
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen), "no editor when notes cannot be saved"
        assert app.notes_problem and "untouched" in app.notes_problem
    assert db.read_bytes() == before


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_notes_screen_entries_fit_their_width_and_follow_resizes(tmp_path: Path, size):
    """Entries are cut to the list's width, never wrapped by it: a wrapped
    Arabic quote would come out with its halves swapped."""
    from rich.cells import cell_len
    from textual.widgets import OptionList

    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([SEEDS]), notes_db=db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("j", "a", "2", *"long Arabic paragraph " * 5, "enter")
        await pilot.press("greater_than_sign", "greater_than_sign", "j", "a", "1", "enter")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()

        def widest() -> tuple[int, int]:
            options = app.screen.query_one("#notes-list", OptionList)
            room = options.scrollable_content_region.width  # a scrollbar shown is already left out
            lines = [
                line
                for i in range(options.option_count)
                for line in options.get_option_at_index(i).prompt.plain.split("\n")
            ]
            assert len(lines) >= 3 and any("…" in line for line in lines)
            return max(cell_len(line) for line in lines), room

        used, room = widest()
        assert used <= room
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        used, room = widest()
        assert used <= room


LABEL_KEYS = {"1": "verified", "2": "disputed", "3": "false", "4": "unverified", "5": "important"}


def burst(app, keys: list[str]) -> None:
    """Queue every key at once, as a fast typist or a paste would: no pause,
    no waiting for the reader between keys."""
    from textual import events

    names = {"enter": "\r", "space": " "}
    for key in keys:
        app.post_message(events.Key(key, names.get(key, key if len(key) == 1 else None)))


@pytest.mark.parametrize("round_", range(3))
async def test_every_key_after_a_reaches_the_note_in_a_burst(tmp_path: Path, round_: int):
    """``j a 5 z z 1 Enter`` typed with no pause, eight times over: every note
    is stored with the label and the text typed (issue 11: 3 of 8 were)."""
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("002")]), notes_db=db)
    expected: dict[int, tuple[str, str]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        keys: list[str] = []
        for n in range(8):
            label = "12345"[(n + round_) % 5]
            text = f"zz{n}" + ("" if n % 2 else " ok")
            keys += ["j", "a", label, *text.replace(" ", "\0"), "enter"]
            expected[n + 1] = (LABEL_KEYS[label], text)
        burst(app, ["space" if k == "\0" else k for k in keys])
        await until(pilot, lambda: _all_saved(db, len(expected)))
        assert isinstance(app.screen, ReaderScreen)
    with NotesStore(db) as store:
        saved = {a.paragraph: (a.label, a.note) for a in store.list()}
    assert saved == expected


async def test_a_burst_of_keys_sets_no_timer_per_key(tmp_path: Path, monkeypatch):
    """The safety release behind each key is one timer, reset, not a new
    timer (an asyncio task) per keypress."""
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "notes.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("j")  # the first key may make the one timer
        timers: list[str] = []
        for name in ("set_timer", "set_interval"):
            made = getattr(app, name)
            monkeypatch.setattr(app, name, lambda *a, made=made, name=name, **k: timers.append(name) or made(*a, **k))
        burst(app, ["j"] * 6)
        await until(pilot, lambda: view.current == 7)
        assert view.current == 7
        assert timers == []


async def test_a_key_whose_marker_is_lost_still_lets_the_next_ones_go(tmp_path: Path, monkeypatch):
    """A marker that never comes back (its widget went) holds the next key
    only until the safety release: every key typed still arrives, in order."""
    import tui.ui.app as app_module

    class Lost(app_module.KeyHandled, bubble=False):
        """Stops at the widget it was sent to: never back at the app."""

    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "notes.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        monkeypatch.setattr(app_module, "KEY_RELEASE", 0.05)
        monkeypatch.setattr(app_module, "KeyHandled", Lost)
        burst(app, ["j", "j", "j", "k"])
        await until(pilot, lambda: view.current == 2 and not app._typed)
        assert view.current == 2 and not app._typed


async def until(pilot, condition, rounds: int = 3000) -> None:
    """Let the app run until ``condition()`` holds, checking every 20 ms (a
    bounded number of rounds: a lost key leaves the condition false and the
    test fails on its assertion instead of hanging). Not ``pilot.pause()``:
    it waits for the current screen's widgets, and the burst keeps opening
    and closing the editor screen meanwhile."""
    import asyncio

    for _ in range(rounds):
        if condition():
            break
        await asyncio.sleep(0.02)
    await pilot.app.workers.wait_for_complete()


def _all_saved(db: Path, count: int) -> bool:
    if not db.exists():
        return False
    with NotesStore(db) as store:
        return len(store.list()) >= count


async def test_label_key_then_typing_then_enter_before_the_editor_draws(tmp_path: Path):
    """``a 5 u u Enter`` in one burst saves 'important' with the note 'uu'
    (issue 11: it left the editor waiting and saved nothing)."""
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("002")]), notes_db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, ["j", "a", "5", "u", "u", "enter"])
        await until(pilot, lambda: _all_saved(db, 1))
        assert isinstance(app.screen, ReaderScreen)
    with NotesStore(db) as store:
        (note,) = store.list()
    assert (note.label, note.note, note.paragraph) == ("important", "uu", 1)


async def test_note_editor_edits_in_place_and_shows_arabic_shaped(tmp_path: Path):
    """The editor is a small line editor of its own: ←, Backspace and Home
    work; an Arabic note is shown shaped, in visual order (app bidi)."""
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("002")]), notes_db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", "3", *"abd", "left", "backspace", "c", "home", "x")
        await pilot.pause()
        from tui.ui.notes import NoteEditor

        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert (editor.label, editor.text) == ("false", "xacd")
        await pilot.press("end", "ctrl+u", *"سلام")
        await pilot.pause()
        shown = screen_text(app)
        assert "ﻡﻼﺳ" in shown, shown  # shaped and reversed: reads right to left
        await pilot.press("enter")
        await pilot.pause()
    with NotesStore(db) as store:
        (note,) = store.list()
    assert (note.label, note.note) == ("false", "سلام")


async def test_a_persian_note_keeps_its_zero_width_non_joiner(tmp_path: Path):
    """ZWNJ (U+200C) is a letter-joining control Persian spelling needs
    ("می‌خواهم"); the editor dropped it as unprintable."""
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("001")]), notes_db=db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", "1", *"می")
        # Pilot cannot name this key's character; a terminal sends it as this event.
        zwnj = events.Key("zero_width_non_joiner", "\u200c")
        zwnj.set_sender(app)
        app._driver.send_message(zwnj)
        await pilot.pause()
        await pilot.press(*"خواهم", "enter")
        await pilot.pause()
    with NotesStore(db) as store:
        (saved,) = store.list()
    assert saved.note == "می\u200cخواهم"
