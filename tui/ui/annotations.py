"""The reader's annotations: the current article's notes, the editor on ``a``, undo, the list on ``A``.

:class:`Annotations` owns the current article's annotations, re-attached to its
text (:mod:`tui.notes.placing`), and every change to them. Saving goes straight
to the store (:class:`tui.notes.backend.NotesBackend`, one committed
transaction per save); afterwards it posts :class:`Annotations.Changed` so the
reading area redraws marks, status and the claims panel. A store error is
reported, never raised into the reader.

Four things come from working in a team (issue 16) and shape this class:

* **The store opens in a thread** (:meth:`tui.ui.app.TandemApp.when_notes_open`):
  a server that does not answer must not hold up the reader. Until it is
  open the annotation keys say "notes store opening…"; the editor still
  opens, and a note finished before the store is there waits in
  :attr:`_pending` and is saved when it opens -- or goes to the unsaved-notes
  file (:mod:`tui.notes.unsaved`) if it cannot be opened. Nothing typed is lost.
* **Live**: a thread runs :func:`tui.notes.live.follow` for the session and
  posts :class:`Arrived` for every batch of changes; a colleague's note on the
  open article appears within a couple of seconds (LISTEN/NOTIFY on
  PostgreSQL, a counter poll on SQLite), and the reader is told who saved it.
  A plain daemon thread, not a Textual worker: it runs for the whole session,
  and the app (and the tests) wait for workers to finish.
* **Authors** are shown with every note (status line, claims panel, ``A``).
* **Edit conflicts**: an edit carries the ``updated`` of the copy it started
  from (``if_updated``); when a colleague saved the note in between, the store
  writes nothing and :class:`ConflictScreen` shows both versions -- keep mine
  over theirs, edit mine again, or keep theirs (mine then goes to the unsaved
  file). Never silently overwritten, never lost.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from tui.article import Article
from tui.claims.model import Claim
from tui.collection import ArticleCollection
from tui.ui.display import one_line
from tui.ui.parallel import Span

if TYPE_CHECKING:
    from tui.notes.backend import NotesBackend
    from tui.notes.model import Annotation
    from tui.notes.placing import Placed
    from tui.ui.app import TandemApp
    from tui.ui.notes import NoteEdit, NotesScreen

OPENING = "notes store opening…"
"""What the annotation keys say until the store is open."""


@dataclass(frozen=True, slots=True)
class _Pending:
    """A note finished while the store was still opening."""

    article: Article
    paragraph: int
    claim: Claim | None
    edit: NoteEdit


def concerns(annotation: Annotation, article: Article | None) -> bool:
    """Whether ``annotation`` belongs to ``article`` (same content or same file)."""
    if article is None or not article.ok:
        return False
    from tui.notes.model import article_location

    return annotation.article_hash == article.content_hash or annotation.article_path == article_location(article)


class Annotations(Widget):
    """Invisible: the current article's annotations, and editing them."""

    DEFAULT_CSS = "Annotations { display: none; }"

    class Changed(Message):
        """The current article's annotations changed (saved, undone, loaded)."""

    @dataclass
    class Chosen(Message):
        """The reader chose an annotation in the list (``A``): go there."""

        placed: Placed

    @dataclass
    class Arrived(Message):
        """From the following thread: annotations saved by anyone since the last
        batch (``resync``: it has just started; look again at everything)."""

        changes: list[Annotation] = field(default_factory=list)
        resync: bool = False

    @dataclass
    class Trouble(Message):
        """From the following thread: the store stopped answering (``problem``) or answers again (``None``)."""

        problem: str | None

    def __init__(self) -> None:
        super().__init__()
        self._placed: list[Placed] = []
        self._article: Article | None = None
        self._store: NotesBackend | None = None
        self._asked = False
        self._pending: list[_Pending] = []
        self._mine: set[tuple[str, str]] = set()
        """``(id, updated)`` of what this reader saved: not announced when it comes back live."""
        self._problem: str | None = None
        """Why the store does not answer now (from the following thread)."""
        self._collection: ArticleCollection | None = None
        self._list: NotesScreen | None = None
        """The ``A`` screen while it is open (refreshed on every change)."""

    @property
    def tandem(self) -> TandemApp:
        from tui.ui.app import TandemApp

        assert isinstance(self.app, TandemApp)
        return self.app

    # -- the store ------------------------------------------------------------------

    def _ask(self) -> None:
        if not self._asked:
            self._asked = True
            self.tandem.when_notes_open(self._opened)

    def _opened(self, store: NotesBackend | None) -> None:
        self._store = store
        pending, self._pending = self._pending, []
        if store is None:
            for item in pending:
                self._keep(self._new(item.article, item.paragraph, item.claim, item.edit), self.tandem.notes_problem)
            return
        follower = threading.Thread(
            target=self._follow, args=(store, self.tandem.notes_stop), name="tandem notes follow", daemon=True
        )
        follower.start()
        self.load(self._article)
        self._refresh_list()
        for item in pending:
            self._save_pending(item)

    def _usable(self) -> NotesBackend | None:
        """The store, or ``None`` after saying why there is none (opening, refused,
        not answering)."""
        if self._problem is not None:
            self.notify(f"annotations: {self._problem}", severity="warning", timeout=6)
            return None
        if self._store is None:
            self._ask()
        if self._store is None:
            app = self.tandem
            if app.notes_opening:
                self.notify(OPENING, timeout=3)
            else:
                self.notify(app.notes_problem or "annotations unavailable", severity="error")
        return self._store

    def _follow(self, store: NotesBackend, stop: threading.Event) -> None:
        """In a thread, for the session (until ``stop``): colleagues' changes, as :class:`Arrived`."""
        from tui.notes.live import WAIT_SECONDS, follow
        from tui.notes.store import NotesDatabaseError

        def post(message: Message) -> None:
            try:
                posted = self.post_message(message)
            except RuntimeError:  # the event loop is gone
                posted = False
            if not posted:
                stop.set()

        token: int | None = None
        failed = False
        while token is None and not stop.is_set():
            try:
                token = store.change_token()
            except NotesDatabaseError as exc:
                failed = True
                post(self.Trouble(str(exc)))
                stop.wait(WAIT_SECONDS)
        if token is None:
            return
        if failed:
            post(self.Trouble(None))
        post(self.Arrived(resync=True))  # anything saved between the first listing and the token
        follow(
            store,
            token,
            lambda changes: post(self.Arrived(list(changes))),
            stop,
            on_problem=lambda problem: post(self.Trouble(problem)),
        )

    def on_annotations_arrived(self, message: Arrived) -> None:
        message.stop()
        # This reader's own saves come back too; it has shown them already.
        others = [a for a in message.changes if (a.id, a.updated) not in self._mine]
        theirs = [a for a in others if concerns(a, self._article)]
        if message.resync or theirs:
            self.load(self._article)
        if self._list is not None and (message.resync or others):
            self._refresh_list()
        if len(theirs) == 1:
            (a,) = theirs
            what = "deleted" if a.deleted else "saved"
            where = next((p for p in self._placed if p.annotation.id == a.id), None)
            at = f" on ¶{where.attachment.paragraph + 1}" if where and where.attachment.paragraph is not None else ""
            self.notify(f"{a.author or 'a colleague'} {what} a note{at}: {a.label}", timeout=5)
        elif theirs:
            authors = ", ".join(sorted({a.author or "a colleague" for a in theirs}))
            self.notify(f"{len(theirs)} notes on this article changed by {authors}", timeout=5)

    def on_annotations_trouble(self, message: Trouble) -> None:
        message.stop()
        if message.problem is not None and self._problem is None:
            self.notify(
                f"annotations: {message.problem}; notes you save meanwhile are kept locally",
                severity="warning",
                timeout=10,
            )
        elif message.problem is None and self._problem is not None:
            self.notify("annotations: the notes store answers again", timeout=4)
            self._problem = None
            self.load(self._article)
            self._refresh_list()
        self._problem = message.problem

    # -- the current article --------------------------------------------------------

    def load(self, article: Article | None) -> None:
        """Re-attach ``article``'s annotations (``None``: no article)."""
        previous, self._article = self._article, article
        store = self._store
        if store is None:
            self._ask()
        placed: list[Placed] = []
        if self._problem is not None and store is not None:
            # The store does not answer (the following thread says so): asking
            # it on the event loop could hang the reader for the connect timeout.
            placed = self._placed if previous is article else []
        elif store is not None and article is not None and article.ok:
            from tui.notes.placing import place_all
            from tui.notes.store import NotesDatabaseError

            try:
                placed = place_all(store.for_article(article), articles=[article])
            except NotesDatabaseError as exc:
                placed = self._placed if previous is article else []
                self.notify(f"annotations: {exc}", severity="warning", timeout=8)
        self._placed = placed
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
        return _on_claim(self._placed, claim)

    def for_paragraph(self, index: int) -> Placed | None:
        return _on_paragraph(self._placed, index)

    # -- editing ------------------------------------------------------------------------

    def annotate(self, article: Article, paragraph: int, claim: Claim | None, bidi: str) -> None:
        """Open the editor for ``claim`` (or the paragraph); save on Enter.

        While the store opens the editor opens all the same (a key typed ahead
        is not lost) and the note is saved once the store is there."""
        app = self.tandem
        if self._store is None:
            self._ask()
        if self._store is None:
            if not app.notes_opening:
                self.notify(app.notes_problem or "annotations unavailable", severity="error")
                return
            self.notify(f"{OPENING} (your note is saved when it is open)", timeout=4)
        elif self._problem:
            self.notify(f"annotations: {self._problem}", severity="warning", timeout=6)
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
            if edit is None:
                return
            if existing is not None:
                self._update(existing.annotation, edit)
            elif self._store is None and app.notes_opening:
                self._pending.append(_Pending(article, paragraph, claim, edit))
            else:
                self._save_pending(_Pending(article, paragraph, claim, edit))

        app.push_screen(editor, saved)

    def _new(self, article: Article, index: int, claim: Claim | None, edit: NoteEdit) -> Annotation:
        from tui.notes.anchor import select
        from tui.notes.model import new_annotation

        if claim is not None:
            value = None if claim.value is None else str(claim.value)
            selector = select(article, index, claim.start, claim.end)
            return new_annotation(article, selector, edit.label, edit.note, claim_kind=claim.kind, claim_value=value)
        return new_annotation(article, select(article, index), edit.label, edit.note)

    def _save_pending(self, item: _Pending) -> None:
        """Save a new note; if the claim or paragraph has one by now (the store
        was opening, or a colleague was quicker), show both instead."""
        store = self._store
        existing: Placed | None = None
        if store is not None and self._problem is None:
            from tui.notes.placing import place_all
            from tui.notes.store import NotesDatabaseError

            try:
                placed = place_all(store.for_article(item.article), articles=[item.article])
            except NotesDatabaseError:
                placed = []
            if item.claim is not None:
                existing = _on_claim(placed, item.claim)
            else:
                existing = _on_paragraph(placed, item.paragraph)
        if existing is not None:
            self._conflict(existing.annotation, item.edit)
        else:
            self._create(self._new(item.article, item.paragraph, item.claim, item.edit))

    def _create(self, annotation: Annotation) -> None:
        from tui.notes.store import NotesDatabaseError

        store = self._store
        try:
            if store is None or self._problem is not None:
                raise NotesDatabaseError(self._problem or self.tandem.notes_problem or "annotations unavailable")
            stored = store.save(annotation)
        except (NotesDatabaseError, ValueError, OverflowError) as exc:
            self._keep(annotation, str(exc))
            return
        self._saved(stored)

    def _update(self, base: Annotation, edit: NoteEdit) -> None:
        """Change ``base`` (the copy the edit started from) to ``edit``."""
        from tui.notes.backend import EditConflict
        from tui.notes.store import NotesDatabaseError

        store = self._store
        try:
            if store is None or self._problem is not None:
                raise NotesDatabaseError(self._problem or self.tandem.notes_problem or "annotations unavailable")
            if base.deleted:  # deleted by a colleague: saving mine brings the note back
                stored = store.save(
                    replace(base, label=edit.label, note=edit.note, deleted=False), if_updated=base.updated
                )
            else:
                stored = store.update(base.id, label=edit.label, note=edit.note, if_updated=base.updated)
        except EditConflict as exc:
            self._conflict(exc.theirs, edit)
            return
        except (NotesDatabaseError, ValueError, OverflowError) as exc:
            self._keep(_edited(base, edit), str(exc))
            return
        self._saved(stored)

    def _saved(self, stored: Annotation) -> None:
        self._mine.add((stored.id, stored.updated))
        self.notify(f"saved: {stored.label}", timeout=2)
        self._after_change()

    def _keep(self, annotation: Annotation, problem: str | None) -> None:
        """The store refused: the note goes to the unsaved-notes file (nothing typed is lost)."""
        from tui.notes.unsaved import keep_unsaved

        kept = keep_unsaved(annotation)
        where = f"; kept in {kept} (tandem notes import {kept})" if kept else "; could not be kept either"
        self.notify(f"not saved: {problem or 'annotations unavailable'}{where}", severity="error", timeout=20)

    def _conflict(self, theirs: Annotation, mine: NoteEdit) -> None:
        """A colleague's copy and the analyst's text, side by side; the analyst decides."""
        from tui.ui.notes import ConflictScreen

        def decided(choice: str | None) -> None:
            if choice == "mine":
                self._update(theirs, mine)
            elif choice == "edit":
                self._edit_again(theirs, mine)
            else:
                self._keep(_edited(theirs, mine), "you kept their version")

        self.tandem.push_screen(ConflictScreen(theirs, mine, self._bidi()), decided)

    def _edit_again(self, base: Annotation, mine: NoteEdit) -> None:
        from tui.ui.notes import NoteEditor

        target = f"your note over {base.author or 'a colleague'}'s version: {one_line(base.quote, 50, self._bidi())}"
        editor = NoteEditor(target, self.tandem.labels, mine.label, mine.note, self._bidi())

        def saved(edit: NoteEdit | None) -> None:
            # Esc here would drop what was typed: it is kept in the unsaved file instead.
            if edit is None:
                self._keep(_edited(base, mine), "edit cancelled")
            else:
                self._update(base, edit)

        self.tandem.push_screen(editor, saved)

    def _bidi(self) -> str:
        bidi: str = getattr(self.screen, "bidi", "app")
        return bidi

    def _after_change(self) -> None:
        self.load(self._article)
        if self._list is not None:
            self._refresh_list()

    def undo(self, article: Article | None) -> None:
        store = self._usable()
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
        self._mine.add((restored.id, restored.updated))
        what = "removed" if restored.deleted else f"back to {restored.label}"
        self.notify(f"undone: annotation {what}", timeout=3)
        self._article = article
        self._after_change()

    def delete(self, placed: Placed) -> None:
        """Delete one annotation (a tombstone: ``u`` brings it back)."""
        store = self._usable()
        if store is None:
            return
        from tui.notes.backend import EditConflict
        from tui.notes.store import NotesDatabaseError

        base = placed.annotation
        try:
            stored = store.delete(base.id, if_updated=base.updated)
        except EditConflict as exc:
            self.notify(f"not deleted: {exc}", severity="warning", timeout=8)
            self._after_change()
            return
        except (NotesDatabaseError, OverflowError) as exc:
            self.notify(f"not deleted: {exc}", severity="error", timeout=10)
            return
        self._mine.add((stored.id, stored.updated))
        self.notify(f"deleted: {base.label} (u undoes)", timeout=3)
        self._after_change()

    def edit(self, placed: Placed) -> None:
        """The editor on any annotation (from the ``A`` screen)."""
        if self._usable() is None:
            return
        from tui.ui.notes import NoteEditor

        base = placed.annotation
        where = f" ¶{placed.attachment.paragraph + 1}" if placed.attachment.paragraph is not None else ""
        target = f"{base.article_id}{where}: {one_line(base.quote, 60, self._bidi())}"
        editor = NoteEditor(target, self.tandem.labels, base.label, base.note, self._bidi())

        def saved(edit: NoteEdit | None) -> None:
            if edit is not None:
                self._update(base, edit)

        self.tandem.push_screen(editor, saved)

    # -- every annotation -------------------------------------------------------------------

    def show_all(self, collection: ArticleCollection, bidi: str) -> None:
        """The ``A`` screen: ``e`` edits, ``d`` deletes, ``u`` undoes; choosing an
        entry posts :class:`Chosen`."""
        from tui.ui.notes import NoteActions, NotesScreen

        app = self.tandem
        self._collection = collection
        if self._store is None:
            self._ask()
        placed, problem = self._every()
        if self._store is None and app.notes_opening:
            problem = OPENING

        def chosen(found: Placed | None) -> None:
            self._list = None
            if found is not None:
                self.post_message(self.Chosen(found))

        actions = NoteActions(edit=self.edit, delete=self.delete, undo=lambda: self.undo(self._article))
        self._list = NotesScreen(placed, bidi, problem, actions)
        app.push_screen(self._list, chosen)

    def _every(self) -> tuple[list[Placed], str | None]:
        store = self._store
        if store is None or self._problem is not None:
            return [], self._problem or self.tandem.notes_problem
        from tui.notes.placing import place_all
        from tui.notes.store import NotesDatabaseError

        readable = self._collection.readable() if self._collection is not None else []
        try:
            return place_all(store.list(), articles=readable), None
        except NotesDatabaseError as exc:
            return [], str(exc)

    def _refresh_list(self) -> None:
        if self._list is not None:
            self._list.set_placed(*self._every())


def _on_claim(placed: list[Placed], claim: Claim) -> Placed | None:
    for candidate in placed:
        a = candidate.attachment
        if a.paragraph == claim.paragraph and (a.start, a.end) == (claim.start, claim.end):
            return candidate
    return None


def _on_paragraph(placed: list[Placed], index: int) -> Placed | None:
    for candidate in placed:
        a = candidate.attachment
        if a.paragraph == index and a.start is None:
            return candidate
    return None


def _edited(base: Annotation, edit: NoteEdit) -> Annotation:
    """``base`` with the analyst's label and note, stamped now (for the unsaved file:
    an import then wins over the older stored copy)."""
    from tui.notes.model import utc_now

    return replace(base, label=edit.label, note=edit.note, deleted=False, updated=utc_now())
