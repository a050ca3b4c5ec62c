"""How likely two paragraphs are to say the same thing: one score in 0..1.

Four kinds of evidence, each a paragraph-by-paragraph matrix (numpy, built
with matrix products or inverted indices, never a Python loop over pairs):

* **embedding** — cosine of multilingual-e5 vectors, *centred*: the row's and
  the column's mean cosine are subtracted (and the overall mean added back),
  because raw cosine is 0.75-0.8 for any two news paragraphs in this model and
  higher for two texts in the same language (000 and 004, both Arabic, average
  0.83). What is left says how much closer this pair is than the paragraphs'
  usual neighbours — a margin-based score in the spirit of CSLS (Conneau et al.
  2018) and ratio margins (Artetxe & Schwenk 2019), but against the mean of all
  candidates rather than the k nearest: with articles of 8-25 paragraphs the k
  nearest include the true match too often. The means are smoothed toward
  :data:`BACKGROUND_COSINE` with :data:`PRIOR_WEIGHT` pseudo-paragraphs, so
  tiny articles do not centre everything to zero. Very short paragraphs
  ("Share it.") embed alike whatever they say, so the margin is scaled down
  below :data:`FULL_WORDS` words.
* **facts** — shared normalised numbers and dates (:mod:`tui.versions.facts`),
  combined noisy-or; a key found in several paragraphs of an article counts
  less (divided by the square root of how often it occurs on both sides).
* **names** — matching name skeletons across scripts (:mod:`tui.versions.names`),
  weighted by length and rarity in the same way.
* **lexical** — TF-IDF cosine of the English translations (:mod:`tui.versions.lexical`).

They are combined by a logistic function whose weights (:data:`WEIGHTS`) were
set by hand from the seeds: with the five seed articles there is too little
data to fit anything honestly, and a handful of readable weights is easy to
check. Evidence that is missing (no vectors yet, no translation) counts 0,
so scores are lower, never wrong in the other direction.

Costs for two articles of n and m paragraphs: O(n·m·384) for the cosine
matrix (one BLAS call), O(n·m) for centring and combining, and for the sparse
signals O(pairs sharing a key): with n = m = 2000 the whole of
:func:`pair_scores` takes a fraction of a second (``bench/align_speed.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.versions.lexical import tfidf_similarity
from tui.versions.names import matching_pairs, specificity
from tui.versions.signals import ArticleSignals

if TYPE_CHECKING:
    import numpy as np

BACKGROUND_COSINE = 0.78
"""Typical cosine of two unrelated news paragraphs in multilingual-e5-small (seeds)."""
PRIOR_WEIGHT = 4.0
FULL_WORDS = 8
MARGIN_SCALE = 0.05
"""A centred cosine of this much is "one unit" of embedding evidence (translations: 0.05-0.13)."""

WEIGHTS = {
    "bias": -4.0,
    "embedding": 2.2,
    "lexical": 6.0,
    "facts": 2.5,
    "names": 2.0,
}
"""Logistic weights: score = sigmoid(bias + Σ weight·evidence)."""


@dataclass(frozen=True, eq=False)
class PairScores:
    """Every paragraph pair of two articles: the evidence and the combined score."""

    cosine: np.ndarray
    """Raw cosine (0 where a vector is missing)."""
    embedding: np.ndarray
    """Centred cosine in margin units, clipped to [-2, 4]; 0 without vectors."""
    facts: np.ndarray
    names: np.ndarray
    lexical: np.ndarray
    score: np.ndarray
    """Combined score in 0..1."""

    @property
    def shape(self) -> tuple[int, int]:
        return self.score.shape  # type: ignore[return-value]


def sigmoid(z: np.ndarray) -> np.ndarray:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def combine(
    embedding: np.ndarray, lexical: np.ndarray, facts: np.ndarray, names: np.ndarray
) -> np.ndarray:
    """The logistic combination of :data:`WEIGHTS` (same shapes in, same shape out)."""
    w = WEIGHTS
    z = w["bias"] + w["embedding"] * embedding + w["lexical"] * lexical + w["facts"] * facts + w["names"] * names
    return sigmoid(z).astype("float32")


def centred_cosine(a: ArticleSignals, b: ArticleSignals) -> tuple[np.ndarray, np.ndarray]:
    """``(cosine, margin evidence)`` matrices; zeros where either side lacks a vector."""
    import numpy as np

    n, m = len(a), len(b)
    zeros = np.zeros((n, m), dtype=np.float32)
    if a.embeddings is None or b.embeddings is None or n == 0 or m == 0:
        return zeros, zeros.copy()
    assert a.has_embedding is not None and b.has_embedding is not None
    cos = a.embeddings @ b.embeddings.T
    mask = a.has_embedding[:, None] & b.has_embedding[None, :]
    cos = np.where(mask, cos, 0.0).astype(np.float32)
    ma, mb = a.has_embedding.astype(np.float32), b.has_embedding.astype(np.float32)
    bg, k = BACKGROUND_COSINE, PRIOR_WEIGHT
    row = (cos.sum(1) + k * bg) / (mb.sum() + k)
    col = (cos.sum(0) + k * bg) / (ma.sum() + k)
    overall = (cos.sum() + k * bg) / (mask.sum() + k)
    centred = (cos - row[:, None] - col[None, :] + overall) / MARGIN_SCALE
    short_a = np.minimum(1.0, (np.asarray(a.words, dtype=np.float32) + 2) / (FULL_WORDS + 2))
    short_b = np.minimum(1.0, (np.asarray(b.words, dtype=np.float32) + 2) / (FULL_WORDS + 2))
    centred = centred * np.minimum(short_a[:, None], short_b[None, :])
    evidence = np.where(mask, np.clip(centred, -2.0, 4.0), 0.0).astype(np.float32)
    return cos, evidence


def _doc_freq(items: Iterable[Iterable[object]]) -> dict[object, int]:
    df: dict[object, int] = {}
    for keys in items:
        for key in keys:
            df[key] = df.get(key, 0) + 1
    return df


class _NoisyOr:
    """Accumulates evidence weights per pair as sums of log(1 - w), vectorised."""

    def __init__(self, n: int, m: int) -> None:
        self.n, self.m = n, m
        self.index: list[np.ndarray] = []
        self.logs: list[np.ndarray] = []

    def add(self, rows_a: Sequence[int], rows_b: Sequence[int], weights: np.ndarray) -> None:
        """``weights[k, l]`` for the pair ``(rows_a[k], rows_b[l])``."""
        import numpy as np

        ia, ib = np.asarray(rows_a), np.asarray(rows_b)
        self.index.append((ia[:, None] * self.m + ib[None, :]).ravel())
        self.logs.append(np.log1p(-np.minimum(weights, 0.99)).ravel())

    def matrix(self) -> np.ndarray:
        import numpy as np

        if not self.index or self.n * self.m == 0:
            return np.zeros((self.n, self.m), dtype=np.float32)
        sums = np.bincount(
            np.concatenate(self.index), weights=np.concatenate(self.logs), minlength=self.n * self.m
        )
        return (1.0 - np.exp(sums)).reshape(self.n, self.m).astype(np.float32)


def _postings(per_paragraph: Sequence[Iterable[object]]) -> dict[object, list[int]]:
    index: dict[object, list[int]] = {}
    for i, keys in enumerate(per_paragraph):
        for key in keys:
            index.setdefault(key, []).append(i)
    return index


MAX_POSTING_PRODUCT = 4096
"""A key shared by more paragraph pairs than this (a number or name in almost
every paragraph of two long articles) is skipped: its weight after the rarity
division would be under 1/64 anyway, and it would cost n·m."""


def fact_matrix(a: ArticleSignals, b: ArticleSignals) -> np.ndarray:
    """Noisy-or of the weights of the facts each pair shares, divided by their frequency."""
    import numpy as np

    pa, pb = _postings(a.facts), _postings(b.facts)
    acc = _NoisyOr(len(a), len(b))
    for key, rows_a in pa.items():
        rows_b = pb.get(key)
        if not rows_b or len(rows_a) * len(rows_b) > MAX_POSTING_PRODUCT:
            continue
        wa = np.array([a.facts[i][key] for i in rows_a])  # type: ignore[index]
        wb = np.array([b.facts[j][key] for j in rows_b])  # type: ignore[index]
        rarity = 1.0 / math.sqrt(len(rows_a) * len(rows_b))
        acc.add(rows_a, rows_b, np.minimum(wa[:, None], wb[None, :]) * rarity)
    return acc.matrix()


def name_matrix(a: ArticleSignals, b: ArticleSignals) -> np.ndarray:
    """Noisy-or of matched names, weighted by :func:`specificity` and rarity."""
    import numpy as np

    pa, pb = _postings(a.names), _postings(b.names)
    acc = _NoisyOr(len(a), len(b))
    for ka, kb in matching_pairs(pa.keys(), pb.keys()):  # type: ignore[arg-type]
        rows_a, rows_b = pa[ka], pb[kb]
        if len(rows_a) * len(rows_b) > MAX_POSTING_PRODUCT:
            continue
        w = specificity(min(ka[1], kb[1], key=len)) / math.sqrt(len(rows_a) * len(rows_b))
        acc.add(rows_a, rows_b, np.full((len(rows_a), len(rows_b)), w))
    return acc.matrix()


def pair_scores(a: ArticleSignals, b: ArticleSignals) -> PairScores:
    """All evidence and the combined score for every paragraph pair of ``a`` × ``b``."""
    cos, emb = centred_cosine(a, b)
    lex = tfidf_similarity(a.english, b.english)
    facts = fact_matrix(a, b)
    names = name_matrix(a, b)
    return PairScores(cos, emb, facts, names, lex, combine(emb, lex, facts, names))


SAME_LANGUAGE_TOPIC = 0.955
OTHER_LANGUAGE_TOPIC = 0.90
"""Centroid cosines from which two articles count as being about one topic.

