"""The reader's annotations: the current article's notes, the editor on ``a``, undo, the list on ``A``.

:class:`Annotations` owns the current article's annotations, re-attached to its
text (:mod:`tui.notes.placing`), and every change to them. Saving goes straight
to :class:`tui.notes.store.NotesStore` (one committed transaction per save);
afterwards it posts :class:`Annotations.Changed` so the screen redraws marks,
status and the claims panel. A store error is reported, never raised into the
reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from tui.article import Article
from tui.claims.model import Claim
from tui.collection import ArticleCollection
from tui.ui.display import one_line
from tui.ui.parallel import Span

if TYPE_CHECKING:
    from tui.notes.placing import Placed
    from tui.ui.app import TandemApp
    from tui.ui.notes import NoteEdit


class Annotations(Widget):
    """Invisible: the current article's annotations, and editing them."""

    DEFAULT_CSS = "Annotations { display: none; }"

    class Changed(Message):
        """The current article's annotations changed (saved, undone, loaded)."""

    @dataclass
    class Chosen(Message):
        """The reader chose an annotation in the list (``A``): go there."""

        placed: Placed

    def __init__(self) -> None:
        super().__init__()
        self._placed: list[Placed] = []

    @property
    def tandem(self) -> TandemApp:
        from tui.ui.app import TandemApp

        assert isinstance(self.app, TandemApp)
        return self.app

    # -- the current article --------------------------------------------------------

    def load(self, article: Article | None) -> None:
        """Re-attach ``article``'s annotations (``None``: no article)."""
        store = self.tandem.notes_store() if article is not None and article.ok else None
        if store is None or article is None:
            self._placed = []
        else:
            from tui.notes.placing import place_all

            self._placed = place_all(store.for_article(article), articles=[article])
        orphans = sum(1 for p in self._placed if p.status == "orphaned")
        if orphans:
            self.notify(
                f"{orphans} annotation(s) of this article no longer attach (text changed); see A",
                severity="warning",
                timeout=6,
            )
        self.post_message(self.Changed())

    def clear(self) -> None:
        self._placed = []

    @property
    def placed(self) -> tuple[Placed, ...]:
        """The open article's annotations, placed on its text."""
        return tuple(self._placed)

    def marks(self) -> dict[int, str]:
        """One mark per annotated paragraph: the label's initial."""
        marks: dict[int, str] = {}
        for placed in self._placed:
            paragraph = placed.attachment.paragraph
            if paragraph is not None:
                marks[paragraph] = placed.annotation.label[:1].upper() or "✎"
        return marks

    def spans(self, index: int) -> list[Span]:
        spans: list[Span] = []
        for placed in self._placed:
            attachment = placed.attachment
            if attachment.paragraph == index and attachment.start is not None and attachment.end is not None:
                spans.append((attachment.start, attachment.end, "note--span"))
        return spans

    def for_claim(self, claim: Claim) -> Placed | None:
        for placed in self._placed:
            a = placed.attachment
            if a.paragraph == claim.paragraph and (a.start, a.end) == (claim.start, claim.end):
                return placed
        return None

    def for_paragraph(self, index: int) -> Placed | None:
        for placed in self._placed:
            a = placed.attachment
            if a.paragraph == index and a.start is None:
                return placed
        return None

    # -- editing ------------------------------------------------------------------------

    def annotate(self, article: Article, paragraph: int, claim: Claim | None, bidi: str) -> None:
        """Open the editor for ``claim`` (or the paragraph); save on Enter."""
        app = self.tandem
        if app.notes_store() is None:
            self.notify(app.notes_problem or "annotations unavailable", severity="error")
            return
        from tui.ui.notes import NoteEditor

        if claim is not None:
            existing = self.for_claim(claim)
            target = f"claim ¶{claim.paragraph + 1}: {claim.kind} · {one_line(claim.text, 60, bidi)}"
        else:
            existing = self.for_paragraph(paragraph)
            target = f"paragraph ¶{paragraph + 1}: {one_line(article.paragraphs[paragraph].text, 60, bidi)}"
        label = existing.annotation.label if existing is not None else None
        note = existing.annotation.note if existing is not None else ""
        editor = NoteEditor(target, app.labels, label, note, bidi)

        def saved(edit: NoteEdit | None) -> None:
            if edit is not None:
                self._save(article, paragraph, claim, existing, edit)

        app.push_screen(editor, saved)

    def _save(self, article: Article, index: int, claim: Claim | None, existing: Placed | None, edit: NoteEdit) -> None:
        from dataclasses import replace

        from tui.notes.anchor import select
        from tui.notes.model import new_annotation, utc_now
        from tui.notes.store import NotesDatabaseError

        if existing is not None:
            annotation = replace(existing.annotation, label=edit.label, note=edit.note, updated=utc_now())
        elif claim is not None:
            value = None if claim.value is None else str(claim.value)
            selector = select(article, index, claim.start, claim.end)
            annotation = new_annotation(
                article, selector, edit.label, edit.note, claim_kind=claim.kind, claim_value=value
            )
        else:
            annotation = new_annotation(article, select(article, index), edit.label, edit.note)
        store = self.tandem.notes_store()
        try:
            if store is None:
                raise NotesDatabaseError(self.tandem.notes_problem or "annotations unavailable")
            if existing is not None:
                store.update(existing.annotation.id, label=edit.label, note=edit.note)
            else:
                store.save(annotation)
        except (NotesDatabaseError, ValueError, OverflowError) as exc:
            # Nothing typed is lost: the note goes to the unsaved-notes file.
            from tui.notes.unsaved import keep_unsaved

            kept = keep_unsaved(annotation)
            where = f"; kept in {kept} (tandem notes import {kept})" if kept else "; could not be kept either"
            self.notify(f"not saved: {exc}{where}", severity="error", timeout=20)
            return
        self.notify(f"saved: {edit.label}", timeout=2)
        self.load(article)

    def undo(self, article: Article | None) -> None:
        store = self.tandem.notes_store()
        if store is None:
            return
        from tui.notes.store import NotesDatabaseError, UndoConflict

        try:
            restored = store.undo_last()
        except UndoConflict as exc:
            self.notify(str(exc), severity="warning", timeout=6)
            return
        except (NotesDatabaseError, OverflowError) as exc:
            self.notify(f"not undone: {exc}", severity="error", timeout=10)
            return
        if restored is None:
            self.notify("Nothing to undo", timeout=2)
            return
        what = "removed" if restored.deleted else f"back to {restored.label}"
        self.notify(f"undone: annotation {what}", timeout=3)
        self.load(article)

    # -- every annotation -------------------------------------------------------------------

    def show_all(self, collection: ArticleCollection, bidi: str) -> None:
        """The ``A`` screen; choosing an entry posts :class:`Chosen`."""
        from tui.ui.notes import NotesScreen

        app = self.tandem
        store = app.notes_store()
        placed: list[Placed]
        if store is None:
            placed, problem = [], app.notes_problem
        else:
            from tui.notes.placing import place_all

            placed, problem = place_all(store.list(), articles=collection.readable()), None

        def chosen(found: Placed | None) -> None:
            if found is not None:
                self.post_message(self.Chosen(found))

        app.push_screen(NotesScreen(placed, bidi, problem), chosen)
