"""tui.row_geometry: the vectorised row heights and tops give what the view's
row-by-row Python gave, and stay right as rows are laid out exactly."""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.row_geometry import RowGeometry, estimated_heights, text_lengths, translation_lengths


def row_by_row(originals, others, lw, rw, stacked):
    """The estimate as tui/ui/parallel.py wrote it, one row at a time."""
    lw, rw = 10 * lw, 10 * rw
    if stacked:
        return [(-(-o * 11 // lw) or 1) + (-(-t * 11 // rw) or 1) + 1 for o, t in zip(originals, others, strict=True)]
    return [max(-(-o * 11 // lw) or 1, -(-t * 11 // rw) or 1) + 1 for o, t in zip(originals, others, strict=True)]


LENGTHS = st.lists(st.integers(0, 30_000), max_size=60)


@given(LENGTHS, st.data(), st.integers(1, 300), st.integers(1, 300), st.booleans())
@settings(max_examples=300, deadline=None)
def test_estimates_are_the_row_by_row_ones(originals, data, lw, rw, stacked):
    others = data.draw(st.lists(st.integers(0, 30_000), min_size=len(originals), max_size=len(originals)))
    got = estimated_heights(originals, others, lw, rw, stacked=stacked)
    assert got.tolist() == row_by_row(originals, others, lw, rw, stacked)


def test_lengths_of_texts_and_translations():
    assert text_lengths(["ab", "", "مرحبا"]).tolist() == [2, 0, 5]
    assert translation_lengths(4, {1: "xyz", 3: "", 9: "ignored"}).tolist() == [24, 3, 24, 0]
    assert translation_lengths(0, {}).tolist() == []
    with pytest.raises(ValueError):
        estimated_heights([1, 2], [1], 10, 10, stacked=False)


@given(
    st.lists(st.integers(1, 40), min_size=1, max_size=50), st.lists(st.tuples(st.integers(0, 49), st.integers(1, 40)))
)
@settings(max_examples=300, deadline=None)
def test_tops_follow_exact_heights(heights, changes):
    geometry = RowGeometry(heights)
    naive = list(heights)
    for row, height in changes:
        row %= len(naive)
        changed = geometry.set_exact(row, height)
        assert changed == (naive[row] != height)
        naive[row] = height
        assert geometry.is_exact(row)
    tops = [sum(naive[:i]) for i in range(len(naive))]
    assert [geometry.top(i) for i in range(len(naive))] == tops
    assert [geometry.height(i) for i in range(len(naive))] == naive
    assert geometry.total == sum(naive) and len(geometry) == len(naive)
    for y in range(-2, sum(naive) + 3):
        expected = min(max(bisect_right(tops, y) - 1, 0), len(naive) - 1)
        assert geometry.row_at(y) == expected


def test_edges():
    empty = RowGeometry([])
    assert len(empty) == 0 and empty.total == 0 and empty.row_at(5) == -1
    with pytest.raises(ValueError):
        RowGeometry([2, 0])
    geometry = RowGeometry([2, 2])
    with pytest.raises(ValueError):
        geometry.set_exact(0, 0)
    geometry.set_exact(1, 5)
    geometry.forget_exact(1)
    assert not geometry.is_exact(1) and geometry.height(1) == 5


def test_a_row_laid_out_deep_in_a_long_article_moves_only_what_is_below():
    rows = 200_000
    geometry = RowGeometry(estimated_heights(np.full(rows, 40), np.full(rows, 24), 38, 38, stacked=False))
    assert geometry.total == 3 * rows  # two lines a side, one blank
    geometry.set_exact(150_000, 7)
    assert geometry.top(150_000) == 450_000 and geometry.top(150_001) == 450_007
    assert geometry.row_at(450_006) == 150_000 and geometry.row_at(450_007) == 150_001
    assert geometry.total == 3 * rows + 4
