"""``tandem notes``: add, list, export and import annotations from the shell.

For scripts and for sharing: ``add`` prints the new annotation's id on stdout;
``list --json`` and ``export --format jsonl`` are machine-readable;
``import`` merges an export idempotently; ``migrate --to`` copies every
annotation into another store (a file into the team's PostgreSQL server).
Every command takes ``--notes-db PATH|URL`` (also accepted before the
subcommand), else ``$TANDEM_NOTES_DB``, else the config's ``notes_db``, else
the user data directory; new annotations carry the config's ``author``
(default: the login name). Article text and notes are printed inert: escape
sequences in them are shown, never executed.

Paragraphs are numbered for people, from 1, as the reader shows them
(``--paragraph 1`` is the first paragraph; ``list`` prints ``¶`` the same
way). JSON output (``list --json``, ``export --format jsonl``) keeps the
0-based ``paragraph`` index of the stored record.

``add`` is one short process per note (~0.1 s of CPU): it loads the article
and anchors the quote, but loads neither the language detector (about 1 s of
CPU per note) nor the boilerplate rules -- the language is stored when
``--language`` gives it. For many
notes, ``import`` takes a JSONL file in one transaction.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands.target import add_target_option, target_of
from tui.inert import inert
from tui.terminal_output import fields, for_stream

if TYPE_CHECKING:
    from tui.notes.backend import NotesBackend
    from tui.notes.labels import LabelSet
    from tui.notes.placing import Placed

BULK_HINT = (
    "To add many notes, write them as JSONL (one record per line, the format of "
    "`tandem notes export --format jsonl`) and run `tandem notes import FILE` once: "
    "one transaction instead of one process per note."
)

_NOTES_DB_HELP = "annotation database: a file, or postgresql://USER@HOST/DB (password from ~/.pgpass)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--notes-db", metavar="PATH|URL", help=_NOTES_DB_HELP)
    parser.epilog = BULK_HINT
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def add_parser(name: str, help_text: str, epilog: str | None = None) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=epilog)
        p.add_argument("--notes-db", metavar="PATH|URL", default=argparse.SUPPRESS, help=_NOTES_DB_HELP)
        return p

    add = add_parser("add", "annotate a paragraph, or a quote in it", BULK_HINT)
    add.add_argument("--article", required=True, metavar="PATH", help="the article file")
    add.add_argument(
        "--paragraph",
        required=True,
        type=int,
        metavar="N",
        help="paragraph number as the reader shows it (1 = first non-empty line)",
    )
    add.add_argument("--quote", metavar="TEXT", help="exact text inside the paragraph (default: the whole paragraph)")
    add.add_argument(
        "--occurrence",
        type=int,
        default=None,
        metavar="K",
        help="which occurrence of the quote, 1 = first (required when it occurs twice)",
    )
    add.add_argument("--label", required=True, metavar="L", help="label name or key")
    add.add_argument("--note", default="", metavar="TEXT", help="free-text note")
    add.add_argument(
        "--language", metavar="CODE", help="language of the paragraph, stored for filtering (e.g. ar); not detected"
    )

    listing = add_parser("list", "list annotations with where they attach now")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--article", metavar="PATH", help="only this article's annotations")
    listing.add_argument("--label", metavar="L", help="only this label")
    listing.add_argument("--author", metavar="NAME", help="only annotations by NAME")
    listing.add_argument("--all", action="store_true", help="include deleted annotations")

    export = add_parser("export", "write annotations as JSONL, CSV or a Markdown brief")
    export.add_argument("--format", required=True, choices=("jsonl", "csv", "md"))
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    add_target_option(export, "language of the translations in a Markdown brief", old_name=False)

    importing = add_parser(
        "import",
        "merge a JSONL export (importing twice adds nothing); also the bulk form of add",
        "Bad lines are skipped and reported with their line numbers; the good ones are imported. "
        "Records stamped more than a day in the future are refused (they would win every later edit).",
    )
    importing.add_argument("file", metavar="FILE.jsonl")

    migrate = add_parser(
        "migrate", "copy every annotation (deleted ones too) into another store, e.g. the team's server"
    )
    migrate.add_argument("--to", required=True, metavar="PATH|URL", help="the store to copy into")


def run(args: argparse.Namespace) -> int:
    from tui.notes.store import NotesDatabaseError

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        return _ACTIONS[args.action](args)
    except NotesDatabaseError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        # `tandem notes list | head`: the reader went away; not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _fail(message: str) -> int:
    print(f"tandem notes: {inert(message)}", file=sys.stderr)
    return 1


def _open(args: argparse.Namespace, location: str | None = None) -> NotesBackend:
    from tui.config import load_config
    from tui.notes.opening import open_notes_store

    config = load_config()
    explicit = location or getattr(args, "notes_db", None)
    return open_notes_store(explicit, configured=config.notes_db, author=config.author)


def _author() -> str:
    """The config's ``author``, else the login name."""
    from tui.config import load_config
    from tui.notes.backend import default_author

    return load_config().author or default_author()


