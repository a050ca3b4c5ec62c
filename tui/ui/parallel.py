"""The reading pane: each original paragraph opposite its translation.

A Line-API widget (``ScrollView`` + ``render_line``), as toolong does for long
logs: only the visible lines are built, each from a cached row of strips, so the
cost of a keypress does not grow with the article. A row is one paragraph; its
height is the taller of the original and the translation (plus one blank line).
Below ``STACK_BELOW`` columns the two sides are stacked instead of side by side.

Right-to-left text is laid out by :mod:`tui.rtl` (shaping, bidi reordering,
alignment) and highlights are given as logical offsets, so they land on the
right characters after reordering.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import overload

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.article import Article, Paragraph
from tui.claims.kinds import CLAIM_KINDS
from tui.direction import base_direction
from tui.inert import inert
from tui.row_geometry import MISSING_TRANSLATION_CHARS, Geometry, row_geometry
from tui.ui.bindings import bindings_for

STACK_BELOW = 60
"""Narrower than this, original and translation are stacked in each row."""
GUTTER = " │  "
"""Between the columns: a rule, the annotation mark of the translation column, a space."""
MARKER = "▌  "
"""Before the original: the current-row bar, the annotation mark, a space (a mark
glued to the text read as part of it: "D20")."""
SPLIT_RANGE = (25, 75)
"""How far the split between the columns can move: the left column's share of the width, in percent."""
SPLIT_STEP = 5


@dataclass(frozen=True, slots=True)
class Columns:
    """Which sides the pane shows, in which order, and where the split is."""

    shown: str = "both"
    """``both``, ``original`` or ``translation``."""
    swapped: bool = False
    """The translation on the left, the original on the right."""
    split: int = 50
    """The left column's share of the width, in percent (:data:`SPLIT_RANGE`)."""

    @property
    def sides(self) -> tuple[str, ...]:
        if self.shown != "both":
            return (self.shown,)
        return ("translation", "original") if self.swapped else ("original", "translation")

    def next_shown(self) -> Columns:
        order = ("both", "original", "translation")
        return Columns(order[(order.index(self.shown) + 1) % len(order)], self.swapped, self.split)

    def moved(self, step: int) -> Columns:
        low, high = SPLIT_RANGE
        return Columns(self.shown, self.swapped, max(low, min(high, self.split + step * SPLIT_STEP)))


Span = tuple[int, int, str]
"""A highlight: logical start, end, and a component-class name for its style."""
SpanProvider = Callable[[int, str], Sequence[Span]]
"""Highlights for ``(paragraph index, side)``; side is original/translation.
Called only for rows being drawn, so analyses run on what is visible first."""


@dataclass(frozen=True, slots=True)
class RowText:
    """What one row shows, already made inert."""

    original: str
    original_direction: str
    translation: str | None
    """``None`` shows ``placeholder`` instead."""
    placeholder: str
    boilerplate: bool


