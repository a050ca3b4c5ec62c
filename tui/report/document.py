"""What an exported article says, decided once for Markdown and HTML alike.

Why a model between the data and the text: the honest-display rules of the
reader hold for a file too, and they are decided here, once, so the two
renderers (:mod:`tui.report.markdown_text`, :mod:`tui.report.html_text`) can
only spell them differently, never drift apart:

* the translation's provenance (engine, model and version; or the bundled
  reference; or "none" with the reason) is in the header, and on each
  paragraph whose translation came from elsewhere (``fill``);
* a paragraph without a translation says so, and why when known ("already in
  English" for a paragraph written in the target language): nothing
  pretending to be a translation ever stands in its place;
* paragraphs are numbered from 1, as the reader shows them (``¶ 7``);
* page furniture (captions, share prompts) is kept and flagged, as on screen;
* claims are spans with their kind (:mod:`tui.claims.kinds` is the one list
  of kinds and their descriptions, for the legend);
* notes sit on the paragraph they are attached to now (re-attached by
  :mod:`tui.notes.placing`), with label, author, the quote and the note; a
  note whose text is gone from the article is listed at the end with its
  stored quote, never dropped.

Every string in a :class:`Report` is already inert (:func:`tui.inert.inert`:
control and bidi-override characters replaced one for one, so claim offsets
stay valid); the renderers add only their own format's escaping.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tui.article import Article, Direction
from tui.claims.kinds import CLAIM_KINDS
from tui.claims.model import Claim
from tui.inert import inert
from tui.notes.placing import Placed
from tui.target_language import DEFAULT_TARGET
from tui.translated import ArticleTranslation, Provenance

META_NAMES: dict[str, str] = {
    "site": "Site",
    "author": "Author",
    "date": "Date",
    "url": "URL",
    "language": "Declared language",
}
"""The source's declarations shown in the header (the title is the heading), in this order."""

TITLE_CHARS = 160
"""A title longer than this (the first paragraph of a plain-text file) is cut, with "…"."""

NO_TRANSLATION = "no translation of this paragraph"
"""What stands in the translation column where there is none (never a fake one)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A claim's span in one text (offsets into that text) and its kind."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class NoteItem:
    """One annotation as the file shows it; every text inert."""

    label: str
    author: str
    note: str
    """May hold newlines (the renderers keep them as line breaks)."""
    quote: str | None
    """The annotated words now (the stored quote for an orphan); ``None`` for a whole paragraph."""
    status: str
    """``exact``, ``moved``, ``fuzzy`` (re-attached approximately) or ``orphaned``."""
    claim_kind: str | None = None
    paragraph: int | None = None
    """For an orphan: the paragraph number (from 1) it was on."""


NOTE_MARK = "✎"
"""Starts every note's header line."""
NOTE_HEAD_SEPARATOR = " · "
"""Between the parts of a note's header line."""
ORPHANS_HEADING = "Notes whose text is no longer in the article"
ORPHANS_NOTE = "Each with the words it was made on, as stored."


@dataclass(frozen=True, slots=True)
class HeadPart:
    """One part of a note's header line: fixed wording around a value from the note.

    The renderers only mark parts up by :attr:`role` (``label``, ``claim``,
    ``author``, ``quote``, ``edited``) and escape :attr:`value`; the wording is
    :func:`note_head`'s alone."""

    role: str
    before: str = ""
    value: str = ""
    after: str = ""


def note_head(note: NoteItem) -> list[HeadPart]:
    """The parts of ``note``'s header line, in order (joined by :data:`NOTE_HEAD_SEPARATOR`
    after :data:`NOTE_MARK`): label, claim kind, author, the words annotated,
    whether it was re-attached approximately."""
    parts = [HeadPart("label", value=note.label)]
    if note.claim_kind:
        parts.append(HeadPart("claim", "on a ", note.claim_kind, " claim"))
    if note.author:
        parts.append(HeadPart("author", "by ", note.author))
    if note.quote is not None:
        parts.append(HeadPart("quote", "on “", note.quote, "”"))
    if note.status == "fuzzy":
        parts.append(HeadPart("edited", "re-attached approximately: the text was edited"))
    return parts


def orphan_place(note: NoteItem) -> str:
    """What follows an orphaned note's header line: `` (was ¶ 4)``, or nothing."""
    return f" (was ¶ {note.paragraph})" if note.paragraph else ""


