"""Lists whose entries are laid out for their width.

``OptionList`` wraps a long entry at word boundaries. When tandem has already
put a right-to-left line into visual order, wrapping it again swaps its halves.
So entries are built for the list's real width by a ``describe(item, cells)``
function, cut rather than wrapped, and built again whenever the width changes.
:class:`FittedList` (an ``OptionList``: entries of any height) serves the
claims panel and the annotations list; :class:`LineList` (the Line API:
entries of one height, laid out only when drawn) the search across articles,
whose thousands of results an ``OptionList`` took seconds to take in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ui.display import entry_cells, fitted_strip

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


MOVE_BINDINGS = (
    Binding("down", "cursor(1)", "Down", show=False),
    Binding("up", "cursor(-1)", "Up", show=False),
    Binding("pagedown", "page(1)", "Page down", show=False),
    Binding("pageup", "page(-1)", "Page up", show=False),
    Binding("home", "edge(0)", "First", show=False),
    Binding("end", "edge(-1)", "Last", show=False),
)
"""The moves of a list drawn line by line (this one and the article list):
each defines ``action_cursor``, ``action_page`` and ``action_edge``."""


class LineList(ScrollView, Generic[T], can_focus=True):
    """Items shown ``lines`` lines each, as ``describe(item, cells)`` lays them
    out, drawn line by line (Textual's Line API); keys and look of an ``OptionList``.

    Why not a :class:`FittedList`: an ``OptionList`` measures and renders every
    option as it is added, 1–3 ms an entry on the event loop, so ``F``'s 2,000
    results held the keys for seconds. Here every entry has the same height
    (``describe``'s lines are cut or padded to ``lines``), so the list's
    geometry is known without laying anything out, and an entry is laid out
    when it is drawn (kept until the width or the items change), as in the
    article list (:class:`~tui.ui.article_list.ArticleList`). Entries are cut
    to the width, never wrapped (see :func:`tui.ui.display.entry_cells`).
    """

    BINDINGS = [*MOVE_BINDINGS, Binding("enter", "select", "Select", show=False)]

    COMPONENT_CLASSES = {"line-list--option-highlighted", "line-list--option-disabled", "line-list--option-hover"}

    # An OptionList's look (textual/widgets/_option_list.py), for the same components.
    DEFAULT_CSS = """
    LineList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .line-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .line-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .line-list--option-disabled {
            color: $text-disabled;
        }
        & > .line-list--option-hover {
            background: $block-hover-background;
        }
    }
    """

    class Selected(Message):
        """Enter (or a click) on item ``index``."""

        def __init__(self, line_list: LineList, index: int) -> None:
            super().__init__()
            self.line_list = line_list
            self.index = index

        @property
        def control(self) -> LineList:
            return self.line_list

    def __init__(
        self,
        describe: Callable[[T, int], Text],
        *,
        lines: int,
        fallback: int = 100,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._describe = describe
        self._lines_each = max(1, lines)
        self._fallback = fallback
        self._items: list[T] = []
        self._note: str | None = None
        self._cursor: int | None = None
        self._hover: int | None = None
        """The item under the mouse."""
        self._strips: dict[int, list[Strip]] = {}
        """Item index -> its entry's lines, for :attr:`_laid_out_for` (cursor not applied)."""
        self._laid_out_for = (0, 0)
        """The entry cells and the line width the strips were made for."""

    # -- what is listed ----------------------------------------------------------------

    @property
    def items(self) -> Sequence[T]:
        return self._items

    @property
    def highlighted(self) -> int | None:
        """The highlighted item's index (``None`` when there is none)."""
        return self._cursor

    def cells(self) -> int:
        """Cells an entry line may use (see :func:`tui.ui.display.entry_cells`)."""
        return entry_cells(self, self._fallback)

    def entry(self, index: int) -> Text:
        """Item ``index`` as ``describe`` lays it out for the list's width now."""
        return self._describe(self._items[index], self.cells())

    def set_items(self, items: Iterable[T], *, keep_highlight: bool = False, note: str | None = None) -> None:
        """Show ``items``; ``note`` (if any) is a line above them that cannot be chosen."""
        highlighted = self._cursor
        self._items = list(items)
        self._note = note
        self._hover = None
        self._strips.clear()
        if keep_highlight and highlighted is not None and highlighted < len(self._items):
            self._cursor = highlighted
        else:
            self._cursor = 0 if self._items else None
            self.scroll_to(y=0, animate=False, immediate=True)
        self._resize_virtual()
        self._scroll_into_view()
        self.refresh()

    def add_items(self, items: Iterable[T]) -> None:
        """More items at the end (results arriving in batches): nothing is laid out here."""
        start = len(self._items)
        self._items.extend(items)
        if start == 0 and self._items:
            self._cursor = 0
        self._resize_virtual()
        self.refresh()

    # -- keys and mouse -------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self._items:
            current = self._cursor if self._cursor is not None else (-1 if step > 0 else len(self._items))
            self._move_to(max(0, min(len(self._items) - 1, current + step)))

    def action_page(self, step: int) -> None:
        if self._items:
            entries = max(1, self.scrollable_content_region.height // self._lines_each)
            self._move_to(max(0, min(len(self._items) - 1, (self._cursor or 0) + step * entries)))

    def action_edge(self, edge: int) -> None:
        if self._items:
            self._move_to(0 if edge == 0 else len(self._items) - 1)

    def action_select(self) -> None:
        if self._cursor is not None:
            self.post_message(self.Selected(self, self._cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self._index_at(offset.y + self.scroll_offset.y)
        if index is not None:
            self._move_to(index)
            self.post_message(self.Selected(self, index))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        hover = None if offset is None else self._index_at(offset.y + self.scroll_offset.y)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    # -- rendering --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        virtual_y = y + self.scroll_offset.y
        disabled = self.get_component_rich_style("line-list--option-disabled")
        if self._note is not None:
            if virtual_y == 0:
                return self._line(Text(self._note, style="italic"), width).apply_style(disabled).apply_style(base)
            virtual_y -= 1
        if not self._items:
            return Strip.blank(width, base)
        index, offset = divmod(virtual_y, self._lines_each)
        if index >= len(self._items):
            return Strip.blank(width, base)
        strip = self._entry(index, width)[offset]
        if index == self._cursor:
            strip = strip.apply_style(self.get_component_rich_style("line-list--option-highlighted"))
        elif index == self._hover:
            strip = strip.apply_style(self.get_component_rich_style("line-list--option-hover"))
        return strip.apply_style(base)

    def _entry(self, index: int, width: int) -> list[Strip]:
        cells = self.cells()
        if (cells, width) != self._laid_out_for:
            self._laid_out_for = (cells, width)
            self._strips.clear()
        found = self._strips.get(index)
        if found is None:
            lines = self._describe(self._items[index], cells).split("\n")[: self._lines_each]
            lines += [Text()] * (self._lines_each - len(lines))
            found = self._strips[index] = [self._line(line, width) for line in lines]
        return found

    def _line(self, text: Text, width: int) -> Strip:
        return fitted_strip(text, width, self.app.console)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- geometry ---------------------------------------------------------------------------

    def _top_lines(self) -> int:
        """Lines above the first item (the note)."""
        return 1 if self._note is not None else 0

    def _index_at(self, virtual_y: int) -> int | None:
        index = (virtual_y - self._top_lines()) // self._lines_each
        return index if virtual_y >= self._top_lines() and index < len(self._items) else None

    def _resize_virtual(self) -> None:
        height = self._top_lines() + len(self._items) * self._lines_each
        self.virtual_size = Size(self.scrollable_content_region.width, height)

    def _move_to(self, index: int) -> None:
        self._cursor = index
        self._scroll_into_view()
        self.refresh()

    def _scroll_into_view(self) -> None:
        if self._cursor is None:
            return
        top = self._top_lines() + self._cursor * self._lines_each if self._cursor else 0
        bottom = self._top_lines() + (self._cursor + 1) * self._lines_each
        view = max(1, self.scrollable_content_region.height)
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > self.scroll_offset.y + view:
            self.scroll_to(y=bottom - view, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._resize_virtual()
        self._scroll_into_view()
