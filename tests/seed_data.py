"""Seed articles prepared once per test process, shared by the versions tests.

Embedding the 86 seed paragraphs takes a few seconds; every versions test
module imports :func:`seed_signals` from here instead of embedding again.
The vectors land in the per-session cache that ``conftest.py`` isolates
(under pytest-xdist: in a store shared by this run's workers, see
:func:`_shared_store`, then copied to each worker's own cache).
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from functools import cache
from pathlib import Path

from conftest import SEEDS

from tui.article import Article
from tui.versions.embedding import EmbeddingStore
from tui.versions.signals import ArticleSignals


def _shared_store() -> tuple[EmbeddingStore, Path | None]:
    """Under pytest-xdist, one store for all workers of this run (and a lock
    file), so the seeds are embedded once per run rather than once per worker;
    otherwise the session's isolated default store."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run:
        return EmbeddingStore(), None
    folder = Path(tempfile.gettempdir()) / f"tandem-test-versions-{run}"
    folder.mkdir(exist_ok=True)
    return EmbeddingStore(folder / "embeddings.sqlite3"), folder / "lock"


@cache
def seed_articles() -> dict[str, tuple[Article, ArticleSignals]]:
    """``{"000": (article, signals), …}`` with embeddings and reference English."""
    from tui.textnorm import text_hash
    from tui.versions.prepare import load_prepared

    store, lock = _shared_store()
    paths = sorted(SEEDS.glob("*.txt"))
    with open(lock or os.devnull, "w") as handle:
        if lock:
            fcntl.flock(handle, fcntl.LOCK_EX)  # the first worker embeds, the other waits
        out = {path.name[:3]: load_prepared(path, store=store) for path in paths}
    if lock:  # the CLI under test reads the session's default store: copy the vectors there
        hashes = [text_hash(p.text) for article, _ in out.values() for p in article.paragraphs]
        EmbeddingStore().save(store.lookup(hashes))
    return out


NTREX = Path(__file__).resolve().parent / "gold" / "alignments" / "ntrex"


@cache
def ntrex_articles() -> dict[str, tuple[Article, ArticleSignals]]:
    """The NTREX subset (``tests/gold/alignments/ntrex``) prepared with
    embeddings, by id (``DOC.LANG``); embedded once per run like the seeds."""
    from tui.textnorm import text_hash
    from tui.versions.prepare import load_prepared

    store, lock = _shared_store()
    with open(lock or os.devnull, "w") as handle:
        if lock:
            fcntl.flock(handle, fcntl.LOCK_EX)
        out = {path.stem: load_prepared(path, store=store) for path in sorted(NTREX.glob("*.txt"))}
    if lock:
        hashes = [text_hash(p.text) for article, _ in out.values() for p in article.paragraphs]
        EmbeddingStore().save(store.lookup(hashes))
    return out


def seed_signals(prefix: str) -> ArticleSignals:
    return seed_articles()[prefix][1]


def seed_article(prefix: str) -> Article:
    return seed_articles()[prefix][0]
