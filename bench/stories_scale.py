"""Story grouping at corpus scale: 500 / 5,000 / 20,000 articles with cached signals.

Run: ``.venv/bin/python bench/stories_scale.py [--sizes 500,5000] [--search-only]``.

The collections are made here (no model, no files), shaped like the NTREX
devset: events of five versions (ar, fa, de, uk, en) of 12 paragraphs, each
paragraph's vector the event paragraph's plus noise plus a vector of its
language (multilingual-e5 keeps a language signature), facts and names drawn
per event from Zipf-like vocabularies so that unrelated events share some.
What is timed is :func:`tui.versions.stories.group_stories` on ready
:class:`~tui.versions.signals.ArticleSignals` (candidates, alignments,
linkage, related stories) — the part that grows with the collection once
embeddings are cached. Printed per size: seconds, candidate pairs, pairs
aligned per article, seconds per 1,000 articles (near-linear growth keeps it
flat), and pairwise precision/recall against the events.

Reference in the same run: one alignment of two 12-paragraph articles
(:func:`tui.versions.align.align`), i.e. the unit the grouping repeats.

``--search-only`` times the candidate search alone, exact (numpy) against
usearch (the choice in :mod:`tui.versions.candidates`), with the share of
true version pairs each finds.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from tui.versions.align import align  # noqa: E402
from tui.versions.candidates import CandidateIndex, candidate_pairs  # noqa: E402
from tui.versions.signals import ArticleSignals  # noqa: E402
from tui.versions.stories import group_stories  # noqa: E402

DIM = 384
LANGS = ("ar", "fa", "de", "uk", "en")
SCRIPT = {"ar": "arabic", "fa": "arabic", "de": "latin", "uk": "cyrillic", "en": "latin"}
PARAGRAPHS = 12


def collection(articles: int, seed: int = 3) -> list[ArticleSignals]:
    rng = np.random.default_rng(seed)
    language_vec = {lang: rng.normal(size=DIM).astype(np.float32) * 0.6 for lang in LANGS}
    words = [f"w{k}" for k in range(30000)]
    names = ["".join(rng.choice(list("bdfgklmnrst"), size=6)) for _ in range(20000)]
    out: list[ArticleSignals] = []
    event = 0
    while len(out) < articles:
        base = rng.normal(size=(PARAGRAPHS, DIM)).astype(np.float32)
        facts = [{("n", int(v)): 0.85} for v in np.minimum(rng.zipf(1.2, size=PARAGRAPHS), 100000) + 10]
        named = [tuple(names[k] for k in np.minimum(rng.zipf(1.2, size=2), len(names)) - 1) for _ in range(PARAGRAPHS)]
        terms = [
            Counter(words[k] for k in np.minimum(rng.zipf(1.3, size=20), len(words)) - 1) for _ in range(PARAGRAPHS)
        ]
        for lang in LANGS:
            if len(out) >= articles:
                break
            vecs = base + language_vec[lang] + rng.normal(size=(PARAGRAPHS, DIM)).astype(np.float32) * 0.7
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            out.append(
                ArticleSignals(
                    f"e{event}.{lang}",
                    lang,
                    (180,) * PARAGRAPHS,
                    (28,) * PARAGRAPHS,
                    (False,) * PARAGRAPHS,
                    tuple(facts),
                    tuple(tuple((SCRIPT[lang], n) for n in p) for p in named),
                    tuple(terms) if lang == "en" else (None,) * PARAGRAPHS,
                    vecs,
                    np.ones(PARAGRAPHS, dtype=bool),
                )  # fmt: skip
            )
        event += 1
    return out


def _event(aid: str) -> str:
    return aid.split(".")[0]


def search_only(sizes: list[int]) -> None:
    for size in sizes:
        signals = collection(size)
        truth = {
            (i, j)
            for j in range(len(signals))
            for i in range(j)
            if _event(signals[i].article_id) == _event(signals[j].article_id)
        }
        for name, index in (("exact", CandidateIndex(exact_up_to=10**9)), ("usearch", CandidateIndex(exact_up_to=0))):
            start = time.perf_counter()
            pairs = set(candidate_pairs(signals, index))
            took = time.perf_counter() - start
            print(
                f"{size:>6} articles  {name:<8} {took:7.2f} s  {len(pairs):>7} candidates  "
                f"versions found {len(pairs & truth) / len(truth):.3f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,5000")
    parser.add_argument("--search-only", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.search_only:
        search_only(sizes)
        return 0
    pair = collection(2)
    for size in sizes:
        signals = collection(size)
        start = time.perf_counter()  # the reference, measured just before each size
        for _ in range(20):
            align(pair[0], pair[1])
        unit = (time.perf_counter() - start) / 20
        start = time.perf_counter()
        stories, pairs = group_stories(signals)
        took = time.perf_counter() - start
        story = {m: s.id for s in stories for m in s.members}
        tp = fp = fn = 0
        by_event: dict[str, list[str]] = {}
        for aid in story:
            by_event.setdefault(_event(aid), []).append(aid)
        for members in by_event.values():
            for x, y in itertools.combinations(members, 2):
                tp += story[x] == story[y]
                fn += story[x] != story[y]
        sizes_of = Counter(story.values())
        fp = sum(n * (n - 1) // 2 for n in sizes_of.values()) - tp
        print(
            f"{size:>6} articles: {took:6.1f} s ({took / size * 1000:.1f} s per 1,000; {took / unit:,.0f} alignments' time, "
            f"one alignment {unit * 1000:.1f} ms); "
            f"{len(pairs)} pairs aligned ({len(pairs) / size:.1f} per article); {len(stories)} stories; "
            f"pairwise P {tp / max(1, tp + fp):.3f} R {tp / max(1, tp + fn):.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
