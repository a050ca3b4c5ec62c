"""Find in an article or across articles: case- and mark-insensitive substring
search with exact spans.

Matching folds case (``casefold``), ignores combining marks (Arabic harakat,
accents), tatweel and joiners (ZWNJ/ZWJ, soft hyphen) and unifies Arabic and
Persian letter variants (:data:`LETTER_VARIANTS`: ي/ى/ی, ك/ک, أ/إ/آ/ا, ة/ه,
ё/е) so "Bodensatz" finds "BODENSATZ", "الذخيرة" finds "الذخيرةُ" and "كره"
finds "کره‌جنوبی"; spans are
reported as offsets into the *original* text so the reader can highlight them.
Python's ``str.find`` on folded text would lose that mapping, hence this module.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    paragraph: int
    side: str
    """``original`` or ``translation``."""
    start: int
    end: int


LETTER_VARIANTS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u064a": "\u06cc",  # ي -> ی
        "\u0649": "\u06cc",  # ى -> ی
        "\u0643": "\u06a9",  # ك -> ک
        "\u0629": "\u0647",  # ة -> ه
        "\u0640": "",  # tatweel
        "\u200c": "",  # ZWNJ
        "\u200d": "",  # ZWJ
        "\u00ad": "",  # soft hyphen
        "\u0451": "\u0435",  # ё -> е
    }
)
"""Letters written differently in Arabic/Persian (and Russian) text that a
reader takes as the same; the empty ones are invisible in the word."""


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, its offset in ``text``.

    Each distinct character is folded once (:data:`_FOLDED`): the cost is a
    dictionary look-up a character, where normalising, casefolding and
    translating each one took ~0.4 ms a paragraph, paid for every hit ``F``
    lists."""
    table = _FOLDED
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = table.get(ch)
        if folded is None:
            folded = _fold_char(ch)
        if len(folded) == 1:
            out.append(folded)
            index.append(i)
        elif folded:
            out.append(folded)
            index.extend([i] * len(folded))
    return "".join(out), index


_FOLDED: dict[str, str] = {}
"""Character -> what it folds to (see :func:`_fold_char`); filled as met."""


def _fold_char(ch: str) -> str:
    """``ch`` decomposed, combining marks dropped, casefolded, letter variants unified."""
    folded = "".join(
        part.casefold().translate(LETTER_VARIANTS)
        for part in unicodedata.normalize("NFD", ch)
        if not unicodedata.combining(part)
    )
    _FOLDED[ch] = folded
    return folded


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` spans of ``query`` in ``text``."""
    return find_folded(text, fold(text), query)


def find_folded(text: str, folded: tuple[str, list[int]], query: str) -> list[tuple[int, int]]:
    """:func:`find_all` with ``text`` folded already (``fold(text)``: several queries, one fold)."""
    needle, _ = fold(query)
    needle = needle.strip()
    if not needle:
        return []
    hay, index = folded
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


def search_article(texts: Iterable[tuple[int, str, str]], query: str) -> list[Match]:
    """Matches of ``query`` in ``(paragraph, side, text)`` triples, in order."""
    return [hit.match for hit in search_articles([(0, texts)], query)]


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in one of several articles, with the text it was found in."""

    article: int
    """The article's position in the caller's list."""
    match: Match
    text: str


def search_articles(articles: Iterable[tuple[int, Iterable[tuple[int, str, str]]]], query: str) -> Iterator[Hit]:
    """Matches of ``query`` in ``(article, texts)`` pairs, lazily, in order;
    ``texts`` are ``(paragraph, side, text)`` triples as for :func:`search_article`."""
    for article, texts in articles:
        for paragraph, side, text in texts:
            for start, end in find_all(text, query):
                yield Hit(article, Match(paragraph, side, start, end), text)


def snippet(text: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """At most ``width`` characters of ``text`` around ``[start, end)``: whole
    words added on both sides while they fit, "…" where the text was cut.
    Returns the snippet and the match's offsets in it; a match longer than the
    snippet is cut at its end."""
    width = max(width, 8)
    if len(text) <= width:
        return text, start, end
    budget = width - 2  # room for the two ellipses
    lo, hi = start, min(end, start + budget)
    while True:
        grew = False
        if lo > 0:
            space = text.rfind(" ", 0, lo - 1)
            wider = space + 1 if space != -1 else 0
            if hi - wider <= budget:
                lo, grew = wider, True
        if hi < len(text):
            space = text.find(" ", hi + 1)
            wider = space if space != -1 else len(text)
            if wider - lo <= budget:
                hi, grew = wider, True
        if not grew:
            break
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(text) else ""
    return head + text[lo:hi] + tail, len(head) + start - lo, len(head) + min(end, hi) - lo
