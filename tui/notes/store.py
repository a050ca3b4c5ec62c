"""The annotation database: one SQLite file that must never lose a judgement.

Decisions, each for the reason given:

* **SQLite via the standard library**, in WAL mode with a busy timeout, so two
  readers annotating the same corpus at once (two SSH sessions, or a team
  sharing one file on a server) both keep everything: writers queue instead of
  failing, readers never block writers. WAL needs shared memory between the
  processes, so the file must be on a local disk of the machine the sessions
  run on, not on a network file system.
* **Every save is its own committed transaction** (``BEGIN IMMEDIATE`` …
  ``COMMIT``) with ``synchronous=FULL``: a crash -- SIGKILL, a dropped SSH
  connection, power loss -- loses at most the note still being typed.
* **Identity before anything is written.** ``PRAGMA application_id`` holds
  :data:`APPLICATION_ID`. A file that is not SQLite, is another program's
  SQLite database, was made by a newer tandem, or fails ``PRAGMA quick_check``
  raises :class:`NotesDatabaseError` with a message naming the file and saying
  it was left untouched. Nothing in this module deletes, truncates or
  recreates an existing file.
* **Versioned schema.** ``PRAGMA user_version`` is the schema version;
  :data:`MIGRATIONS` holds the statements that take version *i* to *i + 1*,
  applied in one transaction on open.
* **Undo by history, not by memory.** Each save records the record before and
  after it in ``annotation_history`` under the store's session id, so
  :meth:`NotesStore.undo_last` restores the previous version exactly (with a
  fresh ``updated`` time, so the restoration wins when copies are merged) even
  after a restart, and refuses (:class:`UndoConflict`) when another session
  changed the annotation's content since.
* **Deletion is a tombstone** (``deleted = 1``), so it can be undone and it
  travels through export/import.
* **One error type, plain words.** Everything this module raises is a
  :class:`NotesDatabaseError` (subclasses: :class:`NotesReadOnly`,
  :class:`InvalidAnnotation` -- also a ``ValueError`` --,
  :class:`AnnotationNotFound` -- also a ``KeyError`` --, :class:`UndoConflict`),
  so a caller reports it and keeps what the user typed. SQLite's result
  codes, not its message text, decide the wording: a full disk, a file-size
  limit (``ulimit -f``), a read-only medium, a busy database and corruption
  each get their own message; only ``SQLITE_CORRUPT``/``SQLITE_NOTADB`` are
  called corruption. A stored time at the end of the calendar cannot make
  an edit overflow (:func:`_later_than`).
* **Read-only when it must be.** On a read-only file system, or without
  permission to write the file or its folder (SQLite keeps ``-wal``/``-shm``
  beside it), or when the disk is full at open time, an existing database is
  opened read-only: listing and export work, saving raises
  :class:`NotesReadOnly` saying why. When the ``-shm`` file cannot be made
  and no WAL content is pending, it is read with ``immutable=1``, which is
  exact for a medium nobody can write.
* **Only regular files.** The path is checked with ``stat`` and the header
  read with ``O_NONBLOCK`` before SQLite sees it: a FIFO, device or socket is
  refused at once instead of blocking every command.

No library offers this policy; the SQL is small enough to keep here.
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import sqlite3
import stat
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from tui.article import Article
from tui.notes.backend import Annotations, EditConflict, default_author
from tui.notes.model import FIELD_NAMES, Annotation, article_location, parse_time, sane_time, utc_now, validate

__all__ = ["EditConflict", "NotesStore", "NotesDatabaseError", "UndoConflict"]

POLL_SECONDS = 0.25
"""How often :meth:`NotesStore.wait_for_change` looks at the change counter."""

APPLICATION_ID = 0x54414E44
"""``PRAGMA application_id`` of a tandem notes database ("TAND")."""

SQLITE_HEADER = b"SQLite format 3\x00"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1: annotations and their change history.
    (
        """CREATE TABLE annotation (
            id TEXT PRIMARY KEY NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            article_path TEXT NOT NULL,
            article_hash TEXT NOT NULL,
            article_id TEXT NOT NULL,
            paragraph INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            start_offset INTEGER,
            end_offset INTEGER,
            label TEXT NOT NULL,
            note TEXT NOT NULL,
            language TEXT,
            claim_kind TEXT,
            claim_value TEXT,
            deleted INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX annotation_by_hash ON annotation (article_hash)",
        "CREATE INDEX annotation_by_path ON annotation (article_path)",
        """CREATE TABLE annotation_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            session TEXT NOT NULL,
            annotation_id TEXT NOT NULL,
            changed TEXT NOT NULL,
            previous_json TEXT,
            next_json TEXT NOT NULL,
            state INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX history_by_session ON annotation_history (session, seq)",
    ),
    # 1 -> 2: who wrote each annotation, and a change counter (``rev``, from the
    # one-row ``notes_clock``) kept by triggers, so "what changed since" is one
    # indexed query whoever wrote (see :meth:`NotesStore.changes_since`).
    (
        "ALTER TABLE annotation ADD COLUMN author TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE annotation ADD COLUMN rev INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX annotation_by_rev ON annotation (rev)",
        "CREATE TABLE notes_clock (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)",
        "INSERT INTO notes_clock VALUES (1, 0)",
        """CREATE TRIGGER annotation_rev_insert AFTER INSERT ON annotation BEGIN
            UPDATE notes_clock SET value = value + 1;
            UPDATE annotation SET rev = (SELECT value FROM notes_clock) WHERE id = NEW.id;
        END""",
        """CREATE TRIGGER annotation_rev_update AFTER UPDATE ON annotation WHEN NEW.rev = OLD.rev BEGIN
            UPDATE notes_clock SET value = value + 1;
            UPDATE annotation SET rev = (SELECT value FROM notes_clock) WHERE id = NEW.id;
        END""",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)

# annotation_history.state
_LIVE, _UNDONE, _SKIPPED = 0, 1, 2

# One mapping from Annotation fields to columns: the columns are the fields, in
# the dataclass's order, renamed where SQL needs another name ("start"/"end"
# would read badly next to SQL keywords), booleans stored as 0/1. A field added
# to Annotation gets a column here automatically (and needs a migration, which
# a test checks by comparing this list with the table).
_RENAMED = {"start": "start_offset", "end": "end_offset"}
COLUMN_OF: dict[str, str] = {name: _RENAMED.get(name, name) for name in FIELD_NAMES}
"""Annotation field name -> column of the ``annotation`` table, in column order."""
_COLUMNS: tuple[str, ...] = tuple(COLUMN_OF.values())
BOOKKEEPING_COLUMNS = ("rev",)
"""Columns the database keeps itself, not fields of Annotation: ``rev``, the change
number set by triggers (see :meth:`NotesStore.changes_since`)."""
_BOOLEANS = frozenset(f.name for f in fields(Annotation) if f.type in ("bool", bool))
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM annotation"
_VALUES = f"({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})"
_INSERT = f"INSERT INTO annotation {_VALUES}"
_REPLACE = f"INSERT OR REPLACE INTO annotation {_VALUES}"

Row = tuple[Any, ...]


def _to_row(annotation: Annotation) -> Row:
    return tuple(
        int(value) if name in _BOOLEANS else value
        for name, value in ((name, getattr(annotation, name)) for name in FIELD_NAMES)
    )


def _from_row(row: Row) -> Annotation:
    values = dict(zip(FIELD_NAMES, row, strict=True))
    for name in _BOOLEANS:
        values[name] = bool(values[name])
    return Annotation(**values)


class NotesDatabaseError(Exception):
    """The notes database cannot be used, or a change could not be stored.

    Every error this module raises is one of these (or a subclass), with a
    plain message for the user, so a caller can report it and keep the text
    the user typed.
    """


class NotesReadOnly(NotesDatabaseError):
    """The database could be opened for reading only; nothing can be saved."""


class InvalidAnnotation(NotesDatabaseError, ValueError):
    """The annotation to save is not valid (also a ``ValueError``)."""


class AnnotationNotFound(NotesDatabaseError, KeyError):
    """No live annotation has that id (also a ``KeyError``)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "annotation not found"


class UndoConflict(NotesDatabaseError):
    """The change to undo was overwritten by another session since."""


@dataclass(frozen=True, slots=True)
class MergeResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    """Same ``updated`` time, different content: the local copy was kept."""
    failed: tuple[tuple[int, str], ...] = ()
    """``(position in the input, reason)`` of records that were not merged."""


def default_db_path() -> Path:
    """``$TANDEM_NOTES_DB`` or ``<user data dir>/tandem/notes.sqlite3``."""
    env = os.environ.get("TANDEM_NOTES_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("tandem", appauthor=False)) / "notes.sqlite3"


def resolve_db_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The database to use: ``--notes-db`` when given, else :func:`default_db_path`."""
    return Path(option).expanduser() if option else default_db_path()


def new_session_id() -> str:
    return uuid.uuid4().hex


def canonical_json(annotation: Annotation) -> str:
    """One line of JSON for a record; equal records give equal strings."""
    return json.dumps(annotation.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class NotesStore:
    """An open notes database. Safe to share between threads of one process."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        session: str | None = None,
        busy_timeout: float = 15.0,
        author: str | None = None,
    ) -> None:
        self.path = resolve_db_path(path)
        self.location = str(self.path)
        self.session = session or new_session_id()
        self.author = author if author is not None else default_author()
        self._lock = threading.RLock()
        self._closed = threading.Event()
        self.read_only_reason: str | None = None
        """Why the database was opened read-only (listing works, saving does not)."""
        self._conn = self._connect(busy_timeout)

    # -- opening ----------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when the file could only be opened for reading (see :attr:`read_only_reason`)."""
        return self.read_only_reason is not None

    def _fail(self, problem: str) -> NotesDatabaseError:
        return NotesDatabaseError(
            f"{self.path}: {problem}; the file was left untouched "
            "(use --notes-db PATH or TANDEM_NOTES_DB to choose another file)"
        )

    def _connect(self, busy_timeout: float) -> sqlite3.Connection:
        path = self.path
        existed = self._inspect()
        why_not = _not_writable(path, exists=existed or path.exists())
        if why_not is not None:
            if not existed:
                raise NotesDatabaseError(f"{path}: cannot create the notes database: {why_not}")
            return self._connect_read_only(busy_timeout, why_not)
        uri = f"{path.absolute().as_uri()}?mode={'rw' if path.exists() else 'rwc'}"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._describe(exc, "cannot open the notes database") from None
        try:
            self._check_identity(conn, quick_check=existed)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            self._migrate(conn)
        except NotesDatabaseError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            if existed and _code(exc) in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
                # Permissions looked fine, yet SQLite may not write (e.g. a read-only bind mount).
                return self._connect_read_only(busy_timeout, f"SQLite cannot write to it ({exc})")
            if existed and _disk_full(path.parent) is not None:
                # Opening a WAL database writes its -shm/-wal files: no room, but the notes can still be read.
                return self._connect_read_only(busy_timeout, f"{_disk_full(path.parent)}; free some space and restart")
            raise self._describe(exc, "cannot open the notes database") from None
        return conn

    def _inspect(self) -> bool:
        """Check the path before SQLite sees it; True for an existing SQLite file.

        Never opens anything that could block (a FIFO) or be huge and endless
        (a device): only regular files are read, and only their first bytes.
        """
        path = self.path
        try:
            info = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            self._make_parent()
            return False
        except OSError as exc:
            raise self._os_error("cannot open the notes database", exc) from None
        if stat.S_ISDIR(info.st_mode):
            raise self._fail("is a folder, not a notes database")
        if not stat.S_ISREG(info.st_mode):
            raise self._fail("is not a regular file (a pipe, device or socket), so it cannot hold notes")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the stat above
                    raise self._fail("is not a regular file, so it cannot hold notes")
                header = os.read(fd, len(SQLITE_HEADER))
            finally:
                os.close(fd)
        except OSError as exc:
            raise self._os_error("cannot open the notes database", exc) from None
        if header and header != SQLITE_HEADER:
            raise self._fail("not a tandem notes database (not an SQLite file)")
        return bool(header)

    def _make_parent(self) -> None:
        parent = self.path.parent
        for ancestor in (parent, *parent.parents):
            if ancestor.exists():
                if not ancestor.is_dir():
                    raise NotesDatabaseError(
                        f"{self.path}: cannot create the notes database: {ancestor} is a file, not a folder"
                    )
                break
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._os_error("cannot create the notes database", exc) from None

    def _os_error(self, doing: str, exc: OSError) -> NotesDatabaseError:
        return NotesDatabaseError(f"{self.path}: {doing}: {_os_problem(exc)}")

    def _connect_read_only(self, busy_timeout: float, why: str) -> sqlite3.Connection:
        """Open an existing database for reading: listing and export still work."""
        base = f"{self.path.absolute().as_uri()}?mode=ro"
        wal = Path(f"{self.path}-wal")
        try:
            pending = wal.exists() and wal.stat().st_size > 0
        except OSError:
            pending = True
        # A WAL database needs its -shm file, which a read-only folder cannot get;
        # "immutable" reads without it, which is exact when no WAL content is pending.
        uris = (base,) if pending else (base, base + "&immutable=1")
        problem: sqlite3.Error | None = None
        for uri in uris:
            conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
            try:
                self._check_identity(conn, quick_check=True)
                if self._identity(conn)[:2] != (APPLICATION_ID, SCHEMA_VERSION):
                    raise self._fail(f"the database needs upgrading, which is impossible because {why}")
            except NotesDatabaseError:
                conn.close()
                raise
            except sqlite3.Error as exc:
                conn.close()
                problem = exc
                continue
            self.read_only_reason = why
            return conn
        assert problem is not None
        raise self._describe(problem, f"cannot open the notes database ({why})")

    def _describe(self, exc: sqlite3.Error, doing: str) -> NotesDatabaseError:
        """A plain message for an SQLite error: what was being done, and why it failed."""
        code = _code(exc)
        text = str(exc)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
            return NotesDatabaseError(
                f"{self.path}: {doing}: the notes database is busy (another tandem is writing); try again"
            )
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return self._fail(f"the database is corrupt ({text})")
        if code == sqlite3.SQLITE_READONLY:
            return NotesReadOnly(f"{self.path}: {doing}: the notes database is read-only ({text})")
        limit = _file_size_limit()
        if code in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR) and limit is not None:
            return NotesDatabaseError(
                f"{self.path}: {doing}: the file-size limit of this session (ulimit -f: {limit} bytes) "
                "stops the notes database growing; raise the limit and try again"
            )
        full = _disk_full(self.path.parent)
        if code == sqlite3.SQLITE_FULL or (
            full is not None and code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)
        ):
            return NotesDatabaseError(
                f"{self.path}: {doing}: {full or 'the disk is full'}; free some space and try again"
            )
        if code == sqlite3.SQLITE_IOERR:
            return NotesDatabaseError(f"{self.path}: {doing}: the disk reported an input/output error ({text})")
        return NotesDatabaseError(f"{self.path}: {doing} ({text})")

    def _identity(self, conn: sqlite3.Connection) -> tuple[int, int, int]:
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        (objects,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return int(app_id), int(version), int(objects)

    def _judge(self, app_id: int, version: int, objects: int) -> None:
        if app_id != APPLICATION_ID and (app_id != 0 or objects or version):
            raise self._fail("this SQLite database belongs to another program")
        if version > SCHEMA_VERSION:
            raise self._fail(f"made by a newer tandem (schema {version}; this version reads up to {SCHEMA_VERSION})")

    def _check_identity(self, conn: sqlite3.Connection, *, quick_check: bool) -> None:
        try:
            self._judge(*self._identity(conn))
            if quick_check:
                rows = conn.execute("PRAGMA quick_check").fetchall()
                if [r[0] for r in rows] != ["ok"]:
                    raise self._fail(f"the database is corrupt ({_first_problem(rows)})")
        except sqlite3.DatabaseError as exc:
            if _code(exc) in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
                raise self._fail(f"not a usable SQLite database ({exc})") from None
            raise

    def _migrate(self, conn: sqlite3.Connection) -> None:
        if self._identity(conn)[:2] == (APPLICATION_ID, SCHEMA_VERSION):
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            app_id, version, objects = self._identity(conn)  # another process may have won
            self._judge(app_id, version, objects)
            for step in MIGRATIONS[version:]:
                for statement in step:
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- plumbing ---------------------------------------------------------

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            self._conn.close()

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._describe(exc, "cannot read the notes database") from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction; rolled back on any error."""
        with self._lock:
            if self.read_only_reason is not None:
                raise NotesReadOnly(
                    f"{self.path}: not saved: the notes database is open read-only because "
                    f"{self.read_only_reason}; annotations can be listed and exported, not changed"
                )
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._describe(exc, "not saved") from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # SQLite rolls back by itself when ROLLBACK cannot run
                if isinstance(exc, sqlite3.Error):
                    raise self._describe(exc, "not saved") from None
                if isinstance(exc, OverflowError):
                    raise InvalidAnnotation(f"not saved: a number is out of range ({exc})") from None
                raise

    # -- reading ----------------------------------------------------------

    def get(self, annotation_id: str, *, include_deleted: bool = False) -> Annotation | None:
        with self._read() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (annotation_id,)).fetchone()
        if row is None:
            return None
        annotation = _from_row(row)
        return None if annotation.deleted and not include_deleted else annotation

    def list(
        self,
        *,
        article: Article | None = None,
        label: str | None = None,
        include_deleted: bool = False,
        author: str | None = None,
    ) -> list[Annotation]:
        """Annotations, oldest first; ``article`` matches by content hash or path."""
        where: list[str] = []
        params: list[object] = []
        if not include_deleted:
            where.append("deleted = 0")
        if article is not None:
            where.append("(article_hash = ? OR article_path = ?)")
            params += [article.content_hash, article_location(article)]
        if label is not None:
            where.append("label = ?")
            params.append(label)
        if author is not None:
            where.append("author = ?")
            params.append(author)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY created, id"
        with self._read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_from_row(row) for row in rows]

    def for_article(self, article: Article) -> builtins.list[Annotation]:
        """The live annotations of ``article`` (same content, or same file)."""
        return self.list(article=article)

    def count(self, *, include_deleted: bool = False) -> int:
        sql = "SELECT count(*) FROM annotation" + ("" if include_deleted else " WHERE deleted = 0")
        with self._read() as conn:
            return int(conn.execute(sql).fetchone()[0])

    def integrity_check(self) -> str:
        """``"ok"`` or SQLite's first complaint."""
        with self._read() as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- writing ----------------------------------------------------------

    def save(self, annotation: Annotation, *, if_updated: str | None = None) -> Annotation:
        """Insert or update ``annotation`` in its own transaction; returns what was stored.

        ``updated`` is set to now (kept later than the stored version's, whatever
        the clocks say); ``created`` of an existing annotation is kept unless it
        is outside the accepted range (stored by an older tandem), when the
        edit's time replaces it rather than refusing the edit; ``author`` of an
        existing annotation is kept, a new one without an author gets this
        store's. ``if_updated``: the ``updated`` of the copy the edit started
        from; when the stored copy has moved on since, nothing is written and
        :class:`EditConflict` is raised.
        """
        try:
            validate(annotation)
        except (ValueError, TypeError) as exc:
            raise InvalidAnnotation(str(exc)) from None
        with self._write() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (annotation.id,)).fetchone()
            previous = _from_row(row) if row else None
            check_base(previous, if_updated)
            stored = stamped(annotation, previous, self.author)
            conn.execute(_REPLACE, _to_row(stored))
            self._record(conn, previous, stored)
        return stored

    def update(
        self,
        annotation_id: str,
        *,
        label: str | None = None,
        note: str | None = None,
        if_updated: str | None = None,
    ) -> Annotation:
        """Change the label and/or note of a live annotation (:class:`AnnotationNotFound`
        if none; ``if_updated`` as in :meth:`save`)."""
        current = editable(self.get(annotation_id, include_deleted=True), annotation_id, if_updated)
        if label is not None:
            current = replace(current, label=label)
        if note is not None:
            current = replace(current, note=note)
        return self.save(current, if_updated=if_updated)

    def delete(self, annotation_id: str, *, if_updated: str | None = None) -> Annotation:
        """Tombstone an annotation (undoable; exported so deletions merge)."""
        current = editable(self.get(annotation_id, include_deleted=True), annotation_id, if_updated)
        return self.save(replace(current, deleted=True), if_updated=if_updated)

    def undo_last(self) -> Annotation | None:
        """Undo this session's most recent change not yet undone.

        Returns the annotation as it is now (a tombstone when the change was its
        creation), or ``None`` when there is nothing left to undo. Raises
        :class:`UndoConflict` when another session changed the annotation since;
        that change is then skipped, so the next undo goes further back.
        """
        conflict: str | None = None
        with self._write() as conn:
            entry = conn.execute(
                "SELECT seq, annotation_id, previous_json, next_json FROM annotation_history "
                "WHERE session = ? AND state = ? ORDER BY seq DESC LIMIT 1",
                (self.session, _LIVE),
            ).fetchone()
            if entry is None:
                return None
            seq, annotation_id, previous_json, next_json = entry
            row = conn.execute(f"{_SELECT} WHERE id = ?", (annotation_id,)).fetchone()
            restored = undone(_from_row(row) if row else None, previous_json, next_json)
            if restored is None:
                conn.execute("UPDATE annotation_history SET state = ? WHERE seq = ?", (_SKIPPED, seq))
                conflict = annotation_id
            else:
                conn.execute(_REPLACE, _to_row(restored))
                conn.execute("UPDATE annotation_history SET state = ? WHERE seq = ?", (_UNDONE, seq))
        if conflict is not None:
            raise UndoConflict(f"annotation {conflict[:8]} was changed elsewhere since; that change was not undone")
        return restored

    def merge(self, annotations: Iterable[Annotation]) -> MergeResult:
        """Bring in copies from elsewhere in one transaction; the newer ``updated`` wins.

        Idempotent: merging the same records again changes nothing. Not undoable
        (import is not an edit of this session). A record that is invalid, or
        cannot be compared with the local copy, is left out and listed in
        :attr:`MergeResult.failed`; the others still go in.
        """
        added = updated = unchanged = conflicts = 0
        items, failed = validated(annotations)
        with self._write() as conn:
            for position, incoming in items:
                try:
                    row = conn.execute(f"{_SELECT} WHERE id = ?", (incoming.id,)).fetchone()
                    action = merge_action(_from_row(row) if row else None, incoming)
                    if action == "add":
                        conn.execute(_INSERT, _to_row(incoming))
                        added += 1
                    elif action == "replace":
                        conn.execute(_REPLACE, _to_row(incoming))
                        updated += 1
                    elif action == "unchanged":
                        unchanged += 1
                    else:
                        conflicts += 1
                except (ValueError, TypeError, OverflowError, sqlite3.InterfaceError, sqlite3.IntegrityError) as exc:
                    failed.append((position, f"not merged ({exc})"))
        return MergeResult(added, updated, unchanged, conflicts, tuple(sorted(failed)))

    # -- live: what changed since -------------------------------------------

    def change_token(self) -> int:
        """The store's change counter now; pass it to :meth:`changes_since`.

        Take it *before* listing what is on screen: a change in between is then
        reported twice (harmless), never missed.
        """
        with self._read() as conn:
            return int(conn.execute("SELECT value FROM notes_clock").fetchone()[0])

    def changes_since(self, token: int, *, article: Article | None = None) -> tuple[int, Annotations]:
        """Annotations saved by anyone after ``token`` (tombstones included, oldest
        change first) and the token to pass next time. One read transaction, so
        the token and the rows agree."""
        sql = f"{_SELECT} WHERE rev > ?"
        params: list[object] = [token]
        if article is not None:
            sql += " AND (article_hash = ? OR article_path = ?)"
            params += [article.content_hash, article_location(article)]
        with self._read() as conn:
            conn.execute("BEGIN")
            try:
                now = int(conn.execute("SELECT value FROM notes_clock").fetchone()[0])
                rows = conn.execute(sql + " ORDER BY rev", params).fetchall()
            finally:
                conn.execute("COMMIT")
        return now, [_from_row(row) for row in rows]

    def wait_for_change(self, token: int, timeout: float) -> bool:
        """Block up to ``timeout`` seconds until the store moved past ``token``
        (for a worker thread). SQLite has no notifications: the one-row clock is
        read every :data:`POLL_SECONDS`, which costs microseconds. When the
        database cannot be read, waits out ``timeout`` and raises
        :class:`NotesDatabaseError` (so a worker loop neither spins nor goes quiet)."""
        remaining = timeout
        while True:
            try:
                if self.change_token() > token:
                    return True
            except NotesDatabaseError:
                self._closed.wait(max(remaining, 0))
                raise
            if remaining <= 0 or self._closed.wait(min(POLL_SECONDS, remaining)):
                return False
            remaining -= POLL_SECONDS

    def problem(self) -> str | None:
        """``None`` when the store can be written now, else why not (for the user)."""
        try:
            self.change_token()
        except NotesDatabaseError as exc:
            return str(exc)
        return None

    def _record(self, conn: sqlite3.Connection, previous: Annotation | None, stored: Annotation) -> None:
        conn.execute(
            "INSERT INTO annotation_history (session, annotation_id, changed, previous_json, next_json) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                self.session,
                stored.id,
                stored.updated,
                canonical_json(previous) if previous else None,
                canonical_json(stored),
            ),
        )


