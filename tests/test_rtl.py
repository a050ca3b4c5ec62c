"""Right-to-left layout (tui.rtl) on the seeds and on hand-made cases.

Expected visual strings are built independently of tui.rtl wherever possible:
python-bidi's Rust engine (``get_display``) for the order, arabic-reshaper's own
letter tables for the shapes.
"""

from __future__ import annotations

import unicodedata

import pytest
from arabic_reshaper.letters import FINAL, INITIAL, LETTERS_ARABIC
from bidi import get_display
from bidi.algorithm import get_display as python_get_display
from rich.cells import cell_len
from rtl_oracle import (
    FORBIDDEN,
    LAM_ALEF,
    RESHAPER,
    RTL_SEED_PARAGRAPHS,
    check_invariants,
    drop_zero_width,
    logical,
    oracle_input,
    paragraphs,
    unmirror,
    visual,
)

from tui.direction import base_direction
from tui.rtl import Cluster, DisplayLine, layout, styled_ranges

# --------------------------------------------------------------------------
# Seeds


@pytest.mark.parametrize("width", [1, 2, 7, 23, 40, 60, 80])
def test_seed_paragraphs_keep_every_invariant(width: int) -> None:
    for text in RTL_SEED_PARAGRAPHS:
        lines = layout(text, width)
        check_invariants(text, width, lines)
        for line in lines:
            assert not FORBIDDEN & set(visual(line)), visual(line)
            if base_direction(text) == "rtl":
                assert line.pad_right == 0, "RTL lines are right-aligned"
            else:
                assert line.pad_left == 0


@pytest.mark.parametrize("width", [20, 37, 60, 80])
def test_each_seed_line_matches_python_bidi(width: int) -> None:
    """Every line equals python-bidi's get_display of the shaped logical line
    (zero-width marks aside; modulo mirroring, which python-bidi's Rust engine
    does not do)."""
    compared = 0
    for text in RTL_SEED_PARAGRAPHS:
        for line in layout(text, width, direction="rtl"):
            expected = get_display(oracle_input(line, text), base_dir="R")
            assert unmirror(drop_zero_width(visual(line))) == unmirror(drop_zero_width(expected))
            compared += 1
    assert compared > 100


def test_whole_paragraph_on_one_line_matches_python_bidi() -> None:
    for text in RTL_SEED_PARAGRAPHS:
        (line,) = layout(text, 10_000, direction="rtl")
        expected = get_display(oracle_input(line, text), base_dir="R")
        assert unmirror(drop_zero_width(visual(line))) == unmirror(drop_zero_width(expected))


@pytest.mark.parametrize("width", [9, 30, 60])
def test_first_logical_cluster_sits_at_the_right_edge(width: int) -> None:
    """...or inside the left-to-right island that sits there."""
    for text in RTL_SEED_PARAGRAPHS:
        for line in layout(text, width, direction="rtl"):
            clusters = line.clusters
            first = min(range(len(clusters)), key=lambda k: clusters[k].start)
            island = clusters[first:]
            starts = [c.start for c in island]
            assert starts == sorted(starts), (visual(line), first)
            if len(island) > 1:
                ltr_ish = ("L", "EN", "AN", "CS", "ES", "ET")
                assert all(c.text[0].isascii() or unicodedata.bidirectional(c.text[0]) in ltr_ish for c in island), (
                    visual(line)
                )


def test_names_and_numbers_stay_intact_in_seed_000() -> None:
    text = RTL_SEED_PARAGRAPHS[2]  # “في أعقاب قمة كيم-بوتين… 5 أكتوبر 2023… Beyond Parallel
    shown = [visual(line) for line in layout(text, 60)]
    assert any("Beyond Parallel" in s for s in shown)
    assert any("2023" in s for s in shown)


def test_persian_digits_and_covid_stay_intact() -> None:
    persian = next(p for p in paragraphs("001") if "۱۵۲" in p)
    assert any("۱۵۲" in visual(line) for line in layout(persian, 50))
    arabic = next(p for p in paragraphs("004") if "COVID-19" in p)
    assert any("COVID-19" in visual(line) for line in layout(arabic, 50))


def test_date_reads_as_in_print() -> None:
    (line,) = layout("5 أكتوبر 2023", 20)
    word = RESHAPER.reshape("أكتوبر")[::-1]
    assert visual(line) == f"2023 {word} 5"
    assert line.pad_left == 20 - cell_len(visual(line)) and line.pad_right == 0


