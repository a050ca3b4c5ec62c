"""The persistent corpus index: what tandem learned about each file, kept across runs.

Why: reading, decoding, segmenting, flagging boilerplate and above all
detecting languages of thousands of files took minutes on every start. The
index remembers, per file, its size, modification time and content hash and,
per article, its paragraphs, boilerplate flags, languages and metadata, so a
second open of an unchanged folder reads none of the files; and it holds the
full-text index (:mod:`tui.fulltext`) that ``F`` and ``tandem search`` query.

It is a cache, never the truth:

* One SQLite file for all folders, ``$TANDEM_CACHE_DIR/corpus/index.sqlite3``
  (else the platform's user cache directory), in WAL mode so the reader and
  ``tandem index`` can use it at once. Articles are keyed by absolute path
  (``FILE#n`` for feed and JSON Lines entries).
* **Fresh** means: same size and modification time as recorded; or, when
  those changed, the same sha256 of the file's bytes (a ``touch`` or a copy
  re-reads nothing but the bytes). Anything else is re-read, and the file's
  old entries and indexed text are dropped.
* A file that is not an index of this version (corrupt, foreign, from an
  older tandem) is **rebuilt**: moved aside and started afresh. A write that
  fails (disk full, read-only cache) leaves the reader working from the files.
* Records are JSON (zlib-compressed: a third of the size), never pickle: a
  planted cache file must not run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from tui.article import Article, ArticleMeta, Paragraph
from tui.fulltext import Row, index_rows
from tui.paths import article_key

SCHEMA_VERSION = 3
APPLICATION_ID = 0x74616E64  # "tand"
BATCH = 200
"""Articles written per transaction while reading many."""
BUSY_SECONDS = 10.0
"""How long a connection waits for another one's write (the reader, its
reading child, ``tandem index`` and ``tandem translate`` share the file)."""
FRESHNESS_STEP = 256
"""Files whose freshness :meth:`CorpusIndex.read_many` checks before it yields
the first of them (with one worker): checking all 50,000 of a new folder
first (a ``stat`` and a query each, and a hash where the time changed) kept
the first article back for over a second."""
STAMPS_BY_KEY = 2_000
"""Up to this many articles, :meth:`CorpusIndex.translation_stamps` looks
them up by key; more (a whole folder, as ``F`` asks), by one scan of each
folder's range."""
MIN_PARALLEL = 64
"""Files to read below which worker processes cost more (start-up) than they save."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    id TEXT NOT NULL,
    title TEXT,
    meta TEXT,
    language TEXT,
    languages_known INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE TABLE IF NOT EXISTS records (
    key TEXT PRIMARY KEY,
    record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_file ON articles(file);
-- Paragraphs live apart from the list's columns, so reading a folder's
-- titles and languages scans a compact table.
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    stamp TEXT NOT NULL
);
"""


_SUMMARY_COLUMNS = "a.key, a.title, a.language, a.languages_known, a.error, a.id, a.meta, f.size, f.mtime_ns"
"""What :meth:`CorpusIndex.summaries` reads of each article, in this order."""


def default_index_path() -> Path:
    """``$TANDEM_CACHE_DIR/corpus/index.sqlite3`` (else the user cache directory)."""
    from tui.translation.store import cache_root

    return cache_root() / "corpus" / "index.sqlite3"


@dataclass(frozen=True, slots=True)
class Indexed:
    """An article and what the index knew about it."""

    path: Path
    article: Article
    languages: bool
    """True when the article's languages were detected before (no need again)."""
    reused: bool
    """True when nothing was parsed: the article came from the index."""
    stamp: tuple[int, int] | None = None
    """Size and modification time of the article's file when it was checked
    (``None``: it could not be read), for callers that watch it for changes."""


class Summary(NamedTuple):
    """What the article list needs, without the paragraphs.

    A named tuple, not a frozen dataclass: one is made per file of a folder
    on every open, and a frozen dataclass took 2.6 µs to make, a tuple 0.6."""

    path: Path
    id: str
    title: str
    language: str | None
    languages: bool
    error: str | None
    meta: ArticleMeta | None


