"""Search every article: "which reports mention Tumangang, and where?".

The originals and the English translation each article would show (the one
on screen for articles already opened, else the cached machine translation or
the bundled reference; never a model) are searched in a thread worker, so a
large folder stays responsive; results arrive in batches, one entry per match,
with the words around it. Enter opens the article at that paragraph with the
query as the in-article search, so ``n``/``N`` go on from there.

The screen opens with the keyboard in the query (a
:class:`~tui.ui.line_editor.LineEditor`, so Arabic and Persian are drawn
shaped, right to left, as typed); the last query is shown selected, so typing
replaces it. Letters typed while the results have the keyboard go to the query
too. Results of an earlier query still on their way are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui.article import Article
from tui.collection import ArticleCollection
from tui.inert import inert
from tui.search import Hit, Match, snippet
from tui.target_language import DEFAULT_TARGET
from tui.translated import ArticleTranslation
from tui.ui.display import one_line
from tui.ui.fitted_list import LineList
from tui.ui.line_editor import LineEditor

if TYPE_CHECKING:
    from tui.corpus_search import CorpusHit
    from tui.fulltext import TextHit

MAX_HITS = 2000
"""More matches than anyone reads one by one: the rest is not fetched."""
ENTRY_LINES = 2
"""Lines of a result: where it is, then the words around the match."""
PAGE_ARTICLES = 50
"""Articles per page fetched from the full-text index (the first page is on screen at once)."""


@dataclass(frozen=True, slots=True)
class Chosen:
    """Where to go: article index, paragraph, and the query to keep searching."""

    article: int
    paragraph: int
    query: str


class SearchAllScreen(Screen[Chosen | None]):
    """A query box, a summary line and the matches of every article."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("slash", "focus_query", "New search"),
    ]

    DEFAULT_CSS = """
    #search-all-query { dock: top; height: 3; border: tall $accent; }
    #search-all-hits { height: 1fr; }
    #search-all-summary { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(
        self,
        articles: Sequence[Article | None],
        paths: tuple[Path, ...],
        translation_for: Callable[[int, Article], ArticleTranslation | None],
        bidi: str,
        query: str = "",
        names: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._articles = list(articles)
        self._paths = paths
        """The articles' paths, in the same order (the collection's tuple, kept
        for the session, so each ``F`` reuses its :class:`~tui.corpus_search.SearchScope`)."""
        self._names = list(names)
        """Each article's short name (:meth:`ArticleCollection.short_name`); its id when not given."""
        self._translation_for = translation_for
        self._bidi = bidi
        self._query = query
        self._started = 0.0
        """When the current search started: results sent before belong to an earlier query."""

    def compose(self) -> ComposeResult:
        yield LineEditor(
            self._query,
            placeholder="search every article (original and translation), Enter",
            bidi=self._bidi,
            opener="/",
            id="search-all-query",
        )
        yield Static(id="search-all-summary")
        yield LineList(self._describe, lines=ENTRY_LINES, id="search-all-hits")
        yield Footer()

    def on_mount(self) -> None:
        editor = self._editor()
        editor.take_keyboard()
        if self._query:
            editor.select_all()
            self._start(self._query, False)  # the search prepares what it needs itself
        else:
            self._prepare()  # while the query is typed
            self._summary("Type a word or phrase and press Enter; case and diacritics are ignored.")

    # -- searching ------------------------------------------------------------------

    @on(LineEditor.Submitted, "#search-all-query")
    def _submitted(self, event: LineEditor.Submitted) -> None:
        self._start(event.value)

    def _start(self, query: str, focus_results: bool = True) -> None:
        from textual._time import get_time

        self._query = query.strip()
        self._started = get_time()
        self.workers.cancel_group(self, "search-all")
        self._list().set_items([])
        if not self._query:
            self._summary("Nothing to search for: type a word or phrase and press Enter.")
            return
        self._summary(f"searching {len(self._articles)} articles…")
        if focus_results:
            self._list().focus()
        self._search(self._query)

    @work(thread=True, group="search-prepare", description="prepare the folder's search")
    def _prepare(self) -> None:
        """While the query is typed: the folder's scope keyed for the index
        (tens of milliseconds for 50,000 articles, once per session), the
        index opened for searching (:func:`tui.corpus_search.prepare_search`)."""
        from tui.corpus_search import prepare_search

        prepare_search(self._paths)

    @work(thread=True, exclusive=True, group="search-all", description="search every article")
    def _search(self, query: str) -> None:
        """The full-text index (:class:`tui.corpus_search.FolderSearch`, as
        ``tandem search``): the first page at once from the index as it is,
        the ranked articles a page at a time, each article's matching
        paragraphs one entry each; then the translations the index does not
        have yet are indexed and, if there were any, the list is redone."""
        import sqlite3

        from tui.corpus_search import FolderSearch, SearchScope, forget_search_index, search_index
        from tui.fulltext import QueryError

        worker = get_current_worker()
        unread = sum(1 for a in self._articles if a is None)
        scope = SearchScope.of(self._paths)
        source = self._translation_for
        found = articles_hit = 0
        index = search_index()
        folder = FolderSearch(
            index,
            scope,
            self._articles,
            source,
            source.target if isinstance(source, TranslationSource) else DEFAULT_TARGET,
            frozenset(source.shown) if isinstance(source, TranslationSource) else frozenset(),
            page_articles=PAGE_ARTICLES,
            max_hits=MAX_HITS,
            cancelled=lambda: worker.is_cancelled,
        )
        try:
            for page in folder.pages(query):
                if page.fresh:
                    found = articles_hit = 0
                groups = page.result.articles
                # A round's first screenful goes alone: each entry costs the
                # screen a millisecond or more to lay out.
                parts = _first_screenful(groups) if page.fresh else [groups]
                parts = [chunk for part in parts for chunk in _chunks(part)]
                for n, part in enumerate(parts, 1):
                    batch = [
                        Hit(group.position, Match(hit.paragraph, hit.side, *_first_span(hit)), hit.text)
                        for group in part
                        for hit in group.hits
                    ]
                    found += len(batch)
                    articles_hit += len(part)
                    if worker.is_cancelled:
                        return
                    kept = batch[: max(0, MAX_HITS - found + len(batch))]
                    done = page.last and n == len(parts)
                    self.post_message(self.Found(kept, found, articles_hit, unread, done, fresh=n == 1 and page.fresh))
        except QueryError as exc:
            self.post_message(self.Found([], 0, 0, unread, True, str(exc)))
        except sqlite3.Error as exc:  # a cache: say so, and open it afresh next time
            forget_search_index()
            self.post_message(self.Found([], 0, 0, unread, True, f"the corpus index could not be searched ({exc})"))

    @dataclass
    class Found(Message):
        """From the worker: more hits, and the counts so far."""

        hits: list[Hit]
        found: int
        articles: int
        unread: int
        done: bool
        problem: str = ""
        """Why nothing could be searched (a query without words)."""
        fresh: bool = False
        """These hits replace the ones listed (a new round, after translations were indexed)."""

    @on(Found)
    def _add(self, event: Found) -> None:
        if event.time < self._started:
            return  # an earlier query's results, sent before it was cancelled
        hits, found, articles, unread, done = event.hits, event.found, event.articles, event.unread, event.done
        if event.fresh and self._list().items:
            self._list().set_items(hits, keep_highlight=True)
        else:
            self._list().add_items(hits)
        if event.problem:
            self._summary(event.problem)
            return
        if done and not found:
            shown = one_line(
                self._query, max(8, self._list().cells() - 16), self._bidi
            )  # an Arabic query reads right to left
            self._list().set_items([], note=f"No match for '{shown}'.")
        text = f"{found} matches in {articles} of {len(self._articles)} articles"
        if found > MAX_HITS:
            text += f" (first {MAX_HITS} listed)"
        if unread:
            text += f" · {unread} not read yet, not searched"
        if not done:
            text += " · searching…"
        self._summary(text)

    # -- showing -------------------------------------------------------------------

    def _describe(self, hit: Hit, cells: int) -> Text:
        """Where (language, article, paragraph, side), then the words around the
        match: :data:`ENTRY_LINES` lines (the words are as many as fit one line)."""
        from rich.cells import cell_len

        from tui.rtl import layout, styled_ranges

        article = self._articles[hit.article]
        language = (article.language if article is not None else None) or "??"
        if hit.article < len(self._names):
            name = self._names[hit.article]
        else:
            name = article.id if article is not None else "?"
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{language:<3}", style="bold")
        text.append(one_line(f"{name} ¶{hit.match.paragraph + 1}", max(8, cells - 18), self._bidi))
        text.append(f"  {hit.match.side}", style="dim")
        room = max(8, cells - 4)
        chars = room
        shown = inert(hit.text)
        while True:  # characters are cells, but for wide letters: fewer then
            around, start, end = snippet(shown, hit.match.start, hit.match.end, chars)
            over = cell_len(around) - room
            if over <= 0 or chars <= 8:
                break
            chars = max(8, chars - over)
        around = around.replace("\n", " ")
        for line in layout(around, room, mode=self._bidi)[: ENTRY_LINES - 1]:  # type: ignore[arg-type]
            text.append("\n    ")
            for piece, styles in styled_ranges(line, [(start, end, "hit")]):
                text.append(piece, style="reverse bold" if styles else "")
        return text

    def _list(self) -> LineList[Hit]:
        return self.query_one("#search-all-hits", LineList)

    def _summary(self, text: str) -> None:
        self.query_one("#search-all-summary", Static).update(Text(inert(text)))

    # -- leaving -------------------------------------------------------------------

    @on(LineList.Selected, "#search-all-hits")
    def _chosen(self, event: LineList.Selected) -> None:
        hit = self._list().items[event.index]
        self.workers.cancel_group(self, "search-all")
        self.dismiss(Chosen(hit.article, hit.match.paragraph, self._query))

    def _editor(self) -> LineEditor:
        return self.query_one("#search-all-query", LineEditor)

    def on_key(self, event: events.Key) -> None:
        """A letter typed while the results have the keyboard goes to the query."""
        editor = self._editor()
        if editor.has_focus or not event.is_printable or not event.character or event.character == "/":
            return
        event.stop()
        event.prevent_default()
        editor.take_keyboard()
        editor.insert(event.character)

    def action_focus_query(self) -> None:
        self._editor().focus()

    def action_close(self) -> None:
        self.workers.cancel_group(self, "search-all")
        self.dismiss(None)


