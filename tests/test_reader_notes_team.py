"""A team's notes in the reader (issue 16) and editing from ``A`` (issue 12 item 21).

Against both back-ends where the behaviour differs (a SQLite file shared by
two stores; the PostgreSQL test server, LISTEN/NOTIFY): a colleague's note
appears by itself with its author, ``by:`` filters the list, a conflicting
edit is shown with both versions and nothing typed is lost; from ``A`` an
annotation is edited, deleted and the deletion undone; the store opens in a
thread, so a slow or unreachable server neither holds up the first paint nor
loses a note typed meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import screen_text, seed, settle

from tui.loading import discover, load_article
from tui.notes.anchor import select
from tui.notes.backend import NotesBackend
from tui.notes.model import new_annotation
from tui.notes.opening import open_notes_store
from tui.ui.app import TandemApp
from tui.ui.notes import ConflictScreen, NoteEditor, NotesScreen
from tui.ui.reader import ReaderScreen


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


async def until(pilot, condition: Callable[[], bool], rounds: int = 1500) -> None:
    """Let the app run until ``condition()`` holds (checked every 20 ms, a bounded
    number of times: if it never holds the test fails on its next assertion)."""
    for _ in range(rounds):
        if condition():
            return
        await asyncio.sleep(0.02)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def location(request, tmp_path: Path) -> str:
    """Where the team's notes are: a SQLite file, or a schema on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "notes.sqlite3")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def unsaved(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "unsaved.jsonl"
    monkeypatch.setenv("TANDEM_UNSAVED_NOTES", str(path))
    return path


@pytest.fixture
def colleague(location: str) -> Iterator[NotesBackend]:
    """Bob, annotating the same articles from his own tandem."""
    with open_notes_store(location, author="bob") as store:
        yield store


def bob_notes(store: NotesBackend, paragraph: int, label: str, note: str) -> str:
    article = load_article(seed("002"))
    return store.save(new_annotation(article, select(article, paragraph), label, note)).id


async def test_a_colleagues_note_appears_with_its_author_and_by_filters(location: str, colleague: NotesBackend):
    app = TandemApp(discover([seed("002")]), notes_db=location, author="alice")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a", "1", *"mine", "enter")  # alice's own note on ¶1
        await pilot.pause()
        assert "note: verified “mine” by alice" in status(app)
        bob_notes(colleague, 1, "disputed", "source?")
        await pilot.press("j")
        await until(pilot, lambda: "by bob" in status(app))
        assert "note: disputed “source?” by bob" in status(app)
        assert any("bob saved a note" in n.message for n in app._notifications)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        text = screen_text(app)
        assert "2 of 2 annotations" in text and "by alice" in text and "by bob" in text
        await pilot.press("slash", *"by:bo")
        await pilot.pause()
        assert "1 of 2 annotations" in screen_text(app)
        assert "source?" in screen_text(app) and "mine" not in screen_text(app)
        bob_notes(colleague, 2, "important", "late news")  # the open list follows too
        await until(pilot, lambda: "late news" in screen_text(app))
        assert "2 of 3 annotations" in screen_text(app)


async def test_a_conflicting_edit_shows_both_versions_and_keeps_mine(
    location: str, colleague: NotesBackend, unsaved: Path
):
    note_id = bob_notes(colleague, 0, "disputed", "first words")
    app = TandemApp(discover([seed("002")]), notes_db=location, author="alice")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "by bob" in status(app))
        # Alice starts editing; Bob saves the same note meanwhile.
        await pilot.press("a", "enter", "ctrl+u", *"alice's view")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        colleague.update(note_id, note="bob changed it")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        shown = screen_text(app)
        assert "bob changed it" in shown and "alice's view" in shown and "Edit conflict" in shown
        assert colleague.get(note_id).note == "bob changed it", "never silently overwritten"
        await pilot.press("t")  # keep theirs: mine goes to the unsaved file
        await until(pilot, lambda: unsaved.exists())
        assert isinstance(app.screen, ReaderScreen)
        (kept,) = [json.loads(line) for line in unsaved.read_text().splitlines()]
        assert (kept["id"], kept["note"]) == (note_id, "alice's view")
        assert colleague.get(note_id).note == "bob changed it"
        # Again, and this time mine wins, knowingly.
        await until(pilot, lambda: "bob changed it" in status(app))
        await pilot.press("a", "enter", "ctrl+u", *"final")
        colleague.update(note_id, note="bob again")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        await pilot.press("m")
        await until(pilot, lambda: colleague.get(note_id).note == "final")
    stored = colleague.get(note_id)
    assert (stored.note, stored.author) == ("final", "bob"), "the author stays the note's creator"


