"""A short name for each article that tells it apart from every other one.

The reader names articles in narrow places — the versions strip, the claims
panel's "also:" lines, the stack's headers, the palette — where a title is too
long and an id cut to three characters (``en_``, ``ar_``) is ambiguous. Each
file gets the shortest start of its file name (without the extension) that no
other file name in the session shares, rounded up to the end of the word it
falls in (``reuters.218863.arb``, not ``reuters.218863.a``), at least three
characters; a name that only another folder tells apart gets that folder in
front (``april/report``). Written here because no library covers it: it is a
prefix search over the session's own names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

MIN_LENGTH = 3
SEPARATORS = "._- "


def short_names(paths: Sequence[Path]) -> list[str]:
    """One distinct short name per path, in the order given."""
    stems = [path.stem or path.name for path in paths]
    needed = _needed_lengths(stems)
    names = [_cut(stem, needed[i]) for i, stem in enumerate(stems)]
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    for i, name in enumerate(names):
        if counts[name] > 1:  # the same file name in several folders
            names[i] = f"{paths[i].parent.name}/{stems[i]}"
    seen: dict[str, int] = {}
    for i, name in enumerate(names):  # still the same (same folder name too): number them
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[i] = f"{name}~{seen[name]}"
    return names


def _needed_lengths(stems: Sequence[str]) -> list[int]:
    """For each stem, one more than the longest prefix it shares with any other
    stem: in sorted order that is with a neighbour, so one sort and two
    comparisons per stem (a folder of 50,000 is named on the list's first paint)."""
    order = sorted(range(len(stems)), key=stems.__getitem__)
    needed = [0] * len(stems)
    for k in range(len(order) - 1):
        a, b = order[k], order[k + 1]
        shared = _common_prefix(stems[a], stems[b]) + 1
        needed[a] = max(needed[a], shared)
        needed[b] = max(needed[b], shared)
    return needed


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _cut(stem: str, needed: int) -> str:
    length = min(len(stem), max(min(MIN_LENGTH, len(stem)), needed))
    while length < len(stem) and stem[length - 1] not in SEPARATORS and stem[length] not in SEPARATORS:
        length += 1  # to the end of the word
    return stem[:length].rstrip(SEPARATORS) or stem
