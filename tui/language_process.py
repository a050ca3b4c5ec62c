"""Language detection in a child process, for the reader.

lingua's n-gram models cost the reader's process ~250 MB resident once the
tie-breaking detectors are loaded, and lingua holds the interpreter lock while
it works, stalling the interface for up to 0.4 s at a time. A child process
keeps both away: the reader sends articles and gets them back with languages,
and the memory goes when the child exits.

The child is a plain ``python -m tui.language_process`` started through
:mod:`tui.child_process` (pickle over its own pipes; why not
``multiprocessing``, and how quitting stops it, are said there). If the child
cannot be started, detection runs in the calling thread.
"""

from __future__ import annotations

import pickle
from collections.abc import Collection, Iterator, Sequence

from tui import child_process
from tui.article import Article


class LanguageDetectorProcess(child_process.ChildWork):
    """``detect(article)`` like :func:`tui.language.detect_languages`, out of process."""

    MODULE = "tui.language_process"

    def detect(
        self, article: Article, indices: Sequence[int] | None = None, plausible: Collection[str] | None = None
    ) -> Article:
        """All languages, or — with ``indices`` — the article's and those paragraphs'
        (the visible ones first; call again for the rest)."""
        request = (article, None if indices is None else tuple(indices), plausible and tuple(plausible))
        if not self._child.failed:
            try:
                self._child.send(request)
                result = self._child.receive()
                if isinstance(result, Article):
                    return result
            except (OSError, EOFError, pickle.PickleError):
                pass
            self._child.fail()
        return _answer(*request)


def _answer(article: Article, indices: Sequence[int] | None, plausible: Collection[str] | None) -> Article:
    from tui.language import detect_article_language, detect_languages, detect_paragraph_languages

    if indices is None:
        return detect_languages(article, plausible)
    if article.language is None and not any(note.startswith("language unknown") for note in article.notes):
        article = detect_article_language(article)
    return detect_paragraph_languages(article, indices, plausible)


def _serve(request: tuple[Article, Sequence[int] | None, Collection[str] | None]) -> Iterator[Article]:
    """The child's answer to one request: the article with languages."""
    yield _answer(*request)


if __name__ == "__main__":
    child_process.serve(_serve)
