"""The reading area: the open article, with everything shown about it.

It owns which article is open and where the reader was in each, and composes
what describes that article: the column headers, the versions strip, the
parallel view (:mod:`~tui.ui.parallel`), the claims panel and the search bar.
The components that work for the open article — the translation column
(:mod:`~tui.ui.translating`), annotations (:mod:`~tui.ui.annotations`),
versions (:mod:`~tui.ui.versions_column`) — are mounted inside it, so their
messages reach it first; it answers them and lets them bubble on (the screen
waits for :class:`~tui.ui.versions_column.Versions.Settled`).

The screen keeps the article list, the loader and the status line. It tells
this widget when an article is (re)loaded; this widget tells the screen which
article it opened (:class:`ReadingArea.Opened`), and writes the status line
through the ``say`` callback it was given: a callback, not a message, because
the status must change in the same frame as the text (a message is handled a
frame later). The view's current-row listener is a callback for the same
reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from tui.article import Article
from tui.claims.model import Claim
from tui.collection import ArticleCollection
from tui.reading_places import ReadingPlaces, Snapshot
from tui.target_language import TranslatedTexts
from tui.ui.annotations import Annotations
from tui.ui.claims_column import ClaimSelection
from tui.ui.claims_panel import ClaimsPanel
from tui.ui.copying import Copier
from tui.ui.headers import ColumnHeaders
from tui.ui.parallel import Columns, ParallelView, Span
from tui.ui.searching import SearchBar
from tui.ui.status import Where, status_parts
from tui.ui.translating import Translations
from tui.ui.versions_column import Place, Versions

SAVE_AFTER = 1.0
"""Seconds after the last move between articles before the reading places are written."""
if TYPE_CHECKING:
    from tui.article_claims import ArticleClaims
    from tui.notes.placing import Placed
    from tui.translated import ArticleTranslation

VISIBLE_ROWS = 12
"""Paragraphs from the current one that the translation worker does first."""


class ReadingArea(Horizontal):
    """Original beside translation for the open article, its claims panel and search."""

    class Opened(Message):
        """Article ``index`` is now the one shown (by any cause: list, jump, note, search)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    @dataclass
    class Read(Message):
        """Article ``index``, opened before the loader reached it, has been read."""

        index: int
        article: Article

    @dataclass
    class PlacesNotSaved(Message):
        """From the thread writing the reading places: they could not be written."""

        error: OSError

    def __init__(
        self,
        collection: ArticleCollection,
        places: ReadingPlaces,
        bidi: str,
        target: str,
        say: Callable[[str], None],
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.collection = collection
        self.places = places
        """Where the reader was, kept across restarts (:mod:`tui.reading_places`)."""
        self._save_timer: Timer | None = None
        self._save_failed = False
        self.bidi = bidi
        self._say = say
        self.current = -1
        """The open article's index in the collection (-1: none yet)."""
        self.translations = Translations(collection, target)
        self.versions = Versions(collection)
        self.annotations = Annotations()
        self.copier = Copier()
        self.claims = ClaimSelection()
        self.search = SearchBar(id="search", bidi=bidi)
        """Mounted after the first paint: an input costs the first frame time and is not needed to read."""
        self._positions: dict[int, int] = {}
        self._counterpart_rows: frozenset[int] = frozenset()
        self._view = ParallelView(bidi=bidi, id="parallel")
        self._panel = ClaimsPanel(id="claims")
        """Held here as well as mounted: the places are saved on unmount, after the children are gone."""
        self._working = False
        """Whether the components that work in the background are mounted (after the first paint)."""
        self._reading: int | None = None
        """The article shown as "reading…": opened before the loader had read it."""

    @property
    def view(self) -> ParallelView:
        return self._view

    @property
    def panel(self) -> ClaimsPanel:
        return self._panel

    def compose(self) -> ComposeResult:
        with Vertical(id="reader"):
            yield ColumnHeaders(id="headers")
            yield Static(id="versions")
            yield self._view
        yield self._panel

    def on_mount(self) -> None:
        self.view.set_columns(columns_from(self.places.columns()))
        self.view.set_current_listener(self._current_changed)
        self.view.set_span_provider(self.spans_for)
        self.panel.set_notes(self.annotations.for_claim)
        self.panel.set_corroboration(self.versions.corroboration, self.collection.name_of)

    async def start_background(self) -> None:
        """After the first paint: mount the workers' owners and the search box
        (each widget mounted before the first frame delays it: bench/cold_start.py).
        Until then they are plain objects (the first frame asks the translation
        column for the reference translation, which needs no mounting)."""
        if not self.is_attached:
            return  # the reader was closed before its first frame settled (q typed ahead)
        await self.mount_all([self.translations, self.versions, self.annotations, self.copier])
        reader = self.query_one("#reader")
        if not reader.is_attached:
            return
        await reader.mount(self.search)
        self._working = True
        if self.current >= 0:
            self._after_open(self.current)

    def _after_open(self, index: int) -> None:
        if self._showing(index):
            self.annotations.load(self.collection[index])
            self.translations.plan(index, self.visible_rows())
            self._offer_human()

    def _offer_human(self) -> None:
        """A version of this article in the target language that the versions
        index aligned as a translation is offered by ``t``, and preferred."""
        if self.current >= 0 and self._working:
            found = self.versions.human_translations(self.current, self.translations.target)
            self.translations.offer_human(self.current, found, self.visible_rows())

    def visible_rows(self) -> list[int]:
        return list(range(self.view.current, min(self.view.current + VISIBLE_ROWS, self.view.row_count)))

    def here(self) -> Place | None:
        """The open article and paragraph, if the article could be read."""
        article = self.collection[self.current] if self.current >= 0 else None
        return Place(self.current, self.view.current) if article is not None and article.ok else None

    # -- opening -------------------------------------------------------------------

    def open(self, index: int, paragraph: int | None = None) -> None:
        """Show article ``index`` (reading it now if the loader has not yet),
        at ``paragraph`` or where the reader last was in it."""
        if 0 <= index < len(self.collection) and index != self.current:
            self._open(index)
        if paragraph is not None and index == self.current:
            self.view.move_to(paragraph)

    def _open(self, index: int) -> None:
        self._leave()
        self._reading = None
        article = self.collection[index]
        if article is None:
            self._open_unread(index)
            return
        start = self._positions.get(index)
        if start is None:
            start = self.places.paragraph(article) or 0
        self.places.remember_last(self.collection.paths, article.path)
        self._save_soon()
        self.translations.yield_to(index)  # the old article's machine translation yields to this one's
        self._become_current(index)
        self.view.show(article, self.translations.rows(index), current=start, only=self._only_side())
        if self._working:
            self.call_after_refresh(self._after_open, index)
        self.update_headers()  # the status line and strip followed view.show (the current-row listener)

    def _become_current(self, index: int) -> None:
        """Article ``index`` is the open one: what belonged to the last one is cleared.
        Highlights, annotations and machine translation follow the text: the
        text is painted first (and at start-up, after the first frame)."""
        self.current = index
        self.post_message(self.Opened(index))
        self.search.clear()
        self.claims.clear()
        self.annotations.clear()
        self.view.set_marks({})

    def _open_unread(self, index: int) -> None:
        """Open an article the loader has not read yet: the headers say "reading…"
        at once and a thread reads it (a file at the size limit took seconds to
        read and segment on the event loop, the keyboard deaf meanwhile);
        :meth:`_read` shows it when it is there."""
        path = self.collection.paths[index]
        self._reading = index
        self._become_current(index)
        self.view.show(Article(id=path.stem, path=path), [])  # nothing yet: no row pretends to be the text
        self.update_headers()
        self._read_in_background(index)

    @work(thread=True, group="read", description="read an article opened before the loader reached it")
    def _read_in_background(self, index: int) -> None:
        from tui.loading import load_article

        self.post_message(self.Read(index, load_article(self.collection.paths[index])))

    @on(Read)
    def _read(self, event: Read) -> None:
        event.stop()
        if self.collection[event.index] is None:
            self.collection.store(event.index, event.article)
        self._show_if_reading(event.index)

    def _show_if_reading(self, index: int) -> None:
        """Show article ``index`` if the reader is waiting for it (:meth:`_open_unread`)."""
        if index == self._reading and index == self.current and self.collection[index] is not None:
            self.current = -1
            self._open(index)

    def _leave(self) -> None:
        """Remember where the reader is in the open article (this session and the next)."""
        article = self.collection[self.current] if self.current >= 0 else None
        if article is not None:
            self._positions[self.current] = self.view.current
            self.places.remember(article, self.view.current)

    def _save_soon(self) -> None:
        """Save the places a second after the last change (not on every ``>``),
        in a thread (the file is fsynced: :mod:`tui.reading_places`)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER, self._save_in_background)

    def _save_in_background(self) -> None:
        self._leave()
        self._write_places(self.places.snapshot())

    @work(thread=True, group="places", description="write the reading places")
    def _write_places(self, snapshot: Snapshot) -> None:
        try:
            self.places.write(snapshot)
        except OSError as error:
            self.post_message(self.PlacesNotSaved(error))

    @on(PlacesNotSaved)
    def _places_not_saved(self, event: PlacesNotSaved) -> None:
        event.stop()
        self._say_not_saved(event.error)

    def save_places(self) -> None:
        """Write the reading places now (at exit: after any write under way)."""
        self._leave()
        try:
            self.places.save()
        except OSError as error:
            self._say_not_saved(error)

    def _say_not_saved(self, error: OSError) -> None:
        """Said once, then left (positions are a convenience: notes are kept by the notes store, not here)."""
        if not self._save_failed:
            self._save_failed = True
            self.notify(f"Reading positions not saved: {error}", severity="warning", timeout=5)

    def on_unmount(self) -> None:
        self.save_places()

    def _one_column_if_in_target(self) -> None:
        self.view.set_only(self._only_side())

    def _only_side(self) -> str | None:
        """An article already in the target language shows one column, its
        original, unless a translation was chosen for it (issue 12 item 8: a
        whole column of "no translation yet")."""
        in_target = self.translations.in_target(self.current) and self.translations.translation(self.current) is None
        return "original" if in_target else None

    def reloaded(self, index: int, *, languages: bool) -> None:
        """The loader has read article ``index`` again (boilerplate flagged) or
        detected its languages, which decide claims and the translation route."""
        if index != self.current:
            return
        if index == self._reading:
            self._show_if_reading(index)
            return
        if languages:
            self.translations.plan(index, self.visible_rows())
        else:  # rows dim, claims follow
            self.view.update_rows(self.translations.rows(index))
            self._reset_claims()

    def changed_on_disk(self, index: int, before: Article) -> None:
        """Article ``index`` was read again with other text (its file changed):
        its translation column starts afresh; if it is open, it is shown again
        at the same paragraph (found by its text) and its annotations re-anchor."""
        from tui.collection import same_paragraph

        self.translations.forget(index)
        article = self.collection[index]
        if index != self.current or article is None:
            return
        self._positions[index] = same_paragraph(before, article, self.view.current)
        self.current = -1
        self._open(index)
        self.notify(f"{article.path.name} changed on disk: read again", timeout=4)

    def set_bidi(self, bidi: str) -> None:
        self.bidi = bidi
        self.view.set_bidi(bidi)
        self.search.set_bidi(bidi)
        self.update_status()

    # -- messages from the components -----------------------------------------------

    @on(ParallelView.ColumnsChanged)
    def _columns_changed(self, event: ParallelView.ColumnsChanged) -> None:
        columns = event.columns
        self.places.remember_columns({"shown": columns.shown, "swapped": columns.swapped, "split": columns.split})
        self._save_soon()
        self.update_headers()

    @on(Versions.Built)
    @on(Versions.Settled)
    def _versions_changed(self) -> None:
        self._offer_human()
        self._update_strip()
        self.panel.refit_if_shown()

    @on(Versions.Progress)
    def _versions_progress(self) -> None:
        self._update_strip()  # only the strip's note changes; the index is the same

    @on(Versions.Go)
    def _go(self, event: Versions.Go) -> None:
        self.open(event.to.article, event.to.paragraph)
        self._counterpart_rows = event.rows
        self.view.set_row_highlight(set(event.rows))

    def _showing(self, index: int) -> bool:
        """Whether article ``index`` is the one on screen with its text (not
        still being read after it was opened, :meth:`_open_unread`)."""
        return index == self.current and index != self._reading and self.collection[index] is not None

    @on(Translations.Changed)
    def _translation_changed(self, event: Translations.Changed) -> None:
        if self._showing(event.article):
            self._one_column_if_in_target()
            self.view.update_rows(self.translations.rows(event.article))
            self._reset_claims()
            self.update_headers()

    @on(Translations.Arrived)
    def _translation_arrived(self, event: Translations.Arrived) -> None:
        if self._showing(event.article):
            self.view.update_row(event.item.index, self.translations.rows(event.article)[event.item.index])

    @on(Translations.Progress)
    def _translation_progress(self, event: Translations.Progress) -> None:
        if event.article == self.current:
            self.update_headers()

    @on(Annotations.Changed)
    def _annotations_changed(self) -> None:
        self.view.set_marks(self.annotations.marks())
        self.panel.refit_if_shown()
        self.update_status()

    @on(Annotations.Chosen)
    def _annotation_chosen(self, event: Annotations.Chosen) -> None:
        placed, attachment = event.placed, event.placed.attachment
        index = self.collection.find(placed.article.content_hash, placed.article.path) if placed.article else None
        if index is None:
            self.notify(f"{placed.annotation.article_id} is not open in this session", severity="warning")
            return
        self.open(index)
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
        self.update_status()

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self.view.focus()

    # -- claims, highlights and the lines about the article ---------------------------

    def _reset_claims(self) -> None:
        texts = TranslatedTexts.of(self.translations.translation(self.current), self.translations.target)
        self.claims.reset(self.collection[self.current], texts)
        self.panel.show_claims(self.claims.claims, self.bidi, only_if_shown=True)
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
        self.panel.select(claim)
        self.update_status()

    def _current_changed(self, index: int) -> None:
        """The view's current paragraph changed (any cause): same-frame updates."""
        if self._counterpart_rows and index not in self._counterpart_rows:
            self._counterpart_rows = frozenset()
            self.view.set_row_highlight(set())
        if self.claims.moved_to(index):
            self.view.refresh_spans()
        self.update_status()
        self._update_strip()

    def update_headers(self) -> None:
        if self.current >= 0:
            width = self.view.size.width or self.app.size.width
            header = self.translations.header(self.current)
            # The columns the reader chose (an article in the target language keeps
            # both headers: the right one says why its column is not there).
            columns = self.view.columns
            self.query_one(ColumnHeaders).show(
                self.collection, self.current, header, width, columns.sides, columns.split
            )

    def update_status(self) -> None:
        if self.current < 0:
            return
        paragraph = self.view.current
        claim = self.claims.on_paragraph(paragraph)
        note = (self.annotations.for_claim(claim) if claim else None) or self.annotations.for_paragraph(paragraph)
        where = Where(self.current, paragraph, claim, note, self.search.status(), self.bidi)
        self._say(" · ".join(status_parts(self.collection, where)))

    def _update_strip(self) -> None:
        self.query_one("#versions", Static).update(self.versions.strip(self.here()), layout=False)  # one fixed line

    # -- what the reader's keys ask of the open article ---------------------------------

    def cycle_translation(self) -> None:
        if self.current >= 0:
            self.notify(self.translations.cycle(self.current, self.visible_rows()), timeout=3)

    def walk_claims(self, step: int) -> None:
        found = self.claims.walk(self.view.current, step)
        if found is not None:
            self.select_claim(found)
        elif self.claims.claims is not None:
            self.notify("No more claims in this direction", timeout=2)

    def toggle_claims(self) -> None:
        # The panel opens at the selected claim, else at the reader's paragraph (not at the top).
        at = self.claims.selected or self.claims.first_from(self.view.current)
        if self.panel.toggle(self.claims.claims, at, self.bidi):
            self.view.focus()

    def annotate(self) -> None:
        here = self.here()
        article = self.collection[here.article] if here is not None else None
        if here is not None and article is not None and article.paragraphs:
            self.annotations.annotate(article, here.paragraph, self.claims.on_paragraph(here.paragraph), self.bidi)

    def undo_note(self) -> None:
        self.annotations.undo(self.collection[self.current] if self.current >= 0 else None)

    def step_search(self, step: int) -> None:
        message = self.search.step(step)
        if message:
            self.notify(message, timeout=2)

    def search_all(self) -> None:
        """``F``: every article's original and the translation shown for it (or the
        one ``tandem search`` would use); Enter opens the hit and searches it here."""
        from tui.ui.search_all import Chosen, search_all_screen

        def chosen(hit: Chosen | None) -> None:
            if hit is not None:
                self.open(hit.article, hit.paragraph)
                self.search.run(hit.query, self.view.rows, self.view.current)

        shown, target, query = self.translations.shown(), self.translations.target, self.search.search_query
        self.app.push_screen(search_all_screen(self.collection, shown, target, self.bidi, query), chosen)

    def set_mark(self) -> None:
        """``m`` then a letter: remember this place under that letter (kept across restarts)."""
        here = self.here()
        article = self.collection[here.article] if here is not None else None
        if here is None or article is None or not article.paragraphs:
            return
        from tui.reading_places import MARK_NAMES
        from tui.ui.prompts import KeyPrompt

        def chosen(name: str | None) -> None:
            if name is not None:
                self.places.set_mark(name, article, here.paragraph)
                self._save_soon()
                self.notify(f"Mark {name}: {article.path.name} ¶{here.paragraph + 1}", timeout=2)

        self.app.push_screen(KeyPrompt("Mark this place: press a letter (a–z), Esc cancels", MARK_NAMES), chosen)

    def goto_mark(self) -> None:
        """``'`` then a letter: back to that mark, opening its article."""
        from tui.reading_places import MARK_NAMES
        from tui.ui.prompts import KeyPrompt

        def chosen(name: str | None) -> None:
            found = self.places.mark(name) if name is not None else None
            if name is None:
                return
            if found is None:
                self.notify(f"No mark {name}", timeout=2)
                return
            path, paragraph, anchor = found
            index = self.places.index_of(self.collection.paths, path)
            if index is None:
                self.notify(f"Mark {name} is in {path}, not open in this session", severity="warning")
                return
            self.open(index)
            article = self.collection[index]
            if article is not None and article.ok:
                self.view.move_to(self.places.find(article, paragraph, anchor))

        marks = " ".join(self.places.marks()) or "none yet"
        self.app.push_screen(KeyPrompt(f"Go to mark ({marks}): press its letter, Esc cancels", MARK_NAMES), chosen)

    @dataclass
    class Exported(Message):
        """The export worker wrote ``path``, or failed with ``error``."""

        path: Path | None
        error: str = ""

    def export(self) -> None:
        """``e``: the open article beside its translation, claims marked, notes
        inline, as an HTML file in the working directory (never overwriting):
        the same file ``tandem export`` writes (:func:`tui.report.bilingual.export_article`)."""
        article = self.collection[self.current] if self.current >= 0 else None
        if article is None or not article.ok:
            self.notify("Nothing to export: this file could not be read", severity="warning")
            return
        translation = self.translations.translation(self.current)
        texts = TranslatedTexts.of(translation, self.translations.target)
        from tui.article_claims import ArticleClaims

        claims = ArticleClaims(article, texts)  # its own: the worker computes every paragraph's
        why = None if translation is not None else self.translations.header(self.current)
        self.notify("Exporting…", timeout=2)
        self._export(article, translation, claims, self.annotations.placed, why)

    @work(thread=True, exclusive=True, group="export", description="export the article")
    def _export(
        self,
        article: Article,
        translation: ArticleTranslation | None,
        claims: ArticleClaims,
        notes: tuple[Placed, ...],
        why: str | None,
    ) -> None:
        from tui.report.bilingual import claims_for_export, default_file_name, export_article
        from tui.report.files import save_new

        target = translation.target if translation is not None else self.translations.target
        try:
            found, translated = claims_for_export(claims)
            text = export_article(
                article,
                translation,
                found,
                notes,
                layout="side-by-side",
                fmt="html",
                target=target,
                translated_claims=translated,
                why_missing=why,
            )
            path = save_new(Path.cwd(), default_file_name(article, target, "html"), text)
        except OSError as error:
            self.post_message(self.Exported(None, str(error)))
            return
        self.post_message(self.Exported(path))

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        if event.path is None:
            self.notify(f"Export not written: {event.error}", severity="error", timeout=8)
        else:
            self.notify(f"Exported to {event.path}", timeout=6)

    def jump_version(self, step: int) -> None:
        here = self.here()
        if here is not None:
            self.versions.jump(here, step)

    def stack(self) -> None:
        here = self.here()
        if here is not None:
            self.versions.show_stack(here, self.translations.translation, self.bidi)

    def copy_paragraph(self, to_file: bool = False) -> None:
        """The current paragraph, its translation and where both came from, to
        the clipboard (OSC 52: works over SSH in terminals that allow it), or
        (``Y``, or when the terminal is known to refuse) appended to a file."""
        here = self.here()
        article = self.collection[here.article] if here is not None else None
        if here is None or article is None or not article.paragraphs:
            return
        from tui.citation import paragraph_citation

        citation = paragraph_citation(article, here.paragraph, self.translations.translation(here.article))
        self.copier.copy(citation, here.paragraph, to_file=to_file)  # asks tmux in a thread (tui/ui/copying.py)


def columns_from(saved: dict[str, object]) -> Columns:
    """The columns remembered by :class:`ReadingPlaces`, each value checked (the file is the user's)."""
    default = Columns()
    shown = saved.get("shown")
    swapped = saved.get("swapped")
    split = saved.get("split")
    return Columns(
        shown if shown in ("both", "original", "translation") else default.shown,  # type: ignore[arg-type]
        swapped if isinstance(swapped, bool) else default.swapped,
        split if isinstance(split, int) and not isinstance(split, bool) else default.split,
    ).moved(0)