def test_short_latin_line_inside_arabic_paragraph_stays_right_aligned() -> None:
    """Levels come from the whole paragraph: an all-Latin display line of an
    Arabic paragraph is still right-aligned, and reads left to right."""
    text = "قال مركز Beyond Parallel Research Group في تقرير"
    lines = layout(text, 18, direction="rtl")

    def rev(word: str) -> str:
        return RESHAPER.reshape(word)[::-1]

    assert [visual(line) for line in lines] == [
        f"Beyond {rev('مركز')} {rev('قال')}",
        "Parallel Research",
        f"{rev('تقرير')} {rev('في')} Group",
    ]
    assert [line.pad_left for line in lines] == [18 - cell_len(visual(line)) for line in lines]
    assert all(line.pad_right == 0 for line in lines)


# --------------------------------------------------------------------------
# Highlights


def highlighted(lines: list[DisplayLine], start: int, end: int) -> list[str]:
    out = []
    for line in lines:
        runs = styled_ranges(line, [(start, end, "hit")])
        assert sum(cell_len(text) for text, _ in runs) == line.pad_left + line.pad_right + sum(
            cell_len(c.text) for c in line.clusters
        )
        out.extend(text for text, styles in runs if styles == ("hit",))
    return out


def test_styled_ranges_highlight_exactly_the_span_in_seed_000() -> None:
    text = next(p for p in paragraphs("000") if "73 عربة" in p)
    lines = layout(text, 60)
    i = text.index("73")
    assert highlighted(lines, i, i + 2) == ["73"]
    i = text.index("عربة")
    assert highlighted(lines, i, i + 4) == [RESHAPER.reshape("عربة")[::-1]]

    text = RTL_SEED_PARAGRAPHS[1]
    lines = layout(text, 70)
    i = text.index("Beyond Parallel")
    assert highlighted(lines, i, i + len("Beyond Parallel")) == ["Beyond Parallel"]


def test_styled_ranges_pads_merges_and_keeps_span_order() -> None:
    (line,) = layout("abc def", 10)
    runs = styled_ranges(line, [(0, 3, "a"), (2, 5, "b")])
    assert runs == [("ab", ("a",)), ("c", ("a", "b")), (" d", ("b",)), ("ef   ", ())]
    assert styled_ranges(line, []) == [("abc def   ", ())]
    (rtl,) = layout("نص", 5)
    assert styled_ranges(rtl, [(0, 1, "x")]) == [("   " + visual(rtl)[0], ()), (visual(rtl)[1], ("x",))]


def test_highlight_follows_a_span_across_a_line_break() -> None:
    text = "كتب Beyond Parallel في تقرير"
    lines = layout(text, 12)
    i = text.index("Beyond")
    parts = highlighted(lines, i, i + len("Beyond Parallel"))
    assert parts == ["Beyond", "Parallel"]


# --------------------------------------------------------------------------
# Shaping


def test_zwnj_gives_final_and_initial_forms_and_is_not_drawn() -> None:
    text = "می\u200cشود"
    (line,) = layout(text, 10)
    by_start = {c.start: c for c in line.clusters}
    assert by_start[1].text == LETTERS_ARABIC["ی"][FINAL]
    assert by_start[3].text == LETTERS_ARABIC["ش"][INITIAL]
    assert by_start[1].end == 3, "the ZWNJ folds into the cluster before it"
    assert "\u200c" not in visual(line)
    assert sorted(i for c in line.clusters for i in range(c.start, c.end)) == list(range(len(text)))


def test_without_zwnj_the_letters_join() -> None:
    (line,) = layout("میشود", 10)
    by_start = {c.start: c for c in line.clusters}
    assert by_start[1].text != LETTERS_ARABIC["ی"][FINAL]


def test_lam_alef_is_one_cell_for_two_letters() -> None:
    text = "السلام عليكم"
    (line,) = layout(text, 20)
    (lig,) = [c for c in line.clusters if c.text in LAM_ALEF]
    assert (lig.start, lig.end) == (text.index("لا"), text.index("لا") + 2)
    assert cell_len(lig.text) == 1
    i = text.index("لا")
    assert highlighted([line], i, i + 1) == [lig.text], "half a ligature lights the whole cell"