def open_store(path: str | os.PathLike[str] | None = None, *, session: str | None = None) -> NotesStore:
    """Open (creating if missing) the notes database at ``path`` or the default."""
    return NotesStore(path, session=session)


def _first_problem(rows: list[Row]) -> str:
    """SQLite's first complaint, on one short line (quick_check can list hundreds)."""
    lines = [
        line.strip() for row in rows for line in str(row[0]).splitlines() if line.strip() and not line.startswith("***")
    ]
    first = lines[0] if lines else "integrity check failed"
    more = f"; {len(lines) - 1} more problems" if len(lines) > 1 else ""
    return first[:120] + more


def check_base(stored: Annotation | None, if_updated: str | None) -> None:
    """:class:`EditConflict` when an edit started from the copy stamped
    ``if_updated`` but ``stored`` has moved on since (``None``: no check)."""
    if if_updated is not None and stored is not None and stored.updated != if_updated:
        raise EditConflict(stored)


def editable(current: Annotation | None, annotation_id: str, if_updated: str | None) -> Annotation:
    """The stored copy an update or delete starts from (times repaired), or
    :class:`AnnotationNotFound`. A copy deleted meanwhile is returned only to
    an edit with a base (``if_updated``), whose save then reports the conflict."""
    if current is None or (current.deleted and if_updated is None):
        raise AnnotationNotFound(f"no annotation {annotation_id!r} (deleted meanwhile?)")
    return _repaired(current)


