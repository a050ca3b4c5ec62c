"""Searching every article of a folder: one pipeline for ``tandem search`` and the reader's ``F``.

Why one module: the CLI and the reader must find the same articles for the
same query, and search the same translations. Both call:

1. :func:`search_corpus` to query the full-text index (:mod:`tui.fulltext`)
   within the caller's articles (a :class:`SearchScope`, built once per list
   of paths), ranked and grouped by article, with each group's position in
   the caller's list so the reader can open it;
2. :func:`pending_translations` to find the articles whose translation is not
   in the index for their current text and target language (one range scan of
   the index per folder: no translation is looked up for the others), and
   :func:`index_translation` with :func:`search_translation` for those: the
   translation tandem shows (the one on screen if the caller has it, else the
   cached machine translation, else the bundled reference; never a model).

Why the query does not wait for the translations: looking up the translation
of every article (hashing its paragraphs, asking the translation cache, the
bundled references) cost 0.3 ms an article, 1.7 s on the first ``F`` of a
session over 5,000 articles, every session again. The index keeps what it
indexed, stamped with the target language and the article's content hash, so
a later session looks up only articles that are new or changed; the reader
searches first with what the index holds and searches again once the
missing translations are in (:class:`FolderSearch`).

What the stamps cannot see: a machine translation written into the cache
behind the index's back for an article whose reference (or lack of one) is
indexed already. So whoever writes one indexes it: ``tandem translate``
after each article (:func:`index_translation`), the reader for the
translations it shows. ``tandem index`` looks up the translations of a whole
folder ahead (:func:`index_pending_translations`), so the first ``F`` on it
has none left to look up.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
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
    of milliseconds to key: build it once per list with :meth:`of`, not per query)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        cwd = os.getcwd()
        self.positions = {article_key(p, cwd): i for i, p in enumerate(self.paths)}

    @classmethod
    def of(cls, paths: tuple[Path, ...]) -> SearchScope:
        """The scope of ``paths``, the same object for the same tuple: the
        reader's list of paths (:attr:`tui.collection.ArticleCollection.paths`)
        is a tuple kept for the session, so each ``F`` reuses its scope.
        Thread-safe (the screen builds it ahead, its search worker may ask too)."""
        with _SCOPES_LOCK:
            for known, scope in _SCOPES:
                if known is paths:
                    return scope
            scope = cls(paths)
            _SCOPES.insert(0, (paths, scope))
            del _SCOPES[_KEEP_SCOPES:]
            return scope


_SCOPES: list[tuple[tuple[Path, ...], SearchScope]] = []
_SCOPES_LOCK = threading.Lock()
"""Guards :data:`_SCOPES` alone: building a scope (~50 ms for 50,000 paths)
must not hold up the index opened for the worker's query, nor the other way."""
_KEEP_SCOPES = 4


def search_index() -> CorpusIndex:
    """The corpus index at its default place, opened once per process for
    searching (thread-safe: :attr:`CorpusIndex.lock`): each ``F`` opening its
    own connection started with SQLite's page cache empty and the schema
    parsed again. A new one is opened when the default place changed
    (``TANDEM_CACHE_DIR``), and the old one closed."""
    from tui.corpus_index import default_index_path

    global _SEARCH_INDEX
    path = default_index_path()
    with _SEARCH_INDEX_LOCK:
        if _SEARCH_INDEX is not None and _SEARCH_INDEX[0] == path:
            return _SEARCH_INDEX[1]
        if _SEARCH_INDEX is not None:
            _SEARCH_INDEX[1].close()
        index = CorpusIndex.open(path)
        _SEARCH_INDEX = (path, index)
        return index


_SEARCH_INDEX: tuple[Path, CorpusIndex] | None = None
_SEARCH_INDEX_LOCK = threading.Lock()
"""Guards :data:`_SEARCH_INDEX` (and clearing :data:`_CURRENT`, which is about
that index): opening an index may rebuild a broken file, which must not hold
up the scope the screen builds meanwhile (:data:`_SCOPES_LOCK`)."""