def test_allah_ligature_is_never_emitted() -> None:
    for text in ("الله أكبر", "\ufdf2", "\ufdfd", "قال: \ufdf2 و\ufdfd"):
        for width in (1, 3, 40):
            lines = layout(text, width)
            check_invariants(text, width, lines)
            for line in lines:
                assert not FORBIDDEN & set(visual(line))
    (line,) = layout("الله", 10)
    assert len(line.clusters) == 4


def test_harakat_fold_into_their_letter() -> None:
    text = "اعتبارًا"
    (line,) = layout(text, 20)
    mark = text.index("\u064b")
    (c,) = [c for c in line.clusters if c.start <= mark < c.end]
    assert c.text.endswith("\u064b") and cell_len(c.text) == 1
    assert c.end - c.start == 2


def test_brackets_and_guillemets_are_mirrored_in_rtl_runs() -> None:
    (line,) = layout("«كلمة»", 10)
    assert visual(line) == "«" + RESHAPER.reshape("كلمة")[::-1] + "»"
    text = "قال (نص) و[آخر]"
    (line,) = layout(text, 30)
    expected = python_get_display(RESHAPER.reshape(text), base_dir="R")  # this engine mirrors
    assert visual(line) == expected
    assert visual(line).index("(") < visual(line).index(")")
    # An LTR island inside brackets in an RTL paragraph, and brackets in LTR text.
    (line,) = layout("قال (Beyond Parallel) اليوم", 40)
    assert "(Beyond Parallel)" in visual(line)
    (line,) = layout("a (b) c", 10)
    assert visual(line) == "a (b) c"


# --------------------------------------------------------------------------
# Modes, directions, edge cases


def test_terminal_mode_keeps_logical_order_and_right_aligns() -> None:
    text = "به گزارش می\u200cشود (۱۵۲ میلیمتری) «کلمه» \u200fالله"
    lines = layout(text, 16, mode="terminal")
    check_invariants(text, 16, lines)
    for line in lines:
        assert line.pad_right == 0
        starts = [c.start for c in line.clusters]
        assert starts == sorted(starts)
        assert logical(line) == visual(line)
        assert "\u200f" not in visual(line)
    joined = "".join(visual(line) for line in lines)
    assert "می\u200cشود" in joined, "a shaping terminal needs the ZWNJ"
    assert "(۱۵۲" in joined and "«کلمه»" in joined


def test_direction_defaults_and_overrides() -> None:
    (line,) = layout("hello", 8)
    assert (line.pad_left, line.pad_right) == (0, 3)
    (line,) = layout("مرحبا", 8)
    assert (line.pad_left, line.pad_right) == (3, 0)
    (line,) = layout("hello", 8, direction="rtl")
    assert (line.pad_left, visual(line)) == (3, "hello")


def test_empty_text_is_one_blank_line() -> None:
    assert layout("", 5) == [DisplayLine((), 0, 5)]
    assert layout("", 5, direction="rtl") == [DisplayLine((), 5, 0)]


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        layout("x", 0)
    with pytest.raises(ValueError):
        layout("x", 5, mode="other")  # type: ignore[arg-type]


def test_wide_character_at_width_one_is_replaced() -> None:
    lines = layout("中文", 1)
    assert [visual(line) for line in lines] == ["…", "…"]
    assert [(c.start, c.end) for line in lines for c in line.clusters] == [(0, 1), (1, 2)]
    assert [visual(line) for line in layout("中文", 2)] == ["中", "文"]


def test_overlong_word_breaks_hard_and_break_space_is_not_drawn() -> None:
    lines = layout("abcdefgh ij", 3)
    assert [visual(line) for line in lines] == ["abc", "def", "gh", "ij"]
    drawn = {i for line in lines for c in line.clusters for i in range(c.start, c.end)}
    assert set(range(11)) - drawn == {8}


def test_orphan_mark_and_zero_width_only_text() -> None:
    (line,) = layout("\u064bب", 5)
    assert line.clusters[-1] == Cluster("\u25cc\u064b", 0, 1), "drawn on a dotted circle, first from the right"
    check_invariants("\u064bب", 5, [line])
    (line,) = layout("\u200c\u200f", 3)
    assert line.clusters == (Cluster(" ", 0, 2),)


def test_control_and_bidi_override_characters_are_never_emitted() -> None:
    text = "a\u202eb\x1b[31mc\u2067د\ud800"
    lines = layout(text, 40)
    check_invariants(text, 40, lines)
    shown = "".join(visual(line) for line in lines)
    assert not FORBIDDEN & set(shown)
    assert all(unicodedata.category(ch) not in ("Cc", "Cs") for ch in shown)
