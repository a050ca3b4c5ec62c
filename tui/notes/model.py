"""What an annotation is: the analyst's judgement, anchored to article text.

The analyst's labels and notes are the product of a reading session, so an
annotation carries everything needed to find its text again after the article
changes (see :mod:`tui.notes.anchor`) and to merge copies from several
machines: a random ``id`` that never changes (the key for import/export and
undo), UTC timestamps (``updated`` decides which copy of an edited annotation
wins), and a ``deleted`` tombstone instead of removal, so a deletion travels
through export/import like any other change.

All text fields are stored verbatim, markup and escape sequences included;
display paths make them inert with :func:`tui.inert.inert`.
"""

from __future__ import annotations

import uuid
from dataclasses import MISSING, asdict, dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.article import Article
from tui.notes.anchor import Selector

FORMAT = 1
"""Version of the exported record layout (``format`` key of a JSONL line)."""

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
"""Timestamps must lie in ``[EARLIEST, LATEST)``. Python's datetimes end at
9999-12-31, so a time there could not even be moved on by a microsecond when
the annotation is next edited (an ``OverflowError``); no real note was written
before 1970 or after 9000, so anything outside is refused as a bad record."""

MAX_POSITION = 2**31 - 1
"""Largest paragraph index or character offset accepted (a 8 MB article has far
fewer); larger integers are refused on import instead of overflowing SQLite's
64-bit integers."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """One label (and optional note) on a span of a paragraph, or on all of it."""

    id: str
    """uuid4 hex; stable across export/import, the idempotency key."""
    created: str
    """UTC ISO 8601 with microseconds, e.g. ``2023-11-02T09:15:00.000000+00:00``."""
    updated: str
    article_path: str
    """Absolute path of the article file when annotated."""
    article_hash: str
    """:attr:`Article.content_hash` when annotated (identifies it across renames)."""
    article_id: str
    paragraph: int
    """Paragraph index when annotated (a position hint, see :mod:`tui.notes.anchor`)."""
    quote: str
    """The exact text annotated; the whole paragraph for a paragraph annotation."""
    prefix: str
    """Up to :data:`~tui.notes.anchor.CONTEXT_CHARS` characters before the quote."""
    suffix: str
    start: int | None
    """Offset of the quote in the paragraph text; ``None`` for the whole paragraph."""
    end: int | None
    label: str
    note: str = ""
    language: str | None = None
    """Language of the annotated paragraph when known (for filtering)."""
    claim_kind: str | None = None
    """Set when the annotation is on an extracted claim (e.g. ``number``)."""
    claim_value: str | None = None
    deleted: bool = False
    """Tombstone: hidden from lists, kept so deletions export and undo."""
    author: str = ""
    """Who made the annotation (config ``author``, default the login name);
    kept when a colleague edits it; empty for notes made before tandem kept it."""

    @property
    def whole_paragraph(self) -> bool:
        return self.start is None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of every field (the JSONL record minus ``format``)."""
        return asdict(self)


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Annotation))
"""Every field, in order: the JSONL record's keys and (renamed where SQL needs it) the table's columns."""

# The lists below are read off the dataclass, so a new field is checked by type
# without another hand-kept list.
_STRINGS = tuple(f.name for f in fields(Annotation) if f.type == "str")
_OPTIONAL_STRINGS = tuple(f.name for f in fields(Annotation) if f.type == "str | None")
_IMPORT_DEFAULTS: dict[str, Any] = {"prefix": "", "suffix": "", "start": None, "end": None}
"""Fields an imported record may leave out (older exports): whole-paragraph, no context."""
_REQUIRED = frozenset(f.name for f in fields(Annotation) if f.default is MISSING) - _IMPORT_DEFAULTS.keys()


def utc_now() -> str:
    """The current time as stored: UTC ISO 8601 with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def parse_time(value: str) -> datetime:
    """A stored or imported timestamp as an aware datetime; ``ValueError`` if not one."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp without time zone: {value!r}")
    return parsed


def check_time(value: str) -> datetime:
    """:func:`parse_time`, and ``ValueError`` unless it lies in ``[EARLIEST, LATEST)``."""
    parsed = parse_time(value)
    try:
        in_range = EARLIEST <= parsed < LATEST
    except OverflowError:  # an offset that moves the instant past datetime's range
        in_range = False
    if not in_range:
        raise ValueError(f"outside {EARLIEST.year}-{LATEST.year - 1}: {value!r}")
    return parsed


