"""Check-worthiness: how much a claim deserves an analyst's check, and why.

A transparent additive score, not a model: analysts must be able to read why
a claim ranks where it does, and there is no labelled data to train on. The
weights follow the issue's order of interest — how many, when, who says so,
how sure: figures with a counted noun, percentages, exact dates, named
sources, quotations tied to a speaker, hedged and denied statements rank high;
vague figures, ordinals, page furniture rank low. Every adjustment adds a
reason; detection notes ('ordinal', 'approximate', 'solar hijri') are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.claims.model import Found
from tui.claims.tokens import fold

_VAGUE_SOURCES = frozenset(
    fold(w)
    for w in (
        "experts observers analysts officials sources media reports report "
        "خبراء الخبراء مراقبون المراقبين المراقبون محللون المحللين مسؤولون مصادر وسائل "
        "کارشناسان ناظران تحلیلگران مقامات منابع رسانه‌ها رسانهها "
        "experten beobachter analysten beamte quellen medien bericht berichte "
        "експерти експертів аналітики аналітиків спостерігачі джерела видання змі "
        "эксперты аналитики источники сми"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the paragraph says about a claim."""

    attributed: bool = False
    """Its sentence names a source (or, for a quote, a speaker is linked)."""
    hedged: bool = False
    """A hedge or denial qualifies it."""
    boilerplate: bool = False
    """The paragraph is page furniture."""


def score(found: Found, context: Context) -> tuple[float, tuple[str, ...]]:
    """``(score in 0..1, reasons)`` for one found claim."""
    reasons: list[str] = []
    s = 0.0
    kind = found.kind
    notes = set(found.notes)

    def add(delta: float, why: str) -> None:
        nonlocal s
        s += delta
        reasons.append(why)

    if kind == "quantity":
        add(0.45, "figure")
        if found.value is None:
            add(-0.15, "vague figure")
        elif found.unit:
            add(0.15, f"counts or measures: {found.unit}")
        if isinstance(found.value, (int, float)) and found.value >= 1000:
            add(0.1, "large figure")
        if "ordinal" in notes:
            add(-0.15, "ordinal")
        if notes & {"approximate", "lower bound", "upper bound"}:
            add(0.05, "estimate")
    elif kind == "percent":
        add(0.6, "percentage")
    elif kind == "date":
        add(0.35, "date")
        if isinstance(found.value, str) and len(found.value) == 10 and found.value[4] == "-":
            add(0.15, "exact date")
    elif kind == "time":
        add(0.3, "clock time")
    elif kind == "attribution":
        add(0.5, "names a source")
        if found.source and _vague_source(found.source):
            add(-0.1, "unnamed source")
    elif kind == "quote":
        add(0.45, "direct quotation")
        words = len(str(found.value or "").split())
        if words <= 2:
            add(-0.15, "short quote")
        if found.source:
            add(0.15, "speaker named")
        if any(ch.isdigit() for ch in str(found.value or "")):
            add(0.1, "quote with a figure")
    elif kind == "hedge":
        add(0.55, "hedged: the writer is not sure")
    elif kind == "denial":
        add(0.65, "denial")
        if found.source:
            add(0.05, "denied by a named source")
    if (
        kind in ("quantity", "percent", "date", "quote")
        and context.attributed
        and not (kind == "quote" and found.source)
    ):
        add(0.1, "attributed")
    if context.hedged and kind not in ("hedge", "denial"):
        add(0.1, "hedged or denied")
    if context.boilerplate:
        s *= 0.3
        reasons.append("page furniture")
    reasons.extend(n for n in found.notes if n not in reasons)
    return round(min(1.0, max(0.0, s)), 2), tuple(reasons)


def _vague_source(source: str) -> bool:
    words = source.split()
    return len(words) <= 3 and any(fold(w) in _VAGUE_SOURCES for w in words)
