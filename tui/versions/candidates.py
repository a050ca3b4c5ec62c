"""Which pairs of articles are worth aligning: near neighbours and shared specific facts.

Aligning a pair costs milliseconds, so aligning every pair of a collection is
quadratic (400 articles: 80,000 pairs, minutes). Two articles can only be
versions of one story, or related stories, when they are close in meaning or
share something specific, so only such pairs are aligned:

* **nearest neighbours** of the article vector (the mean of its body
  paragraphs' embeddings), *centred by language*: multilingual-e5 puts any
  two texts of one language close (unrelated Arabic articles 0.95, an
  article and its German translation 0.88-0.95), so the mean vector of the
  article's language (smoothed toward the mean of all articles with
  :data:`PRIOR_ARTICLES` pseudo-articles) is subtracted first. On the NTREX
  devset (20 events × 5 languages) the centred cosine of two versions of one
  event is ≥ 0.57 and of different events ≤ 0.61 at the 99th percentile,
  and each article's 4 nearest neighbours already include all its versions;
  the :data:`NEIGHBOURS` nearest with a centred cosine of at least
  :data:`NEAR_BAR` are candidates;
* **blocking** on specific keys: full dates, telling numbers with a unit
  (weight ≥ :data:`SPECIFIC_FACT` in :mod:`tui.versions.facts`) and long name
  skeletons (:data:`SPECIFIC_NAME` consonants and more), each counting less
  the more articles state it (see :meth:`CandidateIndex._blocked`); a key
  found in more than :data:`MAX_POSTING` articles (a country, the year)
  blocks nothing.

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

from tui.versions.names import MIN_SKELETON, calendar_skeletons, is_name
from tui.versions.signals import ArticleSignals

if TYPE_CHECKING:
    import numpy as np

NEIGHBOURS = 6
NEAR_BAR = 0.45
PRIOR_ARTICLES = 5.0
SPECIFIC_FACT = 0.8
SPECIFIC_NAME = 5
BLOCK_SCORE = 1.5
BLOCK_TOP = 4
MAX_POSTING = 50
EXACT_UP_TO = 1000
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
    months = calendar_skeletons()
    for names in s.names:
        keys.update(
            ("name", key)
            for script, key in names
            if len(key) >= max(SPECIFIC_NAME, MIN_SKELETON) and key not in months and is_name(script)
        )
    return keys


class LanguageMeans:
    """Running mean article vector per language, smoothed toward the overall mean."""

    def __init__(self) -> None:
        self.sums: dict[str | None, np.ndarray] = {}
        self.counts: dict[str | None, int] = {}
        self.total: np.ndarray | None = None
        self.count = 0

    def add(self, language: str | None, vec: np.ndarray) -> None:
        import numpy as np

        self.sums[language] = self.sums.get(language, np.zeros_like(vec)) + vec
        self.counts[language] = self.counts.get(language, 0) + 1
        self.total = vec.copy() if self.total is None else self.total + vec
        self.count += 1

    def centred(self, language: str | None, vec: np.ndarray) -> np.ndarray:
        import numpy as np

        if self.total is None:
            return vec
        overall = self.total / self.count
        k = PRIOR_ARTICLES
        mean = (self.sums.get(language, np.zeros_like(vec)) + k * overall) / (self.counts.get(language, 0) + k)
        out: np.ndarray = vec - mean
        norm = float(np.linalg.norm(out))
        return (out / norm).astype(np.float32) if norm > 1e-6 else vec


@dataclass
class CandidateIndex:
    """Articles added so far: their vectors (exact or usearch) and key postings."""

    neighbours: int = NEIGHBOURS
    exact_up_to: int = EXACT_UP_TO
    languages: list[str | None] = field(default_factory=list)
    means: LanguageMeans = field(default_factory=LanguageMeans)
    """Language means: given whole by :func:`candidate_pairs`, else running (incremental use)."""
    fixed_means: bool = False
    postings: dict[tuple[str, object], list[int]] = field(default_factory=dict)
    _matrix: Any = None
    _ann: Any = None

    def __len__(self) -> int:
        return len(self.languages)

    def add(self, s: ArticleSignals) -> set[int]:
        """Add an article; return the earlier articles it should be aligned with."""
        new = len(self.languages)
        raw = article_vector(s)
        if raw is not None and not self.fixed_means:
            self.means.add(s.language, raw)
        vec = None if raw is None else self.means.centred(s.language, raw)
        found = self._near(vec) | self._blocked(s, new)
        self.languages.append(s.language)
        if vec is not None:
            self._store(new, vec)
        return found

    def _blocked(self, s: ArticleSignals, new: int) -> set[int]:
        """Earlier articles sharing specific keys, each key counting
        ``1/√(articles stating it)``: at least :data:`BLOCK_SCORE` (two keys
        found nowhere else), the :data:`BLOCK_TOP` best."""
        shared: dict[int, float] = {}
        for key in specific_keys(s):
            posting = self.postings.setdefault(key, [])
            if 0 < len(posting) <= MAX_POSTING:
                weight = 1.0 / math.sqrt(len(posting))
                for other in posting:
                    shared[other] = shared.get(other, 0.0) + weight
            posting.append(new)
        best = sorted((-score, other) for other, score in shared.items() if score >= BLOCK_SCORE)
        return {other for _, other in best[:BLOCK_TOP]}

    def _near(self, vec: np.ndarray | None) -> set[int]:
        import numpy as np

        if vec is None or not len(self.languages):
            return set()
        if self._ann is not None:
            matches = self._ann.search(vec, min(self.neighbours, len(self._ann)))
            keys, sims = np.asarray(matches.keys), 1.0 - np.asarray(matches.distances)
        else:
            if self._matrix is None:
                return set()
            rows, ids, count = self._matrix
            sims_all = rows[:count] @ vec
            k = min(self.neighbours, count)
            top = np.argpartition(-sims_all, k - 1)[:k]
            keys, sims = ids[top], sims_all[top]
        return {int(key) for key, sim in zip(keys, sims, strict=True) if sim >= NEAR_BAR}

    def _store(self, new: int, vec: np.ndarray) -> None:
        import numpy as np

        if self._ann is not None:
            self._ann.add(new, vec)
            return
        if self._matrix is None:
            self._matrix = (np.zeros((64, DIM), dtype=np.float32), np.zeros(64, dtype=np.int64), 0)
        rows, ids, count = self._matrix
        if count == len(rows):  # grow by doubling: amortised constant per article
            rows = np.concatenate([rows, np.zeros_like(rows)])
            ids = np.concatenate([ids, np.zeros_like(ids)])
        rows[count] = vec
        ids[count] = new
        count += 1
        self._matrix = (rows, ids, count)
        if count > self.exact_up_to:
            self._to_ann(rows[:count], ids[:count])

    def _to_ann(self, rows: np.ndarray, ids: np.ndarray) -> None:
        """Move the vectors into a usearch index (when the collection outgrows exact search)."""
        import numpy as np

        try:
            from usearch.index import Index
        except ImportError:  # usearch missing: stay exact (quadratic in vectors, still fast in BLAS)
            self.exact_up_to = math.inf  # type: ignore[assignment]
            return
        index = Index(ndim=DIM, metric="cos", dtype="f16", connectivity=16, expansion_add=64, expansion_search=64)
        index.add(ids.astype(np.uint64), rows)
        self._ann = index
        self._matrix = None


def candidate_pairs(signals: Sequence[ArticleSignals], index: CandidateIndex | None = None) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of ``signals`` to align, in order."""
    if len(signals) <= ALL_PAIRS_UP_TO and index is None:
        return [(i, j) for j in range(len(signals)) for i in range(j)]
    index = index if index is not None else CandidateIndex()
    if not len(index):  # the whole collection is known: its language means first
        for s in signals:
            vec = article_vector(s)
            if vec is not None:
                index.means.add(s.language, vec)
        index.fixed_means = True
    pairs: set[tuple[int, int]] = set()
    for j, s in enumerate(signals):
        pairs.update((i, j) for i in index.add(s))
    return sorted(pairs)


def shared_specific(a: ArticleSignals, b: ArticleSignals) -> set[tuple[str, object]]:
    """Specific keys both articles state."""
    return specific_keys(a) & specific_keys(b)
