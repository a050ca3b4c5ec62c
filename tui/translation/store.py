"""Cache of machine translations, outside the repository.

Keyed by (engine, model, model version, source language, target language,
hash of the normalised source paragraph): a paragraph whose text changed gets a
new hash, so its old translation is never found for it — it can only be shown
beside the text it translates. Where each article's paragraphs stood when they
were translated is kept too, only to count how many became stale.

SQLite (standard library) because it gives atomic transactions and safe
concurrent use by two processes (WAL, busy timeout) without a lock file of our
own. One short-lived connection per operation keeps it usable from the reader's
worker thread and main thread alike. Reading never creates the file.

Location: ``$TANDEM_CACHE_DIR/translations/`` if set (tests), else
``platformdirs.user_cache_dir("tandem")/translations/``.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tui.translated import Provenance
from tui.translation.errors import TranslationError

SCHEMA_VERSION = 2
"""2: ``translation_by_text`` added (created on the first write to an older file)."""
_CHUNK = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translation (
    engine TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,
    source TEXT NOT NULL, target TEXT NOT NULL, source_hash TEXT NOT NULL,
    pivot TEXT, text TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (engine, model, version, source, target, source_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS placement (
    engine TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,
    source TEXT NOT NULL, target TEXT NOT NULL,
    article_id TEXT NOT NULL, paragraph INTEGER NOT NULL, source_hash TEXT NOT NULL,
    PRIMARY KEY (engine, model, version, source, target, article_id, paragraph)
) WITHOUT ROWID;
-- keys_for asks by language pair and text, not by model: without this index
-- each of its chunks of 500 hashes scanned the whole table, so listing the
-- translations of a 200,000-paragraph article that had been translated took
-- over a minute (400 chunks x 200,000 rows).
CREATE INDEX IF NOT EXISTS translation_by_text ON translation (source, target, source_hash);
"""


class StoreError(TranslationError):
    """The cache file cannot be read or written (permissions, disk full, corrupt)."""


def cache_root() -> Path:
    """tandem's cache directory (``TANDEM_CACHE_DIR`` overrides)."""
    override = os.environ.get("TANDEM_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("tandem"))


def default_store_path() -> Path:
    return cache_root() / "translations" / "translations.sqlite3"


@dataclass(frozen=True, slots=True)
class StoreKey:
    """Everything a cached translation depends on except the source text."""

    engine: str
    model: str
    version: str
    source: str
    target: str
    pivot: str | None = None

    @classmethod
    def of(cls, provenance: Provenance, source: str, target: str) -> StoreKey:
        return cls(
            engine=provenance.engine,
            model=provenance.model or "",
            version=provenance.version or "",
            source=source,
            target=target,
            pivot=provenance.pivot,
        )

    @property
    def provenance(self) -> Provenance:
        return Provenance(
            engine=self.engine,
            model=self.model or None,
            version=self.version or None,
            pivot=self.pivot,
        )

    @property
    def _where(self) -> tuple[str, tuple[str, ...]]:
        return (
            "engine=? AND model=? AND version=? AND source=? AND target=?",
            (self.engine, self.model, self.version, self.source, self.target),
        )


T = TypeVar("T")


def _chunks(items: list[T], size: int = _CHUNK) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class TranslationStore:
    """The cache file; cheap to construct, opens a connection per call."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else default_store_path()

    # -- connections ---------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection | None]:
        if not self.path.is_file():
            yield None
            return
        try:
            with closing(self._connect()) as conn:
                try:
                    conn.execute("SELECT 1 FROM translation LIMIT 1")
                except sqlite3.OperationalError as exc:
                    if "no such table" not in str(exc):
                        raise
                    yield None  # created by another process, not initialised yet
                    return
                yield conn
        except sqlite3.Error as exc:
            raise StoreError(f"translation cache {self.path}: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        # Autocommit mode: transactions are opened explicitly with BEGIN IMMEDIATE,
        # which takes the write lock up front and so waits (busy timeout) instead
        # of failing when another process writes at the same moment.
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def _initialise(self, conn: sqlite3.Connection) -> None:
        if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        # WAL lets readers (the reader UI) proceed while a writer works. Switching
        # needs a moment with no other connection; a racing first writer may hold
        # one, so retry briefly (only ever on a brand-new file).
        for attempt in range(50):
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError:
                time.sleep(0.02 * (attempt + 1))
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, _SCHEMA.split(";")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is stored, or none of it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as conn:
                self._initialise(conn)
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"translation cache {self.path}: {exc}") from exc

    # -- translations --------------------------------------------------------

    def lookup(self, key: StoreKey, hashes: Iterable[str]) -> dict[str, str]:
        """Cached text for each of ``hashes`` that has one."""
        wanted = sorted(set(hashes))
        found: dict[str, str] = {}
        with self._read() as conn:
            if conn is None or not wanted:
                return found
            where, args = key._where
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT source_hash, text FROM translation WHERE {where} AND source_hash IN ({marks})",
                    (*args, *chunk),
                )
                found.update(rows)
        return found

    def save(
        self,
        key: StoreKey,
        texts: Mapping[str, str],
        *,
        article_id: str | None = None,
        placements: Mapping[int, str] | None = None,
        replace_placements: bool = False,
    ) -> None:
        """Store ``{source_hash: text}`` and where the article's paragraphs were
        (``replace_placements``: forget the article's older placements)."""
        if not texts and not placements and not replace_placements:
            return
        now = time.time()
        base = (key.engine, key.model, key.version, key.source, key.target)
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO translation VALUES (?,?,?,?,?,?,?,?,?)",
                [(*base, h, key.pivot, text, now) for h, text in texts.items()],
            )
            if article_id is not None and replace_placements:
                where, args = key._where
                conn.execute(f"DELETE FROM placement WHERE {where} AND article_id=?", (*args, article_id))
            if article_id is not None and placements:
                conn.executemany(
                    "INSERT OR REPLACE INTO placement VALUES (?,?,?,?,?,?,?,?)",
                    [(*base, article_id, i, h) for i, h in placements.items()],
                )

    def placements(self, key: StoreKey, article_id: str) -> dict[int, str]:
        """Paragraph index → source hash, as last translated for ``article_id``."""
        with self._read() as conn:
            if conn is None:
                return {}
            where, args = key._where
            rows = conn.execute(
                f"SELECT paragraph, source_hash FROM placement WHERE {where} AND article_id=?",
                (*args, article_id),
            )
            return dict(rows)

    def keys_for(self, source: str, target: str, hashes: Iterable[str]) -> list[tuple[StoreKey, int]]:
        """Every (engine, model, version) with translations of some of ``hashes``,
        with how many it has, most first."""
        counts: dict[StoreKey, int] = {}
        with self._read() as conn:
            if conn is None:
                return []
            # Nothing cached for this language pair (a first opening): one
            # indexed look, not a query per 500 paragraphs of a long article.
            if (
                conn.execute(
                    "SELECT 1 FROM translation WHERE source=? AND target=? LIMIT 1", (source, target)
                ).fetchone()
                is None
            ):
                return []
            wanted = sorted(set(hashes))
            if not wanted:
                return []
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    "SELECT engine, model, version, pivot, COUNT(*) FROM translation "
                    f"WHERE source=? AND target=? AND source_hash IN ({marks}) "
                    "GROUP BY engine, model, version, pivot",
                    (source, target, *chunk),
                )
                for engine, model, version, pivot, n in rows:
                    key = StoreKey(engine, model, version, source, target, pivot)
                    counts[key] = counts.get(key, 0) + n
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].model, kv[0].version))
