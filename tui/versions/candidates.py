"""Which pairs of articles are worth aligning: near neighbours and shared specific facts.

Aligning a pair costs milliseconds, so aligning every pair of a collection is
quadratic (400 articles: 80,000 pairs, minutes). Two articles can only be
versions of one story, or related stories, when they are close in meaning or
share something specific, so only such pairs are aligned:

* **nearest neighbours** of the article vector (the mean of its body
  paragraphs' embeddings, normalised) — the :data:`NEIGHBOURS` closest
  articles whose cosine reaches the topic bar of their language pair minus
  :data:`TOPIC_SLACK` (:mod:`tui.versions.similarity`);
* **blocking** on specific keys: full dates, telling numbers with a unit
  (weight ≥ :data:`SPECIFIC_FACT` in :mod:`tui.versions.facts`) and long name
  skeletons (:data:`SPECIFIC_NAME` consonants and more); two articles sharing
  :data:`BLOCK_KEYS` such keys are a candidate. A key found in more than
  :data:`MAX_POSTING` articles (a country, the year) blocks nothing.

The nearest-neighbour search is **usearch** (an HNSW index in one small
wheel, no dependencies, recent releases; half-precision vectors) above
:data:`EXACT_UP_TO` articles, and an exact matrix product below it, where it
is faster and deterministic. hnswlib was last released in 2023 and builds from
source on new Pythons; faiss-cpu is a 30 MB wheel whose flat and IVF indexes
need training or are exact anyway. Measured with ``bench/stories_scale.py``.

The index is **incremental**: :meth:`CandidateIndex.add` compares a new
article with the index (its neighbours and its keys' postings), never with
every article, and returns the earlier articles it should be aligned with.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.versions.names import MIN_SKELETON
from tui.versions.signals import ArticleSignals
from tui.versions.similarity import OTHER_LANGUAGE_TOPIC, SAME_LANGUAGE_TOPIC

if TYPE_CHECKING:
    import numpy as np

NEIGHBOURS = 12
TOPIC_SLACK = 0.04
SPECIFIC_FACT = 0.8
SPECIFIC_NAME = 5
BLOCK_KEYS = 2
MAX_POSTING = 50
EXACT_UP_TO = 2000
DIM = 384
ALL_PAIRS_UP_TO = 24
"""A folder this small is compared pair by pair (a few hundred alignments at most)."""


def article_vector(s: ArticleSignals) -> np.ndarray | None:
    """Mean of the body paragraphs' vectors, normalised; ``None`` without vectors."""
    import numpy as np

    if s.embeddings is None or s.has_embedding is None or not s.has_embedding.any():
        return None
    body = s.has_embedding & ~np.asarray(s.boilerplate, dtype=bool)
    if not body.any():
        body = s.has_embedding
    v = s.embeddings[body].mean(0)
    out: np.ndarray = (v / (np.linalg.norm(v) or 1.0)).astype(np.float32)
    return out


def specific_keys(s: ArticleSignals) -> set[tuple[str, object]]:
    """The article's specific facts and long names (see the module docstring)."""
    keys: set[tuple[str, object]] = set()
    for facts in s.facts:
        keys.update(k for k, w in facts.items() if w >= SPECIFIC_FACT)
    for names in s.names:
        keys.update(("name", key) for script, key in names if len(key) >= max(SPECIFIC_NAME, MIN_SKELETON))
    return keys


def topic_bar(a: str | None, b: str | None) -> float:
    same = bool(a and a == b)
    return (SAME_LANGUAGE_TOPIC if same else OTHER_LANGUAGE_TOPIC) - TOPIC_SLACK


@dataclass
class CandidateIndex:
    """Articles added so far: their vectors (exact or usearch) and key postings."""

    neighbours: int = NEIGHBOURS
    exact_up_to: int = EXACT_UP_TO
    languages: list[str | None] = field(default_factory=list)
    vectors: list[np.ndarray | None] = field(default_factory=list)
    postings: dict[tuple[str, object], list[int]] = field(default_factory=dict)
    _matrix: Any = None
    _ann: Any = None

    def __len__(self) -> int:
        return len(self.languages)

    def add(self, s: ArticleSignals) -> set[int]:
        """Add an article; return the earlier articles it should be aligned with."""
        new = len(self.languages)
        vec = article_vector(s)
        found = self._near(vec, s.language) | self._blocked(s, new)
        self.languages.append(s.language)
        self.vectors.append(vec)
        if vec is not None:
            self._store(new, vec)
        return found

    def _blocked(self, s: ArticleSignals, new: int) -> set[int]:
        shared: dict[int, int] = {}
        for key in specific_keys(s):
            posting = self.postings.setdefault(key, [])
            if len(posting) <= MAX_POSTING:
                for other in posting:
                    shared[other] = shared.get(other, 0) + 1
            posting.append(new)
        return {other for other, count in shared.items() if count >= BLOCK_KEYS}

    def _near(self, vec: np.ndarray | None, language: str | None) -> set[int]:
        import numpy as np

        if vec is None or not len(self.languages):
            return set()
        if self._ann is not None:
            matches = self._ann.search(vec, min(self.neighbours, len(self._ann)))
            keys, sims = np.asarray(matches.keys), 1.0 - np.asarray(matches.distances)
        else:
            if self._matrix is None:
                return set()
            rows, ids = self._matrix
            count = len(ids)
            sims_all = rows[:count] @ vec
            k = min(self.neighbours, count)
            top = np.argpartition(-sims_all, k - 1)[:k]
            keys, sims = np.asarray(ids[:count])[top], sims_all[top]
        return {
            int(key)
            for key, sim in zip(keys, sims, strict=True)
            if sim >= topic_bar(language, self.languages[int(key)])
        }

    def _store(self, new: int, vec: np.ndarray) -> None:
        import numpy as np

        if self._ann is not None:
            self._ann.add(new, vec)
            return
        if self._matrix is None:
            self._matrix = (np.zeros((64, DIM), dtype=np.float32), [])
        rows, ids = self._matrix
        if len(ids) == len(rows):
            rows = np.concatenate([rows, np.zeros_like(rows)])
        rows[len(ids)] = vec
        ids.append(new)
        self._matrix = (rows, ids)
        if len(ids) > self.exact_up_to:
            self._to_ann(rows[: len(ids)], ids)

    def _to_ann(self, rows: np.ndarray, ids: list[int]) -> None:
        """Move the vectors into a usearch index (when the collection outgrows exact search)."""
        import numpy as np

        try:
            from usearch.index import Index
        except ImportError:  # usearch missing: stay exact (quadratic in vectors, still fast in BLAS)
            self.exact_up_to = math.inf  # type: ignore[assignment]
            return
        index = Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16, expansion_add=64, expansion_search=64)
        index.add(np.asarray(ids, dtype=np.uint64), rows)
        self._ann = index
        self._matrix = None


def candidate_pairs(signals: Sequence[ArticleSignals], index: CandidateIndex | None = None) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of ``signals`` to align, in order."""
    if len(signals) <= ALL_PAIRS_UP_TO and index is None:
        return [(i, j) for j in range(len(signals)) for i in range(j)]
    index = index if index is not None else CandidateIndex()
    pairs: set[tuple[int, int]] = set()
    for j, s in enumerate(signals):
        pairs.update((i, j) for i in index.add(s))
    return sorted(pairs)


def shared_specific(a: ArticleSignals, b: ArticleSignals) -> set[tuple[str, object]]:
    """Specific keys both articles state."""
    return specific_keys(a) & specific_keys(b)
