"""One storage interface for annotations, two back-ends (SQLite file, PostgreSQL server).

An analyst alone keeps notes in a SQLite file (:mod:`tui.notes.store`); a team
on more than one machine shares a PostgreSQL database
(:mod:`tui.notes.postgres`). The reader, the ``notes`` commands and import
code talk to :class:`NotesBackend` only, and :func:`tui.notes.opening.open_notes_store`
picks the back-end from the location, so both give the same guarantees and
run the same contract tests (``tests/test_notes_backends.py``).

Two things exist because several people write at once:

* **Who wrote what**: each store has an :attr:`NotesBackend.author` (config
  ``author``, default :func:`default_author`, the login name) stamped on the
  annotations it creates; a colleague's edit keeps the original author.
* **Never silently overwritten**: an edit passes ``if_updated`` (the
  ``updated`` of the copy the analyst started from); when a colleague saved the
  note in between, :class:`EditConflict` carries their copy and nothing is
  written. Every save moves ``updated`` strictly forward, so it is the version.
* **Live**: :meth:`NotesBackend.changes_since` returns what anyone saved after a
  token (a counter kept by database triggers), and
  :meth:`NotesBackend.wait_for_change` blocks a worker thread until there is
  something (PostgreSQL LISTEN/NOTIFY; a cheap poll of the counter on SQLite).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from tui.article import Article
from tui.notes.model import Annotation

if TYPE_CHECKING:
    from tui.notes.store import MergeResult


Annotations = list[Annotation]
"""(A name for the type: inside the store classes ``list`` is the method.)"""


class EditConflict(Exception):
    """A colleague saved the annotation after the edit started; nothing was written.

    :attr:`theirs` is the stored copy, to show beside the analyst's text (which
    the caller still holds: nothing typed is lost).
    """

    def __init__(self, theirs: Annotation) -> None:
        what = "deleted" if theirs.deleted else "changed"
        super().__init__(
            f"annotation {theirs.id[:8]} was {what} elsewhere at {theirs.updated[:19].replace('T', ' ')} UTC "
            "since you started editing; your text was not saved over it"
        )
        self.theirs = theirs


def default_author() -> str:
    """The login name (``getpass.getuser``), or ``""`` when the system has none."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class NotesBackend(Protocol):
    """What the reader and the CLI may ask of an annotation store."""

    location: str
    """Where the notes are, for messages (a file path, or a server URL without password)."""
    session: str
    """This session's id: undo only ever touches changes made under it."""
    author: str
    """Stamped on the annotations this store creates."""

    def close(self) -> None: ...

    def __enter__(self) -> NotesBackend: ...

    def __exit__(self, *exc: object) -> None: ...

    def get(self, annotation_id: str, *, include_deleted: bool = False) -> Annotation | None: ...

    def list(
        self,
        *,
        article: Article | None = None,
        label: str | None = None,
        include_deleted: bool = False,
        author: str | None = None,
    ) -> Annotations: ...

    def for_article(self, article: Article) -> Annotations: ...

    def count(self, *, include_deleted: bool = False) -> int: ...

    def save(self, annotation: Annotation, *, if_updated: str | None = None) -> Annotation: ...

    def update(
        self,
        annotation_id: str,
        *,
        label: str | None = None,
        note: str | None = None,
        if_updated: str | None = None,
    ) -> Annotation: ...

    def delete(self, annotation_id: str, *, if_updated: str | None = None) -> Annotation: ...

    def undo_last(self) -> Annotation | None: ...

    def merge(self, annotations: Iterable[Annotation]) -> MergeResult: ...

    def change_token(self) -> int: ...

    def changes_since(self, token: int, *, article: Article | None = None) -> tuple[int, Annotations]: ...

    def wait_for_change(self, token: int, timeout: float) -> bool:
        """``True`` as soon as the store moved past ``token``, ``False`` after
        ``timeout`` seconds without a change; :class:`~tui.notes.store.NotesDatabaseError`
        (after waiting) when the store cannot be reached."""
        ...

    def problem(self) -> str | None: ...
