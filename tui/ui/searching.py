"""The reader's find-in-article: ``/`` to search, ``n``/``N`` to repeat, as in less.

:class:`SearchBar` is the input (hidden until ``/``) and owns the query, its
matches and which one is current. It posts :class:`SearchBar.Found` when the
current match moves (the screen shows that paragraph) and
:class:`SearchBar.Closed` when it gives the keyboard back. Matching is
:func:`tui.search.search_article` (case- and mark-insensitive). ``F``, search
across articles, is :mod:`tui.ui.search_all`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message

from tui.search import Match, search_article
from tui.ui.line_editor import LineEditor
from tui.ui.parallel import RowText, Span, row_texts


class SearchBar(LineEditor):
    """The search box and the in-article search state.

    A :class:`~tui.ui.line_editor.LineEditor`, so an Arabic or Persian query
    is drawn shaped and right-to-left as it is typed (in ``app`` bidi mode).
    """

    BINDINGS = [Binding("escape", "close", "Close", show=False)]
    DOWN_LEAVES = False  # docked at the bottom: nothing below it

    @dataclass
    class Found(Message):
        """Match ``number`` of ``total`` is current; it is in ``paragraph``."""

        paragraph: int

    class Closed(Message):
        """The box is hidden: the reader takes the keyboard again."""

    class Updated(Message):
        """The query or the current match changed: redraw highlights and status."""

    def __init__(self, id: str | None = None, bidi: str = "app") -> None:
        super().__init__(placeholder="search this article (Enter to find, Esc to close)", bidi=bidi, opener="/", id=id)
        self._query = ""
        self._matches: list[Match] = []
        self._current = -1
        self._spans: dict[tuple[int, str], list[Span]] = {}

    # -- state ---------------------------------------------------------------------

    @property
    def search_query(self) -> str:
        return self._query

    def status(self) -> tuple[str, int, int] | None:
        """``(query, current number, total)`` while a search is active."""
        if not self._query:
            return None
        return self._query, self._current + 1, len(self._matches)

    def spans(self, index: int, side: str) -> Sequence[Span]:
        return self._spans.get((index, side), ())

    # -- the box ---------------------------------------------------------------------

    def open(self) -> None:
        self.add_class("visible")
        self.value = self._query
        self.select_all()  # the last query, shown selected: typing replaces it
        self.take_keyboard()

    def action_close(self) -> None:
        self.remove_class("visible")
        self.give_back_keyboard()
        self.post_message(self.Closed())

    def submit(self) -> None:
        """Enter: hide the box, give the keyboard back at once (``n`` typed right
        after Enter is the reader's), and ask for the search."""
        self.remove_class("visible")
        self.give_back_keyboard()
        self.post_message(self.Closed())
        self.post_message(self.Run(self.value))

    @dataclass
    class Run(Message):
        """Search for ``query`` (the screen supplies the rows and where the reader is)."""

        query: str

    # -- searching ---------------------------------------------------------------------

    def clear(self) -> None:
        self._query = ""
        self._matches = []
        self._current = -1
        self._spans = {}
        self.post_message(self.Updated())

    def run(self, query: str, rows: Sequence[RowText], current: int) -> None:
        """Find ``query`` in ``rows`` (originals and translations); go to the
        first match at or after paragraph ``current``."""
        self._query = query.strip()
        if not self._query:
            self.clear()
            return
        self._matches = search_article(list(row_texts(rows)), self._query)
        self._current = -1
        if self._matches:
            candidates = [i for i, m in enumerate(self._matches) if m.paragraph >= current]
            self._go(candidates[0] if candidates else 0)
        else:
            self._paint()
            self.post_message(self.Updated())

    def step(self, step: int) -> str | None:
        """Next (1) or previous (-1) match; what to tell the reader: that there
        is none, or that the search went round the end of the article."""
        if not self._matches:
            return f"No match for {self._query!r}" if self._query else None
        number = self._current + step
        self._go(number % len(self._matches))
        if number >= len(self._matches):
            return "Search wrapped: back to the first match"
        if number < 0:
            return "Search wrapped: on to the last match"
        return None

    def _go(self, number: int) -> None:
        self._current = number
        self._paint()
        self.post_message(self.Updated())
        self.post_message(self.Found(self._matches[number].paragraph))

    def _paint(self) -> None:
        spans: dict[tuple[int, str], list[Span]] = {}
        for i, match in enumerate(self._matches):
            name = "parallel--search-current" if i == self._current else "parallel--search"
            spans.setdefault((match.paragraph, match.side), []).append((match.start, match.end, name))
        self._spans = spans