class ParallelView(ScrollView, can_focus=True, inherit_bindings=False):
    """Original and translation, paragraph opposite paragraph.

    It inherits no scrolling bindings: arrows, PgUp/PgDn, Home/End move by
    paragraph through the screen's (remappable) bindings instead.
    """

    COMPONENT_CLASSES = {
        "parallel--current",
        "parallel--marker",
        "parallel--gutter",
        "parallel--boilerplate",
        "parallel--placeholder",
        "parallel--translation",
        "parallel--search",
        "parallel--search-current",
        *(f"claim--{kind.name}" for kind in CLAIM_KINDS),
        "claim--current",
        "note--span",
        "note--mark",
        "parallel--counterpart",
    }

    DEFAULT_CSS = """
    ParallelView {
        overflow-x: hidden;
    }
    """ + "".join(
        f"ParallelView > .claim--{kind.name} {{ color: {kind.colour}; text-style: {kind.text_style}; }}\n"
        for kind in CLAIM_KINDS
    )
    """Claim styles come from the one table of kinds (:mod:`tui.claims.kinds`)."""

    @dataclass
    class ColumnsChanged(Message):
        """The reader changed the columns (``v``, ``x``, ``{``/``}``): worth remembering."""

        columns: Columns

    # Moving within the article is the view's own: these keys act where the
    # reader is focused (not in the article list or an input). Ids and keys
    # come from the keymap, so remapping works as for every other key.
    BINDINGS = bindings_for("view")

    def __init__(self, *, bidi: str = "app", id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: Sequence[RowText] = []
        self._bidi = bidi
        self._current = 0
        self._span_provider: SpanProvider | None = None
        self._on_current: Callable[[int], None] | None = None
        self._marks: dict[int, str] = {}
        self._highlight_rows: set[int] = set()
        self._layouts: LRUCache[tuple, list] = LRUCache(4096)
        self._strips: LRUCache[tuple, list[Strip]] = LRUCache(512)
        self._rows_at: Geometry = row_geometry([[]], [1], stacked=True)
        """Each row's height and top (:mod:`tui.row_geometry`), for the width in :attr:`_geometry`."""
        self._geometry: int | None = None
        """The width the row heights were computed for."""
        self._generation = 0
        self.article_id: str | None = None
        self._columns_shown = Columns()
        self._only: str | None = None
        """One side whatever the columns say (an article already in the target language)."""

    # ----------------------------------------------------------------- content

    @property
    def current(self) -> int:
        return self._current

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> Sequence[RowText]:
        """What every row shows (not to be changed by the caller; a :class:`LazyRows`
        makes each row when it is asked for, not all of them here)."""
        return self._rows

    @property
    def rows_built(self) -> int:
        """How many rows have been made (of :attr:`row_count`): only those drawn or
        laid out, for an article shown through :class:`LazyRows`."""
        return self._rows.built if isinstance(self._rows, LazyRows) else len(self._rows)

    def row_top(self, index: int) -> int:
        """The first line of row ``index`` in the view's scrolled content."""
        self._ensure_geometry()
        return self._rows_at.top(index)

    @property
    def highlighted_rows(self) -> frozenset[int]:
        """Rows highlighted as the counterpart just jumped to."""
        return frozenset(self._highlight_rows)

    @property
    def bidi(self) -> str:
        return self._bidi

    @property
    def columns(self) -> Columns:
        return self._columns_shown

    def set_only(self, side: str | None) -> None:
        """Show only ``side`` for this article (``None``: as the columns say)."""
        if side != self._only:
            self._only = side
            self._invalidate(layouts=True)
            self._scroll_current_into_view()

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides shown, left to right (the headers follow them)."""
        return (self._only,) if self._only is not None else self._columns_shown.sides

    def set_columns(self, columns: Columns) -> None:
        """Show one side or both, swap them, move the split (keys in :mod:`tui.keymap`)."""
        if columns != self._columns_shown:
            self._columns_shown = columns
            self._invalidate(layouts=True)
            self._scroll_current_into_view()

    def show(self, article: Article, rows: Sequence[RowText], current: int = 0, only: str | None = None) -> None:
        """Replace the content with ``rows`` of ``article``, showing only the
        side ``only`` (see :meth:`set_only`) if given: set here, the view is
        laid out once for the article, not once more when one-side mode changes."""
        self.article_id = article.id
        self._only = only
        self._rows = rows if isinstance(rows, LazyRows) else list(rows)
        self._highlight_rows = set()
        self._current = max(0, min(current, len(self._rows) - 1))
        self._invalidate(layouts=True)
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_current_into_view()
        self._current_changed()

    def update_rows(self, rows: Sequence[RowText]) -> None:
        """New text for the same article (e.g. translations arriving)."""
        self._rows = rows if isinstance(rows, LazyRows) else list(rows)
        self._invalidate(layouts=True)

    def update_row(self, index: int, row: RowText) -> None:
        """New text for one row (a translation arrived): re-lay out that row only."""
        if not 0 <= index < len(self._rows):
            return
        if isinstance(self._rows, LazyRows):
            self._rows.replace(index, row)
        else:
            assert isinstance(self._rows, list)
            self._rows[index] = row
        if self._geometry is not None and index < len(self._rows_at):
            self._rows_at.forget_exact(index)
            self._make_exact(index)
            self._ensure_geometry()
        self._generation += 1
        self._strips.clear()
        self.refresh()

    def set_bidi(self, mode: str) -> None:
        self._bidi = mode
        self._invalidate(layouts=True)

    def set_current_listener(self, listener: Callable[[int], None] | None) -> None:
        """Called, synchronously, whenever the current paragraph changes.

        A callback rather than a message: a message reaches the screen a frame
        later, so the status line would trail the text it describes.
        """
        self._on_current = listener

    def _current_changed(self) -> None:
        if self._on_current is not None:
            self._on_current(self._current)

    def set_span_provider(self, provider: SpanProvider | None) -> None:
        self._span_provider = provider
        self._invalidate(layouts=False)

    def set_marks(self, marks: dict[int, str]) -> None:
        """One-character marks per paragraph (annotation labels), both columns."""
        self._marks = marks
        self._invalidate(layouts=False)

    def set_row_highlight(self, rows: set[int]) -> None:
        """Rows to highlight as the counterpart just jumped to."""
        self._highlight_rows = set(rows)
        self._invalidate(layouts=False)

    def refresh_spans(self) -> None:
        """Highlights changed (search, claims, annotations): redraw, same layout."""
        self._invalidate(layouts=False)

    def _spans(self, index: int, side: str) -> Sequence[Span]:
        return self._span_provider(index, side) if self._span_provider else ()

    def _invalidate(self, *, layouts: bool) -> None:
        self._generation += 1
        self._strips.clear()
        if layouts:  # the laid-out lines are kept: keyed by text, direction, width and bidi, never stale
            self._geometry = None
        self.refresh()

    # ------------------------------------------------------------------ layout

    def _width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _stacked(self, width: int) -> bool:
        """One side above the other (narrow, or one side shown) rather than side by side."""
        return width < STACK_BELOW or len(self.sides) == 1

    def _widths(self, width: int) -> dict[str, int]:
        """Each shown side's width in cells, for a pane ``width`` wide."""
        sides = self.sides
        if self._stacked(width):
            return dict.fromkeys(sides, max(1, width - len(MARKER)))
        inner = max(2, width - len(MARKER) - len(GUTTER))
        left = max(1, inner * self._columns_shown.split // 100)
        return {sides[0]: left, sides[1]: max(1, inner - left)}

    def _layout(self, text: str, direction: str | None, width: int) -> list:
        key = (text, direction, width, self._bidi)
        lines = self._layouts.get(key)
        if lines is None:
            from tui.rtl import layout

            lines = layout(text, width, direction=direction, mode=self._bidi)  # type: ignore[arg-type]
            self._layouts[key] = lines
        return lines

    def _row_parts(self, index: int, width: int) -> dict[str, list]:
        """Each shown side of row ``index`` laid out in its column, in display order."""
        row = self._rows[index]
        parts = {}
        for side, side_width in self._widths(width).items():
            if side == "original":
                parts[side] = self._layout(row.original, row.original_direction, side_width)
            else:
                other = row.translation if row.translation is not None else row.placeholder
                parts[side] = self._layout(other, base_direction(other), side_width)
        return parts

    def _row_height(self, index: int, width: int) -> int:
        heights = [len(lines) for lines in self._row_parts(index, width).values()]
        return (sum(heights) if self._stacked(width) else max(heights)) + 1

    def _ensure_geometry(self) -> None:
        """Row heights for the current width: estimated, exact once laid out.

        Laying out every paragraph of a long article on open (or on every
        resize) would cost time proportional to its length; only the rows
        that are drawn or navigated to are laid out exactly. The estimate
        comes from the characters on each side (:mod:`tui.row_geometry`).
        """
        width = self._width()
        if self._geometry != width:
            originals: Sequence[int]
            others: Sequence[int]
            if isinstance(self._rows, LazyRows):
                originals, others = self._rows.all_lengths()
            else:
                originals = [len(row.original) for row in self._rows]
                others = [
                    len(row.translation if row.translation is not None else row.placeholder) for row in self._rows
                ]
            widths = self._widths(width)
            chars = {"original": originals, "translation": others}
            self._rows_at = row_geometry(
                [chars[side] for side in widths], list(widths.values()), stacked=self._stacked(width)
            )
            self._geometry = width
            self._strips.clear()
        if self.virtual_size != (size := Size(width, self._rows_at.total)):
            self.virtual_size = size

    def _make_exact(self, index: int) -> None:
        if not self._rows_at.is_exact(index):
            self._rows_at.set_exact(index, self._row_height(index, self._geometry or self._width()))

    def _make_visible_exact(self) -> None:
        """Lay out exactly the rows that the viewport shows, from its top down."""
        self._ensure_geometry()
        if not self._rows:
            return
        top = self.scroll_offset.y
        bottom = top + self._viewport_height()
        index = max(0, self._rows_at.row_at(top))
        # Walk down with a running offset (tops are read once, not after every row that changed).
        y = self._rows_at.top(index)
        while index < len(self._rows) and y < bottom:
            self._make_exact(index)
            y += self._rows_at.height(index)
            index += 1
        self._ensure_geometry()

    def on_resize(self) -> None:
        # Heights and strips are kept per width (:meth:`_ensure_geometry` lays
        # out again when the width changed): a resize that leaves the width as
        # it was (a scrollbar coming or going, a taller window) costs nothing.
        if self.size.width <= 0:
            return
        self._scroll_current_into_view()

    # ------------------------------------------------------------------ render

    def render_lines(self, crop):
        # Styles are resolved once per refresh, not once per line or segment:
        # Textual computes ``rich_style`` by walking up the DOM.
        self._styles = {}
        self._base = self.rich_style
        self._make_visible_exact()
        return super().render_lines(crop)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        self._ensure_geometry()
        width = self._width()
        base = self._base_style()
        virtual_y = y + self.scroll_offset.y
        if not self._rows or virtual_y >= self._rows_at.total:
            return Strip.blank(width, base)
        row = self._rows_at.row_at(virtual_y)
        self._make_exact(row)
        strips = self._row_strips(row, width)
        offset = virtual_y - self._rows_at.top(row)
        if offset >= len(strips):
            return Strip.blank(width, base)
        return strips[offset]

    def _base_style(self) -> Style:
        base = getattr(self, "_base", None)
        return base if base is not None else self.rich_style

    def _style(self, name: str) -> Style:
        styles = getattr(self, "_styles", None)
        if styles is None:
            styles = self._styles = {}
        style = styles.get(name)
        if style is None:
            style = styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        is_current = index == self._current
        key = (index, width, is_current, self._generation)  # set_columns bumps the generation
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        row = self._rows[index]
        plain = self._base_style()
        base = plain
        if is_current:
            base = base + self._style("parallel--current")
        if index in self._highlight_rows:
            base = base + self._style("parallel--counterpart")
        original_style = base + self._style("parallel--boilerplate") if row.boilerplate else base
        translation_style = base + self._style("parallel--translation")
        if row.translation is None:
            translation_style = base + self._style("parallel--placeholder")
        elif row.boilerplate:
            translation_style = translation_style + self._style("parallel--boilerplate")
        mark = self._marks.get(index, " ")[:1] or " "
        mark_style = base + self._style("note--mark") if mark != " " else base
        marker = [
            Segment("▌" if is_current else " ", base + self._style("parallel--marker")),
            Segment(mark, mark_style),
            Segment(" ", base),
        ]
        parts = self._row_parts(index, width)
        styles = {"original": original_style, "translation": translation_style}
        spans = {
            "original": self._spans(index, "original") if "original" in parts else (),
            "translation": self._spans(index, "translation")
            if row.translation is not None and "translation" in parts
            else (),
        }
        strips: list[Strip] = []
        if self._stacked(width):
            for side, lines in parts.items():
                for line in lines:
                    strips.append(Strip([*marker, *self._segments(line, spans[side], styles[side])], width))
        else:
            (left_side, left), (right_side, right) = parts.items()
            widths = self._widths(width)
            gutter_style = base + self._style("parallel--gutter")
            gutter = [Segment(GUTTER[:2], gutter_style), Segment(mark, mark_style), Segment(" ", base)]
            blank_left = [Segment(" " * widths[left_side], base)]
            blank_right = [Segment(" " * widths[right_side], base)]
            for k in range(max(len(left), len(right))):
                left_line = (
                    self._segments(left[k], spans[left_side], styles[left_side]) if k < len(left) else blank_left
                )
                right_line = (
                    self._segments(right[k], spans[right_side], styles[right_side]) if k < len(right) else blank_right
                )
                strips.append(Strip([*marker, *left_line, *gutter, *right_line], width))
        strips.append(Strip.blank(width, plain))
        strips = [strip.adjust_cell_length(width, base) for strip in strips]
        self._strips[key] = strips
        return strips

    def _segments(self, line, spans: Sequence[Span], style: Style) -> list[Segment]:
        """Segments for one laid-out line (padding included) with highlights."""
        from tui.rtl import styled_ranges

        segments: list[Segment] = []
        for text, names in styled_ranges(line, spans):
            run_style = style
            for name in names:
                run_style = run_style + self._style(name)
            segments.append(Segment(text, run_style))
        return segments

    # -------------------------------------------------------------- navigation

    def _viewport_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _scroll_current_into_view(self) -> None:
        if not self._rows or self.size.width <= 0:
            return
        self._ensure_geometry()
        self._make_exact(self._current)
        self._ensure_geometry()
        top = self._rows_at.top(self._current)
        height = self._rows_at.height(self._current)
        view_top = self.scroll_offset.y
        view_h = self._viewport_height()
        if top < view_top or height > view_h:
            target = top
        elif top + height > view_top + view_h:
            target = top + height - view_h
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        """Make paragraph ``index`` current and bring it into view."""
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        if index != self._current:
            self._current = index
            self._generation += 1
            self.refresh()
            self._scroll_current_into_view()
            self._current_changed()
            return
        self._scroll_current_into_view()

    def action_next_paragraph(self) -> None:
        self.move_to(self._current + 1)

    def action_previous_paragraph(self) -> None:
        self.move_to(self._current - 1)

    def action_first_paragraph(self) -> None:
        self.move_to(0)

    def action_last_paragraph(self) -> None:
        self.move_to(len(self._rows) - 1)

    def action_goto_paragraph(self, typed: str = "") -> None:
        """``:`` (or a digit: ``12g``): ask for a paragraph number, 1-based as shown."""
        if not self._rows:
            return
        from tui.ui.prompts import NumberPrompt

        def chosen(number: int | None) -> None:
            if number is not None:
                self.move_to(number - 1)

        self.app.push_screen(NumberPrompt(len(self._rows), typed), chosen)

    def on_key(self, event: events.Key) -> None:
        # A digit starts "N then g" (the prompt reads the rest of the keys itself).
        if event.character and event.character.isascii() and event.character.isdigit() and self._rows:
            event.stop()
            event.prevent_default()
            self.action_goto_paragraph(event.character)

    def action_cycle_columns(self) -> None:
        self._change_columns(self._columns_shown.next_shown())

    def action_swap_columns(self) -> None:
        columns = self._columns_shown
        self._change_columns(Columns(columns.shown, not columns.swapped, columns.split))

    def action_move_split(self, step: int) -> None:
        self._change_columns(self._columns_shown.moved(step))

    def _change_columns(self, columns: Columns) -> None:
        self.set_columns(columns)
        self.post_message(self.ColumnsChanged(columns))

    def action_page_down(self) -> None:
        if not self._rows:
            return
        self._ensure_geometry()
        target_y = self._rows_at.top(self._current) + self._viewport_height()
        index = self._rows_at.row_at(target_y)
        if index <= self._current:
            index = self._current + 1
        self.move_to(index)

    def action_page_up(self) -> None:
        if not self._rows:
            return
        self._ensure_geometry()
        target_y = self._rows_at.top(self._current) - self._viewport_height()
        index = self._rows_at.row_at(max(0, target_y))
        if index >= self._current:
            index = self._current - 1
        self.move_to(index)

    def on_click(self, event) -> None:
        if not self._rows:
            return
        self._ensure_geometry()
        y = event.y + self.scroll_offset.y
        self.move_to(self._rows_at.row_at(y))


def _row(paragraph: Paragraph, translated: str | None, why: str) -> RowText:
    return RowText(
        original=inert(paragraph.text),
        original_direction=paragraph.direction,
        translation=inert(translated) if translated is not None else None,
        placeholder=why,
        boilerplate=paragraph.is_boilerplate,
    )


def make_rows(
    article: Article,
    translations: dict[int, str] | None,
    placeholder: str | Callable[[Paragraph], str],
) -> list[RowText]:
    """Rows for ``article``: inert original text opposite inert translations.

    ``placeholder`` (text, or a function of the paragraph) stands where a
    paragraph has no translation: it says why, it never imitates one.
    """
    return list(LazyRows(article, translations, placeholder))


class LazyRows(Sequence[RowText]):
    """The rows of an article, each built the first time it is asked for.

    A legal text of 200,000 one-line paragraphs took 1.4 s to turn into rows
    (making each inert, finding each placeholder) on the event loop, every time
    the article was opened or its translation changed, and the reader was deaf
    to keys meanwhile. The view asks only for the rows it draws or lays out;
    :meth:`lengths` gives the height estimate of the others without building
    them.
    """

    def __init__(
        self,
        article: Article,
        translations: Mapping[int, str] | None,
        placeholder: str | Callable[[Paragraph], str],
    ) -> None:
        self._article = article
        self._translations = translations
        self._placeholder = placeholder
        self._built: dict[int, RowText] = {}
        self._lengths: tuple[array[int], array[int]] | None = None

    def __len__(self) -> int:
        return len(self._article.paragraphs)

    @overload
    def __getitem__(self, index: int) -> RowText: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[RowText]: ...

    def __getitem__(self, index: int | slice) -> RowText | Sequence[RowText]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        row = self._built.get(index)
        if row is None:
            paragraph = self._article.paragraphs[index]
            why = self._placeholder(paragraph) if callable(self._placeholder) else self._placeholder
            translated = self._translations.get(index) if self._translations else None
            row = self._built[index] = _row(paragraph, translated, why)
        return row

    @property
    def built(self) -> int:
        """How many rows have been built so far."""
        return len(self._built)

    def texts(self) -> Iterator[tuple[int, str, str]]:
        """``(index, side, text)`` of every row's original and translation, as the
        rows show them (inert), without building the rows (search reads every one)."""
        for index, paragraph in enumerate(self._article.paragraphs):
            row = self._built.get(index)
            if row is not None:
                yield index, "original", row.original
                if row.translation is not None:
                    yield index, "translation", row.translation
                continue
            yield index, "original", inert(paragraph.text)
            translated = self._translations.get(index) if self._translations else None
            if translated is not None:
                yield index, "translation", inert(translated)

    def replace(self, index: int, row: RowText) -> None:
        self._built[index] = row
        if self._lengths is not None:
            self._lengths[0][index], self._lengths[1][index] = self.lengths(index)

    def all_lengths(self) -> tuple[array[int], array[int]]:
        """:meth:`lengths` of every row, as two arrays of 64-bit integers (computed
        once per row set; numpy reads them without a copy, :mod:`tui.row_geometry`)."""
        if self._lengths is None:
            originals = _original_lengths(self._article)
            others = array("q", (MISSING_TRANSLATION_CHARS,)) * len(originals)
            for i, text in (self._translations or {}).items():
                if 0 <= i < len(others):
                    others[i] = len(text)
            for index in self._built:
                originals[index], others[index] = self.lengths(index)
            self._lengths = (originals, others)
        return self._lengths

    def lengths(self, index: int) -> tuple[int, int]:
        """Characters of the original and of what stands opposite it (for a height estimate)."""
        row = self._built.get(index)
        if row is not None:
            shown = row.translation if row.translation is not None else row.placeholder
            return len(row.original), len(shown)
        translated = self._translations.get(index) if self._translations else None
        chars = len(translated) if translated is not None else MISSING_TRANSLATION_CHARS
        return len(self._article.paragraphs[index].text), chars


_LENGTHS_KEPT = 4
_original_lengths_kept: dict[tuple[str, int], array[int]] = {}
"""(content hash, paragraphs) -> each paragraph's length: the recent articles'
(switching back and forth between long articles measures them once)."""


def _original_lengths(article: Article) -> array[int]:
    """Characters of each paragraph of ``article`` (a copy the caller may change)."""
    key = (article.content_hash, len(article.paragraphs))
    kept = _original_lengths_kept.get(key)
    if kept is None:
        kept = array("q", map(len, map(attrgetter("text"), article.paragraphs)))  # C-level passes
        if article.content_hash:
            _original_lengths_kept[key] = kept
            while len(_original_lengths_kept) > _LENGTHS_KEPT:
                del _original_lengths_kept[next(iter(_original_lengths_kept))]
    return array("q", kept)


def row_texts(rows: Sequence[RowText]) -> Iterator[tuple[int, str, str]]:
    """``(index, side, text)`` of every row's original and translation (what
    search looks in); :meth:`LazyRows.texts` for rows not built yet."""
    if isinstance(rows, LazyRows):
        yield from rows.texts()
        return
    for index, row in enumerate(rows):
        yield index, "original", row.original
        if row.translation is not None:
            yield index, "translation", row.translation
