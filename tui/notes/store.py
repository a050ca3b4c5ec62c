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

No library offers this policy; the SQL is small enough to keep here.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from tui.article import Article
from tui.notes.backend import Annotations, EditConflict, default_author
from tui.notes.model import Annotation, article_location, parse_time, utc_now, validate

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

_COLUMNS = (
    "id",
    "created",
    "updated",
    "article_path",
    "article_hash",
    "article_id",
    "paragraph",
    "quote",
    "prefix",
    "suffix",
    "start_offset",
    "end_offset",
    "label",
    "note",
    "language",
    "claim_kind",
    "claim_value",
    "deleted",
    "author",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM annotation"
_VALUES = f"({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})"
_INSERT = f"INSERT INTO annotation {_VALUES}"
_REPLACE = f"INSERT OR REPLACE INTO annotation {_VALUES}"


class NotesDatabaseError(Exception):
    """The notes database cannot be used; the message is for the user."""


class UndoConflict(Exception):
    """The change to undo was overwritten by another session since."""


@dataclass(frozen=True, slots=True)
class MergeResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    """Same ``updated`` time, different content: the local copy was kept."""


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
        self._conn = self._connect(busy_timeout)

    # -- opening ----------------------------------------------------------

    def _fail(self, problem: str) -> NotesDatabaseError:
        return NotesDatabaseError(
            f"{self.path}: {problem}; the file was left untouched "
            "(use --notes-db PATH or TANDEM_NOTES_DB to choose another file)"
        )

    def _connect(self, busy_timeout: float) -> sqlite3.Connection:
        path = self.path
        existed = False
        try:
            if path.is_dir():
                raise self._fail("is a folder, not a notes database")
            if path.exists():
                existed = True
                with path.open("rb") as handle:
                    header = handle.read(len(SQLITE_HEADER))
                if header and header != SQLITE_HEADER:
                    raise self._fail("not a tandem notes database (not an SQLite file)")
                existed = bool(header)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NotesDatabaseError(f"{path}: cannot open ({exc.strerror or exc})") from None
        mode = "rw" if path.exists() else "rwc"
        uri = f"{path.absolute().as_uri()}?mode={mode}"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise NotesDatabaseError(f"{path}: cannot open ({exc})") from None
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
            raise self._sqlite_error(exc) from None
        return conn

    def _sqlite_error(self, exc: sqlite3.Error) -> NotesDatabaseError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return NotesDatabaseError(f"{self.path}: the notes database is busy (another tandem is writing); try again")
        if isinstance(exc, sqlite3.DatabaseError) and (
            "not a database" in text or "malformed" in text or "corrupt" in text
        ):
            return self._fail(f"the database is corrupt ({text})")
        if "readonly" in text or "read-only" in text:
            return NotesDatabaseError(f"{self.path}: cannot write to the notes database ({text})")
        return NotesDatabaseError(f"{self.path}: notes database error ({text})")

    def _identity(self, conn: sqlite3.Connection) -> tuple[int, int, int]:
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        (objects,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return app_id, version, objects

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
            raise self._fail(f"not a usable SQLite database ({exc})") from None

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
                raise self._sqlite_error(exc) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction; rolled back on any error."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._sqlite_error(exc) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._sqlite_error(exc) from None
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

    def for_article(self, article: Article) -> list[Annotation]:
        """The live annotations of ``article`` (same content, or same file)."""
        return self.list(article=article)

    def count(self, *, include_deleted: bool = False) -> int:
        sql = "SELECT count(*) FROM annotation" + ("" if include_deleted else " WHERE deleted = 0")
        with self._read() as conn:
            return conn.execute(sql).fetchone()[0]

    def integrity_check(self) -> str:
        """``"ok"`` or SQLite's first complaint."""
        with self._read() as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]

    # -- writing ----------------------------------------------------------

    def save(self, annotation: Annotation, *, if_updated: str | None = None) -> Annotation:
        """Insert or update ``annotation`` in its own transaction; returns what was stored.

        ``updated`` is set to now (kept later than the stored version's, whatever
        the clocks say); ``created`` and ``author`` of an existing annotation are
        kept; a new one without an author gets this store's. ``if_updated``: the
        ``updated`` of the copy the edit started from; when the stored copy has
        moved on since, nothing is written and :class:`EditConflict` is raised.
        """
        validate(annotation)
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
        """Change the label and/or note of a live annotation (``KeyError`` if none;
        ``if_updated`` as in :meth:`save`)."""
        current = self.get(annotation_id, include_deleted=True)
        if current is None or (current.deleted and if_updated is None):
            raise KeyError(annotation_id)
        changes: dict[str, str] = {}
        if label is not None:
            changes["label"] = label
        if note is not None:
            changes["note"] = note
        return self.save(replace(current, **changes), if_updated=if_updated)

    def delete(self, annotation_id: str, *, if_updated: str | None = None) -> Annotation:
        """Tombstone an annotation (undoable; exported so deletions merge)."""
        current = self.get(annotation_id, include_deleted=True)
        if current is None or (current.deleted and if_updated is None):
            raise KeyError(annotation_id)
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
            current = _from_row(row) if row else None
            if current is None or not _same_content(current, _from_json(next_json)):
                conn.execute("UPDATE annotation_history SET state = ? WHERE seq = ?", (_SKIPPED, seq))
                conflict = annotation_id
            else:
                stamp = _later_than(current.updated)
                if previous_json is None:
                    restored = replace(current, deleted=True, updated=stamp)
                else:
                    restored = replace(_from_json(previous_json), updated=stamp, author=current.author)
                conn.execute(_REPLACE, _to_row(restored))
                conn.execute("UPDATE annotation_history SET state = ? WHERE seq = ?", (_UNDONE, seq))
        if conflict is not None:
            raise UndoConflict(f"annotation {conflict[:8]} was changed elsewhere since; that change was not undone")
        return restored

    def merge(self, annotations: Iterable[Annotation]) -> MergeResult:
        """Bring in copies from elsewhere in one transaction; the newer ``updated`` wins.

        Idempotent: merging the same records again changes nothing. Not undoable
        (import is not an edit of this session).
        """
        added = updated = unchanged = conflicts = 0
        items = [validate(a) for a in annotations]
        with self._write() as conn:
            for incoming in items:
                row = conn.execute(f"{_SELECT} WHERE id = ?", (incoming.id,)).fetchone()
                if row is None:
                    conn.execute(_INSERT, _to_row(incoming))
                    added += 1
                    continue
                local = _from_row(row)
                newer = parse_time(incoming.updated) > parse_time(local.updated)
                if newer:
                    conn.execute(_REPLACE, _to_row(incoming))
                    updated += 1
                elif incoming == local or parse_time(incoming.updated) < parse_time(local.updated):
                    unchanged += 1
                else:
                    conflicts += 1
        return MergeResult(added, updated, unchanged, conflicts)

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
        read every :data:`POLL_SECONDS`, which costs microseconds."""
        remaining = timeout
        while True:
            try:
                if self.change_token() > token:
                    return True
            except NotesDatabaseError:
                pass
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


def _first_problem(rows: list[tuple]) -> str:
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


def stamped(annotation: Annotation, previous: Annotation | None, author: str) -> Annotation:
    """``annotation`` as a save stores it: ``updated`` now (later than the stored
    copy's), ``created`` and ``author`` kept from the stored copy, a new note
    without an author given ``author``."""
    return replace(
        annotation,
        created=previous.created if previous else annotation.created,
        updated=_later_than(previous.updated if previous else None),
        author=previous.author if previous else (annotation.author or author),
    )


def _later_than(previous: str | None) -> str:
    now = utc_now()
    if previous is None:
        return now
    try:
        before = parse_time(previous)
    except ValueError:
        return now
    if parse_time(now) > before:
        return now
    return (before + timedelta(microseconds=1)).isoformat(timespec="microseconds")


def _to_row(a: Annotation) -> tuple[object, ...]:
    return (
        a.id,
        a.created,
        a.updated,
        a.article_path,
        a.article_hash,
        a.article_id,
        a.paragraph,
        a.quote,
        a.prefix,
        a.suffix,
        a.start,
        a.end,
        a.label,
        a.note,
        a.language,
        a.claim_kind,
        a.claim_value,
        int(a.deleted),
        a.author,
    )


def _from_row(row: tuple) -> Annotation:
    (
        id_,
        created,
        updated,
        path,
        hash_,
        article_id,
        paragraph,
        quote,
        prefix,
        suffix,
        start,
        end,
        label,
        note,
        language,
        claim_kind,
        claim_value,
        deleted,
        author,
    ) = row
    return Annotation(
        id=id_,
        created=created,
        updated=updated,
        article_path=path,
        article_hash=hash_,
        article_id=article_id,
        paragraph=paragraph,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        label=label,
        note=note,
        language=language,
        claim_kind=claim_kind,
        claim_value=claim_value,
        deleted=bool(deleted),
        author=author,
    )


def _same_content(a: Annotation, b: Annotation) -> bool:
    """Equal apart from ``updated`` (an undo moves ``updated`` on, not the content)."""
    return replace(a, updated="") == replace(b, updated="")


def _from_json(text: str) -> Annotation:
    return Annotation(**json.loads(text))