def sane_time(value: str) -> bool:
    """Whether ``value`` is a timestamp :func:`validate` accepts."""
    try:
        check_time(value)
    except (ValueError, TypeError):
        return False
    return True


def new_id() -> str:
    return uuid.uuid4().hex


def article_location(article: Article) -> str:
    """The absolute path stored for ``article`` (symlinks resolved when possible)."""
    path = Path(article.path)
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def new_annotation(
    article: Article,
    selector: Selector,
    label: str,
    note: str = "",
    *,
    claim_kind: str | None = None,
    claim_value: str | None = None,
    now: str | None = None,
) -> Annotation:
    """A fresh annotation of ``selector`` (from :func:`tui.notes.anchor.select`)."""
    stamp = now or utc_now()
    paragraph = article.paragraphs[selector.paragraph]
    annotation = Annotation(
        id=new_id(),
        created=stamp,
        updated=stamp,
        article_path=article_location(article),
        article_hash=article.content_hash,
        article_id=article.id,
        paragraph=selector.paragraph,
        quote=selector.quote,
        prefix=selector.prefix,
        suffix=selector.suffix,
        start=selector.start,
        end=selector.end,
        label=label,
        note=note,
        language=paragraph.language or article.language,
        claim_kind=claim_kind,
        claim_value=claim_value,
    )
    validate(annotation)
    return annotation


def validate(annotation: Annotation) -> Annotation:
    """``annotation`` unchanged, or ``ValueError`` naming what is wrong with it."""
    a = annotation
    for name in _STRINGS:
        value = getattr(a, name)
        if not isinstance(value, str):
            raise ValueError(f"{name} must be a string")
        _encodable(name, value)
    for name in _OPTIONAL_STRINGS:
        value = getattr(a, name)
        if value is not None:
            if not isinstance(value, str):
                raise ValueError(f"{name} must be a string or null")
            _encodable(name, value)
    if not a.id.strip():
        raise ValueError("id must not be empty")
    if not a.label.strip():
        raise ValueError("label must not be empty")
    if not _is_int(a.paragraph) or not 0 <= a.paragraph <= MAX_POSITION:
        raise ValueError(f"paragraph must be an integer from 0 to {MAX_POSITION}")
    if a.start is None or a.end is None:
        if a.start is not None or a.end is not None:
            raise ValueError("start and end must both be set or both be null")
    else:
        if not (_is_int(a.start) and _is_int(a.end)) or not 0 <= a.start <= a.end <= MAX_POSITION:
            raise ValueError(f"start and end must be integers with 0 <= start <= end <= {MAX_POSITION}")
        if a.end - a.start != len(a.quote):
            raise ValueError("end - start must equal the length of the quote")
    if not isinstance(a.deleted, bool):
        raise ValueError("deleted must be true or false")
    for name in ("created", "updated"):
        try:
            check_time(getattr(a, name))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{name}: not an ISO 8601 time with zone ({exc})") from None
    return a


def from_dict(data: Any) -> Annotation:
    """An :class:`Annotation` from a JSON record; ``ValueError`` when it is not one.

    Unknown keys are ignored (records from a newer tandem still import); a
    ``format`` newer than :data:`FORMAT` is refused.
    """
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    fmt = data.get("format", FORMAT)
    if not _is_int(fmt) or fmt > FORMAT:
        raise ValueError(f"unsupported format {fmt!r} (this tandem reads format {FORMAT})")
    missing = sorted(_REQUIRED - data.keys())
    if missing:
        raise ValueError("missing " + ", ".join(missing))
    values = {**_IMPORT_DEFAULTS, **{name: data[name] for name in FIELD_NAMES if name in data}}
    return validate(Annotation(**values))


def with_changes(annotation: Annotation, **changes: Any) -> Annotation:
    """A validated copy with ``changes`` applied (``updated`` untouched)."""
    return validate(replace(annotation, **changes))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _encodable(name: str, value: str) -> None:
    # Lone surrogates cannot be stored as UTF-8 text; say so instead of failing in SQLite.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{name} contains characters that are not valid Unicode text") from None