def _labels() -> LabelSet:
    from tui.notes.labels import DEFAULT

    return DEFAULT


# -- add ------------------------------------------------------------------------


def _add(args: argparse.Namespace) -> int:
    from tui.commands.articles import load_one
    from tui.notes.anchor import find_quote, select
    from tui.notes.model import new_annotation

    labels = _labels()
    label = labels.resolve(args.label)
    if label is None:
        return _fail(f"unknown label {args.label!r}; use one of: {labels.describe()}")
    # Boilerplate flags and languages are not stored with an annotation, so
    # neither the boilerplate rules (~0.1 s to compile) nor the language
    # detector (~1 s) are loaded here: --language gives the language.
    article = load_one("notes", Path(args.article), boilerplate=False)
    if article is None:  # reported on stderr
        return 1
    # No language detection here (it would cost ~1 s a note): --language, if given.
    if args.language:
        article = dataclasses.replace(article, language=args.language)
    count = len(article.paragraphs)
    number = args.paragraph
    if not 1 <= number <= count:
        return _fail(f"paragraph {number} is out of range: {args.article} has {count} paragraphs (1-{count})")
    index = number - 1
    if args.quote is None:
        selector = select(article, index)
    else:
        text = article.paragraphs[index].text
        found = find_quote(text, args.quote)
        if not found:
            return _fail(f"the quote is not in paragraph {number}: {inert(args.quote)!r}")
        if args.occurrence is None and len(found) > 1:
            return _fail(f"the quote occurs {len(found)} times in paragraph {number}; choose one with --occurrence K")
        k = args.occurrence or 1
        if not 1 <= k <= len(found):
            return _fail(f"--occurrence {k}: the quote occurs {len(found)} time(s)")
        start = found[k - 1]
        selector = select(article, index, start, start + len(args.quote))
    try:
        annotation = new_annotation(article, selector, label, args.note)
    except ValueError as exc:
        return _fail(str(exc))
    # Signed before saving, so a note kept as unsaved carries its author too.
    annotation = dataclasses.replace(annotation, author=_author())
    from tui.notes.store import NotesDatabaseError
    from tui.notes.unsaved import keep_unsaved

    try:
        with _open(args) as store:
            stored = store.save(annotation)
    except NotesDatabaseError as exc:
        # What was typed is not lost: kept for `notes import` later.
        kept = keep_unsaved(annotation)
        where = f"; kept in {kept} (import it later with: tandem notes import {kept})" if kept else ""
        return _fail(f"{exc}{where}")
    print(stored.id)
    return 0


# -- list -------------------------------------------------------------------------


def _selected(args: argparse.Namespace, store: NotesBackend) -> list[Placed]:
    from tui.commands.articles import load_one
    from tui.notes.placing import place_all

    article = None
    articles = []
    if getattr(args, "article", None):
        article = load_one("notes", Path(args.article))
        if article is None:  # reported on stderr
            raise _Usage()
        articles = [article]
    label = None
    if getattr(args, "label", None):
        label = _labels().resolve(args.label) or args.label
    annotations = store.list(
        article=article,
        label=label,
        include_deleted=getattr(args, "all", False),
        author=getattr(args, "author", None),
    )
    return place_all(annotations, articles=articles)


class _Usage(Exception):
    """The ``--article`` file cannot be read (already reported on stderr)."""


