"""The labels an analyst gives claims and paragraphs, chosen by one key each.

The default set (1 verified, 2 disputed, 3 false, 4 unverified, 5 important)
can be replaced by a mapping from the config file (``[labels]`` table,
``"1" = "verified"``). A bad mapping never stops the reader: the defaults are
used and the problems are reported, as for the rest of the config.

Stored annotations keep the label *name*, not the key, so changing the keys
later does not change what old annotations say; a name outside the current set
(from an older config or a colleague's import) is still shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_LABELS: dict[str, str] = {
    "1": "verified",
    "2": "disputed",
    "3": "false",
    "4": "unverified",
    "5": "important",
}

MAX_NAME = 40


@dataclass(frozen=True, slots=True)
class LabelSet:
    """Key -> label name, in key order as given."""

    items: tuple[tuple[str, str], ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.items)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.items)

    def by_key(self, key: str) -> str | None:
        """The label name bound to ``key`` (e.g. ``"2"`` -> ``"disputed"``)."""
        return dict(self.items).get(key)

    def resolve(self, text: str) -> str | None:
        """A key or a name (any case) -> the canonical name; ``None`` if neither."""
        text = text.strip()
        by_key = self.by_key(text)
        if by_key is not None:
            return by_key
        folded = text.casefold()
        for name in self.names:
            if name.casefold() == folded:
                return name
        return None

    def describe(self) -> str:
        """``1 verified, 2 disputed, …`` for help and error messages."""
        return ", ".join(f"{key} {name}" for key, name in self.items)


DEFAULT = LabelSet(tuple(DEFAULT_LABELS.items()))


def parse_labels(raw: Any) -> tuple[LabelSet, tuple[str, ...]]:
    """A label set from a config value, and what was wrong with it.

    ``None`` gives the defaults. Keys must be single printable characters
    (one key press), names non-empty, at most :data:`MAX_NAME` characters and
    unique regardless of case. Any problem falls back to :data:`DEFAULT`.
    """
    if raw is None:
        return DEFAULT, ()
    if not isinstance(raw, Mapping) or not raw:
        return DEFAULT, ('[labels] must be a non-empty table of key = "name"; using defaults',)
    problems: list[str] = []
    items: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key, name in raw.items():
        key = str(key)
        if len(key) != 1 or not key.isprintable() or key.isspace():
            problems.append(f"labels.{key}: a label key must be one character")
            continue
        if not isinstance(name, str) or not name.strip() or not name.isprintable():
            problems.append(f"labels.{key}: the name must be a non-empty line of text")
            continue
        name = name.strip()
        if len(name) > MAX_NAME:
            problems.append(f"labels.{key}: the name is longer than {MAX_NAME} characters")
            continue
        if name.casefold() in seen:
            problems.append(f"labels.{key}: the name {name!r} is used twice")
            continue
        seen.add(name.casefold())
        items.append((key, name))
    if problems:
        return DEFAULT, (*problems, "using the default labels")
    return LabelSet(tuple(items)), ()
