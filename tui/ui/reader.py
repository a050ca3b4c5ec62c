"""The reader screen: composes the components and routes their messages.

Each component owns its state — the article list (:mod:`~tui.ui.article_list`),
the reading area with the open article (:mod:`~tui.ui.reading`, which holds the
parallel view, translation column, claims, annotations, search and versions),
loading (:mod:`~tui.ui.loader`) and the status line. The screen passes each
what it needs (the collection, a callback for the status line) and routes the
few messages that cross between them: an article loaded, an article picked in
the list, an article opened by a jump. Keys are bound here (the article list
may have focus) and handed to the component they concern.

Start-up order matters for speed: the file names are listed and the first
article is read (cheap) before the first paint; every other article, and the
language models, are loaded by a thread worker afterwards.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer

from tui.collection import ArticleCollection
from tui.keymap import ACTIONS, Action
from tui.reading_places import ReadingPlaces
from tui.target_language import DEFAULT_TARGET
from tui.ui.article_list import ArticlePane
from tui.ui.bindings import bindings_for
from tui.ui.loader import Listed, Loaded, Loader, Named
from tui.ui.parallel import ParallelView
from tui.ui.reading import ReadingArea
from tui.ui.status import StatusLine
from tui.ui.versions_column import Versions

NARROW_BELOW = 110
"""Below this many columns the article list hides until asked for."""
CHECK_EVERY = 2.0
"""Seconds between checks that the open article's file is unchanged on disk."""
APPLY_EVERY = 0.1
"""Seconds between two takings-in of the loader's results once reading is
under way: a large folder's articles arrived hundreds a second, and each
taking-in (the list entries, the column headers, the status line) ran
between the keys of someone reading."""


