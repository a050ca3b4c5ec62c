"""From parsed command-line arguments to a running reader."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def run_reader(args: argparse.Namespace) -> int:
    from tui.config import load_config
    from tui.loading import discover
    from tui.paths import seeds_dir
    from tui.target_language import choose_target

    config = load_config(Path(args.config) if args.config else None)
    bidi = args.bidi or config.bidi
    theme = args.theme or config.theme
    if config.translations_db:  # --translations-db (tui.cli) wins over the config
        os.environ.setdefault("TANDEM_TRANSLATIONS_DB", config.translations_db)
    if args.packages_dir:
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(args.packages_dir).resolve())
    inputs = [Path(p) for p in args.paths] or [seeds_dir()]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        import sys

        print("tandem: no such file or folder: " + ", ".join(missing), file=sys.stderr)
        return 2
    recursive = args.recursive if getattr(args, "recursive", None) is not None else config.recursive
    paths = discover(inputs, recursive=recursive)
    from tui.ui.app import TandemApp

    app = TandemApp(
        paths,
        bidi=bidi,
        target=choose_target(getattr(args, "target", None), config.target),
        keymap=config.keymap,
        theme=theme,
        problems=config.problems,
        notes_db=args.notes_db or None,  # a path, or a postgresql:// URL (tui.notes.opening)
        notes_configured=config.notes_db,
        author=config.author,
        labels=config.labels,
    )
    app.run()
    return app.return_code or 0
