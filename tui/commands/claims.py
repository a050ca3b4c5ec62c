"""``tandem claims PATH…``: the check-worthy claims of articles, as a table or JSON.

``--json`` prints one array of claim objects with exactly the fields of
:func:`tui.claims.model.claim_record` (article, paragraph, kind, start, end,
text, value, unit, source, qualifies, score, reasons); ``start``/``end`` are
offsets into the paragraph text that ``tandem show`` prints. ``--kind`` filters
(repeatable or comma-separated). Paragraph languages come from
:func:`tui.language.detect_languages` unless ``--language`` forces one.
The table passes article text through :func:`tui.inert.inert` and numbers
paragraphs from 1, as the reader shows them; JSON keeps the 0-based
``paragraph`` index.

Where paragraphs are in a language tandem has no claim rules for, only
language-independent values are extracted, and the command says so as the
reader's claims panel does (:func:`tui.claims.extract.claims_note`): under the
article's heading in the table, on standard error with ``--json`` (the JSON
stays the bare array).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.claims.kinds import CLAIM_KINDS

KINDS = tuple(kind.name for kind in CLAIM_KINDS)


def _kinds(value: str) -> list[str]:
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    for k in kinds:
        if k not in KINDS:
            raise argparse.ArgumentTypeError(f"unknown kind {k!r} (choose from {', '.join(KINDS)})")
    return kinds


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    parser.add_argument("--json", action="store_true", help="print a JSON array of claims")
    parser.add_argument(
        "--kind",
        action="append",
        type=_kinds,
        metavar="KIND[,KIND…]",
        help=f"only these kinds ({', '.join(KINDS)}); repeatable",
    )
    parser.add_argument("--language", metavar="CODE", help="read every paragraph as this language (skips detection)")
    parser.add_argument(
        "--min-score", type=float, default=0.0, metavar="S", help="only claims scoring at least S (0..1)"
    )


def run(args: argparse.Namespace) -> int:
    from tui.article_claims import rules_notes
    from tui.claims.extract import extract_article_claims
    from tui.claims.model import claim_record
    from tui.commands.articles import article_files
    from tui.commands.show import emit, emit_json
    from tui.inert import inert

    wanted = {k for group in (args.kind or []) for k in group} or set(KINDS)
    files = article_files("claims", args.paths)
    records: list[dict[str, object]] = []
    blocks: list[str] = []
    for article in files:  # an unreadable file is reported on stderr and skipped
        article = _with_language(article, args.language)
        claims = [c for c in extract_article_claims(article) if c.kind in wanted and c.score >= args.min_score]
        notes = rules_notes(article)  # the claims panel says the same (tui.article_claims)
        if args.json:
            records.extend(claim_record(c) for c in claims)
            for note in notes:
                print(f"tandem claims: {inert(str(article.path))}: {note}", file=sys.stderr)
        else:
            blocks.append(table(article, claims, notes))
    if args.json:
        emit_json(records)
    else:
        emit("\n".join(blocks))
    return files.status


def _with_language(article, language: str | None):  # type: ignore[no-untyped-def]
    import dataclasses

    if language:
        paragraphs = tuple(dataclasses.replace(p, language=language) for p in article.paragraphs)
        return dataclasses.replace(article, language=language, paragraphs=paragraphs)
    from tui.language import detect_languages

    return detect_languages(article)


def table(article, claims, notes=()) -> str:  # type: ignore[no-untyped-def]
    """Readable listing: one claim a line, article text made inert; ``notes`` under the heading."""
    from tui.inert import inert
    from tui.terminal_output import fields

    lines = [f"# {inert(article.id)}  {inert(str(article.path))}  ({len(claims)} claims)"]
    lines.extend(f"# note: {inert(note)}" for note in notes)
    for c in claims:
        value = "" if c.value is None or c.kind == "quote" else f"= {inert(str(c.value))}"
        unit = f" {inert(c.unit)}" if c.unit and c.kind != "percent" else ("%" if c.kind == "percent" else "")
        source = f"[{inert(c.source)}]" if c.source and c.kind != "attribution" else ""
        who = f"source: {inert(c.source)}" if c.kind == "attribution" and c.source else ""
        text = inert(c.text)
        if len(text) > 70:
            text = text[:67] + "…"
        # The claim's words last: on a terminal they wrap and read right to left.
        lines.append(
            fields(f"{c.paragraph + 1:>3}", f"{c.kind:<11} {c.score:.2f}", (value + unit).strip(), who, source, text)
        )
    return "\n".join(lines) + "\n"
