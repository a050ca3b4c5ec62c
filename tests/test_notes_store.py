"""The notes database: saving, undo, refusing foreign or corrupt files, concurrency, crashes."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, seed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.loading import load_article
from tui.notes import store as store_module
from tui.notes.anchor import select
from tui.notes.model import Annotation, new_annotation, parse_time
from tui.notes.store import (
    APPLICATION_ID,
    NotesDatabaseError,
    NotesStore,
    UndoConflict,
    default_db_path,
    resolve_db_path,
)


def annotation(article_seed: str = "002", paragraph: int = 1, label: str = "disputed", note: str = "") -> Annotation:
    article = load_article(seed(article_seed))
    return new_annotation(article, select(article, paragraph), label, note)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "notes.sqlite3"


def test_save_get_list_and_article_lookup(db: Path):
    with NotesStore(db) as store:
        a = store.save(annotation("002", 1, "disputed", "check the date"))
        b = store.save(annotation("000", 2, "verified"))
        assert store.get(a.id) == a
        assert store.count() == 2
        assert [x.id for x in store.list()] == [a.id, b.id]
        assert [x.id for x in store.list(label="verified")] == [b.id]
        assert [x.id for x in store.for_article(load_article(seed("002")))] == [a.id]
    # Persisted: a new connection sees it, and the file is what we promise.
    with NotesStore(db) as store:
        assert store.get(a.id) == a
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_article_is_found_by_path_after_an_edit(tmp_path: Path, db: Path):
    path = tmp_path / "a.txt"
    path.write_text("First line.\n\nSecond line.\n", encoding="utf-8")
    before = load_article(path)
    with NotesStore(db) as store:
        a = store.save(new_annotation(before, select(before, 1), "important"))
        path.write_text("First line, edited.\n\nSecond line.\n", encoding="utf-8")
        after = load_article(path)
        assert after.content_hash != before.content_hash
        assert [x.id for x in store.for_article(after)] == [a.id]


def test_update_keeps_created_and_moves_updated_forward(db: Path):
    with NotesStore(db) as store:
        a = store.save(annotation())
        b = store.update(a.id, label="false", note="wrong figure")
        assert (b.label, b.note, b.created) == ("false", "wrong figure", a.created)
        assert parse_time(b.updated) > parse_time(a.updated)
        # A stored time in the future (another machine's clock) is still exceeded.
        future = replace(b, note="x")
        conn = sqlite3.connect(db)
        conn.execute("UPDATE annotation SET updated = ? WHERE id = ?", ("2999-01-01T00:00:00.000000+00:00", a.id))
        conn.commit()
        conn.close()
        c = store.save(future)
        assert parse_time(c.updated) > parse_time("2999-01-01T00:00:00+00:00")


def test_undo_restores_each_previous_version_then_stops(db: Path):
    with NotesStore(db) as store:
        a = store.save(annotation(note="first"))
        store.update(a.id, note="second")
        store.update(a.id, label="verified")
        store.delete(a.id)
        assert store.get(a.id) is None and store.count(include_deleted=True) == 1

        undone = store.undo_last()
        assert undone is not None and not undone.deleted and undone.label == "verified"
        assert store.get(a.id).note == "second"
        undone = store.undo_last()
        assert (undone.label, undone.note) == ("disputed", "second")
        undone = store.undo_last()
        assert (undone.label, undone.note) == ("disputed", "first")
        restored = store.get(a.id)
        assert replace(restored, updated=a.updated) == a  # exactly the first version
        assert parse_time(restored.updated) > parse_time(a.updated)
        # Undoing the creation leaves a tombstone, then there is nothing left.
        assert store.undo_last().deleted
        assert store.get(a.id) is None
        assert store.undo_last() is None


def test_undo_survives_a_restart_and_is_per_session(db: Path):
    with NotesStore(db, session="me") as mine:
        a = mine.save(annotation(note="mine"))
    with NotesStore(db, session="someone-else") as other:
        b = other.save(annotation("000", 3, note="theirs"))
        assert other.undo_last().id == b.id  # their own change only
        assert other.undo_last() is None
    with NotesStore(db, session="me") as mine_again:
        assert mine_again.undo_last().id == a.id
        assert mine_again.get(a.id) is None


def test_undo_refuses_to_overwrite_another_sessions_change(db: Path):
    with NotesStore(db, session="A") as a_store, NotesStore(db, session="B") as b_store:
        a = a_store.save(annotation(note="A wrote this"))
        a_store.update(a.id, note="A edited")
        b_store.update(a.id, note="B edited later")
        with pytest.raises(UndoConflict, match="changed elsewhere"):
            a_store.undo_last()
        assert a_store.get(a.id).note == "B edited later"
        # The conflicting change is skipped; the next undo is the creation, also
        # overwritten by B since, so it is refused too and nothing is lost.
        with pytest.raises(UndoConflict):
            a_store.undo_last()
        assert a_store.get(a.id).note == "B edited later"
        assert a_store.undo_last() is None


def test_threads_share_one_store(db: Path):
    base = annotation()
    with NotesStore(db) as store:

        def work(k: int) -> None:
            for i in range(50):
                store.save(replace(base, id=f"t{k}-{i}"))

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert store.count() == 200


def test_rejects_invalid_annotations_before_touching_the_file(db: Path):
    with NotesStore(db) as store:
        good = annotation()
        for bad in (
            replace(good, label=" "),
            replace(good, paragraph=-1),
            replace(good, start=0, end=None),
            replace(good, note="\ud800"),
            replace(good, updated="yesterday"),
        ):
            with pytest.raises(ValueError):
                store.save(bad)
        assert store.count(include_deleted=True) == 0


# -- refusing files that are not ours ------------------------------------------


def test_default_path_is_in_the_user_data_dir_or_the_environment(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("TANDEM_NOTES_DB", raising=False)
    path = default_db_path()
    assert path.name == "notes.sqlite3" and path.parent.name == "tandem"
    assert str(path).startswith(os.environ["XDG_DATA_HOME"])
    monkeypatch.setenv("TANDEM_NOTES_DB", str(tmp_path / "team.db"))
    assert default_db_path() == tmp_path / "team.db"
    assert resolve_db_path(str(tmp_path / "cli.db")) == tmp_path / "cli.db"


def test_a_text_file_is_refused_and_left_alone(db: Path):
    db.write_text("my precious notes, not a database\n")
    before = digest(db)
    with pytest.raises(NotesDatabaseError, match="not an SQLite file.*left untouched"):
        NotesStore(db)
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]


def test_another_programs_sqlite_database_is_refused(db: Path, tmp_path: Path):
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()
    before = digest(db)
    with pytest.raises(NotesDatabaseError, match="belongs to another program"):
        NotesStore(db)
    assert digest(db) == before

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    with pytest.raises(NotesDatabaseError, match="another program"):
        NotesStore(other)


def test_a_newer_schema_is_refused(db: Path):
    NotesStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = digest(db)
    with pytest.raises(NotesDatabaseError, match="newer tandem"):
        NotesStore(db)
    assert digest(db) == before


def test_a_corrupt_database_is_refused_and_left_alone(db: Path):
    with NotesStore(db) as store:
        for i in range(200):
            store.save(replace(annotation(), id=f"n{i}", note="x" * 200))
    data = bytearray(db.read_bytes())
    assert len(data) > 4 * 4096
    data[4096 + 100 : 4 * 4096] = b"\xa5" * (3 * 4096 - 100)
    db.write_bytes(bytes(data))
    before = digest(db)
    with pytest.raises(NotesDatabaseError, match="corrupt.*left untouched"):
        NotesStore(db)
    assert digest(db) == before


def test_an_empty_file_becomes_a_database_and_a_folder_is_refused(tmp_path: Path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with NotesStore(empty) as store:
        store.save(annotation())
        assert store.count() == 1
    with pytest.raises(NotesDatabaseError, match="is a folder"):
        NotesStore(tmp_path)


def test_missing_parent_folders_are_created(tmp_path: Path):
    path = tmp_path / "a" / "b" / "notes.sqlite3"
    NotesStore(path).close()
    assert path.is_file()


def test_migrations_run_in_order_and_keep_data(db: Path, monkeypatch):
    with NotesStore(db) as store:
        a = store.save(annotation())
    step = ("CREATE TABLE probe (x INTEGER)", "INSERT INTO probe VALUES (42)")
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, step))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", store_module.SCHEMA_VERSION + 1)
    with NotesStore(db) as store:
        assert store.get(a.id) == a
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
    assert conn.execute("SELECT x FROM probe").fetchall() == [(42,)]
    conn.close()


# -- several processes, and crashes ---------------------------------------------

WRITER = r"""
import sys
from tui.notes.model import Annotation, new_id, utc_now
from tui.notes.store import NotesStore