Measured on the seeds and three unrelated texts (economy in Arabic, football in
Ukrainian, a recipe in German): related seeds in different languages scored
0.91-0.94 and unrelated pairs 0.82-0.89; but two *Arabic* texts scored 0.92-
0.94 however unrelated (and 0.976 when related), because same-language text is
closer in this model whatever it says — hence the higher bar. Few data points:
treat "related" from this signal alone as a hint, which is how stories show it."""


def topic_similarity(a: ArticleSignals, b: ArticleSignals) -> float | None:
    """Cosine of the mean body-paragraph vectors; ``None`` without vectors."""
    import numpy as np

    centroids = []
    for s in (a, b):
        if s.embeddings is None or s.has_embedding is None:
            return None
        body = s.has_embedding & ~np.asarray(s.boilerplate, dtype=bool)
        if not body.any():
            body = s.has_embedding
        if not body.any():
            return None
        v = s.embeddings[body].mean(0)
        centroids.append(v / (np.linalg.norm(v) or 1.0))
    return float(centroids[0] @ centroids[1])


def same_topic(a: ArticleSignals, b: ArticleSignals) -> tuple[bool, float]:
    """Whether the articles' centroids are close enough for their language pair,
    and by how much (``similarity - bar``; negative when not)."""
    sim = topic_similarity(a, b)
    if sim is None:
        return False, -1.0
    same = bool(a.language and a.language == b.language)
    bar = SAME_LANGUAGE_TOPIC if same else OTHER_LANGUAGE_TOPIC
    return sim >= bar, sim - bar
