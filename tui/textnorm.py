"""Normal form and content hash of a paragraph.

Translations, embeddings and annotations are keyed by what a paragraph *says*,
not where it sits: the hash of its normalised text. Normalising (NFC, one space
for any run of white space, no leading/trailing space) keeps the key stable
across re-saves that only touch invisible details.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC with white space collapsed; idempotent."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    """Stable 16-hex-digit key of the normalised text."""
    # surrogatepass: text from JSON may hold lone surrogates; it still needs a key.
    return hashlib.sha256(normalise(text).encode("utf-8", "surrogatepass")).hexdigest()[:16]
