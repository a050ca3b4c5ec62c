"""Reading every article and detecting languages, in a thread worker.

The worker only reads the collection (to skip files the reader has already
read on the event loop) and touches no widget: it appends what it read to a
queue and posts :class:`Loader.Progressed`, a message that can replace an
earlier one still waiting (``can_replace``, as toolong's scan progress does).
So a burst of thousands of small files costs the event loop one drain per
frame rather than one message per file, without hand-made batching, and no
result is lost: the queue holds them until the handler calls :meth:`drain`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.article import Article
from tui.collection import ArticleCollection


@dataclass(frozen=True, slots=True)
class Loaded:
    """One result of the worker: an article read (``languages`` False), or
    read with its languages (True); ``article`` is ``None`` when languages were
    not detectable (unreadable file)."""

    index: int
    article: Article | None
    languages: bool


class Loader(Widget):
    """Invisible: owns the loading worker and the queue of its results."""

    DEFAULT_CSS = "Loader { display: none; }"

    class Progressed(Message):
        """New results are queued (coalesced: one waiting message is enough)."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Loader.Progressed)

    class Finished(Message):
        """Every file is read and every language detected."""

    def __init__(self) -> None:
        super().__init__()
        self._results: deque[Loaded] = deque()

    def drain(self) -> list[Loaded]:
        """Everything the worker has queued since the last call."""
        out: list[Loaded] = []
        while self._results:
            out.append(self._results.popleft())
        return out

    def start(self, collection: ArticleCollection, first: int, unflagged: int | None = None) -> None:
        """Read every unread file of ``collection``, then detect languages,
        article ``first`` first. ``unflagged``: an article read before the first
        paint without boilerplate rules, flagged here first (off the event loop:
        on a 200,000-paragraph file the rules take seconds)."""
        self._load(collection, first, unflagged)

    def _put(self, item: Loaded) -> None:
        self._results.append(item)
        self.post_message(self.Progressed())

    @work(thread=True, exclusive=True, group="load")
    def _load(self, collection: ArticleCollection, first: int, unflagged: int | None) -> None:
        from tui.language_process import LanguageDetectorProcess
        from tui.loading import load_article, with_boilerplate

        worker = get_current_worker()
        read: dict[int, Article] = {}
        plain = collection[unflagged] if unflagged is not None else None
        if unflagged is not None and plain is not None:
            read[unflagged] = with_boilerplate(plain)
            self._put(Loaded(unflagged, read[unflagged], False))
        for index, path in enumerate(collection.paths):
            if worker.is_cancelled:
                return
            if collection[index] is None:
                article = load_article(path)
                read[index] = article
                self._put(Loaded(index, article, False))
        order = list(range(len(collection)))
        if 0 <= first < len(order):
            order.remove(first)
            order.insert(0, first)
        with LanguageDetectorProcess() as detector:
            for index in order:
                if worker.is_cancelled:
                    return
                found = read.get(index) or collection[index]
                if found is None or not found.ok:
                    self._put(Loaded(index, None, True))
                else:
                    self._put(Loaded(index, detector.detect(found), True))
        self.post_message(self.Finished())
