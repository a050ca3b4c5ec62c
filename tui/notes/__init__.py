"""Annotations: the analyst's labels and notes, anchored to article text and kept safe.

* :mod:`tui.notes.model` -- the :class:`~tui.notes.model.Annotation` record;
* :mod:`tui.notes.labels` -- the label set chosen by one key each;
* :mod:`tui.notes.anchor` -- quote/position selectors and re-attachment;
* :mod:`tui.notes.placing` -- annotations re-attached to the current files;
* :mod:`tui.notes.backend` -- the one store interface, edit conflicts, authors;
* :mod:`tui.notes.opening` -- which store to open (a file, or a server URL);
* :mod:`tui.notes.store` -- the SQLite database (WAL, migrations, undo);
* :mod:`tui.notes.postgres` -- the same store on a team's PostgreSQL server;
* :mod:`tui.notes.live` -- colleagues' changes followed in a worker thread;
* :mod:`tui.notes.export` / :mod:`tui.notes.importing` -- JSONL, CSV, Markdown;
* :mod:`tui.notes.sentences` -- the sentence around a quote, for the brief;
* :mod:`tui.notes.unsaved` -- what the database refused, kept for a later import.

Nothing is imported here, so the reader pays only for what it uses.
"""