async def test_edit_delete_and_undo_from_the_notes_screen(tmp_path: Path):
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("002")]), notes_db=db, author="alice")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a", "1", *"one", "enter", "j", "a", "2", *"two", "enter")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "Edit" in footer and "Delete" in footer and "Undo" in footer
        assert "2 of 2 annotations" in screen_text(app)
        await pilot.press("down", "d")  # from the filter (it has the keyboard) to the list; the first entry: "one"
        await pilot.pause()
        assert "1 of 1 annotations" in screen_text(app) and "one" not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert "2 of 2 annotations" in screen_text(app) and "one" in screen_text(app)
        await pilot.press("down", "e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("3", "ctrl+u", *"edited in A", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        assert "edited in A" in screen_text(app) and "false" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "note: false “edited in A” by alice" in status(app)  # still on ¶2 in the reader
    from tui.notes.store import NotesStore

    with NotesStore(db) as store:
        assert sorted((a.label, a.note) for a in store.list()) == [("false", "edited in A"), ("verified", "one")]


async def test_a_note_typed_while_the_store_opens_is_saved_once_it_is_open(tmp_path: Path, monkeypatch):
    """The store takes its time (a server far away): the reader is usable,
    ``a`` says so, and the note is saved when the store is there."""
    import tui.notes.opening as opening

    gate = threading.Event()
    real = opening.open_notes_store

    def slow(*args, **kwargs):
        gate.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(opening, "open_notes_store", slow)
    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("002")]), notes_db=db)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: app.notes_opening)
        await pilot.press("j", "a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert any("notes store opening" in n.message for n in app._notifications)
        await pilot.press("5", *"typed ahead", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert not db.exists() or app.notes_store() is None
        gate.set()
        await until(pilot, lambda: "typed ahead" in status(app))
        assert "note: important “typed ahead”" in status(app)
        await settle(pilot)
    from tui.notes.store import NotesStore

    with NotesStore(db) as store:
        assert [(a.label, a.note, a.paragraph) for a in store.list()] == [("important", "typed ahead", 1)]


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A URL whose 'server' accepts connections and never answers (a hung host)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    port = sock.getsockname()[1]
    yield f"postgresql://alice@127.0.0.1:{port}/team?connect_timeout=2"
    sock.close()


async def test_an_unreachable_server_neither_blocks_the_reader_nor_loses_a_typed_note(
    silent_server: str, unsaved: Path
):
    app = TandemApp(discover([seed("002")]), notes_db=silent_server)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: app.notes_opening)
        # The reader reads and moves while the connection waits for its timeout.
        await pilot.press("j")
        await pilot.pause()
        assert "¶ 2/" in status(app) and app.notes_opening
        await pilot.press("a", "2", *"kept anyway", "enter")
        await until(pilot, lambda: unsaved.exists())
        assert isinstance(app.screen, ReaderScreen)
        assert app.notes_problem and "cannot reach the notes server" in app.notes_problem
        (kept,) = [json.loads(line) for line in unsaved.read_text().splitlines()]
        assert (kept["label"], kept["note"], kept["paragraph"]) == ("disputed", "kept anyway", 1)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen), "refused plainly once the store is known to be unusable"


def test_by_filters_on_the_start_of_the_author_case_blind():
    from tui.notes.placing import place_all
    from tui.ui.notes import matches_filter

    article = load_article(seed("002"))
    notes = [
        replace(new_annotation(article, select(article, i), label, note), author=author)
        for i, (label, note, author) in enumerate(
            [("disputed", "x", "Bob"), ("verified", "y", "bobby"), ("disputed", "z", "alice"), ("false", "w", "")]
        )
    ]
    placed = place_all(notes, articles=[article])

    def shown(query: str) -> list[str]:
        return [p.annotation.author for p in placed if matches_filter(p, query)]

    assert shown("by:bob") == ["Bob", "bobby"]
    assert shown("by:BOBB") == ["bobby"]
    assert shown("by:bob label:disputed") == ["Bob"]
    assert shown("author:al") == ["alice"]
    assert shown("by:nobody") == []
    assert shown("alice") == ["alice"], "a free word finds the author too"


