"""Alignment speed: two synthetic 2,000-paragraph articles with cached signals.

Run: ``.venv/bin/python bench/align_speed.py [--paragraphs N] [--runs R] [--memory]``.

``--memory`` measures instead the peak memory that :func:`align` allocates
(``tracemalloc``, which numpy reports its arrays to), against the signals'
own size; the target for two 5,000-paragraph articles is ≤ 300 MB.

The articles are made here (no model, no files): B is a "translation" of A —
each paragraph's vector is A's plus noise, with a caption inserted every 25
paragraphs and two paragraphs merged every 40 — with numbers, names and
English terms drawn from Zipf-like vocabularies, so the sparse signals have
realistic collisions. What is timed is :func:`tui.versions.align.align` on
ready :class:`~tui.versions.signals.ArticleSignals`: all pair scores (plain
and merged), the DP and the translation/related decision.

Reference, timed in the same run: a float32 matrix product of two n × n
matrices (n = paragraphs), the kind of dense work the alignment is made of.
The target is ≤ 1 s absolute on the project's 2-core machines; the ratio
shows how the machine compares when absolute times drift.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from tui.versions.align import align  # noqa: E402
from tui.versions.signals import ArticleSignals  # noqa: E402

DIM = 384


def _zipf(rng: np.random.Generator, size: int, vocab: int) -> np.ndarray:
    return np.minimum(rng.zipf(1.3, size=size), vocab) - 1


def synthetic_pair(n: int, seed: int = 7) -> tuple[ArticleSignals, ArticleSignals]:
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n, DIM)).astype(np.float32)
    topic = rng.normal(size=DIM).astype(np.float32) * 3
    emb_a = base + topic
    words = [f"w{k}" for k in range(20000)]
    names = [("latin", "".join(rng.choice(list("bdfgklmnrst"), size=5))) for _ in range(3000)]

    def paragraph(i: int) -> tuple[dict, tuple, Counter]:
        facts = {("n", int(v)): 0.8 for v in _zipf(rng, 2, 5000) + 10}
        nm = tuple(names[k] for k in _zipf(rng, 3, len(names)))
        terms = Counter(words[k] for k in _zipf(rng, 25, len(words)))
        return facts, nm, terms

    pa = [paragraph(i) for i in range(n)]
    rows_b: list[tuple[np.ndarray, dict, tuple, Counter, int]] = []
    i = 0
    while len(rows_b) < n and i < n:
        if len(rows_b) % 25 == 24:  # a caption only B has
            rows_b.append((rng.normal(size=DIM).astype(np.float32) + topic, {}, (), Counter({"photo": 1}), 60))
            continue
        if i % 40 == 39 and i + 1 < n:  # two paragraphs of A said in one of B
            vec = emb_a[i] + emb_a[i + 1] + rng.normal(size=DIM).astype(np.float32) * 0.8
            facts = {**pa[i][0], **pa[i + 1][0]}
            rows_b.append((vec, facts, pa[i][1] + pa[i + 1][1], pa[i][2] + pa[i + 1][2], 500))
            i += 2
            continue
        vec = emb_a[i] + rng.normal(size=DIM).astype(np.float32) * 0.8
        rows_b.append((vec, pa[i][0], pa[i][1], pa[i][2], 260))
        i += 1

    def unit(m: np.ndarray) -> np.ndarray:
        return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)

    a = ArticleSignals(
        "synthetic-a", "ar", tuple([220] * n), tuple([40] * n), tuple([False] * n),
        tuple(p[0] for p in pa), tuple(p[1] for p in pa), tuple(p[2] for p in pa),
        unit(emb_a), np.ones(n, dtype=bool),
    )  # fmt: skip
    m = len(rows_b)
    b = ArticleSignals(
        "synthetic-b", "de", tuple(r[4] for r in rows_b), tuple([45] * m), tuple([False] * m),
        tuple(r[1] for r in rows_b), tuple(r[2] for r in rows_b), tuple(r[3] for r in rows_b),
        unit(np.stack([r[0] for r in rows_b])), np.ones(m, dtype=bool),
    )  # fmt: skip
    return a, b


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="peak memory of one alignment instead of speed")
    args = parser.parse_args()
    a, b = synthetic_pair(args.paragraphs)
    if args.memory:
        return memory(a, b)
    x = np.random.default_rng(1).normal(size=(args.paragraphs, args.paragraphs)).astype(np.float32)
    align(a, b)  # warm-up: imports, BLAS threads
    times, refs = [], []
    result = None
    for _ in range(args.runs):
        t = time.perf_counter()
        _ = x @ x
        refs.append(time.perf_counter() - t)
        t = time.perf_counter()
        result = align(a, b)
        times.append(time.perf_counter() - t)
    assert result is not None
    med, ref = statistics.median(times), statistics.median(refs)
    expected = _expected_links(len(a))
    found = {(link.a, link.b) for link in result.links}
    print(
        f"articles: {len(a)} x {len(b)} paragraphs; kind {result.kind}, {len(result.links)} links "
        f"({len(found & expected)}/{len(expected)} of the constructed ones), "
        f"coverage {result.coverage[0]:.2f}/{result.coverage[1]:.2f}"
    )
    print(f"align (median of {args.runs}): {med:.3f} s   [target <= 1 s: {'ok' if med <= 1.0 else 'MISSED'}]")
    print(f"reference {args.paragraphs}x{args.paragraphs} float32 matmul: {ref:.3f} s   ratio {med / ref:.1f}")
    other, _ = synthetic_pair(args.paragraphs, seed=99)  # independent text: the related/unrelated path
    other = ArticleSignals("synthetic-c", other.language, *[getattr(other, f) for f in _FIELDS])
    unrelated = align(a, other)
    took = []
    for _ in range(args.runs):
        t = time.perf_counter()
        unrelated = align(a, other)
        took.append(time.perf_counter() - t)
    print(
        f"independent pair of the same size (median of {args.runs}): {statistics.median(took):.3f} s, "
        f"kind {unrelated.kind}, {len(unrelated.links)} links"
    )
    return 0


def memory(a: ArticleSignals, b: ArticleSignals) -> int:
    import tracemalloc

    signals = sum(s.embeddings.nbytes for s in (a, b) if s.embeddings is not None)
    tracemalloc.start()
    t = time.perf_counter()
    result = align(a, b)
    took = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    expected = _expected_links(len(a))
    found = {(link.a, link.b) for link in result.links}
    print(
        f"articles: {len(a)} x {len(b)} paragraphs; kind {result.kind}, {len(result.links)} links "
        f"({len(found & expected)}/{len(expected)} of the constructed ones); {took:.1f} s"
    )
    verdict = "ok" if peak <= 300e6 else "MISSED"
    print(f"peak allocated by align: {peak / 1e6:.0f} MB   [target <= 300 MB: {verdict}]")
    print(f"reference: the two articles' vectors {signals / 1e6:.0f} MB   ratio {peak / signals:.1f}")
    return 0


_FIELDS = ("lengths", "words", "boilerplate", "facts", "names", "english", "embeddings", "has_embedding")


def _expected_links(n: int) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The links :func:`synthetic_pair` built into B (captions excluded)."""
    out = set()
    i = j = 0
    while j < n and i < n:
        if j % 25 == 24:
            j += 1
            continue
        if i % 40 == 39 and i + 1 < n:
            out.add(((i, i + 1), (j,)))
            i += 2
        else:
            out.add(((i,), (j,)))
            i += 1
        j += 1
    return out


if __name__ == "__main__":
    raise SystemExit(main())
