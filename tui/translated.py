"""Translations as the views see them: text plus where it came from.

Honest display rests on these types: every paragraph translation carries its
provenance and the hash of the source text it was made from, so a translation
of text that has since changed is dropped instead of shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HUMAN_ENGINE = "human"
"""The engine of a translation taken from a version in the folder that the
versions index aligned as a translation (:mod:`tui.versions.human`)."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Who produced a translation."""

    engine: str
    """``reference`` (written by people for this repo), ``argos``, or ``human``
    (a version in the folder aligned as a translation; ``model`` is its file name)."""
    model: str | None = None
    """Package code, e.g. ``translate-ar_en``; ``None`` for references."""
    version: str | None = None
    pivot: str | None = None
    """Language chained through (``en``) when no direct package exists."""

    @property
    def label(self) -> str:
        """Short, human text for a column header."""
        if self.engine == "reference":
            if self.model:  # borrowed for the same paragraphs (tui.reference.borrowed_reference)
                return f"reference translation of {self.model}, same paragraphs only (not machine output)"
            return "reference translation (bundled, not machine output)"
        if self.engine == HUMAN_ENGINE:
            return f"human translation: {self.model} (aligned by tandem)"
        text = f"{self.engine} {self.model or '?'}"
        if self.version:
            text += f" v{self.version}"
        if self.pivot:
            text += f" via {self.pivot}"
        return text


@dataclass(frozen=True, slots=True)
class ParagraphTranslation:
    index: int
    text: str
    source_hash: str
    """:func:`tui.textnorm.text_hash` of the source paragraph it translates."""


@dataclass(frozen=True, slots=True)
class ArticleTranslation:
    """One engine's translation of one article into one language.

    ``paragraphs`` only holds translations whose ``source_hash`` matches the
    article's current paragraph text; stale ones are counted in ``stale``.
    """

    article_id: str
    target: str
    provenance: Provenance
    paragraphs: dict[int, ParagraphTranslation] = field(default_factory=dict)
    stale: int = 0

    def get(self, index: int) -> ParagraphTranslation | None:
        return self.paragraphs.get(index)
