"""Check-worthy claims in news text: figures, dates, sources, quotes, hedges.

Rule-based and offline, in Arabic, Persian, German, Ukrainian, Russian,
English and French (other languages get the language-neutral rules — whole
numbers in digits, %, unambiguous numeric dates, clock times, quotation marks
— and :func:`claims_note` says so). Names are re-exported lazily so that
importing the package costs nothing until claims are asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.claims.extract import (
        claims_note,
        claims_supported,
        extract_article_claims,
        extract_claims,
        languages_without_rules,
    )
    from tui.claims.model import KINDS, Claim, claim_record

__all__ = [
    "KINDS",
    "Claim",
    "claim_record",
    "claims_note",
    "claims_supported",
    "extract_article_claims",
    "extract_claims",
    "languages_without_rules",
]

_WHERE = {
    "KINDS": "tui.claims.model",
    "Claim": "tui.claims.model",
    "claim_record": "tui.claims.model",
    "extract_claims": "tui.claims.extract",
    "extract_article_claims": "tui.claims.extract",
    "claims_supported": "tui.claims.extract",
    "claims_note": "tui.claims.extract",
    "languages_without_rules": "tui.claims.extract",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(module), name)
