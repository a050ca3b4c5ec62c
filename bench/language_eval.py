"""Paragraph language on real news, and the cost of a long article's language.

1. Accuracy: every ntrex document of every language is loaded as one article
   (one line, one paragraph) and run through :func:`tui.language.detect_languages`;
   a paragraph is right when its language is the file's. Target: ≥ 339 of 341
   per language. Wrong paragraphs are listed with ``-v``.
2. Speed: the article language of a 50-paragraph and a 5,000-paragraph article
   (the ntrex English lines repeated), both cold-free (detector warmed first),
   CPU time and wall time; the ratio must stay ≤ 2 (the article language reads
   a sample, not the whole text).

Run: ``.venv/bin/python bench/language_eval.py [-v] [--speed-only]``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.article import Article, Paragraph  # noqa: E402
from tui.language import article_language, detect_languages  # noqa: E402

NTREX = ROOT.parent / "shared" / "devsets" / "ntrex"
CODES = {"eng": "en", "arb": "ar", "fas": "fa", "deu": "de", "ukr": "uk", "rus": "ru", "fra": "fr"}


def article_of(path: Path) -> Article:
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    paragraphs = tuple(Paragraph(index=i, text=line) for i, line in enumerate(lines))
    return Article(id=path.stem, path=path, paragraphs=paragraphs)


def accuracy(verbose: bool) -> None:
    print(f"{'lang':<6}{'right':>7}{'of':>6}  wrong as")
    for code, lang in CODES.items():
        right = total = 0
        wrong: Counter[str | None] = Counter()
        listed = []
        for path in sorted(NTREX.glob(f"*.{code}.txt")):
            article = detect_languages(article_of(path))
            for p in article.paragraphs:
                total += 1
                if p.language == lang:
                    right += 1
                else:
                    wrong[p.language] += 1
                    listed.append(f"    {p.language}: {p.text[:100]}")
        print(f"{lang:<6}{right:>7}{total:>6}  {dict(wrong)}")
        if verbose:
            print("\n".join(listed))


def speed() -> None:
    lines = [line for line in (NTREX / "reuters.218863.eng.txt").read_text(encoding="utf-8").split("\n") if line]
    article_language(tuple(Paragraph(index=i, text=t) for i, t in enumerate(lines)))  # warm the models
    results = {}
    for count in (50, 5000):
        paragraphs = tuple(Paragraph(index=i, text=lines[i % len(lines)]) for i in range(count))
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(5):
            code, _note = article_language(paragraphs)
        results[count] = ((time.perf_counter() - wall) / 5, (time.process_time() - cpu) / 5)
        print(f"article language of {count:>5} paragraphs: {code}  wall {results[count][0] * 1e3:7.1f} ms  "
              f"cpu {results[count][1] * 1e3:7.1f} ms")  # fmt: skip
    print(f"ratio 5000/50: wall {results[5000][0] / results[50][0]:.2f}  cpu {results[5000][1] / results[50][1]:.2f}")


if __name__ == "__main__":
    if "--speed-only" not in sys.argv:
        accuracy("-v" in sys.argv)
    speed()
