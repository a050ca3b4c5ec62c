"""Numbers and dates as language-independent keys, weighted by how telling they are.

"73 عربة", "73 Triebwagen" and "приблизно 73 вагони" share the key
``("n", 73)``; "5 أكتوبر 2023" and "5. Oktober 2023" share ``("d",
"2023-10-05")``. Values come from the claims extractor
(:func:`tui.claims.extract.extract_claims`), which already reads Arabic-Indic
and Persian digits, local separators and spelled-out numbers; this module only
decides which values are keys and what a shared key is worth.

Weights (0..1) say how unlikely two paragraphs are to share the value by
chance, so a lone "1" matches nothing much:

* numbers under 10 are capped at :data:`SMALL_NUMBER_WEIGHT`; numbers with no
  counted noun or unit ("bare") at :data:`BARE_NUMBER_WEIGHT`; otherwise the
  weight grows with the significant digits (73 and 6,700 are telling, 20 and
  3 million less so);
* a full date is worth 1, a day and month 0.7 (every full date also gives its
  ``--MM-DD`` key, so "5 October" matches "5 October 2023"), a month and year
  0.5, a bare year or month little; clock times 0.4 (web pages are full of
  time stamps).
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.claims.model import Claim

SMALL_NUMBER_WEIGHT = 0.15
BARE_NUMBER_WEIGHT = 0.3

FactKey = tuple[str, object]


def significant_digits(value: float) -> int:
    """Digits of ``value`` once trailing zeros are dropped: 73 -> 2, 3,000,000 -> 1, 1.5 -> 2."""
    text = f"{abs(value):.6g}".replace(".", "").replace("-", "")
    if "e" in text:
        text = text.split("e")[0]
    return max(1, len(text.strip("0")))


def number_weight(value: float, unit: str | None) -> float:
    """How telling a shared number is (see the module docstring)."""
    if abs(value) < 10:
        return SMALL_NUMBER_WEIGHT
    weight = min(0.95, 0.25 + 0.3 * significant_digits(value))
    if abs(value) >= 1000 and significant_digits(value) == 1:
        weight = 0.5  # "3 million", "1,000": round figures recur
    if unit is None:
        weight = min(weight, BARE_NUMBER_WEIGHT)
    return weight


def date_keys(value: str) -> list[tuple[FactKey, float]]:
    """Keys and weights of one ISO date value from the claims extractor."""
    if "/" in value:  # a solar-hijri month or year as an interval
        return [(("d", value), 0.5)]
    if len(value) == 10 and value[4] == "-":  # YYYY-MM-DD
        return [(("d", value), 1.0), (("d", "--" + value[5:]), 0.7)]
    if value.startswith("--") and len(value) == 7:  # --MM-DD
        return [(("d", value), 0.7)]
    if len(value) == 7:  # YYYY-MM
        return [(("d", value), 0.5)]
    if len(value) == 4:  # YYYY
        return [(("d", value), 0.3)]
    return [(("d", value), 0.2)]  # --MM


def claim_facts(claims: Iterable[Claim]) -> dict[FactKey, float]:
    """The fact keys of one paragraph's claims, each with its highest weight."""
    facts: dict[FactKey, float] = {}

    def add(key: FactKey, weight: float) -> None:
        if weight > facts.get(key, 0.0):
            facts[key] = weight

    for claim in claims:
        value = claim.value
        if value is None:
            continue
        if claim.kind in ("quantity", "percent") and isinstance(value, int | float):
            number = int(value) if float(value).is_integer() else float(value)
            kind = "%" if claim.kind == "percent" else "n"
            add((kind, number), number_weight(number, claim.unit))
        elif claim.kind == "date" and isinstance(value, str):
            for key, weight in date_keys(value):
                add(key, weight)
        elif claim.kind == "time" and isinstance(value, str):
            add(("t", value), 0.4)
    return facts


def paragraph_facts(text: str, language: str | None) -> dict[FactKey, float]:
    """Fact keys of a paragraph's text, read with the claims extractor's rules."""
    from tui.claims.extract import extract_claims

    return claim_facts(extract_claims(text, language))
