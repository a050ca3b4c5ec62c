"""The article list: language, paragraph count, title, outlet and date, with its filter.

:class:`ArticlePane` owns the filter query; :class:`ArticleList` lays out the
entries from the session's :class:`~tui.collection.ArticleCollection` (only
those on screen: see its docstring) and owns the order (file, date, outlet).
The pane posts
:class:`ArticlePane.Highlighted` (the reader shows that article as the cursor
moves), :class:`ArticlePane.Chosen` (Enter) and :class:`ArticlePane.Done`
(Esc in the filter: give the keyboard back to the reader).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from tui.article import Article, ArticleMeta
from tui.collection import ArticleCollection
from tui.ui.display import fitted_strip, one_line
from tui.ui.fitted_list import MOVE_BINDINGS
from tui.ui.line_editor import LineEditor

if TYPE_CHECKING:
    from tui.corpus_index import Summary

HEADER_LINES = 1
"""The list's own header line (count and order), above the entries."""

TITLE_CELLS = 23
"""Title cells that fit the list's 34 columns beside language and count."""

SORT_ORDERS: tuple[tuple[str, str], ...] = (("file", "file order"), ("date", "date"), ("outlet", "outlet"))
"""The orders ``o`` cycles through (id, label shown in the list's header)."""


def source_line(meta: ArticleMeta | None) -> str:
    """Outlet and publication day, as the list shows them ("" when the source declares neither)."""
    if meta is None:
        return ""
    return " · ".join(part for part in (meta.site, (meta.date or "")[:10]) if part)


