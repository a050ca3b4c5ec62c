"""The reader's find-in-article: ``/`` to search, ``n``/``N`` to repeat, as in less;
``F`` searches every article (:mod:`tui.ui.search_all`).

A mixin of :class:`tui.ui.reader.ReaderScreen`; matching is
:func:`tui.search.search_article` (case- and mark-insensitive).
"""

from __future__ import annotations

import sqlite3

from textual.widgets import Input

from tui.search import search_article


class SearchMixin:
    def _search_input(self) -> Input:
        """The search box, mounted on first use (it is not needed to paint)."""
        found = self.query("#search")
        if found:
            return found.first(Input)
        search = Input(placeholder="search this article (Enter to find, Esc to close)", id="search")
        self.query_one("#reader").mount(search)
        return search

    def action_search(self) -> None:
        search = self._search_input()
        search.add_class("visible")
        search.value = self._query
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        self._close_search_input()
        self._run_search(event.value)

    def key_escape(self) -> None:
        list_filter = self.query_one("#list-filter", Input)
        if list_filter.has_focus:
            list_filter.value = ""
            self._view().focus()
            return
        found = self.query("#search")
        if found and found.first().has_class("visible"):
            self._close_search_input()
        elif self._query:
            self._clear_search()
            self._update_status()

    def _close_search_input(self) -> None:
        self._search_input().remove_class("visible")
        self._view().focus()

    def _clear_search(self) -> None:
        self._query = ""
        self._matches = []
        self._match_index = -1
        self._search_spans: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        self._view().refresh_spans()

    def _run_search(self, query: str) -> None:
        self._query = query.strip()
        if not self._query or not 0 <= self.current_article < len(self.paths):
            self._clear_search()
            self._update_status()
            return
        view = self._view()
        rows = view._rows
        texts: list[tuple[int, str, str]] = []
        for index, row in enumerate(rows):
            texts.append((index, "original", row.original))
            if row.translation is not None:
                texts.append((index, "translation", row.translation))
        self._matches = search_article(texts, self._query)
        self._match_index = -1
        if self._matches:
            self._step_match(1, from_current=True)
        else:
            self._paint_matches()
            self._update_status()

    def _step_match(self, step: int, from_current: bool = False) -> None:
        if not self._matches:
            if self._query:
                self.notify(f"No match for {self._query!r}", timeout=2)
            return
        current = self._view().current
        if from_current:
            candidates = [i for i, m in enumerate(self._matches) if m.paragraph >= current]
            self._match_index = candidates[0] if candidates else 0
        else:
            self._match_index = (self._match_index + step) % len(self._matches)
        match = self._matches[self._match_index]
        self._paint_matches()
        self._view().move_to(match.paragraph)
        self._update_status()

    def _paint_matches(self) -> None:
        spans: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        for i, match in enumerate(self._matches):
            name = "parallel--search-current" if i == self._match_index else "parallel--search"
            spans.setdefault((match.paragraph, match.side), []).append((match.start, match.end, name))
        self._search_spans = spans
        self._view().refresh_spans()

    def action_search_next(self) -> None:
        self._step_match(1)

    def action_search_previous(self) -> None:
        self._step_match(-1)

    # -- every article ---------------------------------------------------------------

    def action_search_all(self) -> None:
        from tui.ui.search_all import SearchAllScreen

        shown = {index: state.shown for index, state in self._columns.items()}

        def translation_for(index: int, article):  # runs in the search worker
            if index in shown:
                return shown[index]
            from tui.translation.service import best_translation
            from tui.ui.translating import _packages_dir

            try:
                return best_translation(article, "en", packages_dir=_packages_dir())
            except (OSError, sqlite3.Error):  # an unreadable cache: search the original only
                return None

        screen = SearchAllScreen(self.articles, translation_for, self.bidi, self._query)
        self.app.push_screen(screen, self._open_search_hit)

    def _open_search_hit(self, chosen) -> None:
        if chosen is None:
            return
        if chosen.article != self.current_article:
            self.open_article(chosen.article)
        self._view().move_to(chosen.paragraph)
        self._run_search(chosen.query)
