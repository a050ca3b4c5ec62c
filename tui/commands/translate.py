"""``tandem translate PATH…``: translate articles offline into the cache.

Resumable: paragraphs already in the cache are not sent to the model again, so
an interrupted run picks up where it stopped. The exit code is 1 when any
article or paragraph could not be translated (the reason, e.g. the missing
package and the command that installs it, is printed), 130 after Ctrl-C.
Into the target language: ``--target`` (or ``--to``), else the config's
``target``, else English (:mod:`tui.commands.target`).

Each machine translation saved is indexed for search at once
(:func:`tui.corpus_search.index_translation`), so ``F`` and ``tandem search``
find it without the article being opened in the reader first: the index
marks what it indexed by the article's text and target, and would not look
again. What is indexed is the translation the run returned (every paragraph
translated now or found in the cache), not a second lookup of the cache. The index is a cache: when it cannot be opened or written
``translate`` still succeeds, with one line on stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.target import add_target_option, target_of
from tui.inert import inert

if TYPE_CHECKING:
    from tui.article import Article
    from tui.corpus_index import CorpusIndex
    from tui.translated import ArticleTranslation


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, help="article files or folders")
    add_target_option(parser, "language to translate into")
    parser.add_argument(
        "--engine",
        choices=("argos", "reference"),
        default="argos",
        help="argos: run the installed Argos model; reference: check the bundled translations",
    )
    parser.add_argument("--from", dest="source", metavar="LANG", help="source language (default: detected)")
    parser.add_argument("--packages-dir", metavar="DIR", help="Argos Translate packages directory")
    parser.add_argument(
        "--translations-db",
        metavar="PATH|URL",
        help="translation cache: a file, or the team's postgresql://USER@HOST/DB (password from ~/.pgpass)",
    )
    parser.add_argument(
        "--index", type=Path, metavar="FILE", help="corpus index to update (default: in the user cache directory)"
    )


def _say(stream, text: str) -> None:
    stream.write(text + "\n")
    stream.flush()


def _with_language(article, source: str | None):  # type: ignore[no-untyped-def]
    """``article`` in the ``--from`` language, else with its languages detected."""
    if source:
        return dataclasses.replace(article, language=source)
    from tui.language import detect_languages

    return detect_languages(article)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tui.commands.articles import article_files

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if args.translations_db:
        import os

        from tui.translation.opening import ENV

        os.environ[ENV] = args.translations_db
    args.target = target_of(args)
    files = article_files("translate", args.paths)
    if not files:
        _say(sys.stderr, "tandem translate: no article files found")
        return 1
    console = Console(stderr=True, highlight=False)
    search = _SearchIndex(args.index, args.target)
    failed = False
    cancel = threading.Event()
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        try:
            for article in files.each():  # an unreadable file gets its ✗ line too
                ok, line, saved = _translate_one(article, args, progress, cancel)
                failed |= not ok
                print(line, file=sys.stdout, flush=True)  # Rich puts it above the live bar
                if saved is not None:
                    search.add(*saved)
        except KeyboardInterrupt:
            cancel.set()
            _say(sys.stderr, "tandem translate: interrupted; finished paragraphs are cached")
            return 130
        finally:
            problem = search.close()
    if problem:
        _say(sys.stderr, f"tandem translate: the search index was not updated ({inert(problem)})")
    return 1 if failed else 0


class _SearchIndex:
    """The corpus index (:meth:`CorpusIndex.open`, as ``tandem index`` and
    ``tandem search`` open it), opened at the first translation saved: each
    saved translation is indexed for search as ``F`` would."""

    def __init__(self, path: Path | None, target: str) -> None:
        self._path = path
        self._target = target
        self._index: CorpusIndex | None = None
        self._problem: str | None = None
        self._opened = False

    def add(self, article: Article, translation: ArticleTranslation) -> None:
        """Index ``translation`` of ``article``: the machine translation just
        saved, as :func:`tui.corpus_search.search_translation` would find it
        in the cache now (the installed model's, all its paragraphs cached).
        Never raises for a broken or unwritable index."""
        import sqlite3

        from tui.corpus_search import index_translation

        index = self._open()
        if index is None:
            return
        try:
            index_translation(index, article, translation, self._target)
        except (OSError, sqlite3.Error) as exc:
            self._problem = self._problem or str(exc)

    def _open(self) -> CorpusIndex | None:
        if self._opened:
            return self._index
        self._opened = True
        from tui.corpus_index import CorpusIndex

        index = CorpusIndex.open(self._path)
        if index.path is None:  # it could not be opened at all (an in-memory stand-in)
            self._problem = index.problems[0] if index.problems else "cannot be opened"
            index.close()
            return None
        self._index = index
        return index

    def close(self) -> str | None:
        """Close the index; the first problem met, if any (for one line on stderr)."""
        if self._index is not None:
            self._problem = self._problem or (self._index.problems[0] if self._index.problems else None)
            self._index.close()
            self._index = None
        return self._problem


def _translate_one(  # type: ignore[no-untyped-def]
    article, args, progress, cancel
) -> tuple[bool, str, tuple[Article, ArticleTranslation] | None]:
    """(translated fully, the line to print, the article and its translation if one was saved)."""
    from tui.translation.errors import SameLanguage, TranslationError
    from tui.translation.service import translate_article

    name = inert(article.id)
    if not article.ok:
        return False, f"✗ {name}: {inert(article.error or 'cannot be read')}", None
    article = _with_language(article, args.source)
    if args.engine == "reference":  # checks the bundled translations: nothing is saved
        return (*_reference_one(article, args.target), None)
    task = progress.add_task(name, total=None)
    cached: int | None = None
    total = 0

    def on_progress(done: int, of: int) -> None:
        nonlocal cached, total
        if cached is None:  # the first report counts what the cache already had
            cached = done
        total = of  # the paragraphs to translate (always reported, at least once)
        progress.update(task, completed=done, total=of)

    try:
        result = translate_article(
            article,
            args.target,
            packages_dir=args.packages_dir,
            on_progress=on_progress,
            cancel=cancel,
        )
    except SameLanguage as exc:
        return True, f"– {name}: nothing to do ({exc})", None
    except TranslationError as exc:
        return False, f"✗ {name}: {inert(str(exc))}", None
    finally:
        progress.remove_task(task)
    done = len(result.paragraphs)
    mark = "✓" if done == total else "✗"
    line = (
        f"{mark} {name} {article.language}→{args.target} {result.provenance.label}: "
        f"{done}/{total} paragraphs ({cached or 0} from cache)"
    )
    if result.stale:
        line += f", {result.stale} earlier translation(s) of changed text ignored"
    return done == total, line, (article, result) if done else None


def _reference_one(article, target: str) -> tuple[bool, str]:
    from tui.reference import load_reference_or_reason

    name = inert(article.id)
    translation, reason = load_reference_or_reason(article, target)
    if translation is None:
        return False, f"✗ {name}: no reference translation into {target}" + (f" ({inert(reason)})" if reason else "")
    total = len(article.paragraphs)
    done = len(translation.paragraphs)
    line = f"{'✓' if done == total else '✗'} {name} reference: {done}/{total} paragraphs"
    if translation.stale:
        line += f", {translation.stale} stale"
    return done == total, line
