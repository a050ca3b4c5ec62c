"""The annotation store on a PostgreSQL server, for a team on more than one machine.

SQLite cannot be shared between machines (its locking needs one machine's
shared memory), so a team points every analyst's tandem at one PostgreSQL
database their organisation already runs. This module gives it the same
contract as :class:`tui.notes.store.NotesStore` (:class:`~tui.notes.backend.NotesBackend`),
decision by decision:

* **psycopg 3**, one connection per store used under a lock (the reader's
  threads share it), autocommit with explicit ``BEGIN``/``COMMIT`` so **every
  save is its own transaction**. Credentials come only from libpq's own
  sources (``~/.pgpass``, ``PG*`` variables, a service file): the location
  is a URL such as ``postgresql://alice@db.example/tandem`` or
  ``postgresql:///?service=tandem``, and messages show it without password.
* **Concurrent analysts never lose a note**: a save reads the stored copy
  ``FOR UPDATE`` (row lock) before writing, so two saves of one note queue;
  saves of different notes do not touch each other. Undo locks the row the
  same way and refuses (:class:`~tui.notes.store.UndoConflict`) when a colleague
  changed it since, exactly as on SQLite.
* **Same schema versioning**: :data:`MIGRATIONS` has the same steps as the
  SQLite store's (PostgreSQL spelling), recorded in ``tandem_meta``; they run in
  one transaction under an advisory lock, so two analysts opening a fresh
  database at once do not both create it. A database whose tables belong to
  another program, or made by a newer tandem, is refused and left untouched.
* **Live**: a trigger numbers every change from the one-row ``notes_clock``
  (the row lock makes the numbers follow commit order, so a reader holding
  token *n* can never miss a change numbered below a later one) and sends
  ``NOTIFY tandem_notes``; :meth:`PostgresNotesStore.wait_for_change` LISTENs on
  a second connection. The price is that saves queue on that row from their
  write to COMMIT, so a save sends its writes and COMMIT in one pipeline (one
  round trip under the lock; ``bench/pg_notes.py`` measures it).
* **Server unreachable**: opening fails with
  :class:`~tui.notes.store.NotesDatabaseError` naming the server (the reader
  turns annotations off and says so; nothing is sent later by itself). A
  connection lost later is reopened on the next call; a write whose
  connection broke before ``BEGIN`` went through is retried once (nothing was
  sent), any other failed write raises, so the caller keeps the typed text
  (``notes add`` in :mod:`tui.notes.unsaved`) and can save again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import psycopg
from psycopg import sql as pgsql

from tui.article import Article
from tui.dbserver import answering, connect, display_url, is_server_url
from tui.notes.backend import Annotations
from tui.notes.model import Annotation, article_location, validate
from tui.notes.store import (
    _COLUMNS,
    _LIVE,
    _SELECT,
    _SKIPPED,
    _UNDONE,
    SCHEMA_VERSION,
    InvalidAnnotation,
    MergeResult,
    NotesDatabaseError,
    UndoConflict,
    _from_row,
    _to_row,
    canonical_json,
    check_base,
    editable,
    merge_action,
    new_session_id,
    stamped,
    undone,
    validated,
)

APPLICATION = "tandem notes"
"""``tandem_meta.application`` of a tandem notes database."""

CHANNEL = "tandem_notes"
"""The NOTIFY channel every change is announced on."""

LOCK_TIMEOUT = 15.0
"""Seconds a save waits for another writer's lock (SQLite's busy timeout is the same)."""

_LOCK_KEY = 0x54414E44  # advisory lock held while migrating ("TAND")

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
            paragraph BIGINT NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            start_offset BIGINT,
            end_offset BIGINT,
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
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            session TEXT NOT NULL,
            annotation_id TEXT NOT NULL,
            changed TEXT NOT NULL,
            previous_json TEXT,
            next_json TEXT NOT NULL,
            state INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX history_by_session ON annotation_history (session, seq)",
    ),
    # 1 -> 2: who wrote each annotation, and the change counter for live updates.
    (
        "ALTER TABLE annotation ADD COLUMN author TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE annotation ADD COLUMN rev BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX annotation_by_rev ON annotation (rev)",
        "CREATE TABLE notes_clock (id INTEGER PRIMARY KEY CHECK (id = 1), value BIGINT NOT NULL)",
        "INSERT INTO notes_clock VALUES (1, 0)",
        """CREATE FUNCTION tandem_annotation_rev() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE notes_clock SET value = value + 1 RETURNING value INTO NEW.rev;
            PERFORM pg_notify('tandem_notes', '');
            RETURN NEW;
        END
        $$""",
        """CREATE TRIGGER annotation_rev BEFORE INSERT OR UPDATE ON annotation
            FOR EACH ROW EXECUTE FUNCTION tandem_annotation_rev()""",
    ),
)
assert len(MIGRATIONS) == SCHEMA_VERSION, "the PostgreSQL schema follows the SQLite one step for step"

_MARKS = ", ".join("%s" for _ in _COLUMNS)
_INSERT = f"INSERT INTO annotation ({', '.join(_COLUMNS)}) VALUES ({_MARKS})"
_UPSERT = _INSERT + " ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in _COLUMNS[1:])


def storable(annotation: Annotation) -> Annotation:
    """:func:`~tui.notes.model.validate`, and a NUL character refused, which
    PostgreSQL text cannot hold (SQLite can; the one difference).
    :class:`~tui.notes.store.InvalidAnnotation` (a ``ValueError``) if not storable."""
    try:
        validate(annotation)
    except (ValueError, TypeError) as exc:
        raise InvalidAnnotation(str(exc)) from None
    for name, value in annotation.to_dict().items():
        if isinstance(value, str) and "\x00" in value:
            raise InvalidAnnotation(f"{name} contains a NUL character, which the PostgreSQL server cannot store")
    return annotation


class PostgresNotesStore:
    """The team's annotations on a PostgreSQL server. Safe to share between threads."""

    def __init__(self, url: str, *, session: str | None = None, author: str | None = None) -> None:
        from tui.notes.backend import default_author

        if not is_server_url(url):
            raise NotesDatabaseError(f"{url!r} is not a postgresql:// URL")
        self.url = url
        self.location = display_url(url)
        self.session = session or new_session_id()
        self.author = author if author is not None else default_author()
        self._lock = threading.RLock()
        self._listen_lock = threading.Lock()
        self._closed = threading.Event()
        self._conn: psycopg.Connection[tuple[Any, ...]] | None = None
        self._listener: psycopg.Connection[tuple[Any, ...]] | None = None
        with self._lock:
            conn = self._connection()
            try:
                self._migrate(conn)
            except psycopg.Error as exc:
                error = self._error(exc)
                self._drop()
                raise error from None
            except BaseException:
                self._drop()
                raise

    # -- connections and errors ---------------------------------------------

    def _unreachable(self, exc: BaseException) -> NotesDatabaseError:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return NotesDatabaseError(
            f"{self.location}: cannot reach the notes server ({reason[:300]}); nothing was written"
        )

    def _error(self, exc: psycopg.Error) -> NotesDatabaseError:
        if isinstance(exc, psycopg.OperationalError) and (self._conn is None or self._conn.broken):
            return self._unreachable(exc)
        text = " ".join(str(exc).split())[:300]
        if isinstance(exc, psycopg.errors.LockNotAvailable):
            return NotesDatabaseError(
                f"{self.location}: the notes server is busy (another tandem has been writing for over "
                f"{LOCK_TIMEOUT:.0f} s); nothing was written, try again"
            )
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            return NotesDatabaseError(
                f"{self.location}: the server refused ({text}); ask the database's owner for the grants "
                "described in README 'Working as a team'"
            )
        return NotesDatabaseError(f"{self.location}: notes server error ({text})")

    def _fail(self, problem: str) -> NotesDatabaseError:
        return NotesDatabaseError(
            f"{self.location}: {problem}; the database was left untouched "
            "(use --notes-db or TANDEM_NOTES_DB to choose another one)"
        )

    def _connection(self) -> psycopg.Connection[tuple[Any, ...]]:
        if self._closed.is_set():
            raise NotesDatabaseError(f"{self.location}: the notes store was closed")
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._drop()
            try:
                conn = connect(self.url, purpose="notes")
                # Like SQLite's busy timeout: a save queued behind a long import
                # gives up after this long instead of freezing its caller.
                conn.execute(f"SET lock_timeout = '{int(LOCK_TIMEOUT * 1000)}ms'")
            except psycopg.Error as exc:
                raise self._unreachable(exc) from None
            self._conn = conn
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except psycopg.Error:
                pass
        self._conn = None

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            self._drop()
        listener = self._listener
        if listener is not None:
            try:
                listener.close()
            except psycopg.Error:
                pass

    def __enter__(self) -> PostgresNotesStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """A connection for reading; one that died while idle is reopened once, transparently."""
        with self._lock:
            try:
                conn, _ = answering(self._connection, self._drop)
            except psycopg.OperationalError as exc:
                raise self._unreachable(exc) from None
            except psycopg.Error as exc:
                raise self._error(exc) from None
            try:
                yield conn
            except psycopg.Error as exc:
                if conn.broken:
                    self._drop()
                raise self._error(exc) from None

    @contextmanager
    def _write(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """One committed transaction; rolled back on any error."""
        with self._lock:
            try:
                # A connection that died while idle (server restarted) is
                # reopened: nothing was sent yet, so starting again is safe.
                conn, _ = answering(self._connection, self._drop, "BEGIN")
            except psycopg.Error as exc:
                self._drop()
                raise self._error(exc) from None
            try:
                yield conn
                if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                    conn.execute("COMMIT")  # (unless the caller committed in its pipeline)
            except BaseException as exc:
                if not conn.broken and not conn.closed:
                    try:
                        conn.execute("ROLLBACK")
                    except psycopg.Error:
                        self._drop()
                else:
                    self._drop()
                if isinstance(exc, psycopg.Error):
                    raise self._error(exc) from None
                raise

    # -- schema -----------------------------------------------------------

    def _migrate(self, conn: psycopg.Connection[tuple[Any, ...]]) -> None:
        if self._version(conn) == SCHEMA_VERSION:
            return
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            version = self._version(conn)  # another analyst may have won
            if version == 0:
                conn.execute("CREATE TABLE tandem_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                conn.execute("INSERT INTO tandem_meta VALUES ('application', %s), ('schema', '0')", (APPLICATION,))
            for step in MIGRATIONS[version:]:
                for statement in step:
                    conn.execute(statement.encode())
            conn.execute("UPDATE tandem_meta SET value = %s WHERE key = 'schema'", (str(SCHEMA_VERSION),))

    def _version(self, conn: psycopg.Connection[tuple[Any, ...]]) -> int:
        """The schema version (0: empty), or :class:`NotesDatabaseError` if not ours."""
        # The catalogue through an ordinary query (a fresh snapshot after the
        # advisory lock), not to_regclass, whose cached lookups can lag behind.
        tables = {
            name
            for (name,) in conn.execute(
                "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                "AND relname IN ('tandem_meta', 'annotation')"
            ).fetchall()
        }
        if "tandem_meta" not in tables:
            if "annotation" in tables:
                raise self._fail("its 'annotation' table belongs to another program")
            return 0
        rows = dict(conn.execute("SELECT key, value FROM tandem_meta").fetchall())
        if rows.get("application") != APPLICATION:
            raise self._fail("its 'tandem_meta' table belongs to another program")
        try:
            version = int(rows.get("schema", ""))
        except ValueError:
            raise self._fail(f"unreadable schema version {rows.get('schema')!r}") from None
        if version > SCHEMA_VERSION:
            raise self._fail(f"made by a newer tandem (schema {version}; this version reads up to {SCHEMA_VERSION})")
        return version

    # -- reading ----------------------------------------------------------

    def get(self, annotation_id: str, *, include_deleted: bool = False) -> Annotation | None:
        with self._read() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = %s", (annotation_id,)).fetchone()
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
    ) -> Annotations:
        """Annotations, oldest first; ``article`` matches by content hash or path."""
        where: list[str] = []
        params: list[object] = []
        if not include_deleted:
            where.append("deleted = 0")
        if article is not None:
            where.append("(article_hash = %s OR article_path = %s)")
            params += [article.content_hash, article_location(article)]
        if label is not None:
            where.append("label = %s")
            params.append(label)
        if author is not None:
            where.append("author = %s")
            params.append(author)
        query = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
        # COLLATE "C": the same order as SQLite's byte order of the ISO timestamps and ids.
        query += ' ORDER BY created COLLATE "C", id COLLATE "C"'
        with self._read() as conn:
            rows = conn.execute(query.encode(), params).fetchall()
        return [_from_row(row) for row in rows]

    def for_article(self, article: Article) -> Annotations:
        """The live annotations of ``article`` (same content, or same file)."""
        return self.list(article=article)

    def count(self, *, include_deleted: bool = False) -> int:
        query = "SELECT count(*) FROM annotation" + ("" if include_deleted else " WHERE deleted = 0")
        with self._read() as conn:
            row = conn.execute(query.encode()).fetchone()
        return int(row[0]) if row else 0

    # -- writing ----------------------------------------------------------

    def save(self, annotation: Annotation, *, if_updated: str | None = None) -> Annotation:
        """Insert or update ``annotation`` in its own transaction (see
        :meth:`tui.notes.store.NotesStore.save`, the same contract)."""
        storable(annotation)
        with self._write() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = %s FOR UPDATE", (annotation.id,)).fetchone()
            previous = _from_row(row) if row else None
            check_base(previous, if_updated)
            stored = stamped(annotation, previous, self.author)
            # The change counter's row lock is held from the upsert to COMMIT:
            # send the writes and the COMMIT in one round trip, so colleagues
            # wait for one trip and the commit's flush, not three trips.
            with conn.pipeline():
                conn.execute(_UPSERT.encode(), _to_row(stored))
                self._record(conn, previous, stored)
                conn.execute("COMMIT")
        return stored

    def update(
        self,
        annotation_id: str,
        *,
        label: str | None = None,
        note: str | None = None,
        if_updated: str | None = None,
    ) -> Annotation:
        """Change the label and/or note of a live annotation (``KeyError`` if none)."""
        current = editable(self.get(annotation_id, include_deleted=True), annotation_id, if_updated)
        changed = replace(
            current,
            label=current.label if label is None else label,
            note=current.note if note is None else note,
        )
        return self.save(changed, if_updated=if_updated)

    def delete(self, annotation_id: str, *, if_updated: str | None = None) -> Annotation:
        """Tombstone an annotation (undoable; exported so deletions merge)."""
        current = editable(self.get(annotation_id, include_deleted=True), annotation_id, if_updated)
        return self.save(replace(current, deleted=True), if_updated=if_updated)

    def undo_last(self) -> Annotation | None:
        """Undo this session's most recent change not yet undone (the contract of
        :meth:`tui.notes.store.NotesStore.undo_last`)."""
        conflict: str | None = None
        restored: Annotation | None = None
        with self._write() as conn:
            entry = conn.execute(
                "SELECT seq, annotation_id, previous_json, next_json FROM annotation_history "
                "WHERE session = %s AND state = %s ORDER BY seq DESC LIMIT 1 FOR UPDATE",
                (self.session, _LIVE),
            ).fetchone()
            if entry is None:
                return None
            seq, annotation_id, previous_json, next_json = entry
            row = conn.execute(f"{_SELECT} WHERE id = %s FOR UPDATE", (annotation_id,)).fetchone()
            restored = undone(_from_row(row) if row else None, previous_json, next_json)
            if restored is None:
                conn.execute("UPDATE annotation_history SET state = %s WHERE seq = %s", (_SKIPPED, seq))
                conflict = annotation_id
            else:
                conn.execute(_UPSERT.encode(), _to_row(restored))
                conn.execute("UPDATE annotation_history SET state = %s WHERE seq = %s", (_UNDONE, seq))
        if conflict is not None:
            raise UndoConflict(f"annotation {conflict[:8]} was changed elsewhere since; that change was not undone")
        return restored

    def merge(self, annotations: Iterable[Annotation]) -> MergeResult:
        """Bring in copies from elsewhere in one transaction; the newer ``updated`` wins."""
        added = updated = unchanged = conflicts = 0
        items, failed = validated(annotations, storable)
        with self._write() as conn:
            for position, incoming in items:
                row = conn.execute(f"{_SELECT} WHERE id = %s FOR UPDATE", (incoming.id,)).fetchone()
                try:
                    action = merge_action(_from_row(row) if row else None, incoming)
                except (ValueError, TypeError, OverflowError) as exc:
                    failed.append((position, f"not merged ({exc})"))
                    continue
                if action in ("add", "replace"):
                    conn.execute(_UPSERT.encode(), _to_row(incoming))
                    added += action == "add"
                    updated += action == "replace"
                elif action == "unchanged":
                    unchanged += 1
                else:
                    conflicts += 1
        return MergeResult(added, updated, unchanged, conflicts, tuple(sorted(failed)))

    def _record(
        self, conn: psycopg.Connection[tuple[Any, ...]], previous: Annotation | None, stored: Annotation
    ) -> None:
        conn.execute(
            "INSERT INTO annotation_history (session, annotation_id, changed, previous_json, next_json) "
            "VALUES (%s, %s, %s, %s, %s)",
            (
                self.session,
                stored.id,
                stored.updated,
                canonical_json(previous) if previous else None,
                canonical_json(stored),
            ),
        )

    # -- live -------------------------------------------------------------

    def change_token(self) -> int:
        """The change counter now (see :meth:`tui.notes.store.NotesStore.change_token`)."""
        with self._read() as conn:
            row = conn.execute("SELECT value FROM notes_clock").fetchone()
        return int(row[0]) if row else 0

    def changes_since(self, token: int, *, article: Article | None = None) -> tuple[int, Annotations]:
        """Annotations saved by anyone after ``token``, oldest change first, and the
        next token; read in one snapshot so the two agree."""
        query = f"{_SELECT} WHERE rev > %s"
        params: list[object] = [token]
        if article is not None:
            query += " AND (article_hash = %s OR article_path = %s)"
            params += [article.content_hash, article_location(article)]
        with self._read() as conn:
            with conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                row = conn.execute("SELECT value FROM notes_clock").fetchone()
                rows = conn.execute((query + " ORDER BY rev").encode(), params).fetchall()
        return (int(row[0]) if row else token), [_from_row(r) for r in rows]

    def wait_for_change(self, token: int, timeout: float) -> bool:
        """Block up to ``timeout`` seconds until the store moved past ``token``
        (LISTEN/NOTIFY; changes made while no one listened are found through the
        counter first). When the server cannot be reached it waits out
        ``timeout`` and raises :class:`NotesDatabaseError`, so a worker loop
        neither spins nor goes quiet; the next call reconnects."""
        with self._listen_lock:
            for attempt in (1, 2):
                try:
                    listener = self._listening()
                    deadline = time.monotonic() + timeout
                    while True:
                        if self.change_token() > token:
                            return True
                        remaining = deadline - time.monotonic()
                        if remaining <= 0:
                            return False
                        # Any NOTIFY on the channel wakes us (another schema's
                        # store, too): the counter decides whether ours moved.
                        heard = False
                        for _ in listener.notifies(timeout=remaining, stop_after=1):
                            heard = True
                        if not heard:
                            return False
                except (psycopg.Error, NotesDatabaseError) as exc:
                    if self._listener is not None:
                        try:
                            self._listener.close()
                        except psycopg.Error:
                            pass
                        self._listener = None
                    if self._closed.is_set():
                        return False
                    if attempt == 1 and isinstance(exc, psycopg.Error):
                        continue  # a listener cut off (server restarted): reconnect at once, once
                    self._closed.wait(timeout)
                    if isinstance(exc, NotesDatabaseError):
                        raise
                    raise self._unreachable(exc) from None
            return False

    def _listening(self) -> psycopg.Connection[tuple[Any, ...]]:
        if self._closed.is_set():
            raise NotesDatabaseError(f"{self.location}: the notes store was closed")
        listener = self._listener
        if listener is None or listener.closed or listener.broken:
            listener = connect(self.url, purpose="notes listener")
            listener.execute(pgsql.SQL("LISTEN {}").format(pgsql.Identifier(CHANNEL)))
            self._listener = listener
        return listener

    def problem(self) -> str | None:
        """``None`` when the server answers now, else why not (for the user)."""
        try:
            self.change_token()
        except NotesDatabaseError as exc:
            return str(exc)
        return None