def stamped(annotation: Annotation, previous: Annotation | None, author: str) -> Annotation:
    """``annotation`` as a save stores it: ``updated`` now (later than the stored
    copy's); ``created`` and ``author`` kept from the stored copy (``created``
    unless outside the accepted range); a new note without an author given
    ``author``."""
    keep_created = previous is not None and not _out_of_range(previous.created)
    return replace(
        annotation,
        created=previous.created if previous is not None and keep_created else annotation.created,
        updated=_later_than(previous.updated if previous else None),
        author=previous.author if previous is not None else (annotation.author or author),
    )


def merge_action(local: Annotation | None, incoming: Annotation) -> str:
    """What merging ``incoming`` does: ``"add"``, ``"replace"`` (it is newer),
    ``"unchanged"`` (same, or older), or ``"conflict"`` (same time, different
    content: the local copy is kept)."""
    if local is None:
        return "add"
    theirs, ours = parse_time(incoming.updated), parse_time(local.updated)
    if theirs > ours:
        return "replace"
    if incoming == local or theirs < ours:
        return "unchanged"
    return "conflict"


def _later_than(previous: str | None) -> str:
    """Now, or just after ``previous`` when that is later (another machine's clock).

    Never raises: a stored time that cannot be moved on (unparseable, or at the
    end of the calendar from an older tandem's import) yields now.
    """
    now = utc_now()
    if previous is None:
        return now
    try:
        before = parse_time(previous)
        if parse_time(now) > before:
            return now
        later = before + timedelta(microseconds=1)
        if _out_of_range(later.isoformat()):
            return now
        return later.isoformat(timespec="microseconds")
    except (ValueError, TypeError, OverflowError):
        return now


