"""Searching every article of a folder: one pipeline for ``tandem search`` and the reader's ``F``.

Why one module: the CLI and the reader must find the same articles for the
same query, and search the same translations. Both call:

1. :func:`search_translation` for each article: the translation search looks
   in (the one on screen if the caller passes it, else the cached machine
   translation, else the bundled reference; never a model);
2. :func:`index_translation` to put it into the full-text index (skipped when
   that very translation is indexed already);
3. :func:`search_corpus` to query the index (:mod:`tui.fulltext`) within the
   caller's articles, ranked and grouped by article, with each group's
   position in the caller's list so the reader can open it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.article import Article
from tui.corpus_index import CorpusIndex, article_key
from tui.fulltext import TextHit, search
from tui.target_language import DEFAULT_TARGET
from tui.translated import ArticleTranslation


@dataclass(frozen=True, slots=True)
class CorpusHit:
    """The matches in one article of the caller's list."""

    position: int
    """Index of the article in the ``paths`` given to :func:`search_corpus`."""
    path: Path
    hits: tuple[TextHit, ...]
    rank: float


@dataclass(frozen=True, slots=True)
class CorpusResult:
    query: str
    articles: tuple[CorpusHit, ...]
    more: bool
    """More articles matched than were asked for (page on with ``offset``)."""
    window: bool = False
    """Only the most recently indexed matches were ranked (a very common query)."""


class SearchScope:
    """The caller's articles, keyed for the index once (50,000 paths take tens
    of milliseconds to key: a reader builds this once per folder, not per query)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self.positions = {article_key(p): i for i, p in enumerate(self.paths)}


def search_translation(
    article: Article, target: str = DEFAULT_TARGET, *, packages_dir: str | None = None
) -> ArticleTranslation | None:
    """The translation searched for ``article`` when none is on screen: cached
    machine output, else the bundled reference; ``None`` when there is none or
    the cache cannot be read (the original is still searched)."""
    if not article.ok:
        return None
    from tui.translation.service import best_translation

    try:
        return best_translation(article, target, packages_dir=packages_dir)
    except (OSError, sqlite3.Error):
        return None


def index_translation(index: CorpusIndex, article: Article, translation: ArticleTranslation | None) -> None:
    """Make ``translation`` (or nothing) the translation side of ``article`` in the index."""
    if translation is None:
        stamp = f"none:{article.content_hash}"
        paragraphs: list[tuple[int, str]] = []
    else:
        stamp = (
            f"{translation.provenance.label}:{translation.target}:{article.content_hash}:{len(translation.paragraphs)}"
        )
        paragraphs = [(i, p.text) for i, p in sorted(translation.paragraphs.items())]
    index.record_translation(article, paragraphs, stamp)


def search_corpus(
    index: CorpusIndex,
    query: str,
    paths: Sequence[Path] | SearchScope,
    *,
    articles: int = 50,
    per_article: int = 5,
    offset: int = 0,
) -> CorpusResult:
    """Articles among ``paths`` matching ``query`` (see :mod:`tui.fulltext`),
    best first. Articles not yet in the index are not found: the reader's
    loading worker and ``tandem search`` put them there first. Raises
    :class:`tui.fulltext.QueryError` for a query without words."""
    scope = paths if isinstance(paths, SearchScope) else SearchScope(paths)
    positions = scope.positions
    with index.lock:
        result = search(
            index.connection, query, scope=positions, articles=articles, per_article=per_article, offset=offset
        )
    found = tuple(
        CorpusHit(positions[group.article], scope.paths[positions[group.article]], group.hits, group.rank)
        for group in result.articles
    )
    return CorpusResult(query, found, result.more, result.window)
