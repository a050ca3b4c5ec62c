"""Where each row of the reader's parallel view sits: heights and tops of
every paragraph row, estimated for all of them and exact for the ones laid out.

Why a module of its own: the view needs, for every row, a height (estimated
from its length until the row is laid out) and a top (the sum of the heights
above it), for any article length up to the loader's limit. Built row by row
in Python, 200,000 rows cost 0.3-0.5 s of the event loop on each article
opened and again each time a laid-out row's height differed from its
estimate (all tops recomputed), and the reader was deaf to keys meanwhile.

Two stores behind one interface (:class:`Geometry`), chosen by
:func:`row_geometry` from the number of rows:

* :class:`RowArrays`, numpy arrays, from :data:`LONG_ROWS` rows: the estimate
  is one vectorised pass (~5 ms for 200,000 rows) and an exact height moves
  the tops below it by one array addition, so a key press costs the same at
  row 10 and at row 200,000;
* :class:`RowLists`, plain lists, below it: importing numpy costs ~0.15 s,
  which a reader that never opens a long article should not pay (the first
  paint comes before any heavy import), and at a few thousand rows the
  lists' whole passes take about a millisecond.

Both give the same figures (a property test checks it). Pure: no Textual.
The view supplies the lengths and the column widths, and asks for heights,
tops and the row at a given line.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

LONG_ROWS = 20_000
"""From this many rows the geometry is kept in numpy arrays (:class:`RowArrays`)."""

MISSING_TRANSLATION_CHARS = 24
"""Characters assumed for a row whose translation is not there yet (its placeholder)."""


class Geometry(Protocol):
    """Heights and tops of ``n`` rows; a row's height may be made exact later.

    ``top(i)`` is the first line of row ``i`` (``top(0) == 0``); ``total``
    the lines of all rows together.
    """

    def __len__(self) -> int: ...

    @property
    def total(self) -> int: ...

    def height(self, row: int) -> int: ...

    def top(self, row: int) -> int: ...

    def is_exact(self, row: int) -> bool:
        """Whether :meth:`set_exact` was called for ``row`` since its estimate."""
        ...

    def set_exact(self, row: int, height: int) -> bool:
        """Record ``row``'s laid-out height; the rows below move. True if it changed."""
        ...

    def forget_exact(self, row: int) -> None:
        """``row`` must be laid out again (its text changed); its height stays until then."""
        ...

    def row_at(self, y: int) -> int:
        """The row that line ``y`` falls in (first row above 0, last row past the
        end); ``-1`` when there are no rows."""
        ...


def prepare_for(rows: int) -> None:
    """Import numpy now if an article of ``rows`` paragraphs will need it.

    For the thread that reads articles: the view then lays out the first long
    article without paying numpy's import (~0.15 s) between a key and its frame."""
    if rows >= LONG_ROWS:
        import numpy  # noqa: F401