def _repaired(annotation: Annotation) -> Annotation:
    """A stored record with times outside the accepted range (from an older
    tandem's import) made saveable: those times become now."""
    now = utc_now()
    if _out_of_range(annotation.created):
        annotation = replace(annotation, created=now)
    if _out_of_range(annotation.updated):
        annotation = replace(annotation, updated=now)
    return annotation


def _out_of_range(value: object) -> bool:
    """A well-formed timestamp outside the accepted years (malformed ones are left to :func:`validate`)."""
    if not isinstance(value, str):
        return False
    try:
        parse_time(value)
    except ValueError:
        return False
    return not sane_time(value)


def _code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``exc`` (``SQLITE_FULL`` …), if known."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _file_size_limit() -> int | None:
    """This process's file-size limit (``ulimit -f``) in bytes, or ``None`` if unlimited."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else int(soft)


FULL_BELOW = 1024**2
"""Free space under which an SQLite I/O error is reported as a full disk."""


def _disk_full(folder: Path) -> str | None:
    """``"the disk is full"`` (with what is left) when ``folder``'s file system has under :data:`FULL_BELOW` free."""
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):
        return None
    free = info.f_bavail * info.f_frsize
    if free >= FULL_BELOW:
        return None
    return "the disk is full" + (f" ({free // 1024} KiB left)" if free else "")


