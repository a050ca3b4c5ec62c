"""A :class:`~tui.report.document.Report` spelled as Markdown (CommonMark with GFM tables).

Article text is data, so nothing in it may render as Markdown: every
character CommonMark (or GitHub's extensions) would act on inline is
backslash-escaped -- ``\\ ` * _ [ ] < > & | ~ $ #`` -- (a backslash before
ASCII punctuation is CommonMark's own escape, shown as the bare character),
and a line that would start a block (``-``, ``+``, ``=``, ``1.``) gets its first
marker escaped too. ``<`` and ``&`` escaped means no raw HTML and no
character reference (``&#x202E;``) reaches a renderer from the article.
Control and bidi-override characters were already made inert by
:mod:`tui.report.document`.

Claims are **bold** with their kind after them in angle brackets,
``**5 November**⟨date⟩``: readable as plain text and rendered alike. In the
side-by-side table a cell cannot hold a line break, so notes are separated by
``<br>`` (our own markup, the one raw HTML tag the file contains).

No library writes Markdown with this escaping (markdown-it-py, already
installed through Rich, parses Markdown; the tests use it to check that the
output renders article text as plain text), hence this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from tui.report.document import (
    NOTE_HEAD_SEPARATOR,
    NOTE_MARK,
    ORPHANS_HEADING,
    ORPHANS_NOTE,
    Mark,
    NoteItem,
    Report,
    Row,
    counted,
    note_head,
    orphan_place,
    pieces,
    provenance_name,
)

_INLINE = re.compile(r"[\\`*_\[\]<>&|~$#]")
_LIST_START = re.compile(r"([-+=])")
_ORDERED_START = re.compile(r"(\d{1,9})([.)])")


def escape(text: str) -> str:
    """``text`` with every Markdown-active character backslash-escaped (for inside a line)."""
    return _INLINE.sub(lambda m: "\\" + m.group(), text)


def escape_line(text: str) -> str:
    """:func:`escape` for text that starts a line: block markers escaped too."""
    return escape_line_start(escape(text))


def marked(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, its claims in bold, each followed by ``⟨kind⟩``.

    Bold opens where the first claim starts and closes where no claim covers
    the text any more, so nested claims (a date inside a quote) make one bold
    run with the inner claim's kind inside it. Where CommonMark would not
    read the ``**`` as emphasis (a run that starts or ends with a blank, or
    opens on punctuation right after a letter) the run is left unbolded
    rather than showing stray asterisks; its ``⟨kind⟩`` still marks it."""
    out: list[str] = []
    runs = pieces(text, marks)
    i = 0
    while i < len(runs):
        if not runs[i].kinds:
            out.append(escape(runs[i].text))
            out.extend(f"⟨{kind}⟩" for kind in runs[i].ends)
            i += 1
            continue
        parts: list[str] = []
        while i < len(runs) and runs[i].kinds:
            parts.append(escape(runs[i].text))
            if i + 1 < len(runs) and runs[i + 1].kinds:
                parts.extend(f"⟨{kind}⟩" for kind in runs[i].ends)
            i += 1
        inner = "".join(parts)
        before = out[-1][-1] if out and out[-1] else None
        bold = _can_embolden(before, inner)
        out.append(f"**{inner}**" if bold else inner)
        out.extend(f"⟨{kind}⟩" for kind in runs[i - 1].ends)
    return escape_line_start("".join(out))


def _can_embolden(before: str | None, inner: str) -> bool:
    """Whether ``**inner**`` after the character ``before`` (``None``: start of
    line) is emphasis by CommonMark's flanking rules (the closing ``**`` is
    always followed by ``⟨``, punctuation)."""
    if not inner or inner[0].isspace() or inner[-1].isspace():
        return False
    if _punctuation(inner[0]) and before is not None and not (before.isspace() or _punctuation(before)):
        return False
    return True


def _punctuation(ch: str) -> bool:
    """CommonMark's "Unicode punctuation character": categories P* and S*."""
    return unicodedata.category(ch)[0] in "PS"


def escape_line_start(rendered: str) -> str:
    """An escaped line whose first characters would start a block (``-``, ``+``,
    ``=``, ``1.``) gets them escaped, and leading blanks dropped (four would
    start a code block)."""
    rendered = rendered.lstrip(" \t")
    if _LIST_START.match(rendered):
        return "\\" + rendered
    ordered = _ORDERED_START.match(rendered)
    if ordered:
        return ordered.group(1) + "\\" + rendered[ordered.end(1) :]
    return rendered


_HEAD_PART = {"label": "**{}**", "edited": "*{}*"}
"""How a note header's part is marked up, by role (others: as text)."""


