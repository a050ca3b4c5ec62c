"""Reading a folder's files in a child process, for the reader's loader.

Why: reading a file — decoding, segmenting, the boilerplate rules, the
full-text rows — is about 6 ms of pure Python for a seed-sized file. In the
reader's loading thread it held the interpreter lock while the analyst
pressed keys: ``>`` during the first read of a 50,000-file folder took
1.3–1.9× the same key on a 50-file folder. The child reads through its own
connection to the corpus index (:meth:`~tui.corpus_index.CorpusIndex.read_many`:
fresh records reused, the rest read, flagged, indexed for ``F`` and recorded)
and sends each article back pickled (:mod:`tui.child_process`); taking one in
costs the reader about 0.1 ms.

Folders of fewer than :data:`~tui.corpus_index.MIN_PARALLEL` files are read
in the calling thread: starting the child (an interpreter and tandem's
loading modules) costs more than it saves. So is everything when the index
lives in memory (the cache directory cannot be written: a child would see
another index), and the rest of a batch when the child cannot start or dies.
A damaged index part-way through gives the files themselves, as before.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tui import child_process
from tui.article import Article
from tui.corpus_index import MIN_PARALLEL, CorpusIndex

_END = None
"""What the child writes after the last article of a request."""


Stamp = tuple[int, int] | None
"""Size and modification time of an article's file when it was read (``None``: unknown)."""


def indexed_articles(index: CorpusIndex, paths: Sequence[Path]) -> Iterator[tuple[Article, bool, Stamp]]:
    """Each of ``paths``' article, whether its languages are known, and its
    file's stamp: from ``index`` (read where new or changed, and recorded),
    or, should the index fail part-way (a damaged file), from the files for
    the rest (stamp unknown)."""
    from tui.loading import load_article

    done = 0
    try:
        for item in index.read_many(paths):
            done += 1
            yield item.article, item.languages, item.stamp
    except sqlite3.Error:
        for path in paths[done:]:
            yield load_article(path), False, None


class ReadingProcess(child_process.ChildWork):
    """``articles(paths)`` like :func:`indexed_articles` on ``index``, read by a child."""

    MODULE = "tui.reading_process"

    def __init__(self, index: CorpusIndex) -> None:
        super().__init__()
        self._index = index
        self._names: tuple[str, ...] | None = None
        self._names_asked = False
        """The child owes the answer to :meth:`short_names` (read before anything else)."""

    def short_names(self, paths: Sequence[Path]) -> Callable[[], tuple[str, ...]]:
        """``paths``' short names (:func:`tui.short_names.short_names`), worked
        out by the child while the calling thread goes on (50,000 took ~0.5 s
        of the reader's interpreter lock): call the result to have them (then
        worked out in the calling thread if the child failed)."""
        if not self._child.failed:
            try:
                self._child.send(("names", [str(p) for p in paths]))
                self._names, self._names_asked = None, True
            except (OSError, pickle.PickleError):
                self._child.fail()

        def answer() -> tuple[str, ...]:
            self._take_names()
            if self._names is not None:
                return self._names
            from tui.short_names import short_names

            return tuple(short_names(paths))

        return answer

    def _take_names(self) -> None:
        """Read the child's answer to :meth:`short_names` if it is still owed."""
        if not self._names_asked:
            return
        self._names_asked = False
        try:
            names = self._child.receive()
            if isinstance(names, tuple):
                self._names = names
                return
        except (OSError, EOFError, pickle.PickleError):
            pass
        self._child.fail()

    def articles(self, paths: Sequence[Path]) -> Iterator[tuple[Article, bool, Stamp]]:
        """Each of ``paths``' article, in order, whether its languages are
        known, and its file's stamp (as :func:`indexed_articles`)."""
        done = 0
        by_child = len(paths) >= MIN_PARALLEL and self._index.path is not None
        if by_child:  # the names are owed first on the same pipe (a small batch, read here, does not wait)
            self._take_names()
        if by_child and not self._child.failed:
            finished = False
            try:
                self._child.send(("read", str(self._index.path), [str(p) for p in paths]))
                while (item := self._child.receive()) is not _END:
                    article, languages, stamp = item
                    done += 1
                    yield article, languages, stamp
                finished = True
            except (OSError, EOFError, pickle.PickleError, ValueError, TypeError):
                self._child.fail()
            finally:
                if not finished:  # cut short (cancelled, or the child failed): it may still be writing
                    self._child.close(wait=False)
        yield from indexed_articles(self._index, paths[done:])


_opened: dict[str, CorpusIndex] = {}
"""The child's connection to the index, opened at its first request."""


def _serve(request: tuple[str, ...] | tuple[str, str, list[str]]) -> Iterator[object]:
    """The child's answer to one request: ``("names", paths)``, their short
    names; ``("read", index, paths)``, each file's article, then :data:`_END`."""
    if request[0] == "names":
        from tui.short_names import short_names

        yield tuple(short_names([Path(p) for p in request[1]]))
        return
    _, index_path, paths = request
    if index_path not in _opened:
        index = CorpusIndex.open(Path(index_path))
        if index.path is None:  # busy or unwritable: the reader reads in its own thread instead
            raise SystemExit(1)
        _opened[index_path] = index
    yield from indexed_articles(_opened[index_path], [Path(p) for p in paths])
    yield _END


if __name__ == "__main__":
    child_process.serve(_serve)
