"""``tandem translate PATH…``: translate articles offline into the cache.

Resumable: paragraphs already in the cache are not sent to the model again, so
an interrupted run picks up where it stopped. The exit code is 1 when any
article or paragraph could not be translated (the reason, e.g. the missing
package and the command that installs it, is printed), 130 after Ctrl-C.
Into the target language: ``--target`` (or ``--to``), else the config's
``target``, else English (:mod:`tui.commands.target`).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import threading
from pathlib import Path

from tui.commands.target import add_target_option, target_of
from tui.inert import inert


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
                ok, line = _translate_one(article, args, progress, cancel)
                failed |= not ok
                print(line, file=sys.stdout, flush=True)  # Rich puts it above the live bar
        except KeyboardInterrupt:
            cancel.set()
            _say(sys.stderr, "tandem translate: interrupted; finished paragraphs are cached")
            return 130
    return 1 if failed else 0


def _translate_one(article, args, progress, cancel) -> tuple[bool, str]:  # type: ignore[no-untyped-def]
    from tui.translation.errors import SameLanguage, TranslationError
    from tui.translation.service import paragraphs_to_translate, translate_article

    name = inert(article.id)
    if not article.ok:
        return False, f"✗ {name}: {inert(article.error or 'cannot be read')}"
    article = _with_language(article, args.source)
    if args.engine == "reference":
        return _reference_one(article, args.target)
    task = progress.add_task(name, total=None)
    cached: int | None = None

    def on_progress(done: int, total: int) -> None:
        nonlocal cached
        if cached is None:  # the first report counts what the cache already had
            cached = done
        progress.update(task, completed=done, total=total)

    try:
        result = translate_article(
            article,
            args.target,
            packages_dir=args.packages_dir,
            on_progress=on_progress,
            cancel=cancel,
        )
    except SameLanguage as exc:
        return True, f"– {name}: nothing to do ({exc})"
    except TranslationError as exc:
        return False, f"✗ {name}: {inert(str(exc))}"
    finally:
        progress.remove_task(task)
    total = len(paragraphs_to_translate(article, args.target))
    done = len(result.paragraphs)
    mark = "✓" if done == total else "✗"
    line = (
        f"{mark} {name} {article.language}→{args.target} {result.provenance.label}: "
        f"{done}/{total} paragraphs ({cached or 0} from cache)"
    )
    if result.stale:
        line += f", {result.stale} earlier translation(s) of changed text ignored"
    return done == total, line


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
