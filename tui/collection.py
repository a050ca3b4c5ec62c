"""The articles of one reading session: which files, what is read, which languages are known.

The reader lists every file at once and reads them in the background, so an
entry is ``None`` until its file is read, and an article's language arrives
later still. Every part of the reader (list, headers, status, versions, search)
asks this one object, instead of each keeping its own copy of the list and its
own counters. It is plain data: the reader's loading worker fills it in on the
event loop (never from a thread), the views only read it.

Before a file is read, the corpus index (:mod:`tui.corpus_index`) may already
know its title, language and metadata from an earlier run: that
:class:`~tui.corpus_index.Summary` is kept beside the entry, so the list shows
every title and language of a large folder at once, and the status counts the
entry as known, while the article itself comes from the index moments later.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.article import Article, ArticleMeta

if TYPE_CHECKING:  # the index (SQLite) loads after the first paint
    from tui.corpus_index import Summary

SHORT_NAMES_AT_ONCE = 5_000
"""Above this many paths the list does not wait for the short names
(:func:`tui.short_names.short_names`: 0.15–0.35 s for 50,000 paths, which
delayed the first paint): the loading worker works them out after it
(:meth:`ArticleCollection.set_short_names`)."""


class ArticleCollection:
    """Paths and, as they are read, their articles."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths: tuple[Path, ...] = tuple(paths)
        self._articles: list[Article | None] = [None] * len(self.paths)
        self._summaries: list[Summary | None] = [None] * len(self.paths)
        self._short_names: list[str] | None = None
        self._ids: dict[str, int] = {}
        """Article id → the first index holding it (the versions strip asks per keypress)."""
        self._languages_done: set[int] = set()
        self._loaded = 0
        """How many entries are read or summarised (kept, not counted per keypress)."""

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, index: int) -> Article | None:
        return self._articles[index]

    def __iter__(self) -> Iterator[Article | None]:
        return iter(self._articles)

    def store(self, index: int, article: Article) -> None:
        """``article`` is what file ``index`` holds now (read, or read again)."""
        old = self._articles[index]
        summary = self._summaries[index]
        if old is None and summary is None:
            self._loaded += 1
        if summary is not None and summary.languages and article.language is None:
            # Read again without languages: the index's summary was of other
            # text (the file changed since: summaries are listed before the
            # files are checked), its languages are not this text's. (An
            # article reused from the index brings its languages, and the
            # loader says so right after.)
            self._summaries[index] = None
            self._languages_done.discard(index)
        self._articles[index] = article
        if old is not None and old.id != article.id and self._ids.get(old.id) == index:
            del self._ids[old.id]  # the file changed: another copy of the old text may still be here
            found = next((i for i, a in enumerate(self._articles) if a is not None and a.id == old.id), None)
            if found is not None:
                self._ids[old.id] = found
        first = self._ids.get(article.id)
        if first is None or index < first:
            self._ids[article.id] = index

    def summarize(self, index: int, summary: Summary) -> None:
        """What the corpus index knew of file ``index`` before it is read
        (its language counts as detected when the index had detected it)."""
        if self._articles[index] is None and self._summaries[index] is None:
            self._loaded += 1
        self._summaries[index] = summary
        if summary.languages:
            self._languages_done.add(index)

    def summary(self, index: int) -> Summary | None:
        return self._summaries[index]

    def language(self, index: int) -> str | None:
        article = self._articles[index]
        summary = self._summaries[index]
        return (article.language if article is not None else None) or (summary.language if summary else None)

    def meta(self, index: int) -> ArticleMeta | None:
        """Outlet, date… the source declared (from the article, or the index before it is read)."""
        article = self._articles[index]
        if article is not None:
            return article.meta
        summary = self._summaries[index]
        return summary.meta if summary is not None else None

    def language_done(self, index: int) -> None:
        """Language detection for ``index`` is finished (found or not)."""
        self._languages_done.add(index)

    def language_pending(self, index: int) -> bool:
        return index not in self._languages_done

    @property
    def loaded(self) -> int:
        """Entries whose title is known: read, or summarised by the corpus index."""
        return self._loaded

    @property
    def languages_known(self) -> int:
        return len(self._languages_done)

    def readable(self) -> list[Article]:
        """The articles read without error, in file order."""
        return [a for a in self._articles if a is not None and a.ok]

    def index_of(self, article_id: str) -> int | None:
        return self._ids.get(article_id)

    def find(self, content_hash: str, path: Path) -> int | None:
        """The entry holding this text (by hash) or this file."""
        for index, article in enumerate(self._articles):
            if article is not None and (article.content_hash == content_hash or self.paths[index] == path):
                return index
        return None

    def short_name(self, index: int) -> str:
        """A name for article ``index`` that tells it apart from every other one
        in the session (:func:`tui.short_names.short_names`), made once; its
        file name while a large session's names are still being worked out in
        the background (:attr:`short_names_pending`: not made twice, nor on the
        event loop)."""
        if self.short_names_pending:
            return self.paths[index].name
        if self._short_names is None:
            from tui.short_names import short_names

            self._short_names = short_names(self.paths)
        return self._short_names[index]

    def listed_short_name(self, index: int) -> str:
        """:meth:`short_name` for the article list: ``""`` while the names of a
        session of more than :data:`SHORT_NAMES_AT_ONCE` paths are still being
        worked out in the background (see :attr:`short_names_pending`)."""
        if self.short_names_pending:
            return ""
        return self.short_name(index)

    @property
    def short_names_pending(self) -> bool:
        """True while a large session's short names are left to the loading worker."""
        return self._short_names is None and len(self.paths) > SHORT_NAMES_AT_ONCE

    def set_short_names(self, names: Sequence[str]) -> None:
        """The short names, worked out elsewhere (a worker) from :attr:`paths`."""
        if len(names) != len(self.paths):
            raise ValueError("one short name per path expected")
        self._short_names = list(names)

    def name_of(self, article_id: str) -> str:
        """:meth:`short_name` of the article with this id (its id cut short if unknown)."""
        index = self.index_of(article_id)
        return self.short_name(index) if index is not None else article_id[:12]

    def language_of(self, article_id: str) -> str:
        index = self.index_of(article_id)
        return (self.language(index) if index is not None else None) or "??"


def same_paragraph(before: Article, after: Article, paragraph: int) -> int:
    """Where the reader's ``paragraph`` of ``before`` is in ``after`` (the same
    file read again with other text): the nearest paragraph with the same
    text, else the same position (within the new article)."""
    if not after.paragraphs:
        return 0
    if 0 <= paragraph < len(before.paragraphs):
        text = before.paragraphs[paragraph].text
        same = [p.index for p in after.paragraphs if p.text == text]
        if same:
            return min(same, key=lambda i: abs(i - paragraph))
    return max(0, min(paragraph, len(after.paragraphs) - 1))
