"""What a claim is: a checkable statement located exactly in a paragraph.

A claim is a span of one paragraph's text (Python ``str`` offsets into
``Paragraph.text``) with a kind, a normalised value, and why it deserves a
check. The reader highlights spans, looks the same normalised values up in the
translation, and sorts by score; the CLI prints :func:`claim_record` as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["quantity", "percent", "date", "time", "attribution", "quote", "hedge", "denial"]
KINDS: tuple[str, ...] = (
    "quantity",
    "percent",
    "date",
    "time",
    "attribution",
    "quote",
    "hedge",
    "denial",
)

Value = int | float | str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim. ``text == paragraph_text[start:end]`` always holds."""

    article: str
    paragraph: int
    kind: str
    start: int
    end: int
    text: str
    value: Value
    """quantity/percent: a number (``None`` for a vague 'millions of');
    date: ISO 8601 — ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``--MM-DD``, ``--MM``
    or a ``start/end`` interval for hijri (solar or lunar) months and years; time: ``HH:MM``;
    quote: the words inside the quotation marks; others: ``None``."""
    unit: str | None
    """Measurement unit (``mm``, ``m``, ``km``, ``t``, ``USD``, ``%`` …) or the
    counted noun as written ('عربة', 'Triebwagen', 'вагони')."""
    source: str | None
    """Who says so: for attributions, and for quotes and denials tied to one."""
    qualifies: tuple[int, int] | None
    """Hedges and denials: span of the claim they qualify (the nearest other claim
    in the same sentence, else the sentence itself). ``None`` for other kinds."""
    score: float
    """Check-worthiness in 0..1."""
    reasons: tuple[str, ...]
    """Why the score is what it is, and notes on the reading ('ordinal',
    'approximate', 'solar hijri', 'vague')."""


@dataclass(frozen=True, slots=True)
class Found:
    """What a rule found, before scoring and placement in an article."""

    kind: str
    start: int
    end: int
    value: Value = None
    unit: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()
    qualifies: tuple[int, int] | None = None


FIELDS: tuple[str, ...] = (
    "article",
    "paragraph",
    "kind",
    "start",
    "end",
    "text",
    "value",
    "unit",
    "source",
    "qualifies",
    "score",
    "reasons",
)


def claim_record(claim: Claim) -> dict[str, Any]:
    """The JSON object for a claim: exactly :data:`FIELDS`, lists for tuples."""
    return {
        "article": claim.article,
        "paragraph": claim.paragraph,
        "kind": claim.kind,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "value": claim.value,
        "unit": claim.unit,
        "source": claim.source,
        "qualifies": list(claim.qualifies) if claim.qualifies is not None else None,
        "score": claim.score,
        "reasons": list(claim.reasons),
    }
