"""Writing an export: atomically, and never over an existing file unless asked.

A report file may be open in a browser or already sent round; replacing it
silently would lose it, and a crash half-way must not leave half a file. So
the text goes to a temporary file in the same folder first, then: without
``force``, :func:`os.link` puts it in place, which fails when the name is
taken, even if another process took it a moment ago (no check-then-write
race); with ``force``, :func:`os.replace` swaps it in whole. Where the file
system has no hard links, an existence check followed by :func:`os.replace`
stands in (the race is then only with a writer at the same instant).
:func:`free_path` gives the reader a name that is not taken yet
(``report.en.md``, ``report.en-2.md`` …).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class ExistsError(FileExistsError):
    """The file is there already and ``force`` was not given."""


def write_new(path: Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; :class:`ExistsError` when
    ``path`` exists and not ``force``. Other problems raise :class:`OSError`."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not force and (path.exists() or path.is_symlink()):
        raise ExistsError(errno.EEXIST, "already exists (use --force to replace it)", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        if force:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def _link_new(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExistsError(errno.EEXIST, "already exists (use --force to replace it)", str(path)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists() or path.is_symlink():
            raise ExistsError(errno.EEXIST, "already exists (use --force to replace it)", str(path)) from None
        os.replace(tmp, path)


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` would, for a
    moment, for every thread of the reader): Linux's ``/proc``, else 022."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def free_path(path: Path) -> Path:
    """``path`` if no file has that name, else the first free ``stem-2.ext``, ``stem-3.ext`` …"""
    path = Path(path)
    if not (path.exists() or path.is_symlink()):
        return path
    stem, suffix = _split(path.name)
    number = 2
    while True:
        candidate = path.with_name(f"{stem}-{number}{suffix}")
        if not (candidate.exists() or candidate.is_symlink()):
            return candidate
        number += 1


def save_new(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``directory/name``, or to the first free ``name-2`` …
    when that is taken (also by another process meanwhile); returns the path
    written. For the reader, which never asks before writing and never
    overwrites. Raises :class:`OSError` when the folder cannot be written."""
    path = Path(directory) / name
    while True:
        candidate = free_path(path)
        try:
            return write_new(candidate, text)
        except ExistsError:
            continue


def _split(name: str) -> tuple[str, str]:
    """``("report.en", ".md")`` for ``report.en.md``: only the last suffix moves."""
    stem, dot, ext = name.rpartition(".")
    return (stem, dot + ext) if stem else (name, "")
