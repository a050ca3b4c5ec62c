"""Which articles a typed filter keeps: by language code and by title words.

Every word of the query must match. A word that is a language code tandem
knows (``ar``, ``fa``, ``de``…) matches by language only — otherwise "ar"
would also keep every title containing "Parallel"; any other word matches when
the title or file name contains it (case and diacritics ignored, via
:func:`tui.search.fold`). An article not loaded yet matches by file name.
"""

from __future__ import annotations

from pathlib import Path

from tui.article import Article
from tui.search import fold


def matches(query: str, path: Path, article: Article | None) -> bool:
    words = [fold(word)[0] for word in query.split()]
    if not words:
        return True
    language = (article.language or "") if article is not None else ""
    title = article.title if article is not None and article.ok else ""
    haystack = fold(f"{title} {path.name}")[0]
    from tui.language import LANGUAGES

    return all((word == language) if word in LANGUAGES else (word in haystack) for word in words)
