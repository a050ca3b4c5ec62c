"""``tandem models list|install FILE|remove CODE``: manage Argos Translate packages.

Works on Argos's packages directory (``ARGOS_PACKAGES_DIR`` or Argos's default)
unless ``--packages-dir`` names another. Nothing here touches the network:
packages are installed from local ``.argosmodel`` files only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.inert import inert


def configure(parser: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--packages-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="Argos Translate packages directory (default: Argos's own)",
    )
    parser.add_argument("--packages-dir", metavar="DIR", default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub.add_parser("list", parents=[common], help="list installed packages")
    install = sub.add_parser("install", parents=[common], help="install a .argosmodel file")
    install.add_argument("file", type=Path, help="the .argosmodel file")
    remove = sub.add_parser("remove", parents=[common], help="remove an installed package")
    remove.add_argument("code", help="package code as listed, e.g. translate-ar_en")


def _say(stream, text: str) -> None:
    stream.write(inert(text) + "\n")


def run(args: argparse.Namespace) -> int:
    from tui.translation.errors import PackageError
    from tui.translation.packages import resolve_packages_dir

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    root = resolve_packages_dir(args.packages_dir)
    try:
        if args.action == "list":
            return _list(root)
        if args.action == "install":
            return _install(args.file, root)
        return _remove(args.code, root)
    except PackageError as exc:
        _say(sys.stderr, f"tandem models {args.action}: {exc}")
        return 1


def _list(root: Path) -> int:
    from tui.translation.packages import scan_packages

    packages, problems = scan_packages(root)
    if not packages:
        _say(sys.stdout, f"No Argos packages in {root}.")
        _say(sys.stdout, "Install one with: tandem models install PATH/TO/FILE.argosmodel")
    for p in packages:
        _say(sys.stdout, f"{p.code:<20} v{p.version:<6} {p.from_code}→{p.to_code}  {p.path}")
    for path, reason in problems:
        _say(sys.stderr, f"unusable: {path}: {reason}")
    return 0


def _install(file: Path, root: Path) -> int:
    from tui.translation.packages import install_package

    done = install_package(file, root)
    p = done.package
    _say(sys.stdout, f"installed {p.code} v{p.version} ({p.from_code}→{p.to_code}) in {p.path}")
    for old in done.replaced:
        _say(sys.stdout, f"replaced {old.code} v{old.version}")
    return 0


def _remove(code: str, root: Path) -> int:
    from tui.translation.packages import remove_package

    for p in remove_package(code, root):
        _say(sys.stdout, f"removed {p.code} v{p.version} from {p.path}")
    return 0