db, count, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
store = NotesStore(db)
print("ready", flush=True)
sys.stdin.readline()
i = 0
while count < 0 or i < count:
    now = utc_now()
    a = Annotation(
        id=new_id(), created=now, updated=now, article_path="/corpus/a.txt", article_hash="h",
        article_id="a", paragraph=i % 40, quote="q", prefix="", suffix="", start=None, end=None,
        label="verified", note=f"{tag} {i}",
    )
    store.save(a)
    print(a.id, flush=True)
    i += 1
"""


def start_writer(db: Path, count: int, tag: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(count), tag],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_two_processes_writing_at_once_keep_everything(db: Path):
    NotesStore(db).close()
    writers = [start_writer(db, 500, tag) for tag in ("alpha", "beta")]
    for w in writers:  # both are connected and waiting: release them together
        w.stdin.write("go\n")
        w.stdin.flush()
    ids: set[str] = set()
    for w in writers:
        out, _ = w.communicate(timeout=120)
        assert w.returncode == 0
        ids |= set(out.split())
    assert len(ids) == 1000
    with NotesStore(db) as store:
        assert store.count() == 1000
        assert {a.id for a in store.list()} == ids
        assert store.integrity_check() == "ok"


def test_a_writer_killed_mid_loop_leaves_a_sound_database(db: Path):
    NotesStore(db).close()
    writer = start_writer(db, -1, "doomed")
    writer.stdin.write("go\n")
    writer.stdin.flush()
    committed: list[str] = []
    while len(committed) < 150:  # each line is printed after its COMMIT returned
        committed.append(writer.stdout.readline().strip())
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with NotesStore(db) as store:
        present = {a.id for a in store.list()}
        assert set(committed) <= present
        assert store.integrity_check() == "ok"
        store.save(annotation())  # and it is still writable


# -- arbitrary text --------------------------------------------------------------

_any_text = st.text(st.characters(codec="utf-8"), max_size=80)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory) -> NotesStore:
    store = NotesStore(tmp_path_factory.mktemp("prop") / "notes.sqlite3")
    yield store
    store.close()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=_any_text, quote=_any_text, label=_any_text.filter(str.strip))
def test_any_text_round_trips_byte_exact(shared_store: NotesStore, note: str, quote: str, label: str):
    base = annotation()
    a = replace(base, quote=quote, start=0, end=len(quote), note=note + "\x00\x1b[2J", label=label)
    stored = shared_store.save(a)
    got = shared_store.get(a.id)
    assert got == stored
    assert got.note.encode("utf-8") == (note + "\x00\x1b[2J").encode("utf-8")
    assert got.quote == quote and got.label == label
