"""The articles a command was given: found, loaded, a bad file reported, the rest carried on.

Why one helper: every command that reads articles does the same four steps
-- discover the files named on the command line (:func:`tui.loading.discover`),
load each, report an unreadable one, continue with the others -- and when each
command did it in its own loop they drifted apart (one stopped at the first
bad file, one said nothing at all). :class:`ArticleFiles` does it once: one
plain line per unreadable file on stderr, ``tandem CMD: PATH: REASON``, made
inert (a file name is data too), and the unreadable articles kept for the
commands that list them again (``tandem stories --json``).

Commands that read through the corpus index (``tandem index``, ``tandem
search``) load in worker processes, so they hand each loaded article to
:meth:`ArticleFiles.check` instead of iterating.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tui.article import Article
from tui.inert import inert


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class ArticleFiles:
    """Article files a command reads, loaded on iteration.

    Iterating yields each readable article in order and reports each
    unreadable one (``tandem CMD: PATH: REASON``); :attr:`unreadable` keeps
    them and :attr:`status` is 1 once any was met. :func:`article_files`
    makes one from the paths on the command line.
    """

    def __init__(
        self,
        command: str,
        files: Sequence[Path],
        *,
        boilerplate: bool = True,
        say: Callable[[str], None] = _to_stderr,
    ) -> None:
        self.command = command
        self.files: list[Path] = [Path(f) for f in files]
        self.unreadable: list[Article] = []
        self._boilerplate = boilerplate
        self._say = say

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Article]:
        return (article for article in self.each() if article.ok)

    def each(self) -> Iterator[Article]:
        """Every file's article in turn, unreadable ones too (reported as they
        come): for a command that prints a result line for every file."""
        from tui.loading import load_article

        for path in self.files:
            article = load_article(path, boilerplate=self._boilerplate)
            self.check(article)
            yield article

    def check(self, article: Article) -> bool:
        """``True`` for a readable article; an unreadable one is reported, kept, and gives ``False``."""
        if article.ok:
            return True
        self.unreadable.append(article)
        self._say(unreadable_message(self.command, article))
        return False

    @property
    def status(self) -> int:
        """The exit status the files call for: 1 when any could not be read."""
        return 1 if self.unreadable else 0


def article_files(
    command: str,
    paths: Sequence[Path],
    *,
    recursive: bool = False,
    boilerplate: bool = True,
    say: Callable[[str], None] = _to_stderr,
) -> ArticleFiles:
    """The files ``paths`` name, folders expanded (``recursive``: with their
    subfolders), as :func:`tui.loading.discover` finds them."""
    from tui.loading import discover

    return ArticleFiles(command, discover(paths, recursive=recursive), boilerplate=boilerplate, say=say)


def unreadable_message(command: str, article: Article) -> str:
    """``tandem CMD: PATH: REASON``, inert: the one wording for a file a command cannot read."""
    return inert(f"tandem {command}: {article.path}: {article.error or 'cannot be read'}")


def load_one(command: str, path: Path, *, boilerplate: bool = True) -> Article | None:
    """The article in the file ``path`` (as given, not expanded), or ``None``
    after reporting why it cannot be read: for the commands that take single
    files (``align``, ``notes``)."""
    return next(iter(ArticleFiles(command, [path], boilerplate=boilerplate)), None)
