"""Pair the claims of a paragraph with those of its translation by value.

The reader highlights a figure in the original and "the same normalised value"
in the translation: 73 in "73 عربة" and in "73 train cars", 2023-10-05 in
"5 أكتوبر 2023" and "5 October 2023". Pairing is by kind and value, in
order of appearance, so the second "three cars" pairs with the second
"ثلاث سيارات". Kinds without a normalised value (quotes, attributions,
hedges, denials) have no value to match, and their wording changes in
translation: :func:`pair_in_order` pairs them by kind and order, and only when
the paragraph and its translation have as many of that kind (a quote split in
two, or a hedge the translator dropped, leaves that kind unpaired rather than
paired wrongly).
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.claims.kinds import VALUED
from tui.claims.model import Claim


def value_key(claim: Claim) -> tuple[str, object] | None:
    """``(kind, value)`` for a valued claim, numbers compared as numbers."""
    if claim.kind not in VALUED or claim.value is None:
        return None
    value = claim.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return claim.kind, value


def pair_by_value(original: Sequence[Claim], translation: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Claims of the two paragraphs with the same kind and value, matched in order."""
    waiting: dict[tuple[str, object], list[Claim]] = {}
    for claim in sorted(translation, key=lambda c: c.start):
        key = value_key(claim)
        if key is not None:
            waiting.setdefault(key, []).append(claim)
    pairs = []
    for claim in sorted(original, key=lambda c: c.start):
        key = value_key(claim)
        if key is not None and waiting.get(key):
            pairs.append((claim, waiting[key].pop(0)))
    return pairs


def pair_in_order(original: Sequence[Claim], translation: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Claims of a kind without a value, paired in order where both sides have
    the same number of that kind."""
    pairs: list[tuple[Claim, Claim]] = []
    for kind in sorted({c.kind for c in original if c.kind not in VALUED}):
        mine = sorted((c for c in original if c.kind == kind), key=lambda c: c.start)
        theirs = sorted((c for c in translation if c.kind == kind), key=lambda c: c.start)
        if len(mine) == len(theirs):
            pairs.extend(zip(mine, theirs, strict=True))
    return pairs


def pair_claims(original: Sequence[Claim], translation: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Every pair the reader highlights: by value (:func:`pair_by_value`), then
    kinds without a value in order (:func:`pair_in_order`)."""
    return pair_by_value(original, translation) + pair_in_order(original, translation)
