"""The articles of one reading session: which files, what is read, which languages are known.

The reader lists every file at once and reads them in the background, so an
entry is ``None`` until its file is read, and an article's language arrives
later still. Every part of the reader (list, headers, status, versions, search)
asks this one object, instead of each keeping its own copy of the list and its
own counters. It is plain data: the reader's loading worker fills it in on the
event loop (never from a thread), the views only read it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tui.article import Article


class ArticleCollection:
    """Paths and, as they are read, their articles."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths: tuple[Path, ...] = tuple(paths)
        self._articles: list[Article | None] = [None] * len(self.paths)
        self._languages_done: set[int] = set()
        self._loaded = 0
        """How many entries are read (kept, not counted per keypress)."""

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, index: int) -> Article | None:
        return self._articles[index]

    def __iter__(self) -> Iterator[Article | None]:
        return iter(self._articles)

    def store(self, index: int, article: Article) -> None:
        """``article`` is what file ``index`` holds now (read, or read again)."""
        if self._articles[index] is None:
            self._loaded += 1
        self._articles[index] = article

    def language_done(self, index: int) -> None:
        """Language detection for ``index`` is finished (found or not)."""
        self._languages_done.add(index)

    def language_pending(self, index: int) -> bool:
        return index not in self._languages_done

    @property
    def loaded(self) -> int:
        return self._loaded

    @property
    def languages_known(self) -> int:
        return len(self._languages_done)

    def readable(self) -> list[Article]:
        """The articles read without error, in file order."""
        return [a for a in self._articles if a is not None and a.ok]

    def index_of(self, article_id: str) -> int | None:
        for index, article in enumerate(self._articles):
            if article is not None and article.id == article_id:
                return index
        return None

    def find(self, content_hash: str, path: Path) -> int | None:
        """The entry holding this text (by hash) or this file."""
        for index, article in enumerate(self._articles):
            if article is not None and (article.content_hash == content_hash or self.paths[index] == path):
                return index
        return None

    def language_of(self, article_id: str) -> str:
        index = self.index_of(article_id)
        article = self._articles[index] if index is not None else None
        return (article.language if article is not None else None) or "??"