def search_all_screen(
    collection: ArticleCollection,
    shown: Mapping[int, ArticleTranslation | None],
    target: str,
    bidi: str,
    query: str,
) -> SearchAllScreen:
    """The screen for the reader's ``F``: articles opened are searched in the
    translation they show (``shown``), the others in the one ``tandem search``
    uses (:func:`tui.corpus_search.search_translation`)."""
    from tui.ui.translating import packages_dir

    names = [collection.short_name(i) for i in range(len(collection))]
    source = TranslationSource(dict(shown), target, packages_dir())
    return SearchAllScreen(list(collection), collection.paths, source, bidi, query, names)


@dataclass(frozen=True)
class TranslationSource:
    """The translation ``F`` searches for an article (called in the search
    worker): the one on screen for articles opened (``shown``), else the one
    ``tandem search`` uses (:func:`tui.corpus_search.search_translation`)."""

    shown: Mapping[int, ArticleTranslation | None]
    target: str
    packages_dir: str | None

    def __call__(self, index: int, article: Article) -> ArticleTranslation | None:
        from tui.corpus_search import search_translation

        if index in self.shown:
            return self.shown[index]
        return search_translation(article, self.target, packages_dir=self.packages_dir)


FIRST_ENTRIES = 16
"""Entries in the first message of a round: more than a 24-row screen shows."""


