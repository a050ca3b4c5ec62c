"""Precision, recall and F1 of paragraph alignment against the hand-made gold.

Run: ``.venv/bin/python bench/align_eval.py [--embeddings compute|cached|none] [--no-english] [-v]``.

For each gold pair in ``tests/gold/alignments`` (rule in its README and in
:mod:`tui.versions.gold`): the kind found, precision, recall and F1 over
paragraph pairs, and the number of confident links outside the gold's
possible set. ``-v`` lists every extra and missed pair. ``--no-english``
aligns without translations (embeddings, numbers and names only) and
``--embeddings none`` without vectors, to show what each signal carries.
Embeddings come from the cache under ``$TANDEM_CACHE_DIR`` (computed on
first use: seconds per article).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.versions.align import align  # noqa: E402
from tui.versions.gold import load_all, score  # noqa: E402
from tui.versions.prepare import load_prepared  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embeddings", choices=("compute", "cached", "none"), default="compute")
    parser.add_argument("--no-english", action="store_true")
    parser.add_argument("-v", action="store_true", dest="verbose")
    args = parser.parse_args()
    extra = {"english": {}} if args.no_english else {}
    signals = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        article, s = load_prepared(path, embeddings=args.embeddings, **extra)
        signals[article.id] = s
    print(f"{'pair':<10} {'gold kind':<12} {'found':<12} {'P':>5} {'R':>5} {'F1':>5} {'links':>5} {'wrong≥0.5':>9}")
    for gold in load_all(ROOT / "tests" / "gold" / "alignments"):
        alignment = align(signals[gold.a], signals[gold.b])
        s = score(alignment, gold)
        r = "  -  " if s.recall is None else f"{s.recall:5.2f}"
        f = "  -  " if s.f1 is None else f"{s.f1:5.2f}"
        print(
            f"{gold.name:<10} {gold.kind:<12} {alignment.kind:<12} {s.precision:5.2f} {r} {f} "
            f"{s.predicted:>5} {s.wrong_confident:>9}"
        )
        if args.verbose:
            predicted = {(i, j): link.score for link in alignment.links for i in link.a for j in link.b}
            for pair, sc in sorted(predicted.items()):
                if pair not in gold.possible:
                    print(f"    extra  a{pair[0]:<3} b{pair[1]:<3} score {sc:.2f}")
            for pair in sorted(gold.sure - set(predicted)):
                print(f"    missed a{pair[0]:<3} b{pair[1]:<3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