class ReaderScreen(Screen[None]):
    """Original beside translation, one article at a time."""

    BINDINGS = [*bindings_for("screen"), Binding("escape", "clear_search", show=False)]
    AUTO_FOCUS = "ParallelView"

    def __init__(self, paths: list[Path], *, bidi: str = "app", target: str = DEFAULT_TARGET) -> None:
        super().__init__()
        self.collection = ArticleCollection(paths)
        self.bidi = bidi
        self.places = ReadingPlaces()
        """Where the reader was in each article, the last article, marks (a small file, read now)."""
        self.reading = ReadingArea(self.collection, self.places, bidi, target, self._say, id="reading")
        self._early: list[Loaded | Listed | Named] | None = []
        """Loader results held until the reading area's background components are mounted."""
        self._early_finish = False
        self._painted = False
        self._after_paint: list[Loaded | Listed | Named] | None = None
        """Loader results that came with the index's summaries before the first frame."""
        self._applied_at = 0.0
        """When the loader's results were last taken in (see :data:`APPLY_EVERY`)."""
        self._apply_later = False
        self.settled = asyncio.Event()
        """Set once every article is loaded, its language detected and versions grouped."""

    @property
    def actions(self) -> tuple[Action, ...]:
        from tui.keymap import apply_keymap

        return apply_keymap(ACTIONS, getattr(self.app, "keymap_overrides", {}))

    @property
    def view(self) -> ParallelView:
        return self.reading.view

    @property
    def current_article(self) -> int:
        return self.reading.current

    def compose(self) -> ComposeResult:
        self.set_class(self.app.size.width < NARROW_BELOW, "narrow")  # before the first style pass
        with Horizontal(id="body"):
            yield ArticlePane(self.collection, self.bidi, id="list-pane")
            yield self.reading
        yield StatusLine(id="status")
        yield Footer()
        # Composed now (invisible, nothing to lay out): its worker starts at
        # mount (see on_mount); mounting it after the first paint cost ~0.1 s
        # and a footer recompose.
        yield Loader()

    def on_mount(self) -> None:
        self.query_one(ArticlePane).refresh_all()
        if not self.collection.paths:
            self._say("No articles: give tandem files or folders of text.")
            self.settled.set()
            self._start_background()
            return
        from tui.loading import load_article

        # The article last open in this folder, else the first; read without
        # boilerplate rules: they load after the first paint (see after_first_paint).
        first = self.places.last(self.collection.paths) or 0
        self.collection.store(first, load_article(self.collection.paths[first], boilerplate=False))
        self.open_article(first)
        # The loader asks the corpus index what it knows while the first frame
        # is made (its thread waits on SQLite and the disk, little on the GIL),
        # so a folder opened before shows every title and language at once or
        # moments later; it reads nothing more until they are painted.
        self._start_background()

    def after_first_paint(self) -> None:
        """Called by the app once the first frame is on the terminal (Ready): claim
        rules, packages, the other articles and the language models load now."""
        self._painted = True
        if self._after_paint is not None:  # the index's summaries came before the first frame
            items, self._after_paint = self._after_paint, None
            self.call_later(self._start_reading_background, items)

    def _start_background(self) -> None:
        loader = self.query_one(Loader)
        # The loader starts first: what the corpus index knows (every title and
        # language of a folder opened before) is painted before the reading
        # area's own background work starts (see _loaded). The first article
        # was read without boilerplate rules: the loader takes it again first.
        first = self.reading.current
        loader.start(self.collection, first)

    async def _start_reading_background(self, items: list[Loaded | Listed | Named]) -> None:
        self.query_one(Loader).listed_shown()  # the frame with what the index knew is painted
        await self.reading.start_background()
        self._early, early = None, [*items, *(self._early or [])]
        self._apply(early)
        self.set_interval(CHECK_EVERY, self._check_on_disk)
        if self._early_finish:
            self.reading.versions.start()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")
        self.reading.update_headers()

    def _say(self, message: str) -> None:
        self.query_one(StatusLine).say(message)

    def open_article(self, index: int) -> None:
        """Show article ``index`` (reading it now if the worker has not yet)."""
        self.reading.open(index)

    # -- messages that cross between components --------------------------------------

    @on(Loader.Progressed)
    def _loaded(self) -> None:
        if self._early is None:  # reading on: results are taken in at most every APPLY_EVERY
            wait = self._applied_at + APPLY_EVERY - time.monotonic()
            if wait > 0:
                if not self._apply_later:
                    self._apply_later = True
                    self.set_timer(wait, self._loaded_later)
                return
        items = self.query_one(Loader).drain()
        if self._early is not None and not any(isinstance(item, Listed) for item in items):
            self._early.extend(items)  # the reading area's components are not mounted yet
            return
        if self._early is None:
            self._apply(items)
            return
        # What the corpus index knew (every title and language) is painted
        # first; then the reading area's background components start and the
        # articles read so far are applied (claims, translation plans).
        known = False
        for item in items:
            if isinstance(item, Listed):
                for index, summary in enumerate(item.summaries):
                    if summary is not None:
                        self.collection.summarize(index, summary)
                        known = True
        if known:  # a folder new to the index: nothing to list again (50,000 entries measured again)
            self.query_one(ArticlePane).refresh_all()
            self.reading.update_status()
        rest: list[Loaded | Listed | Named] = [i for i in items if not isinstance(i, Listed)]
        if self._painted:
            self.call_after_refresh(self._start_reading_background, rest)
        else:
            self._after_paint = rest  # the background starts after the first frame (after_first_paint)

    def _loaded_later(self) -> None:
        self._apply_later = False
        self._loaded()

    def _apply(self, items: list[Loaded | Listed | Named]) -> None:
        self._applied_at = time.monotonic()
        pane = self.query_one(ArticlePane)
        for item in items:
            if isinstance(item, Named):
                self.collection.set_short_names(item.names)
                pane.names_known()
                continue
            if isinstance(item, Listed):
                continue
            before = self.collection[item.index]
            if not item.languages and item.article is not None and item.article == before:
                continue  # read already, as it is (an article opened before the loader reached it)
            if item.article is not None:
                self.collection.store(item.index, item.article)
            if item.languages:
                self.collection.language_done(item.index)
            pane.refresh_item(item.index)
            if item.article is not None and before is not None and before.content_hash != item.article.content_hash:
                self.reading.changed_on_disk(item.index, before)  # the file changed while open
            elif item.article is not None:
                self.reading.reloaded(item.index, languages=bool(item.languages))
        self.reading.update_headers()
        self.reading.update_status()

    @on(Loader.Finished)
    def _all_loaded(self) -> None:
        if self._early is None:  # results held back by APPLY_EVERY: every one is in before what follows
            self._apply(self.query_one(Loader).drain())
        self._prepare_search()  # the loader finishes once per session
        self.query_one(ArticlePane).prepare_filter()
        if self._early is not None:  # the worker was quicker than the mounting: versions start after it
            self._early_finish = True
            return
        self.reading.versions.start()  # stories need every article and its language

    @work(thread=True, group="search-prepare", description="prepare the search of every article")
    def _prepare_search(self) -> None:
        """The first ``F``'s preparation done ahead, once the list is known
        (:func:`tui.corpus_search.prepare_search`); a cache: trouble waits for ``F``."""
        from tui.corpus_search import prepare_search

        prepare_search(self.collection.paths)

    @on(Versions.Settled)
    def _versions_settled(self) -> None:
        self.settled.set()

    @on(ReadingArea.Opened)
    def _opened(self, event: ReadingArea.Opened) -> None:
        pane = self.query_one(ArticlePane)
        pane.refresh_item(event.index)  # it may have been read just now
        pane.show_article(event.index)
        self._check_on_disk()

    def _check_on_disk(self) -> None:
        """A ``stat`` of the open article's file: changed ones are read again (the loader's)."""
        for loader in self.query(Loader):
            loader.check(self.reading.current)

    @on(ArticlePane.Done)
    def _keyboard_back(self) -> None:
        self.remove_class("show-list")  # below 110 columns the list is an overlay: off the text
        self.view.focus()

    @on(ArticlePane.Highlighted)
    @on(ArticlePane.Chosen)
    def _article_picked(self, event: ArticlePane.Highlighted | ArticlePane.Chosen) -> None:
        self.open_article(event.index)
        if isinstance(event, ArticlePane.Chosen):
            self.remove_class("show-list")
            self.view.focus()

    # -- actions (tui.keymap binds them; moving within the article is the view's own) ----

    def action_step_article(self, step: int) -> None:
        if self.collection.paths:
            self.open_article((self.reading.current + step) % len(self.collection))

    def action_switch_focus(self) -> None:
        pane = self.query_one(ArticlePane)
        to_list = not pane.list.has_focus
        self.set_class(to_list, "show-list")
        if to_list:
            self.remove_class("hide-list")  # never focus a hidden list
        self.set_focus(pane.list if to_list else self.view)  # now: the next key is for it

    def action_sort_articles(self) -> None:
        self.query_one(ArticlePane).list.cycle_sort()

    def action_toggle_list(self) -> None:
        self.toggle_class("hide-list" if not self.has_class("narrow") else "show-list")
        shown = self.has_class("show-list") if self.has_class("narrow") else not self.has_class("hide-list")
        if not shown and self.query_one(ArticlePane).has_focus_within:
            self.set_focus(self.view)  # a hidden list must not keep the keyboard (not even the next key)

    def action_filter_articles(self) -> None:
        self.add_class("show-list")
        self.remove_class("hide-list")
        self.query_one(ArticlePane).focus_filter()

    def action_toggle_bidi(self) -> None:
        self.bidi = "terminal" if self.bidi == "app" else "app"
        self.reading.set_bidi(self.bidi)
        self.query_one(ArticlePane).set_bidi(self.bidi)
        self.notify(
            f"bidi: {'tandem' if self.bidi == 'app' else 'the terminal'} reorders right-to-left text", timeout=3
        )

    def action_cycle_translation(self) -> None:
        self.reading.cycle_translation()

    def action_walk_claims(self, step: int) -> None:
        self.reading.walk_claims(step)

    def action_toggle_claims(self) -> None:
        self.reading.toggle_claims()

    def action_annotate(self) -> None:
        self.reading.annotate()

    def action_undo_note(self) -> None:
        self.reading.undo_note()

    def action_notes(self) -> None:
        self.reading.annotations.show_all(self.collection, self.bidi)

    def action_search(self) -> None:
        self.reading.search.open()

    def action_step_search(self, step: int) -> None:
        self.reading.step_search(step)

    def action_clear_search(self) -> None:
        self.reading.search.clear()

    def action_search_all(self) -> None:
        self.reading.search_all()

    def action_jump_version(self, step: int) -> None:
        self.reading.jump_version(step)

    def action_jump_back(self) -> None:
        self.reading.versions.back()

    def action_stack(self) -> None:
        self.reading.stack()

    def action_set_mark(self) -> None:
        self.reading.set_mark()

    def action_goto_mark(self) -> None:
        self.reading.goto_mark()

    def action_export_article(self) -> None:
        self.reading.export()

    def action_copy_paragraph(self) -> None:
        self.reading.copy_paragraph()

    def action_copy_to_file(self) -> None:
        self.reading.copy_paragraph(to_file=True)

    def action_help(self) -> None:
        import os

        from tui.ui.help import HelpScreen, bidi_check

        self.app.push_screen(HelpScreen(self.actions, bidi_check(self.bidi, dict(os.environ))))
