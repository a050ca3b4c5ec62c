"""Language detection in a child process, for the reader.

lingua's n-gram models cost the reader's process ~250 MB resident once the
tie-breaking detectors are loaded, and lingua holds the interpreter lock while
it works, stalling the interface for up to 0.4 s at a time. A child process
keeps both away: the reader sends articles and gets them back with languages,
and the memory goes when the child exits.

The child is a plain ``python -m tui.language_process`` speaking pickle over
its own stdin/stdout (it is our own process, so pickle is safe here).
``multiprocessing`` is not used: under Textual its spawn start method fails
("bad value(s) in fds_to_keep") because the terminal driver owns the standard
streams. If the child cannot be started, detection runs in the calling thread.

Quitting never waits for a detection to finish: :meth:`close` gives the child
a moment to see the end of its input, then kills it, and
:func:`stop_children` kills every child still running when the reader exits
(a child holds nothing that must be saved).
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Collection, Sequence

from tui.article import Article

CLOSE_WAIT = 0.2
"""Seconds a child gets to exit by itself once its input is closed."""
_RUNNING: set[subprocess.Popen[bytes]] = set()
"""Every child started and not yet closed (see :func:`stop_children`)."""


def stop_children() -> None:
    """Kill every detection child still running (the reader is quitting)."""
    for child in list(_RUNNING):
        _RUNNING.discard(child)
        try:
            child.kill()
        except OSError:
            pass


class LanguageDetectorProcess:
    """``detect(article)`` like :func:`tui.language.detect_languages`, out of process."""

    def __init__(self) -> None:
        self._child: subprocess.Popen[bytes] | None = None
        self.in_process = False
        """True once the child failed and detection fell back to this process."""

    def detect(
        self, article: Article, indices: Sequence[int] | None = None, plausible: Collection[str] | None = None
    ) -> Article:
        """All languages, or — with ``indices`` — the article's and those paragraphs'
        (the visible ones first; call again for the rest)."""
        request = (article, None if indices is None else tuple(indices), plausible and tuple(plausible))
        if not self.in_process:
            try:
                child = self._start()
                assert child.stdin is not None and child.stdout is not None
                pickle.dump(request, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                child.stdin.flush()
                result = pickle.load(child.stdout)
                if isinstance(result, Article):
                    return result
            except (OSError, EOFError, pickle.PickleError, AssertionError):
                pass
            self.in_process = True
            self.close()
        return _answer(*request)

    def _start(self) -> subprocess.Popen[bytes]:
        if self._child is None:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "tui.language_process"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # never onto the reader's terminal
                close_fds=True,
            )
            _RUNNING.add(self._child)
        return self._child

    def close(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        _RUNNING.discard(child)
        try:
            if child.stdin is not None:
                child.stdin.close()
            child.wait(timeout=CLOSE_WAIT)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait()
        finally:
            if child.stdout is not None:
                child.stdout.close()

    def __enter__(self) -> LanguageDetectorProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _answer(article: Article, indices: Sequence[int] | None, plausible: Collection[str] | None) -> Article:
    from tui.language import detect_article_language, detect_languages, detect_paragraph_languages

    if indices is None:
        return detect_languages(article, plausible)
    if article.language is None and not any(note.startswith("language unknown") for note in article.notes):
        article = detect_article_language(article)
    return detect_paragraph_languages(article, indices, plausible)


def _serve() -> None:
    """The child's loop: a request in, the article with languages out, until EOF."""
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            request = pickle.load(source)
        except EOFError:
            return
        pickle.dump(_answer(*request), sink, protocol=pickle.HIGHEST_PROTOCOL)
        sink.flush()


if __name__ == "__main__":
    _serve()
