"""Where bundled data (seeds, reference translations) lives.

An editable install runs from the repository, a wheel carries copies under
``tui/_bundled``; both must work from any working directory.
"""

from __future__ import annotations

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
