"""The sentence around a quote, for the exported brief.

A brief shows each annotated claim in its sentence, not the whole paragraph.
Sentence boundaries come from pysbd (rule-based, offline, handles
abbreviations such as "U.S." or "z. B."), imported lazily, except for Arabic:
pysbd's Arabic rules end a sentence at every Arabic comma "،" (seen on seed
000, where one sentence became four clauses), so Arabic -- and right-to-left
text of unknown language -- uses the simple rule below instead: a sentence ends
at . ! ? … ؟ ۔ 。 (plus closing quotes or brackets) followed by white space.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from tui.direction import base_direction

_SENTENCE_END = re.compile(r"[.!?\u2026\u061f\u06d4\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\]]*\s+")
_PYSBD_AVOID = frozenset({"ar"})
_ALIASES = {"uk": "ru", "be": "ru"}


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; together they cover ``text`` exactly."""
    if not text:
        return []
    code = _ALIASES.get(language or "", language)
    if code in _PYSBD_AVOID or (code is None and base_direction(text) == "rtl"):
        return _rule_spans(text)
    spans = _pysbd_spans(text, code or "en")
    return spans if spans is not None else _rule_spans(text)


def sentence_around(text: str, start: int | None, end: int | None, language: str | None = None) -> tuple[int, int]:
    """The span of the sentence(s) overlapping ``text[start:end]``; all of it when ``start`` is ``None``."""
    if start is None or end is None:
        return 0, len(text)
    spans = sentence_spans(text, language)
    hit = [(s, e) for s, e in spans if s < max(end, start + 1) and e > start]
    if not hit:
        return 0, len(text)
    return hit[0][0], hit[-1][1]


def sentence_index_range(
    text: str, start: int | None, end: int | None, language: str | None = None
) -> tuple[int, int, int]:
    """``(first, last, count)``: indices of the sentences the span touches, and how many there are."""
    spans = sentence_spans(text, language)
    if start is None or end is None or not spans:
        return 0, max(0, len(spans) - 1), len(spans)
    touched = [i for i, (s, e) in enumerate(spans) if s < max(end, start + 1) and e > start]
    if not touched:
        return 0, len(spans) - 1, len(spans)
    return touched[0], touched[-1], len(spans)


def _rule_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    at = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((at, match.end()))
        at = match.end()
    if at < len(text):
        spans.append((at, len(text)))
    return spans


@lru_cache(maxsize=16)
def _segmenter(language: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def _pysbd_spans(text: str, language: str) -> list[tuple[int, int]] | None:
    """pysbd's spans, or ``None`` when it cannot do the language or its spans are off."""
    try:
        import pysbd.languages

        if language not in pysbd.languages.LANGUAGE_CODES:
            language = "en"
        found = _segmenter(language).segment(text)
    except Exception:  # pysbd raises assorted errors on odd input; fall back
        return None
    spans = [(span.start, span.end) for span in found]
    # pysbd's char spans are known to drift on repeated sentences: accept them
    # only when they tile the text exactly.
    at = 0
    for s, e in spans:
        if s != at or e <= s:
            return None
        at = e
    return spans if at == len(text) else None
