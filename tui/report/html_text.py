"""A :class:`~tui.report.document.Report` spelled as one self-contained HTML page.

Escaping is the standard library's :func:`html.escape` (``& < > " '``), on
every text and attribute value that comes from the article, a translation or
a note: no markup, script or character reference from them survives as
anything but text. Control and bidi-override characters were already made
inert by :mod:`tui.report.document`. As a second line of defence the page
carries a Content-Security-Policy that allows no script, no request and no
frame at all (only the inline stylesheet), so even a bug in the escaping
could not run anything or load anything when the file is opened.

Right-to-left text is laid out by the browser: original paragraphs carry the
direction tandem computed (``dir="rtl"``/``dir="ltr"``) and ``lang``; the
translation, notes and titles carry ``dir="auto"`` (a translation into
Arabic is right-to-left too). Side-by-side is a table (number, original,
translation); interleaved is a section per paragraph.

Claims are ``<mark class="claim-KIND">`` with the kind in a small
``<sup>`` after each claim; the colours follow the reader's (one list:
:data:`tui.claims.kinds.CLAIM_KINDS`). The page is written by hand rather
than with a template engine: a few fixed elements, and every value goes
through one escaping function.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from tui.article import Direction
from tui.claims.kinds import CLAIM_KINDS
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

TAGS = frozenset(
    "html head meta title style body header h1 h2 dl dt dd p mark sup table thead tbody tr th td "
    "section aside span br main".split()
)
"""Every element this module writes (the tests check nothing else appears)."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

