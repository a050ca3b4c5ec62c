"""``tandem index PATH…``: read a corpus into the persistent index ahead of time.

The reader then opens the folder from the index (:mod:`tui.corpus_index`):
paragraphs, boilerplate flags, metadata and, with ``--languages`` (the
default), every article's languages, without reading a file again. It also
indexes the translation ``F`` and ``tandem search``
search for each article (cached machine, else the bundled reference, into
``--target`` or the config's target), so the first ``F`` on a big new folder
has none to look up. A progress bar goes to stderr (tqdm); the summary line
to stdout says how many articles were read, reused from the index, and could
not be read (with the reasons), and how many translations were looked up.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.target import add_target_option, target_of
from tui.inert import inert

if TYPE_CHECKING:
    from tui.article import Article


def add_recursive_option(parser: argparse.ArgumentParser) -> None:
    """``-r/--recursive``: read folders and all their subfolders."""
    parser.add_argument(
        "-r", "--recursive", action="store_true", help="read folders with all their subfolders (hidden ones skipped)"
    )


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    add_recursive_option(parser)
    parser.add_argument(
        "--no-languages",
        dest="languages",
        action="store_false",
        help="skip language detection (faster; the reader detects them later)",
    )
    parser.add_argument("--index", type=Path, metavar="FILE", help="index file (default: in the user cache directory)")
    add_target_option(parser, "language of the translations indexed for search", old_name=False)
    parser.add_argument("--packages-dir", metavar="DIR", help="Argos Translate packages directory")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes reading files (default: one per CPU)",
    )


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from tui.commands.articles import article_files
    from tui.corpus_index import CorpusIndex
    from tui.corpus_search import TRANSLATION_BATCH, index_pending_translations

    target = target_of(args)

    # An unreadable file is reported as it is met (above the progress bar) and again in the summary.
    files = article_files(
        "index", args.paths, recursive=args.recursive, say=lambda line: tqdm.write(line, file=sys.stderr)
    )
    paths = files.files
    read = reused = translations = 0
    bar = _bar(len(paths), "indexing", args.quiet)
    batch: list[Article] = []

    def index_translations() -> int:
        """The batch's translations the index lacks (held :data:`~tui.corpus_search.TRANSLATION_BATCH` at a time, not the folder)."""
        bar.set_description("translations", refresh=False)
        looked_up = index_pending_translations(index, batch, target, packages_dir=args.packages_dir)
        bar.set_description("indexing", refresh=False)
        batch.clear()
        return looked_up

    try:
        with CorpusIndex.open(args.index) as index:
            for item in index.read_many(paths, workers=max(1, args.jobs)):
                if item.reused:
                    reused += 1
                else:
                    read += 1
                article = item.article
                if files.check(article) and args.languages and not item.languages:
                    from tui.language import detect_languages

                    article = detect_languages(article)
                    index.record_languages(article)
                if article.ok:  # without its language, a provisional look-up (see translation_stamp)
                    batch.append(article)
                    if len(batch) >= TRANSLATION_BATCH:
                        translations += index_translations()
                bar.update(1)
            translations += index_translations()
            if read:
                index.optimize()
            problems = list(index.problems)
    finally:
        bar.close()
    unreadable = files.unreadable
    print(
        f"{len(paths)} articles: {read} read, {reused} unchanged (from the index), {len(unreadable)} not readable; "
        f"{translations} translations looked up for search ({target})"
    )
    for bad in unreadable:
        print(inert(f"  {bad.path}: {bad.error or '?'}"))
    for problem in problems:
        print(f"tandem index: {problem}", file=sys.stderr)
    return 0


def _bar(total: int, label: str, quiet: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="file", disable=quiet or None, file=sys.stderr, leave=False)