def prepare_search(paths: tuple[Path, ...]) -> None:
    """What ``F``'s first query needs, done while the query is typed: the
    scope of ``paths`` (:meth:`SearchScope.of`: ~50 ms for 50,000 paths), the
    index opened (:func:`search_index`), the name-skeleton code imported and
    the full-text index's structure read once (~7 ms more on a session's
    first query otherwise). A cache: trouble (an index that cannot be
    opened) is left for the search itself to say."""
    from tui.fulltext import fts_query

    SearchScope.of(paths)
    try:
        index = search_index()
        expression = fts_query("Tumangang")
        with index.lock:
            index.connection.execute(
                "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? LIMIT 1", (expression,)
            ).fetchall()
    except (OSError, sqlite3.Error):
        pass


def forget_search_index() -> None:
    """Close :func:`search_index`'s index (after an SQLite error: the next
    search opens it again, and a broken file is rebuilt)."""
    global _SEARCH_INDEX
    with _SEARCH_INDEX_LOCK:
        if _SEARCH_INDEX is not None:
            _SEARCH_INDEX[1].close()
        _SEARCH_INDEX = None
        _CURRENT.clear()  # a rebuilt index holds no translations


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


def translation_stamp(article: Article, translation: ArticleTranslation | None, target: str) -> str:
    """What the index notes beside an article's indexed translation:
    ``TARGET:CONTENT-HASH:WHICH`` (which translation, and how many paragraphs
    it had; ``none`` when there was none), with :data:`UNKNOWN_LANGUAGE` after
    it when the article's language was not known (a cached machine translation
    is found by the language: ``tandem search`` does not detect them).
    :func:`pending_translations` compares the first two parts, and asks again
    for a provisional stamp once the language is known; the index re-indexes
    when the whole differs."""
    which = "none" if translation is None else f"{translation.provenance.label}:{len(translation.paragraphs)}"
    return f"{target}:{article.content_hash}:{which}" + ("" if article.language else UNKNOWN_LANGUAGE)


UNKNOWN_LANGUAGE = ":language-unknown"
"""The end of a stamp made while the article's language was unknown (provisional)."""


def index_translation(
    index: CorpusIndex, article: Article, translation: ArticleTranslation | None, target: str | None = None
) -> None:
    """Make ``translation`` (or nothing) the translation side of ``article`` in
    the index, for ``target`` (default: the translation's own target)."""
    target = target or (translation.target if translation is not None else DEFAULT_TARGET)
    paragraphs = [] if translation is None else [(i, p.text) for i, p in sorted(translation.paragraphs.items())]
    index.record_translation(article, paragraphs, translation_stamp(article, translation, target))


def pending_translations(index: CorpusIndex, articles: Sequence[Article], target: str) -> list[Article]:
    """Those of ``articles`` (readable ones) whose translation into ``target``
    is not in the index for their current text: new, changed, or indexed for
    another target, or looked up before the article's language was known
    (:func:`translation_stamp`). Reads the stamps with one range scan per folder."""
    readable = [a for a in articles if a.ok]
    cwd = os.getcwd()
    keys = [article_key(a.path, cwd) for a in readable]
    stamps = index.translation_stamps(keys)
    pending = []
    for article, key in zip(readable, keys, strict=True):
        stamp = stamps.get(key)
        if (
            stamp is None
            or not stamp.startswith(f"{target}:{article.content_hash}:")
            or (article.language and stamp.endswith(UNKNOWN_LANGUAGE))
        ):
            pending.append(article)
    return pending


TRANSLATION_BATCH = 500
"""Articles a command holds at once while it reads a folder: their
translations are looked up and indexed together (``tandem index``, ``tandem search``)."""


def index_pending_translations(
    index: CorpusIndex, articles: Sequence[Article], target: str, *, packages_dir: str | None = None
) -> int:
    """Index the translation searched for each of ``articles`` that the index
    does not hold for its current text (:func:`pending_translations`, then
    :func:`search_translation`): what ``tandem search`` and ``tandem index``
    do a batch of articles at a time. Returns how many were looked up."""
    pending = pending_translations(index, articles, target)
    for article in pending:
        index_translation(index, article, search_translation(article, target, packages_dir=packages_dir), target)
    return len(pending)


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


