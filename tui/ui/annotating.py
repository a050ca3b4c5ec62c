"""The reader's annotations: the editor on ``a``, undo, marks, the notes screen.

A mixin of :class:`tui.ui.reader.ReaderScreen`. Saving goes straight to
:class:`tui.notes.store.NotesStore` (one committed transaction per save).
"""

from __future__ import annotations

from tui.article import Article
from tui.ui.claims_panel import ClaimsPanel
from tui.ui.display import one_line


class AnnotationsMixin:
    def _load_notes(self) -> None:
        """Re-attach the current article's annotations and mark them."""
        article = self._current_article()
        store = self.app.notes_store() if article is not None and article.ok else None
        if store is None or article is None:
            self._placed = []
        else:
            from tui.notes.placing import place_all

            self._placed = place_all(store.for_article(article), articles=[article])
        marks: dict[int, str] = {}
        for placed in self._placed:
            paragraph = placed.attachment.paragraph
            if paragraph is not None:
                marks[paragraph] = placed.annotation.label[:1].upper() or "✎"
        view = self._view()
        view.set_marks(marks)
        orphans = sum(1 for p in self._placed if p.status == "orphaned")
        if orphans:
            self.notify(
                f"{orphans} annotation(s) of this article no longer attach (text changed); see A",
                severity="warning",
                timeout=6,
            )
        self.query_one(ClaimsPanel).set_notes(self._note_for_claim)
        self._update_status()

    def _note_spans(self, index: int) -> list[tuple[int, int, str]]:
        spans = []
        for placed in self._placed:
            attachment = placed.attachment
            if attachment.paragraph == index and attachment.start is not None and attachment.end is not None:
                spans.append((attachment.start, attachment.end, "note--span"))
        return spans

    def _note_for_claim(self, claim) -> object | None:
        for placed in self._placed:
            a = placed.attachment
            if a.paragraph == claim.paragraph and (a.start, a.end) == (claim.start, claim.end):
                return placed
        return None

    def _note_for_paragraph(self, index: int) -> object | None:
        for placed in self._placed:
            a = placed.attachment
            if a.paragraph == index and a.start is None:
                return placed
        return None

    def action_annotate(self) -> None:
        article = self._current_article()
        if article is None or not article.ok or not article.paragraphs:
            return
        if self.app.notes_store() is None:
            self.notify(self.app.notes_problem or "annotations unavailable", severity="error")
            return
        from tui.ui.notes import NoteEditor

        view = self._view()
        claim = self._claim if self._claim is not None and self._claim.paragraph == view.current else None
        if claim is not None:
            existing = self._note_for_claim(claim)
            target = f"claim ¶{claim.paragraph + 1}: {claim.kind} · {one_line(claim.text, 60, self.bidi)}"
        else:
            existing = self._note_for_paragraph(view.current)
            paragraph = article.paragraphs[view.current]
            target = f"paragraph ¶{view.current + 1}: {one_line(paragraph.text, 60, self.bidi)}"
        label = existing.annotation.label if existing is not None else None
        note = existing.annotation.note if existing is not None else ""
        editor = NoteEditor(target, self.app.labels, label, note)

        def saved(edit) -> None:
            if edit is not None:
                self._save_note(article, view.current, claim, existing, edit)

        self.app.push_screen(editor, saved)

    def _save_note(self, article: Article, index: int, claim, existing, edit) -> None:
        from tui.notes.anchor import select
        from tui.notes.model import new_annotation
        from tui.notes.store import NotesDatabaseError

        store = self.app.notes_store()
        if store is None:
            return
        try:
            if existing is not None:
                store.update(existing.annotation.id, label=edit.label, note=edit.note)
            elif claim is not None:
                value = None if claim.value is None else str(claim.value)
                selector = select(article, index, claim.start, claim.end)
                store.save(
                    new_annotation(article, selector, edit.label, edit.note, claim_kind=claim.kind, claim_value=value)
                )
            else:
                store.save(new_annotation(article, select(article, index), edit.label, edit.note))
        except (NotesDatabaseError, ValueError) as exc:
            self.notify(f"not saved: {exc}", severity="error", timeout=10)
            return
        self.notify(f"saved: {edit.label}", timeout=2)
        self._load_notes()

    def action_undo_note(self) -> None:
        store = self.app.notes_store()
        if store is None:
            return
        from tui.notes.store import UndoConflict

        try:
            restored = store.undo_last()
        except UndoConflict as exc:
            self.notify(str(exc), severity="warning", timeout=6)
            return
        if restored is None:
            self.notify("Nothing to undo", timeout=2)
            return
        what = "removed" if restored.deleted else f"back to {restored.label}"
        self.notify(f"undone: annotation {what}", timeout=3)
        self._load_notes()

    def action_notes(self) -> None:
        store = self.app.notes_store()
        from tui.ui.notes import NotesScreen

        if store is None:
            placed, problem = [], self.app.notes_problem
        else:
            from tui.notes.placing import place_all

            loaded = [a for a in self.articles if a is not None and a.ok]
            placed, problem = place_all(store.list(), articles=loaded), None
        self.app.push_screen(NotesScreen(placed, self.bidi, problem), self._jump_to_note)

    def _jump_to_note(self, placed) -> None:
        if placed is None or placed.article is None:
            return
        target = placed.article
        for index, path in enumerate(self.paths):
            article = self.articles[index]
            if article is not None and (article.content_hash == target.content_hash or path == target.path):
                if index != self.current_article:
                    self.open_article(index)
                break
        else:
            self.notify(f"{target.path} is not open in this session", severity="warning")
            return
        paragraph = placed.attachment.paragraph
        if paragraph is None:
            self.notify("This annotation is orphaned: its text is gone", severity="warning")
            return
        self._view().move_to(paragraph)
        if placed.attachment.start is not None and self._claims is not None:
            for claim in self._claims.original(paragraph):
                if (claim.start, claim.end) == (placed.attachment.start, placed.attachment.end):
                    self.select_claim(claim)
                    break
