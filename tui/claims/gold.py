"""Scoring extraction against hand-marked gold claims (tests and bench share it).

Gold files (``tests/gold/claims/<article id>.json``) hold the claims a careful
analyst marks in each paragraph, by kind, paragraph index and exact text (an
``occurrence`` index when the same text appears twice in a paragraph).

Matching rule: a predicted claim matches a gold claim when the kind is the
same, the paragraph is the same, the spans overlap, and — for quantity,
percent, date and time — the normalised values are equal (numbers to a
relative 1e-9). Each gold and each predicted claim is used at most once
(largest overlap first). Precision = matched / predicted, recall = matched /
gold, per kind and per language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.claims.kinds import VALUED
from tui.claims.model import Claim


@dataclass(frozen=True, slots=True)
class GoldClaim:
    article: str
    paragraph: int
    kind: str
    start: int
    end: int
    text: str
    value: int | float | str | None = None
    unit: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article: str
    language: str
    paragraphs: tuple[str, ...]
    claims: tuple[GoldClaim, ...]


def paragraphs_of(text: str) -> tuple[str, ...]:
    """The fixed segmentation: every non-empty line, stripped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def load_gold(path: Path, seeds: Path) -> GoldArticle:
    """A gold file and the paragraphs of its seed; spans are located in the text."""
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = paragraphs_of((seeds / f"{data['article']}.txt").read_text(encoding="utf-8"))
    return _article(data, paragraphs)


def load_inline(path: Path) -> list[GoldArticle]:
    """A gold file of articles that carry their own paragraphs (held-out sentences)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [_article(a, tuple(a["paragraphs"])) for a in data]


def _article(data: dict[str, Any], paragraphs: tuple[str, ...]) -> GoldArticle:
    article = data["article"]
    claims = []
    for c in data["claims"]:
        para = paragraphs[c["paragraph"]]
        start = -1
        for _ in range(c.get("occurrence", 0) + 1):
            start = para.index(c["text"], start + 1)
        claims.append(
            GoldClaim(
                article,
                c["paragraph"],
                c["kind"],
                start,
                start + len(c["text"]),
                c["text"],
                c.get("value"),
                c.get("unit"),
                c.get("source"),
            )
        )
    return GoldArticle(article, data["language"], paragraphs, tuple(claims))


SEED_GOLD_GLOB = "[0-9]*.json"
HELDOUT_FILE = "heldout_sentences.json"


def load_all(gold_dir: Path, seeds: Path) -> list[GoldArticle]:
    """The gold of every seed (files named after the seeds)."""
    return [load_gold(p, seeds) for p in sorted(gold_dir.glob(SEED_GOLD_GLOB))]


def values_equal(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


@dataclass
class Report:
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_kind_language: dict[tuple[str, str], Tally] = field(default_factory=dict)
    misses: list[GoldClaim] = field(default_factory=list)
    extras: list[Claim] = field(default_factory=list)
    source_agree: int = 0
    source_total: int = 0

    def tally(self, kind: str, language: str) -> tuple[Tally, Tally]:
        return (
            self.by_kind.setdefault(kind, Tally()),
            self.by_kind_language.setdefault((kind, language), Tally()),
        )


def match(
    gold: Sequence[GoldClaim], predicted: Sequence[Claim]
) -> tuple[list[tuple[GoldClaim, Claim]], list[GoldClaim], list[Claim]]:
    """One-to-one matches, unmatched gold, unmatched predictions."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if p.kind != g.kind or p.paragraph != g.paragraph:
                continue
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap <= 0:
                continue
            if g.kind in VALUED and not values_equal(p.value, g.value):
                continue
            pairs.append((overlap, gi, pi))
    pairs.sort(key=lambda t: -t[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gold[gi], predicted[pi]))
    misses = [g for i, g in enumerate(gold) if i not in used_g]
    extras = [p for i, p in enumerate(predicted) if i not in used_p]
    return matched, misses, extras


def evaluate(articles: Iterable[GoldArticle]) -> Report:
    """Extract claims from each gold article's paragraphs and compare."""
    from tui.claims.extract import extract_claims

    report = Report()
    for art in articles:
        predicted = [
            c
            for i, text in enumerate(art.paragraphs)
            for c in extract_claims(text, art.language, article=art.article, paragraph=i)
        ]
        matched, misses, extras = match(art.claims, predicted)
        for g in art.claims:
            for t in report.tally(g.kind, art.language):
                t.gold += 1
        for p in predicted:
            for t in report.tally(p.kind, art.language):
                t.predicted += 1
        for g, p in matched:
            for t in report.tally(g.kind, art.language):
                t.matched += 1
            if g.source is not None:
                report.source_total += 1
                if p.source and (g.source in p.source or p.source in g.source):
                    report.source_agree += 1
        report.misses.extend(misses)
        report.extras.extend(extras)
    return report


@dataclass
class Agreement:
    """Valued claims found in an original and in its translation, paragraph by paragraph."""

    original: int = 0
    translated: int = 0
    shared: int = 0
    only_original: list[tuple[str, int, str, object]] = field(default_factory=list)
    only_translated: list[tuple[str, int, str, object]] = field(default_factory=list)


def translation_agreement(
    pairs: Iterable[tuple[str, str, Sequence[str], str, Sequence[str]]],
) -> Agreement:
    """Compare ``(kind, value)`` of valued claims between each paragraph and its translation.

    ``pairs`` yields ``(article, source language, source paragraphs, target
    language, target paragraphs)``. This is what the reader relies on to
    highlight "the same normalised values in the translation".
    """
    from collections import Counter

    from tui.claims.extract import extract_claims
    from tui.claims.pairing import value_key

    out = Agreement()
    for article, src_lang, src, tgt_lang, tgt in pairs:
        for i, (a, b) in enumerate(zip(src, tgt, strict=False)):
            left = Counter(k for c in extract_claims(a, src_lang) if (k := value_key(c)) is not None)
            right = Counter(k for c in extract_claims(b, tgt_lang) if (k := value_key(c)) is not None)
            shared = left & right
            out.original += sum(left.values())
            out.translated += sum(right.values())
            out.shared += sum(shared.values())
            for (kind, value), n in (left - right).items():
                out.only_original.extend([(article, i, kind, value)] * n)
            for (kind, value), n in (right - left).items():
                out.only_translated.extend([(article, i, kind, value)] * n)
    return out
