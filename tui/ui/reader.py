"""The reader screen: composes the components and routes their messages.

Each component owns its state — the article list (:mod:`~tui.ui.article_list`),
the reading pane (:mod:`~tui.ui.parallel`), the translation column
(:mod:`~tui.ui.translating`), claims (:mod:`~tui.ui.claims_column`),
annotations (:mod:`~tui.ui.annotations`), search (:mod:`~tui.ui.searching`),
versions (:mod:`~tui.ui.versions_column`), loading (:mod:`~tui.ui.loader`) —
and the screen holds only which article is open and where the reader was in
each. Components post messages; the screen answers them and passes each one
what it needs (the collection, callbacks), never another's state.

Start-up order matters for speed: the file names are listed and the first
article is read (cheap) before the first paint; every other article, and the
language models, are loaded by a thread worker afterwards.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.claims.model import Claim
from tui.collection import ArticleCollection
from tui.keymap import ACTIONS, Action
from tui.ui.annotations import Annotations
from tui.ui.article_list import ArticlePane
from tui.ui.bindings import bindings_for
from tui.ui.claims_column import ClaimSelection
from tui.ui.claims_panel import ClaimsPanel
from tui.ui.headers import ColumnHeaders
from tui.ui.loader import Loader
from tui.ui.parallel import ParallelView, Span
from tui.ui.searching import SearchBar
from tui.ui.status import StatusLine, Where, status_parts
from tui.ui.translating import Translations
from tui.ui.versions_column import Place, Versions

NARROW_BELOW = 110
"""Below this many columns the article list hides until asked for."""


class ReaderScreen(Screen[None]):
    """Original beside translation, one article at a time."""

    BINDINGS = [*bindings_for("screen"), Binding("escape", "clear_search", show=False)]
    AUTO_FOCUS = "ParallelView"

    def __init__(self, paths: list[Path], *, bidi: str = "app", target: str = "en") -> None:
        super().__init__()
        self.collection = ArticleCollection(paths)
        self.bidi = bidi
        self.current_article = -1
        self.translations = Translations(self.collection, target)
        self.versions = Versions(self.collection)
        self.annotations = Annotations()
        self.claims = ClaimSelection()
        self.search = SearchBar(id="search")
        """Mounted after the first paint: an input costs the first frame time and is not needed to read."""
        self._positions: dict[int, int] = {}
        self._counterpart_rows: frozenset[int] = frozenset()
        self._first_paint_done = False
        self.settled = asyncio.Event()
        """Set once every article is loaded, its language detected and versions grouped."""

    @property
    def actions(self) -> tuple[Action, ...]:
        from tui.keymap import apply_keymap

        return apply_keymap(ACTIONS, getattr(self.app, "keymap_overrides", {}))

    @property
    def view(self) -> ParallelView:
        return self.query_one(ParallelView)

    def compose(self) -> ComposeResult:
        self.set_class(self.app.size.width < NARROW_BELOW, "narrow")  # before the first style pass
        with Horizontal(id="body"):
            yield ArticlePane(self.collection, self.bidi, id="list-pane")
            with Vertical(id="reader"):
                yield ColumnHeaders(id="headers")
                yield Static(id="versions")
                yield ParallelView(bidi=self.bidi, id="parallel")
            yield ClaimsPanel(id="claims")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        # A callback, not a message: the status line must change in the same frame as the text.
        self.view.set_current_listener(self._current_changed)
        self.view.set_span_provider(self.spans_for)
        self.query_one(ClaimsPanel).set_notes(self.annotations.for_claim)
        self.query_one(ClaimsPanel).set_corroboration(self.versions.corroboration)
        self.query_one(ArticlePane).refresh_all()
        if not self.collection.paths:
            self.query_one(StatusLine).say("No articles: give tandem files or folders of text.")
            self.settled.set()
            return
        from tui.loading import load_article

        # Without boilerplate rules: they load after the first paint (see after_first_paint).
        self.collection.store(0, load_article(self.collection.paths[0], boilerplate=False))
        self.open_article(0)

    def after_first_paint(self) -> None:
        """Called by the app once the first frame is on the terminal (Ready): claim
        rules, SQLite, packages, the other articles and the language models load now."""
        self.call_later(self._start_background)

    async def _start_background(self) -> None:
        # The workers' owners and the search box are mounted only now: each
        # widget mounted before the first frame delays it (bench/cold_start.py).
        # Until then they are plain objects (the first frame asks the translation
        # column for the reference translation, which needs no mounting).
        loader = Loader()
        await self.mount_all([loader, self.translations, self.versions, self.annotations])
        await self.query_one("#reader").mount(self.search)
        self._first_paint_done = True
        if self.current_article >= 0:
            self._after_open(self.current_article)
        # Article 0 was read without boilerplate rules: the loader flags it first.
        loader.start(self.collection, self.current_article, 0 if self.collection.paths else None)

    def _after_open(self, index: int) -> None:
        if index == self.current_article:
            self.annotations.load(self.collection[index])
            self.translations.plan(index, self._visible())

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")
        self._update_headers()

    def _visible(self) -> list[int]:
        return list(range(self.view.current, min(self.view.current + 12, self.view.row_count)))

    def _here(self) -> Place | None:
        article = self.collection[self.current_article] if self.current_article >= 0 else None
        return Place(self.current_article, self.view.current) if article is not None and article.ok else None

    # -- messages from the components ------------------------------------------------

    @on(Loader.Progressed)
    def _loaded(self) -> None:
        pane = self.query_one(ArticlePane)
        for item in self.query_one(Loader).drain():
            if item.article is not None:
                self.collection.store(item.index, item.article)
            if item.languages:
                self.collection.language_done(item.index)
            pane.refresh_item(item.index)
            if item.index == self.current_article and item.article is not None:
                if item.languages:  # languages decide claims and the translation route
                    self.translations.plan(item.index, self._visible())
                else:  # read again (boilerplate flagged): rows dim, claims follow
                    self.view.update_rows(self.translations.rows(item.index))
                    self._reset_claims()
        self._update_headers()
        self._update_status()

    @on(Loader.Finished)
    def _all_loaded(self) -> None:
        self.versions.start()  # stories need every article and its language

    @on(Versions.Built)
    @on(Versions.Progress)
    def _versions_changed(self) -> None:
        self._update_strip()
        self.query_one(ClaimsPanel).refit_if_shown()

    @on(Versions.Settled)
    def _versions_settled(self) -> None:
        self._update_strip()
        self.settled.set()

    @on(Versions.Go)
    def _go(self, event: Versions.Go) -> None:
        self.open_article(event.to.article)
        self.view.move_to(event.to.paragraph)
        self._counterpart_rows = event.rows
        self.view.set_row_highlight(set(event.rows))
        self._update_strip()

    @on(Translations.Changed)
    def _translation_changed(self, event: Translations.Changed) -> None:
        if event.article == self.current_article:
            self.view.update_rows(self.translations.rows(event.article))
            self._reset_claims()
            self._update_headers()

    @on(Translations.Arrived)
    def _translation_arrived(self, event: Translations.Arrived) -> None:
        if event.article == self.current_article:
            self.view.update_row(event.item.index, self.translations.rows(event.article)[event.item.index])

    @on(Translations.Progress)
    def _translation_progress(self, event: Translations.Progress) -> None:
        if event.article == self.current_article:
            self._update_headers()

    @on(Annotations.Changed)
    def _annotations_changed(self) -> None:
        self.view.set_marks(self.annotations.marks())
        self.query_one(ClaimsPanel).refit_if_shown()
        self._update_status()

    @on(Annotations.Chosen)
    def _annotation_chosen(self, event: Annotations.Chosen) -> None:
        placed, attachment = event.placed, event.placed.attachment
        index = self.collection.find(placed.article.content_hash, placed.article.path) if placed.article else None
        if index is None:
            self.notify(f"{placed.annotation.article_id} is not open in this session", severity="warning")
            return
        self.open_article(index)
        if attachment.paragraph is None:
            self.notify("This annotation is orphaned: its text is gone", severity="warning")
            return
        self.view.move_to(attachment.paragraph)
        if attachment.start is not None and attachment.end is not None:
            self.select_claim(self.claims.find(attachment.paragraph, attachment.start, attachment.end))

    @on(ClaimsPanel.Chosen)
    def _claim_chosen(self, event: ClaimsPanel.Chosen) -> None:
        self.select_claim(event.claim)
        self.view.focus()

    @on(SearchBar.Run)
    def _search_run(self, event: SearchBar.Run) -> None:
        self.search.run(event.query, self.view.rows, self.view.current)

    @on(SearchBar.Found)
    def _search_found(self, event: SearchBar.Found) -> None:
        self.view.move_to(event.paragraph)

    @on(SearchBar.Updated)
    def _search_updated(self) -> None:
        self.view.refresh_spans()
        self._update_status()

    @on(SearchBar.Closed)
    @on(ArticlePane.Done)
    def _keyboard_back(self) -> None:
        self.view.focus()

    @on(ArticlePane.Highlighted)
    @on(ArticlePane.Chosen)
    def _article_picked(self, event: ArticlePane.Highlighted | ArticlePane.Chosen) -> None:
        self.open_article(event.index)
        if isinstance(event, ArticlePane.Chosen):
            self.view.focus()

    # -- the article ----------------------------------------------------------------

    def open_article(self, index: int) -> None:
        """Show article ``index`` (reading it now if the worker has not yet)."""
        if not 0 <= index < len(self.collection) or index == self.current_article:
            return
        if self.current_article >= 0:
            self._positions[self.current_article] = self.view.current
        article = self.collection[index]
        if article is None:
            from tui.loading import load_article

            article = load_article(self.collection.paths[index])
            self.collection.store(index, article)
            self.query_one(ArticlePane).refresh_item(index)
        self.translations.yield_to(index)  # the old article's machine translation yields to this one's
        self.current_article = index
        self.query_one(ArticlePane).show_article(index)
        self.search.clear()
        # Highlights, annotations and machine translation follow the text: the
        # text is painted first (and at start-up, after the first frame).
        self.claims.clear()
        self.annotations.clear()
        self.view.set_marks({})
        self.view.show(article, self.translations.rows(index), current=self._positions.get(index, 0))
        if self._first_paint_done:
            self.call_after_refresh(self._after_open, index)
        self._update_headers()
        self._update_status()

    def _reset_claims(self) -> None:
        translation = self.translations.translation(self.current_article)

        def translated(index: int) -> str | None:
            found = translation.get(index) if translation else None
            return found.text if found else None

        self.claims.reset(self.collection[self.current_article], translated)
        self.query_one(ClaimsPanel).show_claims(self.claims.claims, self.bidi, only_if_shown=True)
        self.view.refresh_spans()

    def spans_for(self, index: int, side: str) -> list[Span]:
        """Highlights for one row side: claims, annotations, then search hits on top."""
        spans = self.claims.spans(index, side)
        if side == "original":
            spans.extend(self.annotations.spans(index))
        spans.extend(self.search.spans(index, side))
        return spans

    def select_claim(self, claim: Claim | None) -> None:
        """Make ``claim`` the selected one and show its paragraph."""
        self.claims.select(claim)
        if claim is not None:
            self.view.move_to(claim.paragraph)
        self.view.refresh_spans()
        self.query_one(ClaimsPanel).select(claim)
        self._update_status()

    def _current_changed(self, index: int) -> None:
        """The view's current paragraph changed (any cause): same-frame updates."""
        if self._counterpart_rows and index not in self._counterpart_rows:
            self._counterpart_rows = frozenset()
            self.view.set_row_highlight(set())
        if self.claims.moved_to(index):
            self.view.refresh_spans()
        self._update_status()
        self._update_strip()

    def _update_headers(self) -> None:
        if self.current_article >= 0:
            width = self.view.size.width or self.app.size.width
            header = self.translations.header(self.current_article)
            self.query_one(ColumnHeaders).show(self.collection, self.current_article, header, width)

    def _update_status(self) -> None:
        if self.current_article < 0:
            return
        paragraph = self.view.current
        claim = self.claims.on_paragraph(paragraph)
        note = (self.annotations.for_claim(claim) if claim else None) or self.annotations.for_paragraph(paragraph)
        where = Where(self.current_article, paragraph, claim, note, self.search.status(), self.bidi)
        self.query_one(StatusLine).say(" · ".join(status_parts(self.collection, where)))

    def _update_strip(self) -> None:
        self.query_one("#versions", Static).update(self.versions.strip(self._here()))

    # -- actions (tui.keymap binds them; moving within the article is the view's own) ----

    def action_step_article(self, step: int) -> None:
        if self.collection.paths:
            self.open_article((self.current_article + step) % len(self.collection))

    def action_switch_focus(self) -> None:
        pane = self.query_one(ArticlePane)
        self.set_class(not pane.list.has_focus, "show-list")
        (self.view if pane.list.has_focus else pane.list).focus()

    def action_toggle_list(self) -> None:
        self.toggle_class("hide-list" if not self.has_class("narrow") else "show-list")

    def action_filter_articles(self) -> None:
        self.add_class("show-list")
        self.remove_class("hide-list")
        self.query_one(ArticlePane).focus_filter()

    def action_toggle_bidi(self) -> None:
        self.bidi = "terminal" if self.bidi == "app" else "app"
        self.view.set_bidi(self.bidi)
        self.query_one(ArticlePane).set_bidi(self.bidi)
        self._update_status()
        self.notify(
            f"bidi: {'tandem' if self.bidi == 'app' else 'the terminal'} reorders right-to-left text", timeout=3
        )

    def action_cycle_translation(self) -> None:
        if self.current_article >= 0:
            self.notify(self.translations.cycle(self.current_article, self._visible()), timeout=3)

    def action_walk_claims(self, step: int) -> None:
        found = self.claims.walk(self.view.current, step)
        if found is not None:
            self.select_claim(found)
        elif self.claims.claims is not None:
            self.notify("No more claims in this direction", timeout=2)

    def action_toggle_claims(self) -> None:
        if self.query_one(ClaimsPanel).toggle(self.claims.claims, self.claims.selected, self.bidi):
            self.view.focus()

    def action_annotate(self) -> None:
        here = self._here()
        article = self.collection[here.article] if here is not None else None
        if here is not None and article is not None and article.paragraphs:
            claim = self.claims.on_paragraph(here.paragraph)
            self.annotations.annotate(article, here.paragraph, claim, self.bidi)

    def action_undo_note(self) -> None:
        self.annotations.undo(self.collection[self.current_article] if self.current_article >= 0 else None)

    def action_notes(self) -> None:
        self.annotations.show_all(self.collection, self.bidi)

    def action_search(self) -> None:
        self.search.open()

    def action_step_search(self, step: int) -> None:
        message = self.search.step(step)
        if message:
            self.notify(message, timeout=2)

    def action_clear_search(self) -> None:
        self.search.clear()

    def action_search_all(self) -> None:
        from tui.ui.search_all import Chosen, search_all_screen

        def chosen(hit: Chosen | None) -> None:
            if hit is not None:
                self.open_article(hit.article)
                self.view.move_to(hit.paragraph)
                self.search.run(hit.query, self.view.rows, self.view.current)

        shown, target = self.translations.shown(), self.translations.target
        query = self.search.search_query
        self.app.push_screen(search_all_screen(self.collection, shown, target, self.bidi, query), chosen)

    def action_jump_version(self, step: int) -> None:
        here = self._here()
        if here is not None:
            self.versions.jump(here, step)

    def action_jump_back(self) -> None:
        self.versions.back()

    def action_stack(self) -> None:
        here = self._here()
        if here is not None:
            self.versions.show_stack(here, self.translations.translation, self.bidi)

    def action_copy_paragraph(self) -> None:
        """The current paragraph, its translation and where both came from, to
        the clipboard (OSC 52: works over SSH in terminals that allow it)."""
        here = self._here()
        article = self.collection[here.article] if here is not None else None
        if here is not None and article is not None and article.paragraphs:
            from tui.citation import paragraph_citation

            translation = self.translations.translation(here.article)
            self.app.copy_to_clipboard(paragraph_citation(article, here.paragraph, translation))
            self.notify(f"Copied ¶{here.paragraph + 1} with its translation and source (OSC 52)", timeout=3)

    def action_help(self) -> None:
        import os

        from tui.ui.help import HelpScreen, bidi_check

        self.app.push_screen(HelpScreen(self.actions, bidi_check(self.bidi, dict(os.environ))))
