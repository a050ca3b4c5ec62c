"""What a loaded article is: the unit every view and analysis works on.

Data flows one way: files -> :class:`Article` -> analyses -> views. An article
is immutable; analyses (language, translation, claims) are computed from it and
never change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True, slots=True, init=False)
class Paragraph:
    """One display paragraph: a non-empty line of the source file."""

    index: int
    text: str
    """The line as in the file, surrounding white space stripped. Raw: may hold
    markup or control characters; views pass it through :func:`tui.inert.inert`."""
    direction: Direction = field(init=False)
    """Base direction from the text's own strong characters (no language model):
    :func:`tui.direction.base_direction` of :attr:`text` unless given. Worked out
    on first read, not at construction: it looks up every character's bidi class,
    ~6 µs a paragraph, which made loading a 200,000-paragraph file cost over a
    second before its first paint, for rows the reader mostly never draws.
    (``init=False`` for :func:`dataclasses.replace` only, which then neither
    reads it, working it out for every paragraph that language detection
    copies, nor copies it: a copy works out its own, from its own text.)"""
    language: str | None
    """ISO 639-1 code once detected; ``None`` while unknown or undetectable."""
    boilerplate: str | None
    """Why this paragraph is page furniture (caption, share prompt, navigation…),
    or ``None`` for body text. Flagged paragraphs are dimmed, never dropped."""

    def __init__(
        self,
        index: int,
        text: str,
        direction: Direction | None = None,
        language: str | None = None,
        boilerplate: str | None = None,
    ) -> None:
        # Written by hand (the dataclass's own would set every slot) so that
        # ``direction`` can stay unset until read; see __getattr__. It may still
        # be given, e.g. by the corpus index, which stored it.
        set_slot = object.__setattr__  # frozen: the way a dataclass's __init__ sets fields
        set_slot(self, "index", index)
        set_slot(self, "text", text)
        if direction is not None:
            set_slot(self, "direction", direction)
        set_slot(self, "language", language)
        set_slot(self, "boilerplate", boilerplate)

    @property
    def known_direction(self) -> Direction | None:
        """The direction if it was given or already worked out, else ``None``
        (for copies and records that must not work it out for every paragraph)."""
        try:
            known: Direction = object.__getattribute__(self, "direction")
        except AttributeError:
            return None
        return known

    def __reduce__(self) -> tuple[type[Paragraph], tuple[int, str, Direction | None, str | None, str | None]]:
        # Pickled (to the language detector's process and back, by copy) without
        # working out a direction not yet read.
        return (Paragraph, (self.index, self.text, self.known_direction, self.language, self.boilerplate))

    if not TYPE_CHECKING:  # for the checker, ``direction`` is a plain attribute

        def __getattr__(self, name: str) -> str:
            # Called only when a slot is unset: ``direction`` never read yet.
            if name != "direction":
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            from tui.direction import base_direction

            found = base_direction(self.text)
            object.__setattr__(self, "direction", found)
            return found

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
