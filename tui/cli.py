"""Command line: ``tandem [PATH…]`` opens the reader; ``tandem CMD …`` runs a tool.

Each subcommand lives in ``tui.commands.<name>`` and is imported only when
called, so ``tandem`` alone imports nothing but argparse and the
``--target`` option (:mod:`tui.commands.target`, which the reader needs
anyway) before the reader.
A subcommand module provides ``configure(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

COMMANDS: dict[str, str] = {
    "show": "print an article's paragraphs as the reader segments them",
    "translate": "translate articles offline and cache the result",
    "models": "list, install or remove Argos Translate packages",
    "claims": "extract check-worthy claims",
    "align": "align the paragraphs of two articles",
    "stories": "group articles into stories",
    "notes": "add, list, export and import annotations",
    "index": "read folders into the corpus index ahead of time (with languages)",
    "search": "search every article's text and translation (full-text, across scripts)",
    "export": "write an article beside its translation as Markdown or HTML, claims marked, notes inline",
}


def _reader_parser() -> argparse.ArgumentParser:
    from tui.commands.target import add_target_option

    parser = argparse.ArgumentParser(
        prog="tandem",
        description="Read foreign-language news beside offline translations.",
        epilog="Tools: " + ", ".join(f"tandem {name}" for name in COMMANDS) + " (tandem CMD --help for each).",
    )
    parser.add_argument("paths", nargs="*", help="files or folders of articles (default: the bundled seeds)")
    parser.add_argument(
        "--bidi",
        choices=("app", "terminal"),
        help="who reorders right-to-left text: tandem (app, for terminals without bidi) or the terminal itself",
    )
    parser.add_argument(
        "-r", "--recursive", action="store_true", default=None, help="read folders with all their subfolders"
    )
    parser.add_argument("--config", metavar="FILE", help="config file to use instead of the default")
    add_target_option(parser, "language the translations are made into", old_name=False)
    parser.add_argument("--theme", help="Textual theme name")
    parser.add_argument("--packages-dir", metavar="DIR", help="Argos Translate packages directory")
    parser.add_argument(
        "--notes-db", metavar="PATH|URL", help="annotations: a file, or the team's postgresql://USER@HOST/DB"
    )
    parser.add_argument(
        "--translations-db",
        metavar="PATH|URL",
        help="machine-translation cache: a file, or the team's postgresql://USER@HOST/DB",
    )
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _version() -> str:
    from tui import __version__

    return f"tandem {__version__}"


def _command_parser(name: str) -> tuple[argparse.ArgumentParser, ModuleType]:
    module = importlib.import_module(f"tui.commands.{name}")
    parser = argparse.ArgumentParser(prog=f"tandem {name}", description=COMMANDS[name])
    module.configure(parser)
    return parser, module


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        name = args_list.pop(0)
        try:
            parser, module = _command_parser(name)
        except ModuleNotFoundError as exc:
            if exc.name == f"tui.commands.{name}":
                print(f"tandem {name}: not available in this version", file=sys.stderr)
                return 2
            raise
        args = parser.parse_args(args_list)
        return int(module.run(args) or 0)
    args = _reader_parser().parse_args(args_list)
    if args.translations_db:
        import os

        os.environ["TANDEM_TRANSLATIONS_DB"] = args.translations_db
    from tui.ui.launch import leave_now, run_reader

    code = run_reader(args)
    leave_now(code)  # quitting never waits for background work (see leave_now)
    return code
