"""Property tests for tui.rtl: invariants on open-ended text, and the bidi
levels checked against python-bidi's Rust engine (the unicode-bidi crate)."""

from __future__ import annotations

import re
import unicodedata

from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st
from rtl_oracle import FORBIDDEN, check_invariants, drop_zero_width, oracle_input, unmirror, visual

from tui.direction import base_direction
from tui.rtl import layout, resolve_levels

ARABIC = list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةىئؤ") + ["\u0644\u0627", "\u0644\u0623"]
PERSIAN = list("پچژگکیۀ")
LATIN = list("abcXYZ")
DIGITS = list("0123456789") + list("۰۱۲۳۴۵") + list("٠١٢٣")
MARKS = ["\u064b", "\u064e", "\u0651", "\u0652", "\u0670", "\u0301"]
ZERO_WIDTH = ["\u200c", "\u200d", "\u200e", "\u200f", "\u061c"]
PUNCT = list(" ,.:;-+/%$#!?\"'()[]{}<>«»،؛؟") + ["  ", "\u00a0", "\u2329", "\u232a"]
WIDE = ["中", "文", "😀"]

MIX = st.lists(
    st.sampled_from(ARABIC + PERSIAN + LATIN + DIGITS + MARKS + ZERO_WIDTH + PUNCT + WIDE),
    max_size=80,
).map("".join)
# For the oracles: no zero-width strong marks (LRM/RLM/ALM steer resolution but
# are not drawn, so a drawn-text oracle cannot see them) and no boundary neutrals.
ORACLE_MIX = st.lists(
    st.sampled_from(ARABIC + PERSIAN + LATIN + DIGITS + MARKS + PUNCT),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MIX, st.integers(1, 100), st.sampled_from([None, "ltr", "rtl"]), st.sampled_from(["app", "terminal"]))
def test_mixed_text_keeps_invariants(text, width, direction, mode) -> None:
    lines = layout(text, width, direction=direction, mode=mode)
    check_invariants(text, width, lines)
    rtl = (direction or base_direction(text)) == "rtl"
    for line in lines:
        if mode == "app":
            assert not FORBIDDEN & set(visual(line))
            if rtl and line.clusters:
                # The first logical cluster is at the right edge, or inside the
                # left-to-right island there.
                first = min(range(len(line.clusters)), key=lambda k: line.clusters[k].start)
                starts = [c.start for c in line.clusters[first:]]
                assert starts == sorted(starts)
        else:
            assert [c.start for c in line.clusters] == sorted(c.start for c in line.clusters)
            assert not set("\u200e\u200f\u061c") & set(visual(line))


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=60),
    st.integers(1, 100),
    st.sampled_from([None, "ltr", "rtl"]),
    st.sampled_from(["app", "terminal"]),
)
def test_arbitrary_unicode_never_breaks_layout(text, width, direction, mode) -> None:
    lines = layout(text, width, direction=direction, mode=mode)
    check_invariants(text, width, lines)
    for line in lines:
        shown = visual(line)
        shown.encode("utf-8")  # no lone surrogates
        assert all(unicodedata.category(ch) != "Cc" for ch in shown)
        assert not set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") & set(shown)


@settings(max_examples=300, deadline=None)
@given(ORACLE_MIX, st.sampled_from(["ltr", "rtl"]))
def test_one_line_matches_python_bidi(text, direction) -> None:
    """With the whole paragraph on one line, per-line and per-paragraph
    resolution coincide, so python-bidi's get_display is an exact oracle."""
    width = max(1, 2 * len(text) + 2)
    (line,) = layout(text, width, direction=direction)
    expected = get_display(oracle_input(line, text), base_dir="L" if direction == "ltr" else "R")
    assert unmirror(drop_zero_width(visual(line))) == unmirror(drop_zero_width(expected))


def rust_levels(text: str, base_dir: str) -> list[int]:
    """Levels per character from python-bidi's Rust engine.

    Its ``debug=True`` returns the ``Debug`` dump of unicode-bidi's BidiInfo
    (levels per UTF-8 byte): fine for a test oracle with the version pinned.
    """
    dump = get_display(text, base_dir=base_dir, debug=True)
    section = dump[dump.rfind("levels: [") :]
    section = section[: section.index("paragraphs")]
    per_byte = [int(x) for x in re.findall(r"Level\(\s*(\d+),?\s*\)", section)]
    assert len(per_byte) == len(text.encode("utf-8")), dump
    out, b = [], 0
    for ch in text:
        out.append(per_byte[b])
        b += len(ch.encode("utf-8"))
    return out


@settings(max_examples=400, deadline=None)
@given(MIX, st.integers(0, 1))
def test_levels_match_unicode_bidi(text, base) -> None:
    ours = resolve_levels(text, base)
    theirs = rust_levels(text, "LR"[base])
    # Boundary neutrals (ZWJ, ZWNJ) get no level of their own in UAX #9 (X9).
    keep = [i for i, ch in enumerate(text) if unicodedata.bidirectional(ch) != "BN"]
    assert [ours[i] for i in keep] == [theirs[i] for i in keep]


def test_levels_on_known_cases() -> None:
    assert resolve_levels("abc", 0) == [0, 0, 0]
    assert resolve_levels("ابت 2023", 1) == [1, 1, 1, 1, 2, 2, 2, 2]
    assert resolve_levels("x (ب) y", 0) == [0, 0, 0, 1, 0, 0, 0]
    assert resolve_levels("ب (a) ج", 1) == [1, 1, 1, 2, 1, 1, 1]
