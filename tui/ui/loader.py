"""Reading every article and detecting languages, in a thread worker, through the corpus index.

The worker only reads the collection (its paths, and the articles the
event loop read itself) and touches no widget: it appends what it read to a
queue and posts :class:`Loader.Progressed`, a message that can replace an
earlier one still waiting (``can_replace``, as toolong's scan progress does).
So a burst of thousands of small files costs the event loop one drain per
frame rather than one message per file, without hand-made batching, and no
result is lost: the queue holds them until the handler calls :meth:`drain`.

Why the corpus index (:mod:`tui.corpus_index`): re-reading and re-detecting a
5,000-file folder on every start took minutes. The worker first asks the
index what it knows of every file (:meth:`~tui.corpus_index.CorpusIndex.summaries`:
title, language, metadata, one range scan; not checked against the files,
which the reading that follows does, a changed file then replacing its
summary) and queues that as one :class:`Listed` result, so the list and the
status know every title and language of an unchanged folder at once. It then waits until the
screen has painted them (:meth:`Loader.listed_shown`): what follows (a
``stat`` and a query per file) released and retook the GIL thousands of
times, and the frame with every title waited behind it. Then the articles come
from the index (``read_many``: only new or changed files are read, and
recorded; in a child process for a large folder, :mod:`tui.reading_process`,
so reading thousands of files does not hold the interpreter lock while keys
wait), and only articles whose languages the index does not know go to the
language detector (a child process too), whose findings are recorded for the
next start.

It also notices files that change on disk (:meth:`Loader.check`): a ``stat``
of the open article's file when asked (on opening an article, and on the
screen's timer); a changed file is read again and queued like any other.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.article import Article
from tui.collection import ArticleCollection

if TYPE_CHECKING:
    from tui.corpus_index import CorpusIndex, Summary


@dataclass(frozen=True, slots=True)
class Loaded:
    """One result of the worker: an article read (``languages`` False), or
    read with its languages (True); ``article`` is ``None`` when languages were
    not detectable (unreadable file)."""

    index: int
    article: Article | None
    languages: bool


@dataclass(frozen=True, slots=True)
class Listed:
    """What the corpus index knew before reading: a summary per file (``None``
    where the file is new or changed since)."""

    summaries: Sequence[Summary | None]


@dataclass(frozen=True, slots=True)
class Named:
    """The short names of a large session's articles, worked out after the
    first paint (see :data:`tui.collection.SHORT_NAMES_AT_ONCE`)."""

    names: tuple[str, ...]


class Loader(Widget):
    """Invisible: owns the loading worker and the queue of its results."""

    DEFAULT_CSS = "Loader { display: none; }"

    class Progressed(Message):
        """New results are queued (coalesced: one waiting message is enough)."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Loader.Progressed)

    class Finished(Message):
        """Every file is read and every language detected."""

    def __init__(self, index_path: Path | None = None) -> None:
        super().__init__()
        self._results: deque[Loaded | Listed | Named] = deque()
        self._index_path = index_path
        """The corpus index file (``None``: the default one in the user cache directory)."""
        self._stamps: dict[int, tuple[int, int] | None] = {}
        """Size and modification time of each entry's file when it was read."""
        self._paths: tuple[Path, ...] = ()
        self._listed_shown = threading.Event()
        self._lock = threading.Lock()
        self._announced = False
        """A :class:`Progressed` is posted and :meth:`drain` not called since:
        the worker posts no other (each post woke the event loop: hundreds a
        second while a large folder is read)."""

    def drain(self) -> list[Loaded | Listed | Named]:
        """Everything the worker has queued since the last call."""
        with self._lock:
            out = list(self._results)
            self._results.clear()
            self._announced = False
        return out

    def start(self, collection: ArticleCollection, first: int) -> None:
        """Read every file of ``collection`` (from the corpus index where it is
        unchanged), then detect the languages the index did not know,
        article ``first`` first — the one on screen, read before the first
        paint without boilerplate rules and so taken again here (flagged: on a
        200,000-paragraph file the rules take seconds, off the event loop)."""
        self._paths = collection.paths
        self._load(collection, first)

    def listed_shown(self) -> None:
        """The screen has painted the :class:`Listed` summaries: the worker goes on reading."""
        self._listed_shown.set()

    def on_unmount(self) -> None:
        self._listed_shown.set()

    def check(self, index: int) -> bool:
        """Whether entry ``index``'s file changed on disk since it was read (a
        ``stat``); if so it is read again in a worker and queued as a
        :class:`Loaded` result, then with its languages."""
        if index not in self._stamps or not 0 <= index < len(self._paths):
            return False
        now = _stamp(self._paths[index])
        if now == self._stamps[index]:
            return False
        self._stamps[index] = now
        self._reload(index)
        return True

    def _put(self, item: Loaded | Listed | Named) -> None:
        with self._lock:
            self._results.append(item)
            if self._announced:  # a Progressed not drained yet covers this one too
                return
            self._announced = True
        self.post_message(self.Progressed())

    @work(thread=True, exclusive=True, group="load", description="read the articles")
    def _load(self, collection: ArticleCollection, first: int) -> None:
        import sqlite3  # after the first paint, as the index itself

        from tui.corpus_index import CorpusIndex

        worker = get_current_worker()
        paths = collection.paths
        with CorpusIndex.open(self._index_path) as index:
            try:
                # Not checked against the files: a stat per file here, beside
                # the event loop's first frames, kept every title of a 5,000-file
                # folder back 0.1-0.2 s (each stat gave up the GIL and waited to
                # take it back). read_many checks every file anyway, and a
                # changed one comes back read again, replacing its summary.
                summaries: Sequence[Summary | None] = index.summaries(paths, verify=False)
            except sqlite3.Error:  # a damaged index: everything is read from the files
                summaries = [None] * len(paths)
            self._put(Listed(summaries))
            # Nothing more until the screen has shown them: on a large folder
            # the next steps (a stat and a query per file, the short names)
            # competed for the GIL with the frame that shows every title.
            while not self._listed_shown.wait(0.05):
                if worker.is_cancelled:
                    return
            undetected = self._read(index, collection, first)
            if undetected is None:
                return
            self._detect(index, list(undetected), undetected.get)
        self.post_message(self.Finished())

    def _read(self, index: CorpusIndex, collection: ArticleCollection, first: int) -> dict[int, Article] | None:
        """Read every entry, each queued (also those the event loop read
        itself: cheap from the index, and so every article shown is in the
        index for F), the article on screen (``first``) first, then file
        order; a large session's short names after the first. Those whose
        languages the index did not know are returned, in that order
        (``None``: cancelled)."""
        from tui.reading_process import ReadingProcess
        from tui.row_geometry import prepare_for

        worker = get_current_worker()
        paths = collection.paths
        wanted = list(range(len(paths)))
        if 0 <= first < len(paths):
            wanted.remove(first)
            wanted.insert(0, first)
        undetected: dict[int, Article] = {}
        with ReadingProcess(index) as reader:
            # Asked first, so the child starts while the claim rules load: 50,000
            # short names took ~0.5 s of this thread, holding the GIL as keys waited.
            names = reader.short_names(paths) if collection.short_names_pending else None
            # The claim rules (~0.15 s of imports and patterns): here, not on the
            # event loop when the first highlights are asked for.
            import tui.claims.extract  # noqa: F401

            # The article on screen alone first: read_many checks a step of files
            # before it yields the first. The rest of a large folder is read by
            # the child (see tui.reading_process).
            for step, batch in enumerate((wanted[:1], wanted[1:])):
                if step == 1 and names is not None:  # read-only here; stored on the event loop
                    self._put(Named(names()))
                for i, (article, languages, stamp) in zip(
                    batch, reader.articles([paths[i] for i in batch]), strict=True
                ):
                    if worker.is_cancelled:
                        return None
                    self._stamps[i] = stamp or _stamp(paths[i])
                    self._put(Loaded(i, article, False))
                    prepare_for(len(article.paragraphs))  # the reading view's long-article geometry
                    if languages:
                        self._put(Loaded(i, article, True))
                    else:
                        undetected[i] = article
        return undetected

    def _detect(self, index: CorpusIndex | None, order: list[int], article_of: Callable[[int], Article | None]) -> None:
        """Languages of ``order``'s articles (a child process, started only when
        there is something to detect), each queued and recorded in ``index``."""
        if not order:
            return
        from tui.language_process import LanguageDetectorProcess

        worker = get_current_worker()
        with LanguageDetectorProcess() as detector:
            for i in order:
                if worker.is_cancelled:
                    return
                found = article_of(i)
                if found is None or not found.ok:
                    self._put(Loaded(i, None, True))
                    continue
                detected = detector.detect(found)
                self._put(Loaded(i, detected, True))
                if index is not None:
                    index.record_languages(detected)

    @work(thread=True, group="reload", description="read a changed article again")
    def _reload(self, i: int) -> None:
        from tui.corpus_index import CorpusIndex

        with CorpusIndex.open(self._index_path) as index:
            article = index.load_or_read(self._paths[i])
            self._put(Loaded(i, article, False))
            self._detect(index, [i], lambda _: article)


def _stamp(path: Path) -> tuple[int, int] | None:
    """Size and modification time of the file behind an entry path (``None``: gone)."""
    from tui.loading import split_entry

    try:
        info = os.stat(split_entry(path)[0])
    except (OSError, ValueError):
        return None
    return info.st_size, info.st_mtime_ns
