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
check. Evidence that is missing (no vectors yet, no translation) counts 0 and
the bias (:data:`BIAS`) is chosen per combination of available evidence.

Costs for two articles of n and m paragraphs: O(n·m·384) for the cosine
matrix (one BLAS call), O(n·m) for centring and combining, and for the sparse
signals O(pairs sharing a key): with n = m = 2000 the whole of
:func:`pair_scores` takes a fraction of a second (``bench/align_speed.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    "embedding": 2.2,
    "lexical": 6.0,
    "facts": 2.5,
    "names": 2.0,
}
"""Logistic weights: score = sigmoid(bias + Σ weight·evidence)."""
BIAS = {
    (True, True): -4.0,
    (True, False): -3.2,
    (False, True): -2.1,
    (False, False): -2.0,
}
"""Bias by (embedding available, English on both sides available). With less
evidence the bar is lower, so that a translated pair without vectors (lexical
overlap 0.4-0.9 on the seeds) or with vectors but no translations (margin
1.3-2.6) still scores above 0.5, and unrelated pairs (margin up to 1.3,
overlap up to 0.2) stay below it."""


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
        n, m = self.score.shape
        return int(n), int(m)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function, float32, computed in place on a copy."""
    import numpy as np

    out = np.array(z, dtype=np.float32)
    np.negative(out, out=out)
    np.clip(out, -30.0, 30.0, out=out)
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


def combine(
    embedding: np.ndarray,
    lexical: np.ndarray,
    facts: np.ndarray,
    names: np.ndarray,
    has_embedding: np.ndarray | bool = True,
    has_lexical: np.ndarray | bool = True,
) -> np.ndarray:
    """The logistic combination of :data:`WEIGHTS` and :data:`BIAS` (element-wise)."""
    import numpy as np

    w = WEIGHTS
    z = np.array(embedding, dtype=np.float32) * np.float32(w["embedding"])
    z += np.float32(w["lexical"]) * lexical
    z += np.float32(w["facts"]) * facts
    z += np.float32(w["names"]) * names
    table = np.array([BIAS[False, False], BIAS[False, True], BIAS[True, False], BIAS[True, True]], dtype=np.float32)
    which = np.asarray(has_embedding, dtype=np.int8) * np.int8(2) + np.asarray(has_lexical, dtype=np.int8)
    z += table[which]
    np.negative(z, out=z)
    np.clip(z, -30.0, 30.0, out=z)
    np.exp(z, out=z)
    z += 1.0
    np.reciprocal(z, out=z)
    return z


@dataclass(frozen=True, eq=False)
class _Cosines:
    """Raw cosines and the means they are centred with."""

    cos: np.ndarray
    mask: np.ndarray
    row: np.ndarray
    col: np.ndarray
    overall: float
    count_a: float
    count_b: float


def _cosines(a: ArticleSignals, b: ArticleSignals) -> _Cosines | None:
    import numpy as np

    if a.embeddings is None or b.embeddings is None or len(a) == 0 or len(b) == 0:
        return None
    assert a.has_embedding is not None and b.has_embedding is not None
    mask = a.has_embedding[:, None] & b.has_embedding[None, :]
    cos = a.embeddings @ b.embeddings.T
    cos[~mask] = 0.0
    count_a, count_b = float(a.has_embedding.sum()), float(b.has_embedding.sum())
    bg, k = BACKGROUND_COSINE, PRIOR_WEIGHT
    row = (cos.sum(1) + k * bg) / (count_b + k)
    col = (cos.sum(0) + k * bg) / (count_a + k)
    overall = float((cos.sum(dtype=np.float64) + k * bg) / (mask.sum() + k))
    return _Cosines(cos, mask, row.astype(np.float32), col.astype(np.float32), overall, count_a, count_b)


def _shortness(words: Sequence[int]) -> np.ndarray:
    import numpy as np

    return np.minimum(1.0, (np.asarray(words, dtype=np.float32) + 2) / (FULL_WORDS + 2))


def _centre(
    cos: np.ndarray, mask: np.ndarray, row: np.ndarray, col: np.ndarray, overall: float,
    words_a: Sequence[int], words_b: Sequence[int],
) -> np.ndarray:  # fmt: skip
    import numpy as np

    centred = cos - row[:, None]
    centred -= col[None, :]
    centred += overall
    centred *= np.minimum(_shortness(words_a)[:, None], _shortness(words_b)[None, :]) / MARGIN_SCALE
    np.clip(centred, -2.0, 4.0, out=centred)
    centred[~mask] = 0.0
    out: np.ndarray = centred.astype(np.float32, copy=False)
    return out


def centred_cosine(a: ArticleSignals, b: ArticleSignals) -> tuple[np.ndarray, np.ndarray]:
    """``(cosine, margin evidence)`` matrices; zeros where either side lacks a vector."""
    import numpy as np

    c = _cosines(a, b)
    if c is None:
        zeros = np.zeros((len(a), len(b)), dtype=np.float32)
        return zeros, zeros.copy()
    return c.cos, _centre(c.cos, c.mask, c.row, c.col, c.overall, a.words, b.words)


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
        sums = np.bincount(np.concatenate(self.index), weights=np.concatenate(self.logs), minlength=self.n * self.m)
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
    return scores_with_merges(a, b, merges=False)[0]


def scores_with_merges(
    a: ArticleSignals, b: ArticleSignals, *, merges: bool = True
) -> tuple[PairScores, PairScores | None, PairScores | None]:
    """Scores of single paragraphs, and (``merges``) of two adjacent paragraphs
    of ``a`` merged against one of ``b`` ((n-1) × m) and of one of ``a`` against
    two of ``b`` merged (n × (m-1)).

    A merged pair's evidence is derived from the single pairs', not recomputed:
    the cosine with a sum of two unit vectors is ``(c₁ + c₂) / ‖e₁ + e₂‖``
    (exact; the same holds for the TF-IDF vectors, whose IDF stays that of the
    single paragraphs); centring uses the merged row's mean; shared facts and
    names combine noisy-or.
    """
    import numpy as np

    from tui.versions.lexical import tfidf_with_neighbours

    n, m = len(a), len(b)
    cosines = _cosines(a, b)
    if cosines is None:
        cos = np.zeros((n, m), dtype=np.float32)
        emb = cos.copy()
    else:
        cos = cosines.cos
        emb = _centre(cos, cosines.mask, cosines.row, cosines.col, cosines.overall, a.words, b.words)
    lex, near_a, near_b = tfidf_with_neighbours(a.english, b.english)
    facts = fact_matrix(a, b)
    names = name_matrix(a, b)
    has_e, has_l = _available(a, b)
    single = PairScores(cos, emb, facts, names, lex, combine(emb, lex, facts, names, has_e, has_l))
    if not merges:
        return single, None, None
    lex_a = np.array([t is not None for t in a.english], dtype=bool)
    lex_b = np.array([t is not None for t in b.english], dtype=bool)
    merged_a = merged_b = None
    if n >= 2:
        merged_a = _merged_rows(a, b, single, cosines, near_a, lex_a, lex_b, transpose=False)
    if m >= 2:
        flipped = PairScores(cos.T, emb.T, facts.T, names.T, lex.T, single.score.T)
        flipped_cos = None
        if cosines is not None:
            flipped_cos = _Cosines(
                cosines.cos.T, cosines.mask.T, cosines.col, cosines.row, cosines.overall,
                cosines.count_b, cosines.count_a,
            )  # fmt: skip
        merged_b = _merged_rows(b, a, flipped, flipped_cos, near_b, lex_b, lex_a, transpose=True)
    return single, merged_a, merged_b


def _merged_rows(
    rows: ArticleSignals,
    cols: ArticleSignals,
    single: PairScores,
    cosines: _Cosines | None,
    near_lexical: np.ndarray,
    lex_rows: np.ndarray,
    lex_cols: np.ndarray,
    *,
    transpose: bool,
) -> PairScores:
    """Scores of rows i and i+1 merged against every column (see :func:`scores_with_merges`)."""
    import numpy as np

    words = [rows.words[i] + rows.words[i + 1] for i in range(len(rows) - 1)]
    if cosines is not None and rows.embeddings is not None and rows.has_embedding is not None:
        dots = np.einsum("ij,ij->i", rows.embeddings[:-1], rows.embeddings[1:])
        norm = np.sqrt(np.maximum(2.0 + 2.0 * dots, 1e-6)).astype(np.float32)
        cos = (cosines.cos[:-1] + cosines.cos[1:]) / norm[:, None]
        has = rows.has_embedding[:-1] & rows.has_embedding[1:]
        assert cols.has_embedding is not None
        mask = has[:, None] & cols.has_embedding[None, :]
        bg, k = BACKGROUND_COSINE, PRIOR_WEIGHT
        row = (cos.sum(1) + k * bg) / (cosines.count_b + k)
        emb = _centre(cos, mask, row.astype(np.float32), cosines.col, cosines.overall, words, cols.words)
        cos = np.where(mask, cos, 0.0).astype(np.float32)
        has_e = mask
    else:
        cos = np.zeros((len(rows) - 1, len(cols)), dtype=np.float32)
        emb = cos.copy()
        has_e = np.zeros_like(cos, dtype=bool)
    both = lex_rows[:-1].astype(np.float32) + lex_rows[1:].astype(np.float32)
    lnorm = np.sqrt(np.maximum(both + 2.0 * near_lexical, 1e-6))
    lex = np.clip((single.lexical[:-1] + single.lexical[1:]) / lnorm[:, None], 0.0, 1.0)
    has_l = (lex_rows[:-1] | lex_rows[1:])[:, None] & lex_cols[None, :]
    facts = 1.0 - (1.0 - single.facts[:-1]) * (1.0 - single.facts[1:])
    names = 1.0 - (1.0 - single.names[:-1]) * (1.0 - single.names[1:])
    score = combine(emb, lex, facts, names, has_e, has_l)
    out = PairScores(cos, emb, facts, names, lex, score)
    if transpose:
        out = PairScores(cos.T, emb.T, facts.T, names.T, lex.T, score.T)
    return out


def _available(a: ArticleSignals, b: ArticleSignals) -> tuple[np.ndarray, np.ndarray]:
    """Which pairs have vectors on both sides, and English on both sides."""
    import numpy as np

    def mask(values: np.ndarray | None, n: int) -> np.ndarray:
        return np.zeros(n, dtype=bool) if values is None else np.asarray(values, dtype=bool)

    ea, eb = mask(a.has_embedding, len(a)), mask(b.has_embedding, len(b))
    la = np.array([t is not None for t in a.english], dtype=bool)
    lb = np.array([t is not None for t in b.english], dtype=bool)
    return ea[:, None] & eb[None, :], la[:, None] & lb[None, :]


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
