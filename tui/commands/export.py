"""``tandem export PATH…``: an article beside its translation, as Markdown or HTML, for a report.

Each article gets the translation the reader would show first without a
model run: the cached machine translation (``tandem translate`` fills the
cache), else the bundled reference; paragraphs the machine translation lacks
are filled from the reference when there is one, named as such on the
paragraph. Claims are found as the reader finds them
(:class:`tui.article_claims.ArticleClaims`), notes come from the notes store
(``--notes-db``, ``$TANDEM_NOTES_DB``, the config's ``notes_db``, else the
user data directory: :mod:`tui.notes.opening`), placed on the article as it
is now. A notes file that does not exist yet is not created: the export just
has no notes. The text is made by :func:`tui.report.bilingual.export_article`,
the function the reader calls too.

Output: one article and no ``--out`` (or ``--out -``) goes to stdout;
``--out FILE`` writes that file; ``--out DIR`` (an existing folder, a path
ending in ``/``, or any ``--out`` when several articles are given) writes
``<id>.<target>.<md|html>`` per article there. Files are written atomically
and never over an existing one without ``--force``. Exit status: 0 when
everything was written, 1 when an article could not be read or a file not
written (the others still are), 2 for a usage error.
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
    from tui.notes.backend import NotesBackend
    from tui.report.bilingual import Format, Layout
    from tui.translated import ArticleTranslation


def configure(parser: argparse.ArgumentParser) -> None:
    from tui.commands.index import add_recursive_option
    from tui.report.bilingual import FORMATS, LAYOUTS

    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    add_recursive_option(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="md (Markdown) or html (default: from --out FILE's suffix, else md)",
    )
    parser.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="side-by-side",
        help="a table, original beside translation (default), or each paragraph followed by its translation",
    )
    add_target_option(parser, "language of the translation", old_name=False)
    parser.add_argument(
        "-o", "--out", metavar="FILE|DIR", help="file or folder to write (default: stdout for one article)"
    )
    parser.add_argument("--force", action="store_true", help="replace files that already exist")
    parser.add_argument(
        "--notes-db", metavar="PATH|URL", help="annotations: a file, or the team's postgresql://USER@HOST/DB"
    )
    parser.add_argument("--no-notes", action="store_true", help="leave the notes out")
    parser.add_argument("--packages-dir", metavar="DIR", help="Argos Translate packages directory")


def _say(message: str) -> None:
    print(f"tandem export: {inert(message)}", file=sys.stderr, flush=True)


def _format(args: argparse.Namespace) -> Format:
    if args.format:
        chosen: Format = args.format
        return chosen
    out = args.out or ""
    return "html" if out.lower().endswith((".html", ".htm")) else "md"


def run(args: argparse.Namespace) -> int:
    from tui.commands.articles import article_files
    from tui.notes.store import NotesDatabaseError

    target = target_of(args)
    fmt = _format(args)
    layout: Layout = args.layout
    files = article_files("export", args.paths, recursive=args.recursive)
    if not files.files:
        _say("no article files found in " + ", ".join(str(p) for p in args.paths))
        return 1
    several = len(files.files) > 1
    out: str | None = args.out if args.out != "-" else None
    folder: Path | None = None
    if out is not None and (several or out.endswith(("/", os.sep)) or Path(out).is_dir()):
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            _say(f"{out}: is a file; several articles need a folder for --out")
            return 2
    elif out is None and several:
        _say(f"{len(files.files)} articles: give --out DIR to write one file each")
        return 2

    try:
        store = None if args.no_notes else _open_notes(args.notes_db)
    except NotesDatabaseError as exc:
        _say(f"notes: {exc} (use --no-notes to export without them)")
        return 1
    status = 0
    named: set[str] = set()
    try:
        for article in files:
            text = _export_one(article, target, fmt, layout, store, args.packages_dir)
            if out is None:
                _stdout(text)
                continue
            path = folder / _unique(_file_name(article, target, fmt), named) if folder is not None else Path(out)
            status = max(status, _write(path, text, force=args.force, make_folder=folder is not None))
    except NotesDatabaseError as exc:
        _say(f"notes: {exc}")
        return 1
    except BrokenPipeError:  # `tandem export FILE | head`: the reader went away; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        if store is not None:
            store.close()
    return max(status, files.status)


def _unique(name: str, named: set[str]) -> str:
    """``name``, or ``stem-2.ext`` … when an article of this run already took it
    (two files with the same name in different folders must not overwrite each other)."""
    stem, dot, ext = name.rpartition(".")
    candidate, number = name, 2
    while candidate in named:
        candidate = f"{stem}-{number}{dot}{ext}"
        number += 1
    named.add(candidate)
    return candidate


def _file_name(article: Article, target: str, fmt: Format) -> str:
    from tui.report.bilingual import default_file_name

    return default_file_name(article, target, fmt)


def _open_notes(option: str | None) -> NotesBackend | None:
    """The notes store, or ``None`` when it is a file that does not exist (exporting creates nothing)."""
    from tui.config import load_config
    from tui.notes.opening import notes_location, open_notes_store

    config = load_config()
    where = notes_location(option, config.notes_db)
    if isinstance(where, Path) and not where.exists():
        return None
    return open_notes_store(option, configured=config.notes_db, author=config.author)


def _export_one(
    article: Article,
    target: str,
    fmt: Format,
    layout: Layout,
    store: NotesBackend | None,
    packages_dir: str | None,
) -> str:
    from tui.article_claims import ArticleClaims
    from tui.language import detect_languages
    from tui.notes.placing import place_all
    from tui.report.bilingual import claims_for_export, export_article
    from tui.target_language import TranslatedTexts

    article = detect_languages(article)
    translation, fill, why = _translations(article, target, packages_dir)
    merged = _merged(translation, fill)
    claims, translated = claims_for_export(ArticleClaims(article, TranslatedTexts.of(merged, target)))
    notes = place_all(store.for_article(article), articles=[article]) if store is not None else []
    return export_article(
        article,
        translation,
        claims,
        notes,
        layout=layout,
        fmt=fmt,
        target=target,
        fill=fill,
        translated_claims=translated,
        why_missing=why,
    )


def _translations(
    article: Article, target: str, packages_dir: str | None
) -> tuple[ArticleTranslation | None, list[ArticleTranslation], str | None]:
    """(the translation shown, others that fill its gaps, why there is none)."""
    from tui.reference import load_reference_or_reason
    from tui.translation.errors import TranslationError
    from tui.translation.service import cached_translation

    why: str | None = None
    try:
        machine = cached_translation(article, target, packages_dir=packages_dir)
    except TranslationError as exc:  # e.g. the team's translation server is unreachable
        _say(f"{article.path}: machine translations could not be read: {exc}")
        machine, why = None, f"machine translations could not be read: {exc}"
    reference, problem = load_reference_or_reason(article, target)
    if reference is not None and not reference.paragraphs:
        reference = None
    if machine is not None:
        return machine, [reference] if reference is not None else [], why
    if reference is not None:
        return reference, [], why
    if why is None:
        why = problem or f"none cached: run `tandem translate --target {target}` on this file"
    return None, [], why


def _merged(translation: ArticleTranslation | None, fill: list[ArticleTranslation]) -> ArticleTranslation | None:
    """One translation holding every paragraph shown (for finding its claims)."""
    if translation is None or not fill:
        return translation
    from dataclasses import replace

    paragraphs = {}
    for source in reversed([translation, *fill]):
        paragraphs.update(source.paragraphs)
    return replace(translation, paragraphs=paragraphs)


def _stdout(text: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", errors="replace"))
    buffer.flush()


def _write(path: Path, text: str, *, force: bool, make_folder: bool) -> int:
    from tui.report.files import ExistsError, write_new

    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        write_new(path, text, force=force)
    except ExistsError:
        _say(f"{path}: already exists (use --force to replace it)")
        return 1
    except OSError as exc:
        _say(f"{path}: cannot write ({exc.strerror or exc})")
        return 1
    print(f"wrote {inert(str(path))}", file=sys.stderr, flush=True)
    return 0
