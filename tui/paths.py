"""Where bundled data (seeds, reference translations) lives.

An editable install runs from the repository, a wheel carries copies under
``tui/_bundled``; both must work from any working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """The directory ``name`` (``seeds`` or ``translations``) shipped with tandem."""
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def seeds_dir() -> Path:
    return bundled_dir("seeds")


def translations_dir() -> Path:
    return bundled_dir("translations")


def article_key(path: Path | str, cwd: str | None = None) -> str:
    """The key an article file is known by (the corpus index, reading places):
    its absolute path, by string work (no file-system call; symlinks of the
    folder not resolved). A path already absolute and clean is its own key;
    ``cwd``, when given, saves asking for the working directory per path."""
    text = os.fspath(path)
    if text.startswith(os.sep) and "/." not in text and "//" not in text:
        return text
    return os.path.normpath(os.path.join(cwd or os.getcwd(), text))
