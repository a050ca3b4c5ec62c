"""An article exported for a report: original beside its translation, claims marked, notes inline.

:func:`tui.report.bilingual.export_article` is what ``tandem export`` and the
reader call; :mod:`tui.report.document` decides what the file says (the
honest-display rules), :mod:`tui.report.markdown_text` and
:mod:`tui.report.html_text` only spell it, and :mod:`tui.report.files` writes
it without ever overwriting by accident.
"""