# --------------------------------------------------------------------------
# the reader's F


@dataclass(frozen=True, slots=True)
class Page:
    """One page of :meth:`FolderSearch.pages`."""

    result: CorpusResult
    fresh: bool
    """The first page of a round: what was listed before is replaced (the
    translations indexed meanwhile may have changed the ranking)."""
    last: bool
    """No page follows: every article's translation was searched."""


_CURRENT: set[tuple[str, Path, str, str, bool]] = set()
"""(index file, article path, content hash, target, language known) whose translation was
found indexed, or indexed, by :class:`FolderSearch` in this process: reading
50,000 stamps again took half a second after every ``F``."""


@dataclass
class FolderSearch:
    """``F``'s pipeline, one query over one list of articles: the pages of
    results at once from the index as it is; then the translations missing
    from the index are looked up and indexed and, if there were any, the
    pages again (a round with ``fresh`` first page).

    ``articles`` are the caller's list (``None``: not read yet, not searched);
    ``scope`` its :class:`SearchScope` (the same positions); ``translation_for``
    gives the translation searched for article ``i`` (the one on screen, or
    :func:`search_translation`'s); ``shown`` are the positions whose
    translation is on screen (indexed before the first page: they change as
    the reader works, and are few)."""

    index: CorpusIndex
    scope: SearchScope
    articles: Sequence[Article | None]
    translation_for: Callable[[int, Article], ArticleTranslation | None]
    target: str
    shown: frozenset[int] = frozenset()
    page_articles: int = 50
    max_hits: int | None = None
    """Stop paging once a round has this many matching paragraphs (the rest is not fetched)."""
    cancelled: Callable[[], bool] = lambda: False

    def pages(self, query: str) -> Iterator[Page]:
        """The pages for ``query``; raises :class:`tui.fulltext.QueryError`
        before the first for a query without words."""
        from tui.fulltext import fts_query

        fts_query(query)  # a query without words fails before any work
        for i in sorted(self.shown):
            article = self.articles[i] if i < len(self.articles) else None
            if article is not None and article.ok:
                index_translation(self.index, article, self.translation_for(i, article), self.target)
        yield from self._round(query, last=False)
        if self.cancelled():
            return
        # Articles found current before in this process are not asked about again.
        place = str(self.index.path)
        others = [
            (i, a)
            for i, a in enumerate(self.articles)
            if a is not None
            and i not in self.shown
            and (place, a.path, a.content_hash, self.target, bool(a.language)) not in _CURRENT
        ]
        pending = {id(a) for a in pending_translations(self.index, [a for _, a in others], self.target)}
        for i, article in others:
            if self.cancelled():
                return
            if id(article) in pending:
                index_translation(self.index, article, self.translation_for(i, article), self.target)
            _CURRENT.add((place, article.path, article.content_hash, self.target, bool(article.language)))
        if pending:
            yield from self._round(query, last=True)
        else:
            yield Page(CorpusResult(query, (), False), False, True)

    def _round(self, query: str, *, last: bool) -> Iterator[Page]:
        """The pages of one round: the first of :attr:`page_articles`, then
        each four times the articles listed so far (a page costs in proportion
        to its offset plus its size: pages of a fixed size cost the square),
        never more articles than hits still wanted."""
        offset = hits = 0
        first = True
        while not self.cancelled():
            size = self.page_articles if first else max(self.page_articles, 4 * offset)
            if self.max_hits is not None:  # an article listed is one hit at least
                size = max(1, min(size, self.max_hits - hits))
            result = search_corpus(self.index, query, self.scope, articles=size, offset=offset)
            offset += len(result.articles)
            readable = tuple(group for group in result.articles if self._readable(group.position))
            hits += sum(len(group.hits) for group in readable)
            more = result.more and bool(result.articles) and (self.max_hits is None or hits < self.max_hits)
            yield Page(CorpusResult(query, readable, more, result.window), first, last and not more)
            first = False
            if not more:
                return

    def _readable(self, position: int) -> bool:
        article = self.articles[position] if position < len(self.articles) else None
        return article is not None and article.ok
