"""Word overlap of English translations: a second opinion beside embeddings.

When both articles have an English translation (machine or bundled reference),
two paragraphs saying the same thing share content words: "satellite",
"Tumangang", "canvas", "73". Terms are lower-cased words of three letters or
more (and numbers), minus a short stop list, with a crude suffix strip
(``-s``, ``-es``, ``-ed``, ``-ing``) so "cars"/"car" and "documented"/
"document" meet. No stemmer library: this light strip is all the signal needs,
and a full stemmer would add a dependency for little.

Similarity is TF-IDF cosine, IDF taken over the two articles' paragraphs, so
words in every paragraph ("North", "Korea", "Russia") count little.
:func:`tfidf_similarity` fills the whole paragraph-by-paragraph matrix through
an inverted index for rare terms (cost: the pairs that share one) and one
dense matrix product over the frequent terms (cost: n·m·k for k frequent
terms), never a Python loop over paragraph pairs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
STOP = frozenset(
    """the and for that with from this was were are has have had been its his her their they them
    which who whom whose what when where while than then there these those into onto over under
    about after before between during also not but nor yet any all each both some such only very
    can could would should will shall may might must does did doing being said says say told
    one two three per via out off our your you she him our more most much many other another
    same own just even still again further once here how why because until against among
    itself themselves himself herself whether either neither upon within without""".split()
)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> Counter[str]:
    """Content-word counts of an English text."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text.lower()):
        word = match.group().replace("’", "'")
        if word.isdigit():
            counts[word] += 1
        elif len(word) >= 3 and word not in STOP:
            counts[_stem(word)] += 1
    return counts


def tfidf_similarity(a: Sequence[Counter[str] | None], b: Sequence[Counter[str] | None]) -> np.ndarray:
    """Cosine of TF-IDF vectors for every pair; 0 where either side has no terms."""
    return tfidf_with_neighbours(a, b)[0]


def tfidf_with_neighbours(
    a: Sequence[Counter[str] | None], b: Sequence[Counter[str] | None]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`tfidf_similarity` plus the cosine of each paragraph with the next
    one on its own side (what merging two paragraphs needs)."""
    import numpy as np

    docs = [d for d in (*a, *b) if d]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs) + 1

    def weigh(doc: Counter[str] | None) -> dict[str, float]:
        if not doc:
            return {}
        vec = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in doc.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items() if v > 0}

    wa, wb = [weigh(d) for d in a], [weigh(d) for d in b]
    n_a, m = len(a), len(b)
    post_a = _postings(wa)
    post_b = _postings(wb)
    shared = [t for t in post_a if t in post_b]
    # Frequent terms (many pairs share them) go through one dense matrix
    # product; rare ones through the inverted index. Same sums either way.
    frequent = [t for t in shared if len(post_a[t][0]) * len(post_b[t][0]) > DENSE_ABOVE]
    sums = np.zeros(n_a * m, dtype=np.float64)
    rare = [t for t in shared if len(post_a[t][0]) * len(post_b[t][0]) <= DENSE_ABOVE]
    if rare:
        flat_i, flat_v = [], []
        for t in rare:
            (rows_a, vals_a), (rows_b, vals_b) = post_a[t], post_b[t]
            ia, ib = np.asarray(rows_a), np.asarray(rows_b)
            flat_i.append((ia[:, None] * m + ib[None, :]).ravel())
            flat_v.append((np.asarray(vals_a)[:, None] * np.asarray(vals_b)[None, :]).ravel())
        sums += np.bincount(np.concatenate(flat_i), weights=np.concatenate(flat_v), minlength=n_a * m)
    out = sums.reshape(n_a, m).astype(np.float32)
    if frequent:
        dense_a = np.zeros((n_a, len(frequent)), dtype=np.float32)
        dense_b = np.zeros((m, len(frequent)), dtype=np.float32)
        for k, t in enumerate(frequent):
            dense_a[post_a[t][0], k] = post_a[t][1]
            dense_b[post_b[t][0], k] = post_b[t][1]
        out += dense_a @ dense_b.T
    return np.clip(out, 0.0, 1.0), _neighbours(wa), _neighbours(wb)


def _neighbours(vectors: Sequence[dict[str, float]]) -> np.ndarray:
    import numpy as np

    return np.array(
        [sum(v * vectors[i + 1].get(t, 0.0) for t, v in vectors[i].items()) for i in range(len(vectors) - 1)],
        dtype=np.float32,
    )


DENSE_ABOVE = 2048
"""Terms shared by more paragraph pairs than this are summed by a matrix product."""


def _postings(vectors: Sequence[dict[str, float]]) -> dict[str, tuple[list[int], list[float]]]:
    index: dict[str, tuple[list[int], list[float]]] = {}
    for i, vec in enumerate(vectors):
        for t, v in vec.items():
            rows, vals = index.setdefault(t, ([], []))
            rows.append(i)
            vals.append(v)
    return index
