"""Which translation a search across articles looks in, for the reader and the CLI alike.

A search must find what the reader would show: for an article already opened,
the translation on screen; otherwise the best one that exists without running
a model (a cached machine translation, else the bundled reference). An
unreadable cache is not an error here: the original is still searched.
"""

from __future__ import annotations

import sqlite3

from tui.article import Article
from tui.translated import ArticleTranslation


def translation_to_search(
    article: Article,
    shown: ArticleTranslation | None = None,
    *,
    opened: bool = False,
    target: str = "en",
    packages_dir: str | None = None,
) -> ArticleTranslation | None:
    """The translation of ``article`` to search: ``shown`` when the reader has
    the article ``opened``, else the best cached or reference one (never a model)."""
    if opened:
        return shown
    from tui.translation.service import best_translation

    try:
        return best_translation(article, target, packages_dir=packages_dir)
    except (OSError, sqlite3.Error):  # an unreadable cache: search the original only
        return None
