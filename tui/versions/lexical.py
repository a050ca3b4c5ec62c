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
an inverted index: the cost is the number of paragraph pairs that share a term,
not the product of the vocabulary and both lengths.
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
    index_b: dict[str, tuple[list[int], list[float]]] = {}
    for j, vec in enumerate(wb):
        for t, v in vec.items():
            rows, vals = index_b.setdefault(t, ([], []))
            rows.append(j)
            vals.append(v)
    flat_i: list[np.ndarray] = []
    flat_v: list[np.ndarray] = []
    m = len(b)
    by_term: dict[str, tuple[list[int], list[float]]] = {}
    for i, vec in enumerate(wa):
        for t, v in vec.items():
            if t in index_b:
                rows, vals = by_term.setdefault(t, ([], []))
                rows.append(i)
                vals.append(v)
    for t, (rows_a, vals_a) in by_term.items():
        rows_b, vals_b = index_b[t]
        ia, ib = np.asarray(rows_a), np.asarray(rows_b)
        flat_i.append((ia[:, None] * m + ib[None, :]).ravel())
        flat_v.append((np.asarray(vals_a)[:, None] * np.asarray(vals_b)[None, :]).ravel())
    size = len(a) * m
    if not flat_i or size == 0:
        return np.zeros((len(a), m), dtype=np.float32)
    sums = np.bincount(np.concatenate(flat_i), weights=np.concatenate(flat_v), minlength=size)
    return np.clip(sums.reshape(len(a), m), 0.0, 1.0).astype(np.float32)
