"""Sentence boundaries without downloads, with offsets back into the paragraph.

Argos's own ``translate()`` splits sentences with a model it downloads on first
use (MiniSBD) or with Stanza (torch); offline neither works. pysbd is rule-based,
offline and covers ar, fa, de, ru, en and more; it is used here with two
adjustments it does not offer itself:

* languages it lacks fall back to a related rule set (uk, be → ru) or to the
  generic English rules;
* its Arabic/Persian rules also break at commas and colons (``،`` ``:``);
  a fragment that does not end in sentence-final punctuation is joined to the
  next one, so the model sees whole sentences (translation needs the context);
  a fragment without letters or digits (a closing quote split off after the
  full stop) is joined to the one before.

Each sentence is a span of the original text, so ``text[start:end]`` is the
sentence and the spans, in order, cover every non-space character exactly once.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_FALLBACK = {"uk": "ru", "be": "ru", "tg": "fa", "ps": "fa", "sr": "ru", "mk": "bg"}
_FINAL = re.compile(r"[.!?…؟۔।。\uff01\uff1f]['\"”’»›)\]\s]*$")
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def pysbd_language(language: str | None) -> str:
    """The pysbd rule set used for ``language`` (ISO 639-1)."""
    from pysbd.languages import LANGUAGE_CODES

    code = (language or "en").lower().split("-")[0].split("_")[0]
    code = _FALLBACK.get(code, code)
    return code if code in LANGUAGE_CODES else "en"


@lru_cache(maxsize=32)
def _segmenter(code: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=code, clean=False)


def _raw_segments(text: str, language: str | None) -> list[str]:
    segmenter = _segmenter(pysbd_language(language))
    with _LOCK:  # pysbd keeps per-call state on the segmenter
        return [str(segment) for segment in segmenter.segment(text)]


def split_sentences(text: str, language: str | None) -> list[Sentence]:
    """Sentences of ``text`` as stripped spans; ``[]`` for blank text."""
    if not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    cursor = 0
    for segment in _raw_segments(text, language):
        piece = segment.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:  # pysbd altered the text: keep the rest as one sentence
            break
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    rest = text[cursor:].strip()
    if rest:
        at = text.find(rest, cursor)
        spans.append((at, at + len(rest)))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (
            not _FINAL.search(text[merged[-1][0] : merged[-1][1]]) or not any(ch.isalnum() for ch in text[start:end])
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [Sentence(s, e, text[s:e]) for s, e in merged]
