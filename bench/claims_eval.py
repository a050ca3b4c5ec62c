"""Precision and recall of claim extraction against the hand-marked gold claims.

Run: ``.venv/bin/python bench/claims_eval.py [-v]`` — prints a table per kind
and language, then totals per kind; ``-v`` lists every miss and extra.
The matching rule is documented in :mod:`tui.claims.gold`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.claims.gold import (  # noqa: E402
    HELDOUT_FILE,
    evaluate,
    load_all,
    load_inline,
    translation_agreement,
)
from tui.claims.model import KINDS  # noqa: E402


def main(argv: list[str]) -> int:
    gold_dir = ROOT / "tests" / "gold" / "claims"
    print("== seeds (the rules were developed on these: training figures)")
    table(load_all(gold_dir, ROOT / "seeds"), argv)
    print("\n== held-out sentences (written before the extractor saw them)")
    table(load_inline(gold_dir / HELDOUT_FILE), argv)
    print("\n== two real NTREX-128 articles in seven languages (valued kinds, marked by reading)")
    table(load_inline(gold_dir / "real_articles.json"), argv, kinds=("quantity", "percent", "date", "time"))
    print("\n== originals vs bundled English reference translations (valued kinds)")
    agreement(argv)
    return 0


def agreement(argv: list[str]) -> None:
    import json

    pairs = []
    for path in sorted((ROOT / "translations").glob("*.en.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        source = (ROOT / "seeds" / data["source"]).read_text(encoding="utf-8")
        src = [line.strip() for line in source.splitlines() if line.strip()]
        tgt = [""] * len(src)
        for p in data["paragraphs"]:
            if p["index"] < len(tgt):
                tgt[p["index"]] = p["text"]
        pairs.append((path.name[:3], data["source_language"], src, data["target_language"], tgt))
    a = translation_agreement(pairs)
    print(f"original: {a.original}  translation: {a.translated}  same kind and value: {a.shared}")
    print(
        f"share of original values found in the translation: {a.shared / max(a.original, 1):.2f}; "
        f"of translation values found in the original: {a.shared / max(a.translated, 1):.2f}"
    )
    if "-v" in argv:
        for art, i, kind, value in a.only_original:
            print(f"  only in original:    {art} p{i:<3}{kind:<10}{value!r}")
        for art, i, kind, value in a.only_translated:
            print(f"  only in translation: {art} p{i:<3}{kind:<10}{value!r}")


def table(articles, argv: list[str], kinds: tuple[str, ...] = KINDS) -> None:
    report = evaluate(articles)
    languages = sorted({a.language for a in articles})
    print(f"{'kind':<12}{'lang':<6}{'gold':>6}{'pred':>6}{'match':>7}{'prec':>7}{'recall':>8}")
    for kind in kinds:
        for lang in languages:
            t = report.by_kind_language.get((kind, lang))
            if t is None:
                continue
            print(f"{kind:<12}{lang:<6}{t.gold:>6}{t.predicted:>6}{t.matched:>7}{t.precision:>7.2f}{t.recall:>8.2f}")
    print()
    total_g = total_p = total_m = 0
    for kind in kinds:
        t = report.by_kind.get(kind)
        if t is None:
            continue
        total_g, total_p, total_m = total_g + t.gold, total_p + t.predicted, total_m + t.matched
        print(f"{kind:<12}{'all':<6}{t.gold:>6}{t.predicted:>6}{t.matched:>7}{t.precision:>7.2f}{t.recall:>8.2f}")
    p = total_m / total_p if total_p else 1.0
    r = total_m / total_g if total_g else 1.0
    print(f"{'ALL':<12}{'all':<6}{total_g:>6}{total_p:>6}{total_m:>7}{p:>7.2f}{r:>8.2f}")
    if report.source_total:
        print(f"\nattribution sources agreeing (one contains the other): {report.source_agree}/{report.source_total}")
    if "-v" in argv:
        print("\nmisses (gold not found):")
        for g in report.misses:
            print(f"  {g.article[:10]} p{g.paragraph:<3}{g.kind:<12}{g.text[:60]!r} value={g.value!r}")
        print("extras (predicted, not in gold):")
        for c in (c for c in report.extras if c.kind in kinds):
            print(f"  {c.article[:10]} p{c.paragraph:<3}{c.kind:<12}{c.text[:60]!r} value={c.value!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
