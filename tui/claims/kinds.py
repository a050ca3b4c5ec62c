"""Every kind of claim, once: its name, its short label, and how it is drawn.

The extractor, the claims panel, the reading pane's highlight styles and the
README's table all come from this table, so adding a kind is one entry here
(see CONTRIBUTING.md). Styles are given as Textual CSS declarations, plain
strings so the domain stays free of Textual: a colour from the 16 ANSI colours
(so 16-colour terminals keep them) plus a text style of its own (so
``NO_COLOR`` still tells the kinds apart). Six hues for six families: a
percent is drawn as a quantity and a time as a date, told apart by italics.
Bold, italic and underline give seven looks for eight kinds, so quotations
are overlined (SGR 53: xterm, VTE, tmux, kitty, WezTerm draw it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClaimKind:
    name: str
    label: str
    """At most five cells: the claims panel's kind column."""
    valued: bool
    """Has a normalised value (a number, a date, a time) compared across versions."""
    colour: str
    text_style: str
    description: str


CLAIM_KINDS: tuple[ClaimKind, ...] = (
    ClaimKind("quantity", "qty", True, "ansi_bright_cyan", "bold", "numbers and amounts"),
    ClaimKind("percent", "pct", True, "ansi_bright_cyan", "bold italic", "percentages"),
    ClaimKind("date", "date", True, "ansi_bright_green", "underline", "dates"),
    ClaimKind("time", "time", True, "ansi_bright_green", "underline italic", "times of day"),
    ClaimKind("attribution", "said", False, "ansi_bright_magenta", "italic", "who said what"),
    ClaimKind("quote", "quote", False, "ansi_bright_blue", "italic overline", "quotations"),
    ClaimKind("hedge", "hedge", False, "ansi_bright_yellow", "bold underline", "hedges (reportedly, may)"),
    ClaimKind("denial", "deny", False, "ansi_bright_red", "bold italic underline", "denials"),
)

BY_NAME: dict[str, ClaimKind] = {kind.name: kind for kind in CLAIM_KINDS}
VALUED: frozenset[str] = frozenset(kind.name for kind in CLAIM_KINDS if kind.valued)


def label(name: str) -> str:
    kind = BY_NAME.get(name)
    return kind.label if kind is not None else name
