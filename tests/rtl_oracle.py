"""Independent checks of right-to-left layout, shared by the RTL tests.

Expected visual strings are built independently of tui.rtl wherever possible:
python-bidi's engine for the order, arabic-reshaper's own letter tables for
the shapes.
"""

from __future__ import annotations

import unicodedata

from arabic_reshaper import ArabicReshaper
from bidi.mirror import MIRRORED
from conftest import seed
from rich.cells import cell_len

from tui.rtl import DisplayLine

# Characters the app-mode layout must never send to a terminal.
FORBIDDEN = set(
    "\u200c\u200d\u200e\u200f\u061c"  # ZWNJ ZWJ LRM RLM ALM
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # embeddings, isolates
    "\ufdf2\ufdfd"  # Allah and Bismillah ligatures
)
LAM_ALEF = {chr(cp) for cp in range(0xFEF5, 0xFEFD)}

# An independent reshaper for expected glyphs: lam-alef on, Allah off.
RESHAPER = ArabicReshaper(configuration={"delete_harakat": True, "ARABIC LIGATURE ALLAH": False, "support_zwj": False})


def paragraphs(prefix: str) -> list[str]:
    text = seed(prefix).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


RTL_SEED_PARAGRAPHS = [p for prefix in ("000", "001", "004") for p in paragraphs(prefix)]


def visual(line: DisplayLine) -> str:
    return "".join(c.text for c in line.clusters)


def logical(line: DisplayLine) -> str:
    return "".join(c.text for c in sorted(line.clusters, key=lambda c: c.start))


def oracle_input(line: DisplayLine, text: str) -> str:
    """The line's shaped text in logical order, as python-bidi should get it:
    combining marks kept (they take part in resolution), mirrored glyphs put
    back as they are in ``text``."""
    out = []
    for c in sorted(line.clusters, key=lambda c: c.start):
        drawn = c.text
        if drawn[0] in MIRRORED:
            base = next(ch for ch in text[c.start : c.end] if cell_len(ch) > 0)
            drawn = base + drawn[1:]
        out.append(drawn)
    return "".join(out)


def drop_zero_width(s: str) -> str:
    return "".join(ch for ch in s if cell_len(ch) > 0)


def unmirror(s: str) -> str:
    """Map each mirror pair to one representative: compare modulo mirroring."""
    return "".join(min(ch, MIRRORED.get(ch, ch)) for ch in s)


def check_invariants(text: str, width: int, lines: list[DisplayLine]) -> None:
    """Exact width; each offset drawn at most once; lines in logical order;
    the only undrawn offsets are white space (and zero-width characters folded
    into it) at a line break or at the very end."""
    assert lines, "at least one line"
    seen: dict[int, int] = {}
    for n, line in enumerate(lines):
        assert line.pad_left >= 0 and line.pad_right >= 0
        assert line.pad_left + sum(cell_len(c.text) for c in line.clusters) + line.pad_right == width
        for c in line.clusters:
            assert cell_len(c.text) >= 1 or c.text == " ", c
            assert 0 <= c.start < c.end <= len(text), c
            for i in range(c.start, c.end):
                assert i not in seen, f"offset {i} drawn twice"
                seen[i] = n
    # Lines come in logical order.
    spans = [
        (min(c.start for c in line.clusters), max(c.end for c in line.clusters)) for line in lines if line.clusters
    ]
    for (_, end_a), (start_b, _) in zip(spans, spans[1:], strict=False):
        assert end_a <= start_b
    # Undrawn characters: white space or zero-width, between lines or at the end.
    for i, ch in enumerate(text):
        if i in seen:
            continue
        assert ch.isspace() or cell_len(ch) == 0 or unicodedata.bidirectional(ch) == "WS", (i, ch)
        assert any(s[1] <= i for s in spans), f"undrawn offset {i} before the first drawn character"
        assert not any(s[0] <= i < s[1] for s in spans), f"undrawn offset {i} inside a line"
