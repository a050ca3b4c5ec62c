"""How long ``export_article`` takes on a long article, against finding its claims.

Reference, measured in the same run on the same article: extracting every
claim of the original and pairing the translation's (``claims_for_export``),
which the export needs anyway and the reader has already done for the
paragraphs it showed. The export itself (building the report and writing
Markdown and HTML, both layouts) should cost a fraction of that.

The article is the Arabic seed's paragraphs repeated to ``--paragraphs``, with
its reference translation repeated alike and a note on every tenth paragraph.

    .venv/bin/python bench/export_speed.py --paragraphs 2000 --runs 3
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from pathlib import Path

from tui.article_claims import ArticleClaims
from tui.language import detect_languages
from tui.loading import load_article
from tui.notes.anchor import select
from tui.notes.model import new_annotation
from tui.notes.placing import place_all
from tui.reference import load_reference
from tui.report.bilingual import claims_for_export, export_article
from tui.target_language import TranslatedTexts
from tui.textnorm import text_hash
from tui.translated import ParagraphTranslation

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_9466c648f5ef6891.txt"


def long_article(count: int):
    seed = detect_languages(load_article(SEED))
    reference = load_reference(seed)
    assert reference is not None
    paragraphs = tuple(dataclasses.replace(seed.paragraphs[i % len(seed.paragraphs)], index=i) for i in range(count))
    article = dataclasses.replace(seed, paragraphs=paragraphs)
    translated = {}
    for p in paragraphs:
        found = reference.get(p.index % len(seed.paragraphs))
        if found is not None:
            translated[p.index] = ParagraphTranslation(p.index, found.text, text_hash(p.text))
    translation = dataclasses.replace(reference, paragraphs=translated)
    notes = [new_annotation(article, select(article, i), "important", f"note {i}") for i in range(0, count, 10)]
    return article, translation, place_all(notes, articles=[article])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    article, translation, notes = long_article(args.paragraphs)
    claims_times: list[float] = []
    export_times: list[float] = []
    for _ in range(args.runs):
        start = time.perf_counter()
        claims, translated = claims_for_export(ArticleClaims(article, TranslatedTexts.of(translation)))
        claims_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        size = 0
        for fmt in ("md", "html"):
            for layout in ("side-by-side", "interleaved"):
                size += len(
                    export_article(
                        article, translation, claims, notes, fmt=fmt, layout=layout, translated_claims=translated
                    )
                )
        export_times.append((time.perf_counter() - start) / 4)
    reference = statistics.median(claims_times)
    exported = statistics.median(export_times)
    print(f"{args.paragraphs} paragraphs, {len(claims)} claims, {len(notes)} notes, {args.runs} runs")
    print(f"claims (reference): {reference * 1000:.0f} ms")
    print(f"one export (mean of md/html × 2 layouts): {exported * 1000:.0f} ms, {size // 4 // 1024} KiB")
    print(f"ratio export / claims: {exported / reference:.2f}")


if __name__ == "__main__":
    main()
