"""Annotations into the database from a JSONL export, idempotently.

Records are matched by ``id``: an unknown id is added, a known one is replaced
only when the incoming ``updated`` is later (so importing the same file twice
adds nothing, and colleagues' files can be merged in any order). Deletions
arrive as tombstones and merge the same way.

A bad line (not JSON, missing fields, a newer format) is skipped and reported
with its line number; the good lines are imported in one transaction. Lines
are split on ``\\n`` only -- U+2028 and friends are data inside a JSON string,
not line ends (``str.splitlines`` would break such records).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tui.notes.model import Annotation, from_dict
from tui.notes.store import NotesStore

MAX_REPORTED = 20


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


def parse_jsonl(text: str) -> tuple[list[Annotation], list[tuple[int, str]]]:
    """The annotations in ``text`` and ``(line number, reason)`` for the lines that are not."""
    found: list[Annotation] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append((number, f"not JSON ({exc.msg}, column {exc.colno})"))
            continue
        try:
            found.append(from_dict(data))
        except (ValueError, TypeError) as exc:
            bad.append((number, str(exc)))
    return found, bad


def read_jsonl_file(path: Path) -> str:
    """The text of an export file; ``ValueError`` with a user-facing reason if unreadable."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def import_text(store: NotesStore, text: str) -> ImportReport:
    annotations, bad = parse_jsonl(text)
    result = store.merge(annotations)
    return ImportReport(result.added, result.updated, result.unchanged, result.conflicts, tuple(bad))


def import_file(store: NotesStore, path: Path) -> ImportReport:
    """Merge the JSONL export at ``path`` into ``store``."""
    return import_text(store, read_jsonl_file(path))