def _first_screenful(groups: Sequence[CorpusHit]) -> list[Sequence[CorpusHit]]:
    """``groups`` cut after the article that brings the entries to :data:`FIRST_ENTRIES`."""
    entries = 0
    for n, group in enumerate(groups, 1):
        entries += len(group.hits)
        if entries >= FIRST_ENTRIES and n < len(groups):
            return [groups[:n], groups[n:]]
    return [groups]


MESSAGE_ENTRIES = 64
"""Entries per message at most: pages grow (see :class:`~tui.corpus_search.FolderSearch`),
and the screen lays out a message's entries in one go."""


def _chunks(groups: Sequence[CorpusHit]) -> list[Sequence[CorpusHit]]:
    """``groups`` in runs of about :data:`MESSAGE_ENTRIES` entries (whole articles)."""
    chunks: list[Sequence[CorpusHit]] = []
    start = entries = 0
    for n, group in enumerate(groups, 1):
        entries += len(group.hits)
        if entries >= MESSAGE_ENTRIES:
            chunks.append(groups[start:n])
            start, entries = n, 0
    if start < len(groups) or not chunks:
        chunks.append(groups[start:])
    return chunks


def _first_span(hit: TextHit) -> tuple[int, int]:
    spans = hit.spans
    return spans[0] if spans else (0, 0)