async def test_a_note_deleted_by_a_colleague_while_edited_can_be_brought_back(tmp_path: Path):
    db = str(tmp_path / "notes.sqlite3")
    with open_notes_store(db, author="bob") as bob:
        note_id = bob_notes(bob, 0, "disputed", "bob's")
        app = TandemApp(discover([seed("002")]), notes_db=db, author="alice")
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("a", "1", "ctrl+u", *"still true")
            bob.delete(note_id)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ConflictScreen))
            assert "deleted" in screen_text(app) and "still true" in screen_text(app)
            await pilot.press("m")
            await until(pilot, lambda: "still true" in status(app))
        restored = bob.get(note_id)
    assert restored is not None and (restored.label, restored.note) == ("verified", "still true")


@pytest.mark.postgres
async def test_the_reader_carries_on_after_the_server_cut_its_connections(pg_url: str, pg_server_url: str):
    """Connections cut while idle (a server restart, a firewall): the next save
    reconnects, and colleagues' notes still arrive (the listener reconnects)."""
    import psycopg

    app = TandemApp(discover([seed("002")]), notes_db=pg_url, author="alice")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            cut = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'tandem%'"
            ).fetchall()
        assert len(cut) >= 2, "the store's connection and its listener"
        await pilot.press("a", "2", *"after the cut", "enter")
        await until(pilot, lambda: "after the cut" in status(app))
        with open_notes_store(pg_url, author="bob") as bob:
            bob_notes(bob, 1, "verified", "bob too")
            await pilot.press("j")
            await until(pilot, lambda: "by bob" in status(app))
            assert "bob too" in status(app)
            assert [a.note for a in bob.list()] == ["after the cut", "bob too"]


async def test_the_claims_panel_names_the_author_and_a_conflict_fits_80x24(tmp_path: Path, unsaved: Path):
    db = str(tmp_path / "notes.sqlite3")
    app = TandemApp(discover([seed("002")]), notes_db=db, author="alice")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("J")
        await pilot.pause()
        await pilot.press("a", "1", *"mine", "enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "✎ verified · alice" in screen_text(app)
        await pilot.press("c")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        with open_notes_store(db, author="bob") as bob:
            (note,) = bob.list()
            await pilot.press("a", "enter", "ctrl+u", *"my words")
            await pilot.pause()
            bob.update(note.id, note="bob's words")
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ConflictScreen))
            text = screen_text(app)
            assert "bob's words" in text and "my words" in text and "keep theirs" in text
            await pilot.press("escape")
            await until(pilot, lambda: unsaved.exists())
            assert bob.get(note.id).note == "bob's words"
    assert json.loads(unsaved.read_text())["note"] == "my words"


async def test_while_the_store_does_not_answer_notes_are_kept_and_the_reader_never_waits(tmp_path: Path, unsaved: Path):
    """What the following thread reports (tui.notes.live.follow's ``on_problem``)
    decides: while the store does not answer, a note is kept in the unsaved
    file at once (asking the store on the event loop could hang for the
    connect timeout), ``u`` says why; when it answers again, all is as before."""
    from tui.ui.annotations import Annotations

    db = tmp_path / "notes.sqlite3"
    app = TandemApp(discover([seed("002")]), notes_db=db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        annotations = app.screen.query_one(Annotations)
        annotations.post_message(Annotations.Trouble("db.example.org: cannot reach the notes server"))
        await pilot.pause()
        assert any("cannot reach" in n.message for n in app._notifications)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor), "typing is never refused once the store was open"
        await pilot.press("4", *"offline", "enter")
        await until(pilot, lambda: unsaved.exists())
        assert json.loads(unsaved.read_text())["note"] == "offline"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        annotations.post_message(Annotations.Trouble(None))
        await pilot.pause()
        assert any("answers again" in n.message for n in app._notifications)
        await pilot.press("a", "4", *"online", "enter")
        await until(pilot, lambda: "online" in status(app))
    from tui.notes.store import NotesStore

    with NotesStore(db) as store:
        assert [a.note for a in store.list()] == ["online"]


async def test_a_store_that_fails_to_open_unexpectedly_still_keeps_the_typed_note(
    tmp_path: Path, monkeypatch, unsaved: Path
):
    import tui.notes.opening as opening

    gate = threading.Event()

    def broken(*args, **kwargs):
        gate.wait(60)
        raise ImportError("no module named 'psycopg'")

    monkeypatch.setattr(opening, "open_notes_store", broken)
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "notes.sqlite3")
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: app.notes_opening)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press("3", *"not lost", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        gate.set()
        await until(pilot, lambda: unsaved.exists())
        assert app.notes_problem and "psycopg" in app.notes_problem
    assert json.loads(unsaved.read_text())["note"] == "not lost"
