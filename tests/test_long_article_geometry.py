"""tui.row_geometry: the row heights and tops give what the view's row-by-row
Python gave, the same in lists and in numpy arrays, and stay right as rows
are laid out exactly."""

from __future__ import annotations

import subprocess
import sys
from array import array
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.row_geometry import LONG_ROWS, RowArrays, RowLists, row_geometry


def row_by_row(originals, others, lw, rw, stacked):
    """The estimate as tui/ui/parallel.py wrote it, one row at a time."""
    lw, rw = 10 * lw, 10 * rw
    if stacked:
        return [(-(-o * 11 // lw) or 1) + (-(-t * 11 // rw) or 1) + 1 for o, t in zip(originals, others, strict=True)]
    return [max(-(-o * 11 // lw) or 1, -(-t * 11 // rw) or 1) + 1 for o, t in zip(originals, others, strict=True)]


def heights(geometry):
    return [geometry.height(i) for i in range(len(geometry))]


LENGTHS = st.lists(st.integers(0, 30_000), max_size=60)


@given(LENGTHS, st.data(), st.integers(1, 300), st.integers(1, 300), st.booleans(), st.booleans())
@settings(max_examples=300, deadline=None)
def test_estimates_are_the_row_by_row_ones_in_lists_and_arrays(originals, data, lw, rw, stacked, arrays):
    others = data.draw(st.lists(st.integers(0, 30_000), min_size=len(originals), max_size=len(originals)))
    got = row_geometry([originals, others], [lw, rw], stacked=stacked, arrays=arrays)
    assert heights(got) == row_by_row(originals, others, lw, rw, stacked)
    as_arrays = [array("q", originals), array("q", others)]  # what the view gives: read by numpy without a copy
    assert heights(row_geometry(as_arrays, [lw, rw], stacked=stacked, arrays=arrays)) == heights(got)
    one_side = row_geometry([originals], [lw], stacked=True, arrays=arrays)
    assert heights(one_side) == [(-(-o * 11 // (10 * lw)) or 1) + 1 for o in originals]


def test_the_store_follows_the_length_and_bad_input_is_refused():
    assert isinstance(row_geometry([[1] * 10], [10], stacked=True), RowLists)
    assert isinstance(row_geometry([[1] * LONG_ROWS], [10], stacked=True), RowArrays)
    with pytest.raises(ValueError):
        row_geometry([[1, 2], [1]], [10, 10], stacked=False)
    with pytest.raises(ValueError):
        row_geometry([[1]], [10, 10], stacked=False)


def test_a_short_article_does_not_import_numpy():
    """numpy costs ~0.15 s to import: the reader's first paint must not pay it."""
    code = (
        "import sys; from tui.row_geometry import LONG_ROWS, prepare_for, row_geometry;"
        "g = row_geometry([[5] * 500, [24] * 500], [30, 30], stacked=False); g.set_exact(3, 9);"
        "assert g.row_at(40) >= 0 and g.total > 0; prepare_for(500); print('numpy' in sys.modules);"
        "prepare_for(LONG_ROWS); print('numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"], "numpy only once a long article is read"


@given(
    st.lists(st.integers(1, 40), min_size=1, max_size=50),
    st.lists(st.tuples(st.integers(0, 49), st.integers(1, 40))),
    st.sampled_from([RowLists, RowArrays]),
)
@settings(max_examples=300, deadline=None)
def test_tops_follow_exact_heights(start, changes, store):
    geometry = store(start)
    naive = list(start)
    for row, height in changes:
        row %= len(naive)
        changed = geometry.set_exact(row, height)
        assert changed == (naive[row] != height)
        naive[row] = height
        assert geometry.is_exact(row)
    tops = [sum(naive[:i]) for i in range(len(naive))]
    assert [geometry.top(i) for i in range(len(naive))] == tops
    assert heights(geometry) == naive
    assert geometry.total == sum(naive) and len(geometry) == len(naive)
    for y in range(-2, sum(naive) + 3):
        expected = min(max(bisect_right(tops, y) - 1, 0), len(naive) - 1)
        assert geometry.row_at(y) == expected


@pytest.mark.parametrize("store", [RowLists, RowArrays])
def test_edges(store):
    empty = store([])
    assert len(empty) == 0 and empty.total == 0 and empty.row_at(5) == -1
    with pytest.raises(ValueError):
        store([2, 0])
    geometry = store([2, 2])
    with pytest.raises(ValueError):
        geometry.set_exact(0, 0)
    geometry.set_exact(1, 5)
    geometry.forget_exact(1)
    assert not geometry.is_exact(1) and geometry.height(1) == 5


def test_a_row_laid_out_deep_in_a_long_article_moves_only_what_is_below():
    rows = 200_000
    geometry = row_geometry([[40] * rows, [24] * rows], [38, 38], stacked=False)
    assert isinstance(geometry, RowArrays)
    assert geometry.total == 3 * rows  # two lines a side, one blank
    geometry.set_exact(150_000, 7)
    assert geometry.top(150_000) == 450_000 and geometry.top(150_001) == 450_007
    assert geometry.row_at(450_006) == 150_000 and geometry.row_at(450_007) == 150_001
    assert geometry.total == 3 * rows + 4
