"""Where each row of the reader's parallel view sits: heights and tops of
every paragraph row, estimated for all of them and exact for the ones laid out.

Why a module of its own, on numpy arrays: the view needs, for every row, a
height (estimated from its length until the row is laid out) and a top (the
sum of the heights above it), for any article length up to the loader's
limit. Built row by row in Python, 200,000 rows cost 0.3-0.5 s of the event
loop on each article opened and again each time a laid-out row's height
differed from its estimate (all tops recomputed). Here the estimate is one
vectorised pass (~5 ms for 200,000 rows), and an exact height moves the
tops below it by one array addition, so a key press costs the same at row
10 and at row 200,000, in an article of 50 or of 200,000 paragraphs.

Pure: no Textual. The view supplies the lengths and the column widths, and
asks for heights, tops and the row at a given line.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

MISSING_TRANSLATION_CHARS = 24
"""Characters assumed for a row whose translation is not there yet (its placeholder)."""

Lengths = Sequence[int] | npt.NDArray[np.int64]


def estimated_heights(
    originals: Lengths, others: Lengths, left_width: int, right_width: int, *, stacked: bool
) -> npt.NDArray[np.int64]:
    """Rows needed by each paragraph: original beside translation (the taller
    side), or one above the other when ``stacked``; plus one blank line.

    Each side takes ``ceil(chars * 1.1 / width)`` lines, at least one
    (wrapped lines rarely fill the width; too high an estimate only moves the
    scroll bar, too low a one makes rows jump when laid out). The same
    figures as the view's row-by-row estimate, for every row at once."""
    left = _lines(np.asarray(originals, dtype=np.int64), left_width)
    right = _lines(np.asarray(others, dtype=np.int64), right_width)
    if left.shape != right.shape:
        raise ValueError(f"{left.shape[0]} originals but {right.shape[0]} other sides")
    return (left + right if stacked else np.maximum(left, right)) + 1


def _lines(chars: npt.NDArray[np.int64], width: int) -> npt.NDArray[np.int64]:
    scaled = 10 * max(1, width)
    return np.maximum(-(-(chars * 11) // scaled), 1)


def text_lengths(texts: Sequence[str]) -> npt.NDArray[np.int64]:
    """``len`` of each text, as an array (one pass in C)."""
    return np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))


def translation_lengths(count: int, translations: dict[int, str]) -> npt.NDArray[np.int64]:
    """Length of each row's translation by paragraph index, or
    :data:`MISSING_TRANSLATION_CHARS` where there is none yet."""
    lengths = np.full(count, MISSING_TRANSLATION_CHARS, dtype=np.int64)
    if translations:
        indices = np.fromiter(translations.keys(), dtype=np.int64, count=len(translations))
        sizes = np.fromiter(map(len, translations.values()), dtype=np.int64, count=len(translations))
        inside = (indices >= 0) & (indices < count)
        lengths[indices[inside]] = sizes[inside]
    return lengths


class RowGeometry:
    """Heights and tops of ``n`` rows; a row's height may be made exact later.

    ``tops[i]`` is the first line of row ``i`` (``tops[0] == 0``); ``total``
    the lines of all rows together.
    """

    __slots__ = ("_exact", "_heights", "_tops")

    def __init__(self, heights: Lengths) -> None:
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
        """Lines taken by all rows."""
        return int(self._tops[-1])

    def height(self, row: int) -> int:
        return int(self._heights[row])

    def top(self, row: int) -> int:
        return int(self._tops[row])

    def is_exact(self, row: int) -> bool:
        """Whether :meth:`set_exact` was called for ``row`` since its estimate."""
        return bool(self._exact[row])

    def set_exact(self, row: int, height: int) -> bool:
        """Record ``row``'s laid-out height; the rows below move. True if it changed."""
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
        """``row`` must be laid out again (its text changed); its height stays until then."""
        self._exact[row] = False

    def row_at(self, y: int) -> int:
        """The row that line ``y`` falls in (first row above 0, last row past the end);
        ``-1`` when there are no rows."""
        if not len(self._heights):
            return -1
        found = int(np.searchsorted(self._tops, y, side="right")) - 1
        return min(max(found, 0), len(self._heights) - 1)