def _list(args: argparse.Namespace) -> int:
    with _open(args) as store:
        try:
            placed = _selected(args, store)
        except _Usage:
            return 1
    if args.json:
        from tui.notes.export import json_text

        records: list[dict[str, Any]] = []
        for item in placed:
            at = item.attachment
            records.append(
                {
                    **item.annotation.to_dict(),
                    "status": at.status,
                    "attached": {"paragraph": at.paragraph, "start": at.start, "end": at.end} if at.attached else None,
                    "reason": item.reason,
                }
            )
        print(json_text(records, indent=2))
        return 0
    if not placed:
        print("no annotations")
        return 0
    width = max(40, shutil.get_terminal_size((80, 24)).columns)
    lines = [f"{'ID':<9}{'LABEL':<12}{'¶':>4}  {'STATUS':<9}{'BY':<11}ARTICLE"]
    for item in placed:
        a = item.annotation
        at = item.attachment
        # Counted from 1, as the reader shows paragraphs.
        where = (at.paragraph if at.attached and at.paragraph is not None else a.paragraph) + 1
        status = at.status + (" (deleted)" if a.deleted else "")
        head = (
            f"{a.id[:8]:<9}{_fit(a.label, 11):<12}{where:>4}  {status:<9}{_fit(a.author or '-', 10):<11}{a.article_id}"
        )
        lines.append(_fit(inert(head), width))
        # Quote and note on lines of their own, each in its own direction.
        whole = "(whole paragraph)" if a.start is None else ""
        lines.append(fields("   ", whole, _fit(inert("“" + a.quote + "”"), width - 24)))
        if a.note:
            lines.append(fields("   ", "✎", _fit(inert(a.note), width - 8)))
        if item.reason:
            lines.append(fields("   ", _fit(inert(f"[{item.reason}]"), width - 8)))
    print(for_stream("\n".join(lines), sys.stdout))
    return 0


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, with an ellipsis when cut."""
    from rich.cells import cell_len, get_character_cell_size

    if cell_len(text) <= width:
        return text
    out: list[str] = []
    used = 0
    for ch in text:
        size = get_character_cell_size(ch)
        if used + size > width - 1:
            break
        out.append(ch)
        used += size
    return "".join(out) + "…"


# -- export -------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    from tui.notes import export
    from tui.notes.placing import place_all

    with _open(args) as store:
        db_path = getattr(store, "path", None)
        if args.format == "jsonl":
            text = export.to_jsonl(store.list(include_deleted=True))
        else:
            placed = place_all(store.list())
            if args.format == "csv":
                text = export.to_csv(placed)
            else:
                target = target_of(args)
                text = export.to_markdown(
                    placed,
                    translation_for=export.best_translation_for(target),
                    target=target,
                )
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    output = Path(args.output)
    if output.exists() and db_path is not None and _same_file(output, db_path):
        return _fail(f"{output} is the notes database itself; choose another output file")
    from tui.report.files import write_new

    try:
        write_new(output, text, force=True)  # atomically: a crash leaves the old file whole
    except OSError as exc:
        return _fail(f"{output}: cannot write ({exc.strerror or exc})")
    print(f"wrote {output}", file=sys.stderr)
    return 0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


# -- import ---------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    from tui.notes.importing import import_text, read_jsonl_file

    try:
        text = read_jsonl_file(Path(args.file))
    except ValueError as exc:
        return _fail(str(exc))
    with _open(args) as store:
        report = import_text(store, text)
    print("\n".join(inert(line) for line in report.summary().split("\n")))
    return 1 if report.skipped else 0


# -- migrate -------------------------------------------------------------------------


def _migrate(args: argparse.Namespace) -> int:
    """Copy everything, tombstones and authors included; running it again adds nothing."""
    with _open(args) as source:
        annotations = source.list(include_deleted=True)
        where = source.location
    with _open(args, args.to) as target:
        result = target.merge(annotations)
        to = target.location
    print(
        inert(
            f"{len(annotations)} annotations from {where} to {to}: "
            f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged"
            + (f", {result.conflicts} kept (same time, different content)" if result.conflicts else "")
        )
    )
    return 0


_ACTIONS = {"add": _add, "list": _list, "export": _export, "import": _import, "migrate": _migrate}
