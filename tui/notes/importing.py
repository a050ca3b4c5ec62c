"""Annotations into the database from a JSONL export, idempotently.

Records are matched by ``id``: an unknown id is added, a known one is replaced
only when the incoming ``updated`` is later (so importing the same file twice
adds nothing, and colleagues' files can be merged in any order). Deletions
arrive as tombstones and merge the same way.

A bad line is skipped and reported with its line number, whatever is wrong
with it: not JSON, nested too deeply to parse (``RecursionError``), missing
fields, a newer format, integers too large for the database, a timestamp
outside 1970-8999 (:data:`tui.notes.model.EARLIEST`/``LATEST``). The good lines
are imported in one transaction. Lines are split on ``\\n`` only -- U+2028 and
friends are data inside a JSON string, not line ends (``str.splitlines`` would
break such records).

**Records from the future are refused.** Import is last-writer-wins by
``updated``; a record stamped later than now plus :data:`FUTURE_TOLERANCE`
(a day: clocks of colleagues' machines differ, time zones are in the stamp)
would win against every later edit made anywhere, so it is skipped and
reported instead of silently freezing that annotation.

**The file must be a regular file of at most** :data:`MAX_IMPORT_BYTES`, like
the article loader's cap: ``/dev/zero`` or a FIFO would otherwise be read
without end (or block).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tui.notes.backend import NotesBackend
from tui.notes.model import Annotation, from_dict, parse_time

MAX_REPORTED = 20

MAX_IMPORT_BYTES = 256 * 1024**2
"""Largest export accepted (256 MiB: about 200,000 annotations with long notes)."""

FUTURE_TOLERANCE = timedelta(days=1)
"""How far ahead of this machine's clock an imported ``created``/``updated`` may be."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    skipped: tuple[tuple[int, str], ...] = ()
    """``(line number, reason)`` of each line that was not imported."""

    def summary(self) -> str:
        text = (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
            + (f", {self.conflicts} kept (same time, different content)" if self.conflicts else "")
            + (f", {len(self.skipped)} skipped" if self.skipped else "")
        )
        details = [f"  line {n}: {reason}" for n, reason in self.skipped[:MAX_REPORTED]]
        if len(self.skipped) > MAX_REPORTED:
            details.append(f"  … and {len(self.skipped) - MAX_REPORTED} more")
        return "\n".join([text, *details])


def parse_record(line: str, *, now: datetime | None = None) -> Annotation:
    """One JSONL line as an annotation; ``ValueError`` with the reason when it is not one."""
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise ValueError("not importable (JSON nested too deeply)") from None
    try:
        annotation = from_dict(data)
    except (ValueError, TypeError) as exc:
        raise ValueError(str(exc)) from None
    limit = (now or datetime.now(UTC)) + FUTURE_TOLERANCE
    for name in ("created", "updated"):
        if parse_time(getattr(annotation, name)) > limit:
            raise ValueError(
                f"{name} is in the future ({getattr(annotation, name)}); "
                "it would win against every later edit, so it was not imported"
            )
    return annotation


def parse_jsonl(text: str) -> tuple[list[Annotation], list[tuple[int, str]]]:
    """The annotations in ``text`` and ``(line number, reason)`` for the lines that are not."""
    found, bad, _ = _parse(text)
    return found, bad


def _parse(text: str) -> tuple[list[Annotation], list[tuple[int, str]], list[int]]:
    found: list[Annotation] = []
    bad: list[tuple[int, str]] = []
    numbers: list[int] = []
    now = datetime.now(UTC)
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            found.append(parse_record(line, now=now))
        except ValueError as exc:
            bad.append((number, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one line must never stop the others
            bad.append((number, f"not importable ({type(exc).__name__}: {exc})"))
            continue
        numbers.append(number)
    return found, bad, numbers


def read_jsonl_file(path: Path) -> str:
    """The text of an export file; ``ValueError`` with a user-facing reason if unreadable.

    Only regular files, up to :data:`MAX_IMPORT_BYTES`; nothing that could
    block (a FIFO) or never end (a device) is read.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ValueError(f"{path}: is a folder, not an export file")
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{path}: not a regular file (a pipe, device or socket); export to a file first")
        if info.st_size > MAX_IMPORT_BYTES:
            raise ValueError(f"{path}: {_too_large(info.st_size)}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_IMPORT_BYTES:  # grew since fstat
        raise ValueError(f"{path}: {_too_large(len(data))}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _too_large(size: int) -> str:
    return f"too large to import: {size / 1024**2:.1f} MiB (limit {MAX_IMPORT_BYTES // 1024**2} MiB)"


def import_text(store: NotesBackend, text: str) -> ImportReport:
    annotations, bad, numbers = _parse(text)
    result = store.merge(annotations)
    bad += [(numbers[position], reason) for position, reason in result.failed]
    return ImportReport(result.added, result.updated, result.unchanged, result.conflicts, tuple(sorted(bad)))


def import_file(store: NotesBackend, path: Path) -> ImportReport:
    """Merge the JSONL export at ``path`` into ``store``."""
    return import_text(store, read_jsonl_file(path))
