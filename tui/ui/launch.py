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
    import asyncio

    # Our own loop, not asyncio.run's: asyncio.run waits at the end for every
    # thread of the default executor, i.e. for a model call (language
    # detection, embeddings, a translation) that cannot be interrupted — quitting
    # took 6-10 s on a loaded machine (issue 12 item 14).
    loop = asyncio.new_event_loop()
    app.run(loop=loop)
    return app.return_code or 0


def leave_now(code: int) -> None:
    """End the process at once after the reader closed (``tui.cli`` calls this).

    The terminal is restored and everything the user wrote is already stored:
    each note is its own committed transaction, the reading places were saved
    when the reader closed. What may still run is background work whose result
    nobody will read: threads inside a model call (Python would join them at
    exit) and tandem's child processes (language detection, reading), which are killed."""
    import sys

    from tui.child_process import stop_children

    stop_children()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
