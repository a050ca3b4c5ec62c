"""Which articles a typed filter keeps: by language code and by title words.

Every word of the query must match. A word that is a language code tandem
knows (``ar``, ``fa``, ``de``…) matches by language only — otherwise "ar"
would also keep every title containing "Parallel"; any other word matches when
the title or file name contains it (case and diacritics ignored, via
:func:`tui.search.fold`). An article not loaded yet matches by file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tui.article import Article
from tui.search import fold


def matches(query: str, path: Path, article: Article | None) -> bool:
    return bool(kept(query_words(query), [article], [searched_text(path, article)]))


def query_words(query: str) -> list[str]:
    """The query's words, folded as :func:`searched_text` is."""
    return [fold(word)[0] for word in query.split()]


def searched_text(path: Path, article: Article | None) -> str:
    """What a word of the query is looked for in: title and file name, folded.
    Folding is most of a filter's cost, so a list filtered at every keystroke
    keeps this per article (an ``Article`` never changes) instead of folding
    50,000 titles a key."""
    title = article.title if article is not None and article.ok else ""
    return fold(f"{title} {path.name}")[0]


def kept(words: Sequence[str], articles: Sequence[Article | None], texts: Sequence[str]) -> list[int]:
    """The indices of ``articles`` that the query's ``words`` keep, ``texts``
    being their :func:`searched_text` (in the same order). A word at a time
    over what the words before it kept: one pass per word, no call per article."""
    from tui.language import LANGUAGES

    indices: Sequence[int] = range(len(articles))
    for word in words:
        if word in LANGUAGES:
            indices = [i for i in indices if (a := articles[i]) is not None and (a.language or "") == word]
        else:
            indices = [i for i in indices if word in texts[i]]
    return list(indices)