class CorpusIndex:
    """One open index; safe to use from one thread at a time per instance
    (the reader's loading worker), with a lock for the occasional other caller."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self.problems: list[str] = []
        """Non-fatal trouble (a failed write), for the status line."""
        self._pending: dict[str, tuple[str, tuple[int, int, str] | None, Article, bool, list[Row] | None]] = {}
        """Articles read but not written yet (key -> file, stamp, article,
        languages known, full-text rows if computed)."""

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None) -> CorpusIndex:
        """The index at ``path`` (default :func:`default_index_path`), created or
        rebuilt as needed. Falls back to an in-memory index when the cache
        directory cannot be written at all, or when another connection keeps
        the file locked past :data:`BUSY_SECONDS` (a busy index is sound: it
        is never set aside), so callers never need a branch."""
        path = path or default_index_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(_connect(path), path)
        except sqlite3.OperationalError as exc:
            if _busy(exc):  # another writer held it past the timeout: the file is fine, keep it
                return cls._in_memory(f"corpus index busy ({exc}); nothing is kept from this run")
        except (OSError, sqlite3.Error):
            pass
        try:
            _move_aside(path)
            return cls(_connect(path), path)
        except (OSError, sqlite3.Error) as exc:
            return cls._in_memory(f"corpus index unavailable ({exc}); nothing is kept between runs")

    @classmethod
    def _in_memory(cls, problem: str) -> CorpusIndex:
        index = cls(_connect(":memory:"), None)
        index.problems.append(problem)
        return index

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """For :func:`tui.fulltext.search` (read only; hold :attr:`lock`)."""
        return self._conn

    @property
    def lock(self) -> threading.RLock:
        """Held while the connection is used (one connection, several threads)."""
        return self._lock

    # -- articles --------------------------------------------------------------

    def load_or_read(self, path: Path) -> Article:
        """``path``'s article from the index if its file is unchanged, else read
        (and recorded). Never raises for bad content, like :func:`load_article`."""
        return next(self.read_many([path])).article

    def read_many(
        self,
        paths: Sequence[Path],
        *,
        progress: Callable[[int, int], None] | None = None,
        workers: int = 1,
    ) -> Iterator[Indexed]:
        """Each of ``paths`` in order, from the index where fresh, else read and
        recorded (in batches of :data:`BATCH` per transaction). ``progress(done,
        total)`` is called after each article.

        ``workers > 1`` reads the files to (re)read in that many child processes
        (spawned, so safe from a threaded program) when there are at least
        :data:`MIN_PARALLEL` of them: reading is CPU-bound (boilerplate rules,
        folding for the full-text index), about 5 ms a file. With one worker the
        files are checked :data:`FRESHNESS_STEP` at a time, so the first
        articles come at once."""
        files: dict[str, tuple[bool, tuple[int, int, str] | None]] = {}
        forgotten: set[str] = set()
        total = len(paths)
        step = max(1, total if workers > 1 else FRESHNESS_STEP)
        done = 0
        try:
            for start in range(0, total, step):
                for item in self._read_step(paths[start : start + step], files, forgotten, workers):
                    done += 1
                    yield item
                    if progress is not None:
                        progress(done, total)
        finally:
            self._flush()

    def _read_step(
        self,
        paths: Sequence[Path],
        files: dict[str, tuple[bool, tuple[int, int, str] | None]],
        forgotten: set[str],
        workers: int,
    ) -> Iterator[Indexed]:
        """:meth:`read_many` for one step of its paths: their files' freshness
        first (kept in ``files`` for a feed whose entries span steps), then
        each article; a changed file's old entries are forgotten once (``forgotten``)."""
        from tui.loading import split_entry

        plan: list[tuple[Path, str, str]] = []
        cwd = os.getcwd()
        for path in paths:
            key = article_key(path, cwd)
            file = article_key(split_entry(Path(path))[0], cwd)
            if file not in files:
                files[file] = self._freshness(file)
            plan.append((Path(path), key, file))
        stale = [path for path, _, file in plan if not files[file][0]]
        loaded = _Reader(stale, workers if len(stale) >= MIN_PARALLEL else 1)
        try:
            for path, key, file in plan:
                fresh, stamp = files[file]
                # Records are read as they are yielded: the first arrive at once.
                found = self._get(key, path) if fresh else None
                if found is not None:
                    yield Indexed(path, found[0], found[1], True, stamp and stamp[:2])
                else:
                    # A fresh file whose record is unreadable is read here.
                    article, rows = next(loaded) if not fresh else _read_for_index(path)
                    if not fresh and stamp is not None and file not in forgotten:
                        # Changed since recorded: its old entries and text go.
                        forgotten.add(file)
                        self._forget_file(file)
                    with self._lock:
                        self._pending[key] = (file, stamp, article, False, rows)
                    if len(self._pending) >= BATCH:
                        self._flush()
                    yield Indexed(path, article, False, False, stamp and stamp[:2])
        finally:
            loaded.close()

    def optimize(self) -> None:
        """Merge the full-text index's segments (after a large indexing run:
        queries then read one segment instead of dozens)."""
        self._execute("INSERT INTO docs_fts (docs_fts) VALUES ('optimize')", ())

    def summaries(self, paths: Sequence[Path], *, verify: bool = True) -> list[Summary | None]:
        """What the index knows for the list, without reading any file's
        content; ``None`` where a file is new (or, with ``verify``, changed:
        a ``stat`` each). ``verify=False`` is for an instant list that
        :meth:`read_many` then checks and corrects in the background."""
        cwd = os.getcwd()  # once: relative paths asked for it per path (a system call each, beside the first frames)
        keys = [article_key(p, cwd) for p in paths]
        wanted = set(keys)
        folders = {key.rpartition(os.sep)[0] for key in keys}
        rows: dict[str, Sequence[Any]] = {}
        with self._lock:
            # One range scan per folder (keys sort by path), not one lookup per file.
            for folder in folders:
                for row in self._folder_rows(folder):
                    if row[0] in wanted:
                        rows[row[0]] = row
        if not rows:  # a folder never opened: nothing to look at (50,000 files, before the first frame)
            return [None] * len(keys)
        # One plain loop: it runs for every file of a folder on each open, in
        # the loader's thread beside the event loop's first frames.
        result: list[Summary | None] = []
        append = result.append
        entries: dict[str, tuple[int, int] | None] = {}  # a feed's file, stat-ed once for all its entries
        now: tuple[int, int] | None
        for path, key in zip(paths, keys, strict=True):
            found = rows.get(key)
            if found is None:
                append(None)
                continue
            row = found
            if verify:
                if "#" in key:
                    file = _file_of(key)
                    if file not in entries:
                        entries[file] = _stat_of(file)
                    now = entries[file]
                else:
                    now = _stat_of(key)
                if now is None or now[0] != row[7] or now[1] != row[8]:
                    append(None)
                    continue
            meta = (
                ArticleMeta.from_record(json.loads(row[6]) if isinstance(row[6], str) else row[6]) if row[6] else None
            )
            append(Summary(path, row[5], row[1] or "", row[2], bool(row[3]), row[4], meta))
        return result

    def _folder_rows(self, folder: str) -> Sequence[Sequence[Any]]:
        """The summary columns of every article under ``folder`` (hold the lock).

        As one JSON value when SQLite has its JSON functions: the reader asks
        from its loading thread while the event loop paints, and each row
        fetched releases and retakes the GIL, waiting up to a switch interval
        for the busy event loop each time (5,000 rows took 0.15–0.3 s beside
        it, 0.02 s alone); one value is one step, built with the GIL released.
        The metadata comes parsed."""
        where = "FROM articles a JOIN files f ON f.path = a.file WHERE a.key > ? AND a.key < ?"
        bounds = _folder_bounds(folder)
        try:
            (packed,) = self._conn.execute(
                f"SELECT json_group_array(json_array({_SUMMARY_COLUMNS.replace('a.meta', 'json(a.meta)')})) {where}",
                bounds,
            ).fetchone()
            rows = json.loads(packed)
            if isinstance(rows, list):
                return rows
        except (sqlite3.OperationalError, ValueError, TypeError):  # no JSON functions: row by row
            pass
        return self._conn.execute(f"SELECT {_SUMMARY_COLUMNS} {where}", bounds).fetchall()

    def record_languages(self, article: Article) -> None:
        """Keep ``article``'s detected languages (call after detection)."""
        key = article_key(article.path)
        with self._lock:
            if key in self._pending:
                file, stamp, old, _, rows = self._pending[key]
                same_text = [p.text for p in old.paragraphs] == [p.text for p in article.paragraphs]
                self._pending[key] = (file, stamp, article, True, rows if same_text else None)
                return
            try:
                with self._conn:
                    self._conn.execute(
                        "UPDATE articles SET language = ?, languages_known = 1, title = ? WHERE key = ?",
                        (article.language, article.title, key),
                    )
                    self._conn.execute(
                        "UPDATE records SET record = ? WHERE key = ?", (_pack(article_to_record(article)), key)
                    )
            except sqlite3.Error as exc:
                self._problem(exc)

    def translation_stamps(self, keys: Sequence[str]) -> dict[str, str]:
        """The stamp of the translation indexed for each of ``keys`` that has one
        (see :meth:`record_translation`); ``{}`` if the index cannot say."""
        wanted = set(keys)
        found: dict[str, str] = {}
        with self._lock:
            try:
                if len(wanted) <= STAMPS_BY_KEY:
                    # tandem index / search ask a batch at a time: scanning the whole
                    # folder for each batch read 50,000 rows 100 times at 50,000 files.
                    listed = list(wanted)
                    for start in range(0, len(listed), 500):
                        chunk = listed[start : start + 500]
                        marks = ",".join("?" * len(chunk))
                        found.update(
                            self._conn.execute(f"SELECT key, stamp FROM translations WHERE key IN ({marks})", chunk)
                        )
                    return found
                for folder in {key.rpartition(os.sep)[0] for key in keys}:
                    sql = "SELECT key, stamp FROM translations WHERE key > ? AND key < ?"
                    for key, stamp in self._conn.execute(sql, _folder_bounds(folder)):
                        if key in wanted:
                            found[key] = stamp
            except sqlite3.Error:
                return {}
        return found

    def record_translation(self, article: Article, paragraphs: Iterable[tuple[int, str]], stamp: str) -> None:
        """Index the translation tandem shows for ``article`` (reference, cached
        machine or aligned human) for full-text search. ``stamp`` says which
        (e.g. provenance label + article hash): the same stamp is not re-indexed."""
        from tui.fulltext import replace_texts

        key = article_key(article.path)
        with self._lock:
            try:
                row = self._conn.execute("SELECT stamp FROM translations WHERE key = ?", (key,)).fetchone()
                if row is not None and row[0] == stamp:
                    return
                with self._conn:
                    replace_texts(self._conn, key, "translation", paragraphs)
                    self._conn.execute("INSERT OR REPLACE INTO translations (key, stamp) VALUES (?, ?)", (key, stamp))
            except sqlite3.Error as exc:
                self._problem(exc)

    # -- internals -------------------------------------------------------------

    def _freshness(self, file: str) -> tuple[bool, tuple[int, int, str] | None]:
        """(fresh, stamp to record). ``stamp`` is ``None`` when the file cannot be read."""
        try:
            info = os.stat(file)
        except (OSError, ValueError):
            return False, None
        with self._lock:
            row = self._conn.execute("SELECT size, mtime_ns, sha256 FROM files WHERE path = ?", (file,)).fetchone()
        if row is not None and row[0] == info.st_size and row[1] == info.st_mtime_ns:
            return True, (row[0], row[1], row[2])
        digest = _file_hash(file)
        if digest is None:
            return False, None
        stamp = (info.st_size, info.st_mtime_ns, digest)
        if row is not None and row[2] == digest:
            self._execute(
                "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (info.st_size, info.st_mtime_ns, file)
            )
            return True, stamp
        return False, stamp

    def _get(self, key: str, path: Path) -> tuple[Article, bool] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT r.record, a.languages_known FROM articles a JOIN records r ON r.key = a.key WHERE a.key = ?",
                (key,),
            ).fetchone()
        if row is None:
            return None
        try:
            return article_from_record(_unpack(row[0]), path), bool(row[1])
        except (ValueError, KeyError, TypeError, IndexError, zlib.error):
            return None

    def _forget_file(self, file: str) -> None:
        from tui.fulltext import delete_texts

        with self._lock:
            try:
                with self._conn:
                    keys = [r[0] for r in self._conn.execute("SELECT key FROM articles WHERE file = ?", (file,))]
                    for key in keys:
                        delete_texts(self._conn, key)
                        self._conn.execute("DELETE FROM translations WHERE key = ?", (key,))
                        self._conn.execute("DELETE FROM records WHERE key = ?", (key,))
                    self._conn.execute("DELETE FROM articles WHERE file = ?", (file,))
            except sqlite3.Error as exc:
                self._problem(exc)

    def _flush(self) -> None:
        """Write the articles read since the last flush, in one transaction."""
        from tui.fulltext import replace_texts

        with self._lock:
            pending, self._pending = self._pending, {}
            try:
                with self._conn:
                    for key, (file, stamp, article, languages, rows) in pending.items():
                        if stamp is None:
                            continue  # unreadable: nothing to keep, it is read (and fails) again next time
                        self._conn.execute(
                            "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?)",
                            (file, *stamp),
                        )
                        self._conn.execute(
                            "INSERT OR REPLACE INTO articles "
                            "(key, file, id, title, meta, language, languages_known, error) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (
                                key,
                                file,
                                article.id,
                                article.title if article.ok else None,
                                json.dumps(article.meta.record(), ensure_ascii=False) if article.meta else None,
                                article.language,
                                int(languages),
                                article.error,
                            ),
                        )
                        self._conn.execute(
                            "INSERT OR REPLACE INTO records (key, record) VALUES (?, ?)",
                            (key, _pack(article_to_record(article))),
                        )
                        replace_texts(
                            self._conn, key, "original", ((p.index, p.text) for p in article.paragraphs), rows=rows
                        )
            except sqlite3.Error as exc:
                self._problem(exc)

    def _execute(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._lock:
            try:
                with self._conn:
                    self._conn.execute(sql, params)
            except sqlite3.Error as exc:
                self._problem(exc)

    def _problem(self, exc: Exception) -> None:
        message = f"corpus index not updated: {exc}"
        if message not in self.problems:
            self.problems.append(message)


class _Reader:
    """Articles and full-text rows for ``paths``, in order: from worker
    processes when asked and possible, else in this process. Spawning fails
    under Textual (the terminal driver owns the standard streams) and a pool
    can break; either way the remaining files are read here."""

    def __init__(self, paths: Sequence[Path], workers: int) -> None:
        self._paths = list(paths)
        self._done = 0
        self._pool: Any = None
        self._results: Iterator[tuple[Article, list[Row]]] | None = None
        if workers > 1:
            try:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
                self._results = self._pool.map(_read_for_index, self._paths, chunksize=16)
            except Exception:  # no worker processes here: read in this one
                self.close()

    def __next__(self) -> tuple[Article, list[Row]]:
        if self._results is not None:
            try:
                result = next(self._results)
                self._done += 1
                return result
            except StopIteration:
                raise
            except Exception:  # a broken pool: go on without it
                self.close()
        result = _read_for_index(self._paths[self._done])
        self._done += 1
        return result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
        self._results = None


def _read_for_index(path: Path) -> tuple[Article, list[Row]]:
    """Read one article and its full-text rows (runs in a worker process too)."""
    from tui.loading import load_article

    article = load_article(path)
    return article, index_rows((p.index, p.text) for p in article.paragraphs)


# --------------------------------------------------------------------------
# records


def article_to_record(article: Article) -> dict[str, Any]:
    """A JSON-able record of everything an :class:`Article` holds but its path."""
    return {
        "id": article.id,
        "language": article.language,
        "hash": article.content_hash,
        "error": article.error,
        "notes": list(article.notes),
        "meta": article.meta.record() if article.meta is not None else None,
        # The direction only where already known: the loader records every article.
        "paragraphs": [[p.text, p.known_direction, p.language, p.boilerplate] for p in article.paragraphs],
    }


def article_from_record(record: dict[str, Any], path: Path | None = None) -> Article:
    """The inverse of :func:`article_to_record`; raises on a malformed record."""
    paragraphs = tuple(
        Paragraph(
            index=i,
            text=str(text),
            direction=direction if direction in ("ltr", "rtl") else None,  # else worked out when read
            language=language,
            boilerplate=boiler,
        )
        for i, (text, direction, language, boiler) in enumerate(record["paragraphs"])
    )
    return Article(
        id=str(record["id"]),
        path=path if path is not None else Path(),
        paragraphs=paragraphs,
        language=record.get("language"),
        content_hash=str(record.get("hash", "")),
        error=record.get("error"),
        notes=tuple(record.get("notes") or ()),
        meta=ArticleMeta.from_record(record.get("meta")),
    )


# --------------------------------------------------------------------------
# helpers


def _pack(record: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(record, ensure_ascii=False).encode("utf-8"), 1)


def _unpack(data: bytes) -> dict[str, Any]:
    record = json.loads(zlib.decompress(data))
    if not isinstance(record, dict):
        raise ValueError("not a record")
    return record


def _connect(target: Path | str) -> sqlite3.Connection:
    from tui.fulltext import SCHEMA as FULLTEXT_SCHEMA

    conn = sqlite3.connect(str(target), timeout=BUSY_SECONDS, check_same_thread=False, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and (app_id != APPLICATION_ID or version != SCHEMA_VERSION):
            raise sqlite3.DatabaseError("not a tandem corpus index of this version")
        if str(target) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.executescript(_SCHEMA + FULLTEXT_SCHEMA)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("SELECT count(*) FROM articles").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    conn.isolation_level = "DEFERRED"  # back to implicit transactions for `with conn:`
    return conn


def _busy(exc: sqlite3.OperationalError) -> bool:
    """Whether ``exc`` says another connection holds the database (not that it is damaged)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def _folder_bounds(folder: str) -> tuple[str, str]:
    """Keys of the articles under ``folder`` sort strictly between these two."""
    return folder + os.sep, folder + chr(ord(os.sep) + 1)


def _move_aside(path: Path) -> None:
    """Set a broken index aside (``index.sqlite3.broken``) so a new one can start."""
    for suffix in ("", "-wal", "-shm"):
        old = Path(str(path) + suffix)
        if old.exists():
            os.replace(old, str(old) + ".broken")


def _file_hash(file: str) -> str | None:
    try:
        with open(file, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError):
        return None


def _file_of(key: str) -> str:
    """The file of an article key (``FILE#n`` -> ``FILE``), by string
    operations only: this runs for every article of a folder on each open."""
    head, mark, number = key.rpartition("#")
    if not mark or not number.isdigit() or os.sep in number:
        return key
    from tui.loading import split_entry

    return str(split_entry(Path(key))[0])


def _stat_of(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_size, info.st_mtime_ns
