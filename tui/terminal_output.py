"""Command output on a terminal: right-to-left text in visual order.

``tandem show``, ``claims``, ``align``, ``stories`` and ``notes list`` print
article text. Piped or redirected it stays in logical order, because then it is
data. On a terminal that does no bidi of its own (config ``bidi = "app"``, the
default, as in the reader) each line is laid out with the reader's own layout
(:mod:`tui.rtl`); printed as is, xterm, tmux and kitty would show Arabic and
Persian letters reversed and unjoined.

Listings mark their fields with :data:`FIELD` (article text is inert, so the
character cannot come from a file). Fields are laid out one by one, so an
Arabic paragraph keeps its full stop on the left and a value such as "--09"
is not turned round by the Arabic next to it. Leading fields (numbers, kinds,
values) are left-to-right and stay on one row; the last field, the free text,
takes its own base direction, is wrapped to the room beside them, and its
rows line up under its first one, right-aligned when right-to-left, as in the
reader (a text that fits on one row stays next to its fields). Off a terminal, fields are separated by two spaces.
"""

from __future__ import annotations

import shutil
from typing import TextIO

from tui.direction import has_rtl

FIELD = "\x1f"
"""Separates the fields of a listing line (ASCII unit separator)."""
GAP = "  "
MIN_ROOM = 20
"""Narrower than this beside the leading fields, the text goes below them."""


def fields(*parts: str) -> str:
    """One listing line from its fields; empty fields are left out."""
    return FIELD.join(p for p in parts if p)


def plain(text: str) -> str:
    """``text`` for a pipe or file: fields two spaces apart, logical order."""
    return text.replace(FIELD, GAP)


def wants_visual_order(stream: TextIO) -> bool:
    """True when ``stream`` is a terminal and tandem, not the terminal, reorders."""
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return False
    from tui.config import load_config

    return load_config().bidi == "app"


def visual_lines(text: str, width: int) -> str:
    """``text`` laid out for a terminal ``width`` cells wide without bidi."""
    from rich.cells import cell_len

    from tui.rtl import layout

    def one_row(field: str) -> str:
        if not has_rtl(field):
            return field
        return layout(field, cell_len(field) + 8, direction="ltr")[0].text.rstrip()

    out: list[str] = []
    for line in text.split("\n"):
        if not has_rtl(line):
            out.append(plain(line))
            continue
        *lead, body = line.split(FIELD)
        indent = len(lead[0]) - len(lead[0].lstrip(" ")) if lead else len(body) - len(body.lstrip(" "))
        head = GAP.join(one_row(f) for f in lead) + (GAP if lead else "")
        if not lead:
            head, body = body[:indent], body[indent:]
        room = width - cell_len(head)
        if room < MIN_ROOM:
            out.append(head.rstrip())
            head, room = "", width
        pad = " " * cell_len(head)
        rows = layout(body, max(1, room), mode="app")
        if len(rows) == 1:  # a short text stays beside its fields
            out.append(head + rows[0].text.strip())
            continue
        for n, row in enumerate(rows):
            out.append(((head if n == 0 else pad) + row.text).rstrip())
    return "\n".join(out)


def for_stream(text: str, stream: TextIO) -> str:
    """``text`` as it should be written to ``stream`` (see the module docstring)."""
    if not wants_visual_order(stream):
        return plain(text)
    return visual_lines(text, shutil.get_terminal_size((80, 24)).columns)
