"""What a loaded article is: the unit every view and analysis works on.

Data flows one way: files -> :class:`Article` -> analyses -> views. An article
is immutable; analyses (language, translation, claims) are computed from it and
never change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One display paragraph: a non-empty line of the source file."""

    index: int
    text: str
    """The line as in the file, surrounding white space stripped. Raw: may hold
    markup or control characters; views pass it through :func:`tui.inert.inert`."""
    direction: Direction = "ltr"
    """Base direction from the text's own strong characters (no language model)."""
    language: str | None = None
    """ISO 639-1 code once detected; ``None`` while unknown or undetectable."""
    boilerplate: str | None = None
    """Why this paragraph is page furniture (caption, share prompt, navigation…),
    or ``None`` for body text. Flagged paragraphs are dimmed, never dropped."""

    @property
    def is_boilerplate(self) -> bool:
        return self.boilerplate is not None


@dataclass(frozen=True, slots=True)
class Article:
    """A file turned into paragraphs, or the reason it could not be."""

    id: str
    """The file name without its suffix (the seeds' names are their ids)."""
    path: Path
    paragraphs: tuple[Paragraph, ...] = ()
    language: str | None = None
    content_hash: str = ""
    """sha256 of the decoded text: identifies the article across renames."""
    error: str | None = None
    """A specific, user-facing reason when the file could not be read."""
    notes: tuple[str, ...] = field(default=())
    """Non-fatal remarks (e.g. 'undecodable bytes replaced')."""

    @property
    def title(self) -> str:
        """The first non-boilerplate paragraph, shortened for lists."""
        for p in self.paragraphs:
            if not p.is_boilerplate:
                return p.text
        return self.paragraphs[0].text if self.paragraphs else self.path.name

    @property
    def ok(self) -> bool:
        return self.error is None