@dataclass(frozen=True, slots=True)
class TranslationCell:
    """What the translation column holds for one paragraph: a text, or why there is none."""

    text: str | None
    missing: str | None
    """Set exactly when ``text`` is ``None``: what to say instead."""
    provenance: Provenance | None = None
    differs: bool = False
    """The provenance is not the header's: the renderers name it on the paragraph."""
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """One paragraph of the original with its translation and notes."""

    number: int
    """From 1, as the reader shows it."""
    text: str
    language: str | None
    direction: Direction
    boilerplate: str | None
    marks: tuple[Mark, ...]
    translation: TranslationCell
    notes: tuple[NoteItem, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """A whole export: header facts, rows in order, orphaned notes, the legend."""

    title: str
    path: str
    language: str | None
    language_name: str
    meta: tuple[tuple[str, str], ...]
    """``(name, value)`` of what the source declares (``Site``, ``Author``, ``Date``, ``URL``, ``Declared language``)."""
    target: str
    target_name: str
    provenance: Provenance | None
    translation_summary: str
    """The header's translation line: ``English · argos translate-ar_en v1.9`` or ``none (why)``."""
    facts: tuple[str, ...]
    """Counts the reader of the file should know (paragraphs not translated, outdated dropped)."""
    rows: tuple[Row, ...]
    orphans: tuple[NoteItem, ...]
    kinds: tuple[tuple[str, str], ...]
    """``(kind, description)`` of the kinds marked in this file, in :data:`CLAIM_KINDS` order."""
    exported: str
    """``YYYY-MM-DD HH:MM UTC``."""
    claim_count: int
    note_count: int


def counted(number: int, noun: str) -> str:
    """``1 note``, ``2 notes``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def provenance_name(provenance: Provenance | None) -> str:
    """``argos translate-ar_en v1.9``, ``reference translation (…)`` or ``none``."""
    return provenance.label if provenance is not None else "none"


def build_report(
    article: Article,
    translation: ArticleTranslation | None,
    claims: Iterable[Claim] = (),
    notes: Sequence[Placed] = (),
    *,
    target: str | None = None,
    fill: Sequence[ArticleTranslation] = (),
    translated_claims: Iterable[Claim] = (),
    why_missing: str | None = None,
    now: datetime | None = None,
) -> Report:
    """The :class:`Report` of ``article`` (see the module docstring for the rules).

    ``translation`` is the one shown (its provenance heads the file);
    ``fill`` are others that supply paragraphs it lacks, each named on its
    paragraph; ``claims`` lie in the original's paragraphs and
    ``translated_claims`` in the translation texts (offsets into them);
    ``notes`` are the article's annotations as placed now; ``why_missing``
    says why there is no (complete) translation, e.g. a missing model.
    """
    from tui.language import language_name

    language_of_target = target or (translation.target if translation is not None else DEFAULT_TARGET)
    originals = _by_paragraph(claims)
    translated = _by_paragraph(translated_claims)
    attached: dict[int, list[NoteItem]] = {}
    orphans: list[NoteItem] = []
    live = [p for p in notes if not p.annotation.deleted]
    for placed in sorted(live, key=_note_order):
        item = _note_item(placed)
        at = placed.attachment
        if at.attached and at.paragraph is not None and 0 <= at.paragraph < len(article.paragraphs):
            attached.setdefault(at.paragraph, []).append(item)
        else:
            orphans.append(item)

    rows: list[Row] = []
    kinds_seen: set[str] = set()
    untranslated = 0
    for paragraph in article.paragraphs:
        text = inert(paragraph.text)
        marks = _marks(originals.get(paragraph.index, ()), len(text))
        cell = _translation_cell(
            paragraph.index,
            paragraph.language,
            translation,
            fill,
            language_of_target,
            translated.get(paragraph.index, ()),
        )
        if cell.text is None:
            untranslated += 1
        kinds_seen.update(m.kind for m in marks)
        kinds_seen.update(m.kind for m in cell.marks)
        rows.append(
            Row(
                number=paragraph.index + 1,
                text=text,
                language=paragraph.language,
                direction=paragraph.direction,
                boilerplate=inert(paragraph.boilerplate) if paragraph.boilerplate else None,
                marks=marks,
                translation=cell,
                notes=tuple(attached.get(paragraph.index, ())),
            )
        )

    target_name = language_name(language_of_target)
    if translation is not None:
        summary = f"{target_name} · {translation.provenance.label}"
    else:
        summary = "none"
    if why_missing:
        summary += f" ({inert(why_missing)})"
    facts: list[str] = []
    if untranslated:
        facts.append(f"{untranslated} of {counted(len(rows), 'paragraph')} not translated")
    stale = (translation.stale if translation is not None else 0) + sum(t.stale for t in fill)
    if stale:
        facts.append(f"{counted(stale, 'outdated translation')} dropped (the text changed since)")
    filled = sum(1 for row in rows if row.translation.differs)
    if filled:
        facts.append(f"{counted(filled, 'paragraph')} translated by another source, named on each")

    title = _shorten(inert(article.title), TITLE_CHARS)
    meta = article.meta
    record = meta.record() if meta is not None else {}
    declared = tuple((shown, inert(value)) for name, shown in META_NAMES.items() if (value := record.get(name)))
    claim_count = sum(len(r.marks) for r in rows)
    return Report(
        title=title,
        path=inert(str(article.path)),
        language=article.language,
        language_name=language_name(article.language),
        meta=declared,
        target=language_of_target,
        target_name=target_name,
        provenance=translation.provenance if translation is not None else None,
        translation_summary=summary,
        facts=tuple(facts),
        rows=tuple(rows),
        orphans=tuple(orphans),
        kinds=tuple((k.name, k.description) for k in CLAIM_KINDS if k.name in kinds_seen),
        exported=(now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        claim_count=claim_count,
        note_count=len(live),
    )


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (a title taken from a long first paragraph)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _by_paragraph(claims: Iterable[Claim]) -> dict[int, list[Claim]]:
    out: dict[int, list[Claim]] = {}
    for claim in claims:
        out.setdefault(claim.paragraph, []).append(claim)
    return out


def _marks(claims: Iterable[Claim], length: int) -> tuple[Mark, ...]:
    """The claims' spans that lie inside a text of ``length`` characters, in text order
    (longer first at the same start, so an enclosing quote opens before the date in it)."""
    found = {Mark(c.start, c.end, c.kind) for c in claims if 0 <= c.start < c.end <= length}
    return tuple(sorted(found, key=lambda m: (m.start, -m.end, m.kind)))


def _same_language(a: str | None, b: str) -> bool:
    if not a:
        return False
    return a.replace("_", "-").split("-")[0].lower() == b.replace("_", "-").split("-")[0].lower()


def _translation_cell(
    index: int,
    language: str | None,
    translation: ArticleTranslation | None,
    fill: Sequence[ArticleTranslation],
    target: str,
    claims: Sequence[Claim],
) -> TranslationCell:
    for source in (translation, *fill):
        if source is None:
            continue
        found = source.get(index)
        if found is not None and found.text.strip():
            text = inert(found.text)
            differs = translation is None or source.provenance != translation.provenance
            return TranslationCell(text, None, source.provenance, differs, _marks(claims, len(text)))
    if _same_language(language, target):
        from tui.language import language_name

        return TranslationCell(None, f"already in {language_name(target)}: not translated")
    return TranslationCell(None, NO_TRANSLATION)


def _note_order(placed: Placed) -> tuple[int, int, int, str]:
    at = placed.attachment
    if at.attached and at.paragraph is not None:
        return (0, at.paragraph, at.start or 0, placed.annotation.created)
    return (1, placed.annotation.paragraph, placed.annotation.start or 0, placed.annotation.created)


def _note_item(placed: Placed) -> NoteItem:
    a = placed.annotation
    at = placed.attachment
    if at.attached:
        quote = placed.current_quote if at.start is not None else None
    else:
        quote = a.quote
    return NoteItem(
        label=inert(a.label),
        author=inert(a.author),
        note="\n".join(inert(line) for line in a.note.strip().replace("\r\n", "\n").split("\n")),
        quote=inert(quote) if quote is not None else None,
        status=at.status,
        claim_kind=inert(a.claim_kind) if a.claim_kind else None,
        paragraph=None if at.attached else a.paragraph + 1,
    )


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text under the same claims (see :func:`pieces`)."""

    text: str
    kinds: tuple[str, ...]
    """Kinds of the claims covering this run, outermost first; empty outside claims."""
    ends: tuple[str, ...]
    """Kinds of the claims that end right after this run (where a renderer puts the kind's tag)."""


def pieces(text: str, marks: Sequence[Mark]) -> list[Piece]:
    """``text`` cut at every claim boundary. Claims may nest (a date inside a
    quote) or even cross; each run lists the claims covering it, so a renderer
    needs no overlap logic of its own. ``"".join(p.text for p in …) == text``."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Piece] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = tuple(m.kind for m in marks if m.start <= start and end <= m.end)
        ending = tuple(m.kind for m in marks if m.end == end)
        out.append(Piece(text[start:end], covering, ending))
    return out
