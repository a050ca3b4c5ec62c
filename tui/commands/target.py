"""``--target LANG``: the one option every command that translates, shows, searches or exports takes.

Why here: the option, its check and its default (the config's ``target``,
else :data:`tui.target_language.DEFAULT_TARGET`) must read the same on every
command; ``--to`` stays accepted where it was (``translate``, ``show``,
``search``) so existing scripts keep working.
"""

from __future__ import annotations

import argparse

from tui.target_language import DEFAULT_TARGET, check_target, choose_target


def _language(value: str) -> str:
    try:
        return check_target(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_target_option(parser: argparse.ArgumentParser, what: str, *, old_name: bool = True) -> None:
    """``--target LANG`` (and the older ``--to LANG`` when ``old_name``); ``what``
    says what the language is for, e.g. "language to translate into"."""
    names = ("--target", "--to") if old_name else ("--target",)
    parser.add_argument(
        *names,
        dest="target",
        type=_language,
        default=None,
        metavar="LANG",
        help=f"{what} (default: the config's target, else {DEFAULT_TARGET})",
    )


def target_of(args: argparse.Namespace) -> str:
    """The target language in force: ``--target``, else the config's ``target``, else the default."""
    option = getattr(args, "target", None)
    configured = None
    if option is None:  # the config file is read only when it decides
        from tui.config import load_config

        configured = load_config().target
    return choose_target(option, configured)