def _os_problem(exc: OSError) -> str:
    """What an operating-system error means for the notes file, in plain words."""
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "your disk quota is used up"
    if exc.errno == errno.EFBIG:
        limit = _file_size_limit()
        return "the file-size limit (ulimit -f) is reached" + (f" ({limit} bytes)" if limit is not None else "")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOTDIR:
        return "a folder on its path is a file"
    return exc.strerror or str(exc)


def _not_writable(path: Path, *, exists: bool) -> str | None:
    """Why tandem could not write the database at ``path``, or ``None`` if it can."""
    folder = path.parent
    try:
        if os.statvfs(path if exists else folder).f_flag & os.ST_RDONLY:
            return "it is on a read-only file system"
    except (OSError, AttributeError):
        pass
    if exists and not os.access(path, os.W_OK):
        return "you have no permission to write to it"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"you have no permission to write in its folder {folder} (SQLite keeps its journal beside it)"
    return None


def undone(current: Annotation | None, previous_json: str | None, next_json: str) -> Annotation | None:
    """What undoing a history entry (``previous_json`` -> ``next_json``) restores,
    or ``None`` when the annotation has changed since (another session's edit:
    the entry is skipped, never reverted over it). Both back-ends store this."""
    if current is None or not _same_content(current, _from_json(next_json)):
        return None
    stamp = _later_than(current.updated)
    if previous_json is None:
        return replace(current, deleted=True, updated=stamp)
    return replace(_from_json(previous_json), updated=stamp, author=current.author)


def validated(
    annotations: Iterable[Annotation], check: Callable[[Annotation], Annotation] = validate
) -> tuple[list[tuple[int, Annotation]], list[tuple[int, str]]]:
    """The records a merge can take (``check``ed), by position, and the others
    with the reason: one bad record never stops the rest. Both back-ends use it."""
    items: list[tuple[int, Annotation]] = []
    failed: list[tuple[int, str]] = []
    for position, annotation in enumerate(annotations):
        try:
            items.append((position, check(annotation)))
        except (ValueError, TypeError) as exc:
            failed.append((position, str(exc)))
    return items, failed


def _same_content(a: Annotation, b: Annotation) -> bool:
    """Equal apart from ``updated`` (an undo moves ``updated`` on, not the content)."""
    return replace(a, updated="") == replace(b, updated="")


def _from_json(text: str) -> Annotation:
    return Annotation(**json.loads(text))