def lines_needed(chars: int, width: int) -> int:
    """Lines a text of ``chars`` characters is guessed to take at ``width`` cells.

    ``ceil(chars * 1.1 / width)``, at least one: wrapped lines rarely fill the
    width; too high an estimate only moves the scroll bar, too low a one
    makes rows jump when laid out."""
    return -(-chars * 11 // (10 * max(1, width))) or 1


def row_geometry(
    sides: Sequence[Sequence[int]], widths: Sequence[int], *, stacked: bool, arrays: bool | None = None
) -> Geometry:
    """The geometry of rows whose shown sides have ``sides[k][row]`` characters
    in a column ``widths[k]`` wide: each row's estimate is the taller side
    (or the sides one above the other when ``stacked``), plus one blank line.

    ``arrays`` chooses the store (tests); by default numpy from :data:`LONG_ROWS` rows.
    """
    if len(sides) != len(widths) or not sides:
        raise ValueError("one width per side, at least one side")
    count = len(sides[0])
    if any(len(side) != count for side in sides):
        raise ValueError(f"sides of {sorted({len(side) for side in sides})} rows")
    if arrays if arrays is not None else count >= LONG_ROWS:
        return RowArrays(_array_estimate(sides, widths, stacked))
    per_side = [[lines_needed(chars, width) for chars in side] for side, width in zip(sides, widths, strict=True)]
    if len(per_side) == 1:
        return RowLists([lines + 1 for lines in per_side[0]])
    combine = sum if stacked else max
    return RowLists([combine(lines) + 1 for lines in zip(*per_side, strict=True)])


def _array_estimate(sides: Sequence[Sequence[int]], widths: Sequence[int], stacked: bool) -> npt.NDArray[np.int64]:
    import numpy as np

    lines = [
        np.maximum(-(-(_as_array(side) * 11) // (10 * max(1, width))), 1)
        for side, width in zip(sides, widths, strict=True)
    ]
    combined = lines[0]
    for more in lines[1:]:
        combined = combined + more if stacked else np.maximum(combined, more)
    result: npt.NDArray[np.int64] = combined + 1
    return result


def _as_array(lengths: Sequence[int]) -> npt.NDArray[np.int64]:
    """``lengths`` as a numpy array: without a copy from an ``array("q")`` (what
    the view gives for a long article), else converted."""
    import numpy as np

    if isinstance(lengths, array) and lengths.typecode == "q":
        return np.frombuffer(lengths, dtype=np.int64)
    return np.asarray(lengths, dtype=np.int64)


class RowLists:
    """:class:`Geometry` in lists: the tops are made again (one ``accumulate``)
    when read after a height changed."""

    __slots__ = ("_exact", "_heights", "_tops")

    def __init__(self, heights: Sequence[int]) -> None:
        self._heights = list(heights)
        if any(height < 1 for height in self._heights):
            raise ValueError("every row is at least one line high")
        self._exact = [False] * len(self._heights)
        self._tops: list[int] | None = None

    def _all_tops(self) -> list[int]:
        if self._tops is None:
            self._tops = list(accumulate(self._heights, initial=0))
        return self._tops

    def __len__(self) -> int:
        return len(self._heights)

    @property
    def total(self) -> int:
        return self._all_tops()[-1]

    def height(self, row: int) -> int:
        return self._heights[row]

    def top(self, row: int) -> int:
        return self._all_tops()[row]

    def is_exact(self, row: int) -> bool:
        return self._exact[row]

    def set_exact(self, row: int, height: int) -> bool:
        if height < 1:
            raise ValueError("every row is at least one line high")
        self._exact[row] = True
        if height == self._heights[row]:
            return False
        self._heights[row] = height
        self._tops = None
        return True

    def forget_exact(self, row: int) -> None:
        self._exact[row] = False

    def row_at(self, y: int) -> int:
        if not self._heights:
            return -1
        found = bisect_right(self._all_tops(), y) - 1
        return min(max(found, 0), len(self._heights) - 1)


class RowArrays:
    """:class:`Geometry` in numpy arrays: an exact height moves the tops below
    it by one array addition."""

    __slots__ = ("_exact", "_heights", "_tops")

    def __init__(self, heights: Sequence[int] | npt.NDArray[np.int64]) -> None:
        import numpy as np

        self._heights = np.array(heights, dtype=np.int64)
        if self._heights.ndim != 1 or (self._heights < 1).any():
            raise ValueError("every row is at least one line high")
        self._tops = np.zeros(len(self._heights) + 1, dtype=np.int64)
        np.cumsum(self._heights, out=self._tops[1:])
        self._exact = np.zeros(len(self._heights), dtype=bool)

    def __len__(self) -> int:
        return len(self._heights)

    @property
    def total(self) -> int:
        return int(self._tops[-1])

    def height(self, row: int) -> int:
        return int(self._heights[row])

    def top(self, row: int) -> int:
        return int(self._tops[row])

    def is_exact(self, row: int) -> bool:
        return bool(self._exact[row])

    def set_exact(self, row: int, height: int) -> bool:
        if height < 1:
            raise ValueError("every row is at least one line high")
        self._exact[row] = True
        delta = height - int(self._heights[row])
        if not delta:
            return False
        self._heights[row] = height
        self._tops[row + 1 :] += delta
        return True

    def forget_exact(self, row: int) -> None:
        self._exact[row] = False

    def row_at(self, y: int) -> int:
        if not len(self._heights):
            return -1
        found = int(self._tops.searchsorted(y, side="right")) - 1
        return min(max(found, 0), len(self._heights) - 1)
