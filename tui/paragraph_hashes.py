"""Each paragraph's :func:`~tui.textnorm.text_hash`, worked out once per article text.

Why a memo of its own: translations (the cache, the references, the
borrowed references) are looked up by the hash of each paragraph's text, and
every opening of an article asked for all of them. A 200,000-paragraph
article took ~0.5 s a time to hash, several times per opening, in threads
that hold the GIL in turns against the reader's keys. The translation
service and the reference files both call :func:`paragraph_hashes`.
"""

from __future__ import annotations

import threading
from operator import attrgetter

from tui.article import Article, Paragraph
from tui.textnorm import text_hash

HASHES_KEPT = 400_000
"""Paragraph hashes kept in memory, over all articles (~30 MB at most): the
articles of a reading session, or two at the loader's size limit."""

_hashes: dict[str, tuple[tuple[Paragraph, ...], list[str], tuple[str, ...]]] = {}
"""``Article.content_hash`` -> (the paragraphs hashed, their texts, their hashes), oldest first."""
_hashes_lock = threading.Lock()
_text_of = attrgetter("text")


def paragraph_hashes(article: Article) -> tuple[str, ...]:
    """:func:`~tui.textnorm.text_hash` of each of ``article.paragraphs``, in order.

    Computed once per article text and kept (up to :data:`HASHES_KEPT`): a
    later call for the same paragraphs, or for a copy of the article whose
    paragraphs say the same (language detection makes new ones), costs a
    comparison of the texts, never a hash. Texts that differ in any way are
    hashed again, so a translation is only ever looked up by what the
    paragraph says now. Safe to call from several threads."""
    paragraphs = article.paragraphs
    key = article.content_hash
    if key:
        with _hashes_lock:
            found = _hashes.get(key)
        if found is not None:
            seen, texts, hashes = found
            if seen is paragraphs:
                return hashes
            if texts == list(map(_text_of, paragraphs)):
                with _hashes_lock:
                    if key in _hashes:
                        _hashes[key] = (paragraphs, texts, hashes)
                return hashes
    texts = list(map(_text_of, paragraphs))
    hashes = tuple(map(text_hash, texts))
    if key and len(hashes) <= HASHES_KEPT:
        with _hashes_lock:
            _hashes.pop(key, None)
            _hashes[key] = (paragraphs, texts, hashes)
            total = sum(len(kept[2]) for kept in _hashes.values())
            while total > HASHES_KEPT:
                _, _, dropped = _hashes.pop(next(iter(_hashes)))
                total -= len(dropped)
    return hashes
