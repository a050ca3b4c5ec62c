"""Which annotation store to open: a file of one's own, or the team's server.

The location comes, first found wins, from ``--notes-db``, the
``TANDEM_NOTES_DB`` environment variable, the config file's ``notes_db``, and
else the file in the user data directory. A ``postgresql://`` (or
``postgres://``) URL opens :class:`tui.notes.postgres.PostgresNotesStore`,
anything else is a file path for :class:`tui.notes.store.NotesStore`, so the
reader and the CLI never choose a back-end themselves. A URL with a password
is refused: credentials come from libpq's own files and variables. psycopg is imported only
when a server is configured: SQLite users pay nothing for it.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.dbserver import has_password, is_server_url
from tui.notes.backend import NotesBackend

ENV = "TANDEM_NOTES_DB"


def notes_location(option: str | os.PathLike[str] | None = None, configured: str | None = None) -> str | Path:
    """Where the notes are: a server URL (``str``) or a file (``Path``)."""
    for candidate in (option, os.environ.get(ENV), configured):
        if candidate:
            if is_server_url(candidate):
                return str(candidate)
            return Path(candidate).expanduser()
    from tui.notes.store import default_db_path

    return default_db_path()


def open_notes_store(
    location: str | os.PathLike[str] | None = None,
    *,
    configured: str | None = None,
    author: str | None = None,
    session: str | None = None,
) -> NotesBackend:
    """Open the store at ``location`` (see :func:`notes_location`); raises
    :class:`tui.notes.store.NotesDatabaseError` with a message for the user."""
    where = notes_location(location, configured)
    if isinstance(where, str):
        from tui.dbserver import display_url
        from tui.notes.postgres import PostgresNotesStore
        from tui.notes.store import NotesDatabaseError

        if has_password(where):
            raise NotesDatabaseError(
                f"{display_url(where)}: a password in the URL is refused (it would show in the process list); "
                "put it in ~/.pgpass, PGPASSFILE or a service file"
            )

        return PostgresNotesStore(where, session=session, author=author)
    from tui.notes.store import NotesStore

    return NotesStore(where, session=session, author=author)
