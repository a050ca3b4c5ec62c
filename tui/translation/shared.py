"""The machine-translation cache on a team's PostgreSQL server.

Translating is the slowest thing tandem does; a team reading the same
articles should translate each paragraph once. This is
:class:`tui.translation.store.TranslationStore` (the per-user SQLite cache)
on a shared server: the same keys (engine, model, model version, source and
target language, hash of the normalised paragraph), the same rows, the same
four methods, so :mod:`tui.translation.service` cannot tell them apart and
provenance travels unchanged with each text.

Decisions: one connection per process and URL, reused under a lock (the
reader's worker and main threads share it) and reopened when it breaks;
reading never creates tables (an empty database reads as an empty cache);
the first write creates them under an advisory lock; a write is one
transaction, and a concurrent write of the same key keeps one of two
equivalent texts (``ON CONFLICT DO UPDATE``). Tables are named
``translation`` and ``translation_placement`` so they can live in the same
database as the annotations. Errors are :class:`~tui.translation.store.StoreError`
naming the server without its password.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import psycopg

from tui.dbserver import answering, connect, display_url
from tui.translation.store import StoreError, StoreKey

_LOCK_KEY = 0x54524E53  # advisory lock while creating the tables ("TRNS")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS translation (
        engine TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,
        source TEXT NOT NULL, target TEXT NOT NULL, source_hash TEXT NOT NULL,
        pivot TEXT, text TEXT NOT NULL, created DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (engine, model, version, source, target, source_hash)
    )""",
    """CREATE TABLE IF NOT EXISTS translation_placement (
        engine TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,
        source TEXT NOT NULL, target TEXT NOT NULL,
        article_id TEXT NOT NULL, paragraph BIGINT NOT NULL, source_hash TEXT NOT NULL,
        PRIMARY KEY (engine, model, version, source, target, article_id, paragraph)
    )""",
)
_KEY_WHERE = "engine = %s AND model = %s AND version = %s AND source = %s AND target = %s"


def _key_args(key: StoreKey) -> tuple[str, ...]:
    return (key.engine, key.model, key.version, key.source, key.target)


class PostgresTranslationStore:
    """The team's translation cache; safe to share between threads."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = display_url(url)
        self._lock = threading.RLock()
        self._conn: psycopg.Connection[tuple[Any, ...]] | None = None
        self._ready = False

    def _error(self, exc: BaseException) -> StoreError:
        text = " ".join(str(exc).split())[:300] or type(exc).__name__
        return StoreError(f"translation cache {self.location}: {text}")

    def _connection(self) -> psycopg.Connection[tuple[Any, ...]]:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self.close()
            try:
                self._conn = connect(self.url, purpose="translations")
            except psycopg.Error as exc:
                raise self._error(exc) from None
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                except psycopg.Error:
                    pass
            self._conn = None

    @contextmanager
    def _read(self) -> Iterator[psycopg.Connection[tuple[Any, ...]] | None]:
        """A connection, or ``None`` while the tables do not exist yet."""
        with self._lock:
            try:
                conn, probe = answering(
                    self._connection, self.close, "SELECT to_regclass('translation_placement') IS NOT NULL"
                )
                row = probe.fetchone()
            except psycopg.Error as exc:
                raise self._error(exc) from None
            try:
                yield conn if row and row[0] else None
            except psycopg.Error as exc:
                raise self._error(exc) from None

    @contextmanager
    def _write(self) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
        """One transaction: all of it is stored, or none of it."""
        with self._lock:
            try:
                conn, _ = answering(self._connection, self.close)
            except psycopg.Error as exc:
                raise self._error(exc) from None
            try:
                with conn.transaction():
                    if not self._ready:
                        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
                        for statement in _SCHEMA:
                            conn.execute(statement.encode())
                        self._ready = True
                    yield conn
            except psycopg.Error as exc:
                self._ready = False
                raise self._error(exc) from None

    # -- the interface of tui.translation.store.TranslationStore ---------------

    def lookup(self, key: StoreKey, hashes: Iterable[str]) -> dict[str, str]:
        """Cached text for each of ``hashes`` that has one."""
        wanted = sorted(set(hashes))
        with self._read() as conn:
            if conn is None or not wanted:
                return {}
            rows = conn.execute(
                f"SELECT source_hash, text FROM translation WHERE {_KEY_WHERE} AND source_hash = ANY(%s)",
                (*_key_args(key), wanted),
            ).fetchall()
        return {str(h): str(text) for h, text in rows}

    def save(
        self,
        key: StoreKey,
        texts: Mapping[str, str],
        *,
        article_id: str | None = None,
        placements: Mapping[int, str] | None = None,
        replace_placements: bool = False,
    ) -> None:
        """Store ``{source_hash: text}`` and where the article's paragraphs were."""
        if not texts and not placements and not replace_placements:
            return
        now = time.time()
        base = _key_args(key)
        with self._write() as conn:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO translation VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (engine, model, version, source, target, source_hash) DO UPDATE "
                    "SET pivot = EXCLUDED.pivot, text = EXCLUDED.text, created = EXCLUDED.created",
                    [(*base, h, key.pivot, text, now) for h, text in texts.items()],
                )
                if article_id is not None and replace_placements:
                    cur.execute(
                        f"DELETE FROM translation_placement WHERE {_KEY_WHERE} AND article_id = %s",
                        (*base, article_id),
                    )
                if article_id is not None and placements:
                    cur.executemany(
                        "INSERT INTO translation_placement VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                        "ON CONFLICT (engine, model, version, source, target, article_id, paragraph) DO UPDATE "
                        "SET source_hash = EXCLUDED.source_hash",
                        [(*base, article_id, i, h) for i, h in placements.items()],
                    )

    def placements(self, key: StoreKey, article_id: str) -> dict[int, str]:
        """Paragraph index → source hash, as last translated for ``article_id``."""
        with self._read() as conn:
            if conn is None:
                return {}
            rows = conn.execute(
                f"SELECT paragraph, source_hash FROM translation_placement WHERE {_KEY_WHERE} AND article_id = %s",
                (*_key_args(key), article_id),
            ).fetchall()
        return {int(i): str(h) for i, h in rows}

    def keys_for(self, source: str, target: str, hashes: Iterable[str]) -> list[tuple[StoreKey, int]]:
        """Every (engine, model, version) with translations of some of ``hashes``,
        with how many it has, most first."""
        wanted = sorted(set(hashes))
        with self._read() as conn:
            if conn is None or not wanted:
                return []
            rows = conn.execute(
                "SELECT engine, model, version, pivot, count(*) FROM translation "
                "WHERE source = %s AND target = %s AND source_hash = ANY(%s) "
                "GROUP BY engine, model, version, pivot",
                (source, target, wanted),
            ).fetchall()
        counts: dict[StoreKey, int] = {}
        for engine, model, version, pivot, n in rows:
            key = StoreKey(engine, model, version, source, target, pivot)
            counts[key] = counts.get(key, 0) + int(n)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].model, kv[0].version))