# Light tints of the reader's 16-colour palette, for a mark's background.
_TINTS = {
    "ansi_bright_cyan": "#c8f1f4",
    "ansi_bright_green": "#cdf3c9",
    "ansi_bright_magenta": "#f3d2f4",
    "ansi_yellow": "#f1e4b4",
    "ansi_bright_yellow": "#fbf5b0",
    "ansi_bright_red": "#f8c9c9",
}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; line-height: 1.5; }
h1 { font-size: 1.5em; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table.side-by-side { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.side-by-side th, table.side-by-side td { border: 1px solid #ccc; padding: 0.4em 0.6em; vertical-align: top; }
table.side-by-side th.number, table.side-by-side td.number { width: 3em; text-align: right; }
td p, section p { margin: 0.3em 0; }
.boilerplate .text { color: #777; }
.flag, .provenance { color: #666; font-size: 0.85em; font-style: italic; }
.missing { color: #888; font-style: italic; }
aside.note { border-left: 3px solid #999; margin: 0.4em 0; padding: 0.1em 0.6em; background: #f6f6f6; }
aside.note .head { font-size: 0.9em; }
aside.note .label { font-weight: bold; }
h2 { font-size: 1.1em; margin: 1.2em 0 0.3em; }
mark { padding: 0 0.1em; }
sup.kind { font-size: 0.7em; color: #555; margin: 0 0.15em; }
"""


def esc(text: str) -> str:
    """Text or attribute value from the data, as HTML text (quotes escaped too)."""
    return html.escape(text, quote=True)


def _style() -> str:
    rules = [_STYLE.strip()]
    for kind in CLAIM_KINDS:
        rules.append(f"mark.claim-{kind.name} {{ background: {_TINTS.get(kind.colour, '#eee')}; }}")
    return "\n".join(rules)


def marked(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, each claim in a ``<mark>`` with its kind after it."""
    out: list[str] = []
    for piece in pieces(text, marks):
        if piece.kinds:
            inner = piece.kinds[-1]
            title = ", ".join(piece.kinds)
            out.append(f'<mark class="claim-{esc(inner)}" title="{esc(title)}">{esc(piece.text)}</mark>')
        else:
            out.append(esc(piece.text))
        out.extend(f'<sup class="kind">{esc(kind)}</sup>' for kind in piece.ends)
    return "".join(out)


def _lines(text: str) -> str:
    return "<br>".join(esc(line) for line in text.split("\n"))


_HEAD_VALUE = {
    "label": '<span class="label">{}</span>',
    "author": '<span class="author" dir="auto">{}</span>',
    "quote": '<span class="quote" dir="auto">{}</span>',
}
"""How a note header's value is marked up, by role (others: as text)."""


def _note(note: NoteItem, where: str = "") -> str:
    head = NOTE_HEAD_SEPARATOR.join(
        esc(part.before) + _HEAD_VALUE.get(part.role, "{}").format(esc(part.value)) + esc(part.after)
        for part in note_head(note)
    )
    body = f'<p class="text" dir="auto">{_lines(note.note)}</p>' if note.note else ""
    return f'<aside class="note"><p class="head">{NOTE_MARK} {head}{esc(where)}</p>{body}</aside>'


def _dir(direction: Direction) -> str:
    return "rtl" if direction == "rtl" else "ltr"


def _lang(code: str | None) -> str:
    return f' lang="{esc(code)}"' if code else ""


def _original(report: Report, row: Row) -> str:
    # lang="" says "unknown" (an undetected line); the article's language would be a guess.
    text = f'<p class="text" lang="{esc(row.language or "")}" dir="{_dir(row.direction)}">{marked(row.text, row.marks)}</p>'
    if row.boilerplate:
        text += f'<p class="flag">page furniture: {esc(row.boilerplate)}</p>'
    return text


def _translation(report: Report, row: Row, *, label_always: bool) -> str:
    cell = row.translation
    parts: list[str] = []
    if cell.differs or label_always:
        name = f"{report.target_name} · {provenance_name(cell.provenance)}" if cell.differs else report.target_name
        parts.append(f'<p class="provenance">{esc(name)}</p>')
    if cell.text is not None:
        parts.append(f'<p class="text"{_lang(report.target)} dir="auto">{marked(cell.text, cell.marks)}</p>')
    else:
        parts.append(f'<p class="missing">— {esc(cell.missing or "")} —</p>')
    return "".join(parts)


def _header(report: Report) -> list[str]:
    facts: list[tuple[str, str]] = [("File", report.path)]
    code = f" ({report.language})" if report.language else ""
    facts.append(("Original", report.language_name + code))
    facts += list(report.meta)
    facts.append(("Translation", report.translation_summary))
    facts += [("Note", fact) for fact in report.facts]
    facts.append(
        (
            "Exported",
            f"{report.exported} by tandem · {counted(len(report.rows), 'paragraph')} · "
            f"{counted(report.claim_count, 'claim')} · {counted(report.note_count, 'note')}",
        )
    )
    lines = ["<header>", f'<h1 dir="auto">{esc(report.title)}</h1>', '<dl class="facts">']
    lines += [f'<dt>{esc(name)}</dt><dd dir="auto">{esc(value)}</dd>' for name, value in facts]
    lines.append("</dl>")
    if report.kinds:
        legend = " · ".join(
            f'<mark class="claim-{esc(kind)}">{esc(kind)}</mark> {esc(description)}'
            for kind, description in report.kinds
        )
        lines.append(f'<p class="legend">Claims: {legend}</p>')
    lines.append("</header>")
    return lines


def _side_by_side(report: Report) -> list[str]:
    lines = [
        '<table class="side-by-side">',
        "<thead><tr>"
        '<th class="number">¶</th>'
        f"<th>Original · {esc(report.language_name)}</th>"
        f"<th>Translation · {esc(report.target_name)} · {esc(provenance_name(report.provenance))}</th>"
        "</tr></thead>",
        "<tbody>",
    ]
    for row in report.rows:
        css = ' class="boilerplate"' if row.boilerplate else ""
        notes = "".join(_note(note) for note in row.notes)
        lines.append(
            f'<tr id="p{row.number}"{css}><td class="number">{row.number}</td>'
            f'<td class="original">{_original(report, row)}{notes}</td>'
            f'<td class="translation">{_translation(report, row, label_always=False)}</td></tr>'
        )
    lines += ["</tbody>", "</table>"]
    return lines


def _interleaved(report: Report) -> list[str]:
    lines: list[str] = []
    for row in report.rows:
        css = "paragraph boilerplate" if row.boilerplate else "paragraph"
        lines.append(
            f'<section id="p{row.number}" class="{css}"><h2>¶ {row.number}</h2>'
            f"{_original(report, row)}{_translation(report, row, label_always=True)}"
            f"{''.join(_note(note) for note in row.notes)}</section>"
        )
    return lines


def _orphans(report: Report) -> list[str]:
    if not report.orphans:
        return []
    lines = [f'<section class="orphans"><h2>{ORPHANS_HEADING}</h2>']
    lines.append(f'<p class="flag">{ORPHANS_NOTE}</p>')
    lines += [_note(note, orphan_place(note)) for note in report.orphans]
    lines.append("</section>")
    return lines


def render(report: Report, layout: str) -> str:
    """The whole page."""
    body = _side_by_side(report) if layout == "side-by-side" else _interleaved(report)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="generator" content="tandem">',
        f"<title>{esc(report.title)}</title>",
        f"<style>\n{_style()}\n</style>",
        "</head>",
        "<body>",
        *_header(report),
        "<main>",
        *body,
        *_orphans(report),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
