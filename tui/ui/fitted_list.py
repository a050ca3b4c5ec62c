"""An option list whose entries are laid out for its width.

``OptionList`` wraps a long entry at word boundaries. When tandem has already
put a right-to-left line into visual order, wrapping it again swaps its halves.
So entries are built for the list's real width by a ``describe(item, cells)``
function, cut rather than wrapped, and built again whenever the width changes.
The claims panel, the annotations list and the search across articles all use
this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ui.display import entry_cells

T = TypeVar("T")


class FittedList(OptionList, Generic[T]):
    """Items shown one entry each, as ``describe(item, cells)`` lays them out."""

    def __init__(
        self,
        describe: Callable[[T, int], Text],
        *,
        empty: str = "",
        fallback: int = 100,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._describe = describe
        self._empty = empty
        self._fallback = fallback
        self._items: list[T] = []
        self._note: str | None = None
        self._laid_out_for = 0

    @property
    def items(self) -> Sequence[T]:
        return self._items

    def item(self, option: Option) -> T | None:
        """The item behind an entry (``None`` for the "empty" line)."""
        return self._items[int(option.id)] if option.id is not None else None

    def cells(self) -> int:
        """Cells an entry line may use (see :func:`tui.ui.display.entry_cells`)."""
        return entry_cells(self, self._fallback)

    def set_items(self, items: Iterable[T], *, keep_highlight: bool = False, note: str | None = None) -> None:
        """Show ``items``; ``note`` (if any) is a line above them that cannot be chosen."""
        highlighted = self.highlighted
        self._items = list(items)
        self._note = note
        self._laid_out_for = self.cells()
        self.clear_options()
        if note:
            self.add_option(Option(Text(note, style="italic"), disabled=True))
        if not self._items and self._empty:
            self.add_option(Option(Text(self._empty, style="dim"), disabled=True))
            return
        self.add_options(self._option(n, item) for n, item in enumerate(self._items))
        first = 1 if note else 0
        if keep_highlight and highlighted is not None and first <= highlighted < len(self._items) + first:
            self.highlighted = highlighted
        elif self._items:
            self.highlighted = first

    def add_items(self, items: Iterable[T]) -> None:
        """More items at the end (results arriving in batches)."""
        start = len(self._items)
        new = list(items)
        self._items.extend(new)
        if not self._laid_out_for:
            self._laid_out_for = self.cells()
        self.add_options(self._option(start + n, item) for n, item in enumerate(new))
        if start == 0 and new:
            self.highlighted = 0

    def refit(self) -> None:
        """Build every entry again (the width or what an entry shows changed)."""
        self.set_items(self._items, keep_highlight=True, note=self._note)

    def _option(self, index: int, item: T) -> Option:
        return Option(self._describe(item, self._laid_out_for), id=str(index))

    def on_resize(self) -> None:
        """Lay entries out for the new width; with none yet, remember it for
        those to come (a list emptied before it had a size kept the fallback
        width, and :meth:`add_items` laid results out for that)."""
        if self.cells() == self._laid_out_for:
            return
        if self._items:
            self.refit()
        else:
            self._laid_out_for = self.cells()
