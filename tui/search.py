"""Find-in-article: case- and mark-insensitive substring search with exact spans.

Matching folds case (``casefold``) and ignores combining marks (Arabic harakat,
accents) so "Bodensatz" finds "BODENSATZ" and "الذخيرة" finds "الذخيرةُ"; spans are
reported as offsets into the *original* text so the reader can highlight them.
Python's ``str.find`` on folded text would lose that mapping, hence this module.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    paragraph: int
    side: str
    """``original`` or ``translation``."""
    start: int
    end: int


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, its offset in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFD", ch):
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                index.append(i)
    return "".join(out), index


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` spans of ``query`` in ``text``."""
    needle, _ = fold(query)
    needle = needle.strip()
    if not needle:
        return []
    hay, index = fold(text)
    spans: list[tuple[int, int]] = []
    pos = hay.find(needle)
    while pos != -1:
        last = pos + len(needle) - 1
        end = index[last] + 1
        # Marks that were folded away still belong to the last matched letter.
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((index[pos], end))
        pos = hay.find(needle, pos + len(needle))
    return spans


def search_article(
    texts: Iterable[tuple[int, str, str]], query: str
) -> list[Match]:
    """Matches of ``query`` in ``(paragraph, side, text)`` triples, in order."""
    matches: list[Match] = []
    for paragraph, side, text in texts:
        for start, end in find_all(text, query):
            matches.append(Match(paragraph, side, start, end))
    return matches
