"""Hand-made gold alignments of seed pairs, and how an alignment is scored against them.

Format and rule are described in ``tests/gold/alignments/README.md``: links
expand to paragraph pairs; *sure* pairs must be found, *possible* ones may be;
precision counts predictions inside sure ∪ possible, recall counts sure pairs
found. Shared by the tests and ``bench/align_eval.py`` so both apply one rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tui.versions.align import CONFIDENT_LINK, Alignment

FORMAT = 1

Pair = tuple[int, int]


@dataclass(frozen=True)
class GoldPair:
    name: str
    a: str
    b: str
    kind: str
    sure: frozenset[Pair]
    possible: frozenset[Pair]
    """Sure ∪ possible."""


@dataclass(frozen=True)
class Score:
    predicted: int
    correct: int
    """Predicted pairs inside sure ∪ possible."""
    sure: int
    found: int
    """Sure pairs predicted."""
    wrong_confident: int
    """Predicted pairs outside sure ∪ possible whose link scored ≥ :data:`tui.versions.align.CONFIDENT_LINK` (shown as confident)."""

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float | None:
        return self.found / self.sure if self.sure else None

    @property
    def f1(self) -> float | None:
        r = self.recall
        if r is None:
            return None
        p = self.precision
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(a: Iterable[int], b: Iterable[int]) -> set[Pair]:
    return {(i, j) for i in a for j in b}


def load_gold(path: Path) -> GoldPair:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path.name}: unsupported format {data.get('format')!r}")
    sure: set[Pair] = set()
    possible: set[Pair] = set()
    for link in data["links"]:
        pairs = _pairs(link["a"], link["b"])
        possible |= pairs
        if link.get("sure", True):
            sure |= pairs
    return GoldPair(Path(path).stem, data["a"], data["b"], data["kind"], frozenset(sure), frozenset(possible))


def load_all(directory: Path) -> list[GoldPair]:
    return [load_gold(p) for p in sorted(Path(directory).glob("*.json"))]


def score(alignment: Alignment, gold: GoldPair) -> Score:
    """Compare ``alignment`` (of gold.a with gold.b) with the gold pairs."""
    predicted: dict[Pair, float] = {}
    for link in alignment.links:
        for pair in _pairs(link.a, link.b):
            predicted[pair] = max(link.score, predicted.get(pair, 0.0))
    correct = sum(1 for p in predicted if p in gold.possible)
    found = sum(1 for p in gold.sure if p in predicted)
    wrong = sum(1 for p, s in predicted.items() if p not in gold.possible and s >= CONFIDENT_LINK)
    return Score(len(predicted), correct, len(gold.sure), found, wrong)
