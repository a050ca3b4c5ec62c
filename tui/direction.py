"""Base direction of a paragraph from its own characters.

UAX #9 rule P2 takes the first strong character, which gets news wrong when an
Arabic paragraph opens with a Latin name ("COVID-19 …"). We take the majority of
strong characters instead (ties: first strong), which needs only
``unicodedata`` — no language model on the start-up path.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

_RTL_CLASSES = frozenset({"R", "AL"})


def base_direction(text: str) -> Literal["ltr", "rtl"]:
    """``rtl`` when right-to-left letters outnumber left-to-right ones."""
    rtl = ltr = 0
    first: str | None = None
    for ch in text:
        cls = unicodedata.bidirectional(ch)
        if cls == "L":
            ltr += 1
            first = first or "ltr"
        elif cls in _RTL_CLASSES:
            rtl += 1
            first = first or "rtl"
    if rtl != ltr:
        return "rtl" if rtl > ltr else "ltr"
    return "rtl" if first == "rtl" else "ltr"


def has_rtl(text: str) -> bool:
    """True when ``text`` holds a right-to-left letter (Arabic, Hebrew, …)."""
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)