def article_prompt(
    name: str,
    article: Article | None,
    bidi: str,
    language_pending: bool,
    summary: Summary | None = None,
    cells: int = TITLE_CELLS + 8,
    short: str = "",
) -> Text:
    """One list entry: language, paragraph count and title, then outlet and
    date when the source declares them and ``short``, the name that tells the
    file apart from the others (:func:`tui.short_names.short_names`), then any caveats. ``article`` is
    ``None`` while the file is still loading (``summary``: what the corpus
    index knew of it meanwhile). ``cells``: the entry's width (titles are cut
    to fit, in logical order, never by the widget: see :func:`one_line`)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    title_cells = max(4, cells - 8)
    if article is None and summary is None:
        text.append(" …  ", style="dim")
        text.append(one_line(name, max(4, cells - 4), bidi), style="dim")
        return text
    error = article.error if article is not None else summary.error if summary is not None else None
    if error is not None:
        text.append(" ⚠  ", style="bold red")
        text.append(one_line(f"{name}: {error}", max(4, cells - 4), bidi), style="red")
        return text
    language = (article.language if article is not None else None) or (summary.language if summary else None)
    if language:
        lang = language
    elif language_pending:
        lang = "…"
    else:
        lang = "??"
    text.append(f"{lang:>2} ", style="bold")
    if article is not None:
        text.append(f"{len(article.paragraphs):>3}¶ ", style="dim")
        title, meta, notes = article.title, article.meta, article.notes
    else:
        assert summary is not None
        text.append("  …¶ ", style="dim")
        title, meta, notes = summary.title, summary.meta, ()
    text.append(one_line(title, title_cells, bidi))
    source = " · ".join(part for part in (source_line(meta), short) if part)
    if source:
        text.append("\n     ")
        text.append(one_line(source, max(4, cells - 5), bidi), style="dim italic")
    for note in notes:
        # Caveats (bytes replaced, language unknown, long lines split) get a
        # line of their own so they are seen before the article is opened.
        text.append("\n")
        text.append(" ⓘ  ", style="yellow")
        text.append(one_line(note, max(4, cells - 4), bidi), style="dim")
    return text


class ArticleList(ScrollView, can_focus=True):
    """Keyboard-first list of the articles (all, or those a filter keeps), in
    file order or sorted by date or outlet, under a one-line header.

    Why the Line API (as the reading pane): an ``OptionList`` of 5,000 entries
    was re-rendered whole on every loaded batch, half the event loop's time
    while a large folder loaded. Here an entry's lines are laid out only when
    they are on screen (cached until the entry changes), and a loaded batch
    only invalidates what it changed. Entries are identified by article index,
    so a filtered or sorted list still maps back to the right article.
    """

    BINDINGS = [*MOVE_BINDINGS, Binding("enter", "choose", "Open", show=False)]

    COMPONENT_CLASSES = {"article-list--cursor", "article-list--header"}

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        & > .article-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .article-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .article-list--header {
            color: $text-muted;
            text-style: italic;
        }
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to article ``index`` (by key or click)."""

        index: int

    @dataclass
    class Chosen(Message):
        """Enter (or a click) on article ``index``."""

        index: int

    def __init__(self, collection: ArticleCollection, bidi: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._collection = collection
        self._bidi = bidi
        self._kept: list[int] = list(range(len(collection)))
        """The articles listed (the filter's), in file order."""
        self._order: list[int] = list(self._kept)
        """The articles listed, in the order shown."""
        self._sort = 0
        self._sorted_stale = False
        self._sort_keys: dict[int, tuple[bool, str, str, int]] = {}
        """Each listed article's place in the date or outlet order, as last sorted."""
        self._cursor = 0
        """Position in :attr:`_order` of the highlighted entry."""
        self._heights: list[int] | None = None
        """Lines of each listed entry, in the order shown (``None``: to lay out again)."""
        self._article_heights: list[int] | None = None
        """Lines of each article's entry, by article index: kept while articles
        load, so a loaded batch recomputes its own entries, not 50,000."""
        self._tops: list[int] = []
        self._lines: dict[int, list[Strip]] = {}
        """Article index -> its entry's lines (laid out for :attr:`_width`, cursor not applied)."""
        self._width = 0
        self._positions: dict[int, int] | None = None

    # -- what is listed ----------------------------------------------------------------

    @property
    def option_count(self) -> int:
        """How many articles are listed."""
        return len(self._order)

    @property
    def highlighted(self) -> int | None:
        """Position of the highlighted entry (``None`` when the list is empty)."""
        return self._cursor if self._order else None

    @property
    def order(self) -> str:
        """The current order's id (``file``, ``date`` or ``outlet``)."""
        return SORT_ORDERS[self._sort][0]

    def article_at(self, position: int) -> int:
        return self._order[position]

    def set_articles(self, indices: Sequence[int], current: int | None = None) -> None:
        """List the articles ``indices`` (in file order; sorted here) and
        highlight ``current`` if listed, else the first. Each entry's height
        is kept (a filter's keystroke lays out none of them again): an entry
        that changes comes through :meth:`update_article`, many at once
        through :meth:`entries_changed`."""
        self._kept = list(indices)
        self._resort()
        self._invalidate_layout()
        if self._order:
            self._move_to(self._position_map().get(current, 0) if current is not None else 0, post=False)

    def entries_changed(self) -> None:
        """Any entry's text or height may have changed (what the corpus index
        knew arrived for many articles): heights and lines are worked out
        again at the next :meth:`set_articles`, which the caller makes."""
        self._article_heights = None
        self._lines.clear()

    def update_article(self, index: int) -> None:
        """Article ``index`` changed (read, language found, read again)."""
        self._lines.pop(index, None)
        # An article the filter leaves out changes neither the listed order nor
        # its geometry (its height is kept for when a filter lists it).
        listed = index in self._position_map()
        heights = self._article_heights
        if heights is None:
            self._heights = None
        elif 0 <= index < len(heights) and (height := self._height_of(index)) != heights[index]:
            heights[index] = height
            if listed:
                self._heights = None
        if listed and self._sort and self._sort_key(index) != self._sort_keys.get(index):
            self._sorted_stale = True  # its date or outlet is new: sort again (not at every key that opens it)
        # Repaint only when it shows: a 50,000-file folder being read updates
        # entries continuously, and repainting the whole list for each batch
        # was most of the event loop's time while keys waited.
        if self._heights is None or self._sorted_stale or self._shows(index):
            self.refresh()

    def _shows(self, index: int) -> bool:
        """Whether article ``index``'s entry is within the lines on screen (as last laid out)."""
        position = self._position_map().get(index)
        if position is None or position >= len(self._tops) or self._heights is None:
            return False
        top = HEADER_LINES + self._tops[position] - self.scroll_offset.y
        return top < self.size.height and top + self._heights[position] > HEADER_LINES

    def show_article(self, index: int) -> None:
        """Highlight article ``index`` if it is listed (without re-opening it)."""
        self._restore_order()
        position = self._position_map().get(index)
        if position is not None and position != self._cursor:
            self._move_to(position, post=False)

    def set_bidi(self, bidi: str) -> None:
        self._bidi = bidi
        self.relabel()

    def relabel(self) -> None:
        """Every entry's text may have changed (not its height): lay out again what is shown."""
        self._lines.clear()
        self.refresh()

    def cycle_sort(self) -> str:
        """The next order (file, date, outlet), keeping the highlighted article; its label."""
        current = self._order[self._cursor] if self._order else None
        self._sort = (self._sort + 1) % len(SORT_ORDERS)
        self._resort()
        self._invalidate_layout()
        if current is not None:
            self._move_to(self._order.index(current), post=False)
        return SORT_ORDERS[self._sort][1]

    # -- keys and mouse ------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self._order:
            self._move_to(max(0, min(len(self._order) - 1, self._cursor + step)))

    def action_page(self, step: int) -> None:
        if self._order:
            self._ensure_geometry()
            target = self._tops[self._cursor] + step * max(1, self.scrollable_content_region.height - 2)
            position = max(0, min(len(self._order) - 1, bisect_right(self._tops, max(0, target)) - 1))
            self._move_to(position)

    def action_edge(self, edge: int) -> None:
        if self._order:
            self._move_to(0 if edge == 0 else len(self._order) - 1)

    def action_choose(self) -> None:
        if self._order:
            self.post_message(self.Chosen(self._order[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        self._restore_order()
        self._ensure_geometry()
        y = event.y - HEADER_LINES + self.scroll_offset.y
        if not self._order or event.y < HEADER_LINES or y >= self.virtual_size.height - HEADER_LINES:
            return
        position = bisect_right(self._tops, y) - 1
        if 0 <= position < len(self._order):
            self._move_to(position)
            self.post_message(self.Chosen(self._order[position]))

    # -- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._restore_order()
        self._ensure_geometry()
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        if y < HEADER_LINES:
            return self._header(width).apply_style(base)
        virtual_y = y - HEADER_LINES + self.scroll_offset.y
        if not self._order or virtual_y >= self._tops[-1] + self._heights_list()[-1]:
            return Strip.blank(width, base)
        position = bisect_right(self._tops, virtual_y) - 1
        strips = self._entry(self._order[position], width)
        offset = virtual_y - self._tops[position]
        strip = strips[offset] if offset < len(strips) else Strip.blank(width)
        if position == self._cursor:
            strip = strip.apply_style(self.get_component_rich_style("article-list--cursor"))
        return strip.apply_style(base)

    def _header(self, width: int) -> Strip:
        total = len(self._collection)
        shown = f"{len(self._order)}/{total}" if len(self._order) != total else str(total)
        label = f" {shown} articles · by {SORT_ORDERS[self._sort][1]} (o)"
        text = Text(label, style=self.get_component_rich_style("article-list--header"), no_wrap=True)
        return fitted_strip(text, width, self.app.console)

    def _entry(self, index: int, width: int) -> list[Strip]:
        if width != self._width:
            self._width = width
            self._lines.clear()
        found = self._lines.get(index)
        if found is None:
            console = self.app.console
            found = [fitted_strip(line, width, console) for line in self._prompt(index, width).split("\n")]
            self._lines[index] = found
        return found

    def _prompt(self, index: int, width: int) -> Text:
        collection = self._collection
        return article_prompt(
            collection.paths[index].name,
            collection[index],
            self._bidi,
            collection.language_pending(index),
            collection.summary(index),
            cells=max(8, width - 1),
            short=collection.listed_short_name(index),
        )

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    # -- geometry and order --------------------------------------------------------------

    def _height_of(self, index: int) -> int:
        """Lines of an entry, known without laying it out (titles are cut, never wrapped)."""
        collection = self._collection
        article = collection[index]
        if article is None and collection.summary(index) is None:
            # Not read yet: the two lines a read entry takes, so that a large
            # folder being read does not move every entry below it (and lay the
            # list out again) at each loaded batch.
            return 2
        if article is not None and not article.ok:
            return 1
        summary = collection.summary(index)
        if article is None and summary is not None and summary.error is not None:
            return 1
        extra = 1  # the short name, outlet and date line
        return 1 + extra + (len(article.notes) if article is not None else 0)

    def _heights_list(self) -> list[int]:
        self._ensure_geometry()
        assert self._heights is not None
        return self._heights

    def _ensure_geometry(self) -> None:
        if self._heights is not None:
            return
        by_article = self._article_heights
        if by_article is None:
            by_article = self._article_heights = [self._height_of(i) for i in range(len(self._collection))]
        everything = len(self._order) == len(by_article) and not self._sort  # the whole list in file order
        heights = by_article[:] if everything else [by_article[i] for i in self._order]
        tops = list(accumulate(heights, initial=0))
        self._tops = tops[:-1] if heights else [0]
        self._heights = heights or [0]
        self.virtual_size = Size(self.size.width, tops[-1] + HEADER_LINES)

    def _invalidate_layout(self) -> None:
        self._heights = None
        self._positions = None
        self._ensure_geometry()
        self.refresh()

    def _position_map(self) -> dict[int, int]:
        positions = self._positions
        if positions is None:
            positions = self._positions = {index: n for n, index in enumerate(self._order)}
        return positions

    def _restore_order(self) -> None:
        """Sort again if entries changed under a date or outlet order, keeping the highlighted article."""
        if not self._sorted_stale:
            return
        self._sorted_stale = False
        current = self._order[self._cursor] if self._order else None
        self._resort()
        self._heights = None
        self._positions = None
        if current is not None:
            self._cursor = self._position_map()[current]

    def _resort(self) -> None:
        order = SORT_ORDERS[self._sort][0]
        self._positions = None
        self._sorted_stale = False
        if order == "file":
            self._order = list(self._kept)
            return
        self._sort_keys = {i: self._sort_key(i) for i in self._kept}
        self._order = sorted(self._kept, key=self._sort_keys.__getitem__)

    def _sort_key(self, i: int) -> tuple[bool, str, str, int]:
        """Where article ``i`` goes in the date or outlet order (undated, or without outlet, last)."""
        found = self._collection.meta(i)
        date = found.date if found is not None and found.date else ""
        if SORT_ORDERS[self._sort][0] == "date":
            return (not date, date, "", i)
        site = found.site.casefold() if found is not None and found.site else ""
        return (not site, site, date, i)

    def _move_to(self, position: int, *, post: bool = True) -> None:
        self._cursor = position
        self._scroll_into_view()
        self.refresh()
        if post:
            self.post_message(self.Highlighted(self._order[position]))

    def _scroll_into_view(self) -> None:
        self._ensure_geometry()
        if not self._order:
            return
        top = self._tops[self._cursor]
        height = self._heights_list()[self._cursor]
        view = max(1, self.scrollable_content_region.height - HEADER_LINES)
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + height > self.scroll_offset.y + view:
            self.scroll_to(y=top + height - view, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._invalidate_layout()
        self._scroll_into_view()


_UNSET = object()
"""Not worked out yet (``None`` is an article not read yet)."""


class ListFilter(LineEditor):
    """The filter box: Esc clears it and gives the keyboard back.

    A :class:`~tui.ui.line_editor.LineEditor`: an Arabic or Persian title word
    is drawn shaped and right-to-left as it is typed.
    """

    BINDINGS = [Binding("escape", "done", "Clear filter", show=False)]

    class Done(Message):
        """Esc: the filter is cleared."""

    def submit(self) -> None:
        """Enter: the list takes the keyboard, now (the next key is for it)."""
        super().submit()
        self.screen.focus_next()

    def action_done(self) -> None:
        self.value = ""
        self.give_back_keyboard()
        self.post_message(self.Done())


class ArticlePane(Vertical):
    """The filter box above the list of articles."""

    @dataclass
    class Highlighted(Message):
        """The list's cursor is on article ``index``."""

        index: int

    @dataclass
    class Chosen(Message):
        """Enter on article ``index``."""

        index: int

    class Done(Message):
        """The pane gives the keyboard back to the reader."""

    @dataclass
    class FilterPrepared(Message):
        """From :meth:`prepare_filter`'s thread: what the filter looks in, per article."""

        articles: Sequence[Article | None]
        texts: Sequence[str]

    def __init__(self, collection: ArticleCollection, bidi: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._collection = collection
        self._bidi = bidi
        self._query = ""
        self._current = -1
        self._searched: list[str] = []
        """Per article, what the filter looks in (see :meth:`_searched_texts`), filled by the first filtering."""
        self._searched_for: list[object] = []
        """The article each of :attr:`_searched` was worked out for."""

    def compose(self) -> ComposeResult:
        yield ListFilter(placeholder="filter: ar  title words", bidi=self._bidi, id="list-filter")
        yield Static(Text("no matches (Esc clears the filter)", style="dim italic"), id="list-empty")
        yield ArticleList(self._collection, self._bidi, id="articles")

    @property
    def list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def refresh_all(self) -> None:
        """Every entry may have changed (what the corpus index knew arrived): list them again."""
        self.list.entries_changed()
        self._refilter()

    def _refilter(self) -> None:
        """The filter's articles listed (entries unchanged: their heights are kept)."""
        from tui.article_filter import kept, query_words

        words = query_words(self._query)
        if words:
            articles = list(self._collection)
            listed = kept(words, articles, self._searched_texts(articles))
        else:
            listed = list(range(len(self._collection)))
        self.list.set_articles(listed, self._current)
        self.query_one("#list-empty", Static).display = bool(words) and not listed

    def _searched_texts(self, articles: Sequence[Article | None]) -> Sequence[str]:
        """Each article's folded title and file name (:func:`tui.article_filter.searched_text`),
        kept while it is the same article (an ``Article`` never changes): folding
        50,000 titles at every key was most of a keystroke's time."""
        from tui.article_filter import searched_text

        if len(self._searched_for) != len(articles):
            self._searched_for = [_UNSET] * len(articles)
            self._searched = [""] * len(articles)
        known, texts, paths = self._searched_for, self._searched, self._collection.paths
        for index, article in enumerate(articles):
            if known[index] is not article:
                known[index] = article
                texts[index] = searched_text(paths[index], article)
        return texts

    def prepare_filter(self) -> None:
        """Fold every article's title for the filter ahead, in a thread (once
        every file is read): the first filter key of a 50,000-article session
        folded them all on the event loop, ~1.2 s."""
        self._prepare_filter(list(self._collection))

    @work(thread=True, exclusive=True, group="filter-prepare", description="fold the titles for the filter")
    def _prepare_filter(self, articles: Sequence[Article | None]) -> None:
        from tui.article_filter import searched_text

        paths = self._collection.paths
        texts = [searched_text(paths[index], article) for index, article in enumerate(articles)]
        self.post_message(self.FilterPrepared(articles, texts))

    @on(FilterPrepared)
    def _filter_prepared(self, event: FilterPrepared) -> None:
        event.stop()
        if len(event.articles) == len(self._collection):  # entries read since are folded at the next key
            self._searched_for, self._searched = list(event.articles), list(event.texts)

    def refresh_item(self, index: int) -> None:
        self.list.update_article(index)

    def names_known(self) -> None:
        """The collection's short names arrived (a large session's, after the first paint)."""
        self.list.relabel()

    def show_article(self, index: int) -> None:
        self._current = index
        self.list.show_article(index)

    def set_bidi(self, bidi: str) -> None:
        self._bidi = bidi
        self.query_one(ListFilter).set_bidi(bidi)
        self.list.set_bidi(bidi)

    def focus_filter(self) -> None:
        self.query_one(ListFilter).take_keyboard()

    @on(LineEditor.Changed, "#list-filter")
    def _filter_changed(self, event: LineEditor.Changed) -> None:
        event.stop()
        self._query = event.value.strip()
        self._refilter()

    @on(LineEditor.Submitted, "#list-filter")
    def _filter_submitted(self, event: LineEditor.Submitted) -> None:
        event.stop()
        self.list.focus()

    @on(ListFilter.Done)
    def _filter_done(self, event: ListFilter.Done) -> None:
        event.stop()
        self.post_message(self.Done())

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        event.stop()
        if event.index != self._current:
            self._current = event.index
            self.post_message(self.Highlighted(event.index))

    @on(ArticleList.Chosen)
    def _selected(self, event: ArticleList.Chosen) -> None:
        event.stop()
        self.post_message(self.Chosen(event.index))
