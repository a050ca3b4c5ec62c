"""Annotations the database refused, kept in a JSONL file so the typed text is never lost.

A save can fail for reasons the analyst cannot fix mid-sentence: the database
is on a read-only medium, the disk is full, a file-size limit is reached,
another writer held it past the busy timeout. The store then raises
:class:`~tui.notes.store.NotesDatabaseError`; the reader reports it, and calls
:func:`keep_unsaved` with the annotation it tried to save. The record is
appended to :func:`unsaved_path` in the export format, so ``tandem notes
import FILE`` brings it in later -- with its ``updated`` time, so an edit wins
over the older stored version, and importing twice adds nothing.

Where: ``$TANDEM_UNSAVED_NOTES``, else ``<user state dir>/tandem/unsaved-notes.jsonl``
(usually on another file system than a shared database); when that cannot be
written either (the same full disk), the system's temporary directory. Each
record is appended with ``O_APPEND`` and ``fsync``ed, the file is private to the
user (mode 0600).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tui.notes.export import jsonl_line
from tui.notes.model import Annotation


def unsaved_path() -> Path:
    """``$TANDEM_UNSAVED_NOTES`` or ``<user state dir>/tandem/unsaved-notes.jsonl``."""
    env = os.environ.get("TANDEM_UNSAVED_NOTES")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_state_dir

    return Path(user_state_dir("tandem", appauthor=False)) / "unsaved-notes.jsonl"


def fallback_path() -> Path:
    """Where :func:`keep_unsaved` writes when :func:`unsaved_path` cannot be written."""
    user = os.getuid() if hasattr(os, "getuid") else os.getpid()
    return Path(tempfile.gettempdir()) / f"tandem-unsaved-notes-{user}.jsonl"


def keep_unsaved(annotation: Annotation, *, path: Path | None = None) -> Path | None:
    """Append ``annotation`` to the unsaved-notes file; the file written, or ``None`` if none could be.

    ``path`` overrides :func:`unsaved_path` (the fallback is still tried).
    """
    line = (jsonl_line(annotation) + "\n").encode("utf-8")
    for candidate in (path or unsaved_path(), fallback_path()):
        try:
            candidate.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(candidate, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
            try:
                written = os.write(fd, line)
                if written != len(line):
                    raise OSError("short write")
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            continue
        return candidate
    return None
