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
class ArticleMeta:
    """What the source says about an article besides its text: from a web page's
    ``<meta>``/JSON-LD, a feed entry or a JSON Lines record. Every field is
    ``None`` when the source does not say; plain-text files have none."""

    title: str | None = None
    site: str | None = None
    """The outlet ("Der Spiegel") or, failing that, the host name."""
    author: str | None = None
    date: str | None = None
    """Publication date as ISO ``YYYY-MM-DD`` (or a longer ISO timestamp), as declared."""
    url: str | None = None
    """The canonical URL (or the feed entry's link)."""
    language: str | None = None
    """The language the source declares (``<html lang>``, feed or record); a
    hint only: :attr:`Article.language` is what detection found."""

    FIELDS = ("title", "site", "author", "date", "url", "language")

    def record(self) -> dict[str, str | None]:
        """``{"title", "site", "author", "date", "url", "language"}``, ``None`` where unknown."""
        return {name: getattr(self, name) for name in self.FIELDS}

    @classmethod
    def from_record(cls, record: object) -> ArticleMeta | None:
        """The inverse of :meth:`record`; ``None`` for anything that is not a dict of strings."""
        if not isinstance(record, dict):
            return None
        values = {name: record.get(name) for name in cls.FIELDS}
        if not all(v is None or isinstance(v, str) for v in values.values()):
            return None
        return cls(**values)


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
    meta: ArticleMeta | None = None
    """Title, outlet, author, date, URL from the source (web pages, feeds, JSON
    Lines); ``None`` for plain text, which declares nothing."""

    @property
    def title(self) -> str:
        """The declared title if any, else the first non-boilerplate paragraph."""
        if self.meta is not None and self.meta.title:
            return self.meta.title
        for p in self.paragraphs:
            if not p.is_boilerplate:
                return p.text
        return self.paragraphs[0].text if self.paragraphs else self.path.name

    @property
    def ok(self) -> bool:
        return self.error is None