def _note_head(note: NoteItem) -> str:
    parts = (
        _HEAD_PART.get(part.role, "{}").format(part.before + escape(part.value) + part.after)
        for part in note_head(note)
    )
    return f"{NOTE_MARK} {NOTE_HEAD_SEPARATOR.join(parts)}"


def _note_block(note: NoteItem) -> list[str]:
    lines = [f"> {_note_head(note)}"]
    if note.note:
        lines.append(">")
        lines += [f"> {escape_line(line)}".rstrip() for line in note.note.split("\n")]
    return lines


def _note_cell(note: NoteItem) -> str:
    text = _note_head(note)
    if note.note:
        text += ": " + "<br>".join(escape(line) for line in note.note.split("\n"))
    return text


def _translation_label(report: Report, row: Row) -> str:
    cell = row.translation
    if cell.differs and cell.provenance is not None:
        return f"Translation · {report.target_name} · {escape(provenance_name(cell.provenance))}"
    return f"Translation · {report.target_name}"


def _missing(text: str) -> str:
    return f"*— {escape(text)} —*"


def _header(report: Report) -> list[str]:
    lines = [f"# {escape(report.title)}", ""]
    lines.append(f"- **File:** {escape(report.path)}")
    code = f" ({escape(report.language)})" if report.language else ""
    lines.append(f"- **Original:** {escape(report.language_name)}{code}")
    for name, value in report.meta:
        lines.append(f"- **{name}:** {escape(value)}")
    lines.append(f"- **Translation:** {escape(report.translation_summary)}")
    lines += [f"- {escape(fact)}" for fact in report.facts]
    lines.append(
        f"- **Exported:** {report.exported} by tandem · {counted(len(report.rows), 'paragraph')} · "
        f"{counted(report.claim_count, 'claim')} · {counted(report.note_count, 'note')}"
    )
    lines.append("")
    if report.kinds:
        legend = " · ".join(f"⟨{kind}⟩ {escape(description)}" for kind, description in report.kinds)
        lines += [f"Claims are in **bold**, followed by their kind: {legend}.", ""]
    if report.note_count:
        lines += [f"Notes ({NOTE_MARK}) give label, author, the words annotated and the note.", ""]
    return lines


def _interleaved(report: Report) -> list[str]:
    lines: list[str] = []
    for row in report.rows:
        heading = f"### ¶ {row.number}"
        if row.boilerplate:
            heading += f" · page furniture: {escape(row.boilerplate)}"
        lines += [heading, "", f"*{escape(_language_name(report, row))}:*", "", marked(row.text, row.marks), ""]
        cell = row.translation
        lines.append(f"*{_translation_label(report, row)}:*")
        lines.append("")
        if cell.text is not None:
            lines.append(marked(cell.text, cell.marks))
        else:
            lines.append(_missing(cell.missing or ""))
        lines.append("")
        for note in row.notes:
            lines += _note_block(note) + [""]
    return lines


def _side_by_side(report: Report) -> list[str]:
    original = f"Original ({escape(report.language_name)})"
    translated = f"Translation ({escape(report.target_name)} · {escape(provenance_name(report.provenance))})"
    lines = [f"| ¶ | {original} | {translated} |", "| --: | --- | --- |"]
    for row in report.rows:
        left = marked(row.text, row.marks)
        if row.boilerplate:
            left += f"<br>*page furniture: {escape(row.boilerplate)}*"
        for note in row.notes:
            left += "<br><br>" + _note_cell(note)
        cell = row.translation
        if cell.text is not None:
            right = marked(cell.text, cell.marks)
            if cell.differs:
                right += f"<br>*{escape(provenance_name(cell.provenance))}*"
        else:
            right = _missing(cell.missing or "")
        lines.append(f"| {row.number} | {left} | {right} |")
    lines.append("")
    return lines


def _orphans(report: Report) -> list[str]:
    if not report.orphans:
        return []
    lines = [
        f"## {ORPHANS_HEADING}",
        "",
        f"*{ORPHANS_NOTE}*",
        "",
    ]
    for note in report.orphans:
        block = _note_block(note)
        block[0] += orphan_place(note)
        lines += block + [""]
    return lines


def _language_name(report: Report, row: Row) -> str:
    if row.language and row.language != report.language:
        from tui.language import language_name

        return f"Original · {language_name(row.language)}"
    return f"Original · {report.language_name}"


def render(report: Report, layout: str) -> str:
    """The whole file: header and legend, the paragraphs in ``layout``, orphaned notes."""
    body = _side_by_side(report) if layout == "side-by-side" else _interleaved(report)
    return "\n".join(_header(report) + body + _orphans(report)).rstrip("\n") + "\n"
