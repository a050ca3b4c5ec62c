"""Annotations out of the database: JSONL (lossless), CSV (spreadsheets), Markdown (a brief).

* **JSONL** is the exchange format: one record per line with every field and
  ``"format": 1``, tombstones included, so :mod:`tui.notes.importing` can
  merge it anywhere. Text is UTF-8 and verbatim; the characters a terminal or
  a line splitter would act on (C0/C1 controls, DEL, bidi controls,
  U+2028/U+2029) are written as ``\\uXXXX`` escapes, which JSON reads back as
  the same characters -- so ``cat notes.jsonl`` is harmless and the text is
  unchanged.
* **CSV** is for reading: live annotations only, one row each, text made
  inert line by line (:func:`tui.inert.inert`, newlines kept), and a cell
  starting with ``= + - @`` gets a leading ``'`` so a spreadsheet does not run
  it as a formula. Not meant for re-import.
* **Paragraph numbers** in CSV and Markdown count from 1, as the reader
  shows them (``¶ 7/19``); JSONL keeps the 0-based ``paragraph`` index.
* **Markdown** is a brief per article for a reader: each annotated claim or
  paragraph with its label, author, note, the original sentence around the quote
  (:mod:`tui.notes.sentences`) and its translation. Text is kept verbatim
  inside block quotes, control characters made inert; Markdown syntax in
  article text is not escaped, because the brief is read as text more often
  than rendered. Orphaned annotations are listed with their stored quote.

The translation comes from a caller-supplied ``translation_for(article,
paragraph) -> str | None``; :func:`reference_translation_for` looks up the
bundled reference translations, :func:`best_translation_for` the cached
machine translation first, both into the target language given (the
setting: :mod:`tui.target_language`), which :func:`to_markdown` is told too.
When the original paragraph and its translation split into the same number
of sentences (each by its own language's rules), the brief shows the
matching sentence(s) of the translation; otherwise the whole paragraph's
translation, marked so.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from tui.article import Article
from tui.inert import inert
from tui.notes.model import FORMAT, Annotation
from tui.notes.placing import Placed
from tui.notes.sentences import sentence_around, sentence_index_range, sentence_spans
from tui.target_language import DEFAULT_TARGET
from tui.translated import ArticleTranslation

TranslationFor = Callable[[Article, int], "str | tuple[str, str] | None"]
"""``(article, paragraph index) -> translation text``, or ``(text, label)`` naming its source."""

FORMATS = ("jsonl", "csv", "md")

# The characters tui.inert neutralises that JSON leaves raw (it escapes C0 itself).
_JSON_ESCAPE = re.compile("[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@")

CSV_COLUMNS = (
    "id",
    "article_id",
    "article_path",
    "paragraph",
    "start",
    "end",
    "status",
    "label",
    "author",
    "note",
    "quote",
    "claim_kind",
    "claim_value",
    "language",
    "created",
    "updated",
)


# -- JSONL --------------------------------------------------------------------


def json_text(value: object, *, indent: int | None = None) -> str:
    """``json.dumps`` as UTF-8 text with terminal-active characters escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def jsonl_line(annotation: Annotation) -> str:
    """One JSONL record (no trailing newline)."""
    return json_text({"format": FORMAT, **annotation.to_dict()})


def to_jsonl(annotations: Iterable[Annotation]) -> str:
    return "".join(jsonl_line(a) + "\n" for a in annotations)


# -- CSV ----------------------------------------------------------------------


def to_csv(placed: Sequence[Placed]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in placed:
        a = item.annotation
        if a.deleted:
            continue
        values = {
            **a.to_dict(),
            # Counted from 1, as on screen; JSON/JSONL keep the 0-based index.
            "paragraph": _index(item) + 1,
            "start": item.attachment.start if item.attachment.attached else a.start,
            "end": item.attachment.end if item.attachment.attached else a.end,
            "status": item.status,
        }
        writer.writerow([_csv_cell(values[name]) for name in CSV_COLUMNS])
    return out.getvalue()


def _index(item: Placed) -> int:
    """The 0-based paragraph an annotation is on now (where it was, when orphaned)."""
    at = item.attachment
    return at.paragraph if at.attached and at.paragraph is not None else item.annotation.paragraph


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    text = "\n".join(inert(line) for line in str(value).split("\n"))
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


# -- Markdown -------------------------------------------------------------------


def reference_translation_for(target: str = DEFAULT_TARGET) -> TranslationFor:
    """A ``translation_for`` backed by the bundled reference translations into ``target``."""
    cache: dict[str, ArticleTranslation | None] = {}

    def lookup(article: Article, paragraph: int) -> str | None:
        from tui.reference import load_reference_or_reason

        key = f"{article.path}\x00{article.content_hash}"
        if key not in cache:
            cache[key] = load_reference_or_reason(article, target)[0]
        translation = cache[key]
        found = translation.get(paragraph) if translation is not None else None
        return found.text if found is not None else None

    return lookup


def best_translation_for(target: str = DEFAULT_TARGET) -> TranslationFor:
    """A ``translation_for`` giving ``(text, label)``: the cached machine
    translation if there is one, else the bundled reference; the label names
    the engine and model (honest provenance in the brief)."""
    cache: dict[str, ArticleTranslation | None] = {}

    def lookup(article: Article, paragraph: int) -> tuple[str, str] | None:
        from tui.translation.service import best_translation

        key = f"{article.path}\x00{article.content_hash}"
        if key not in cache:
            try:
                if not article.language:
                    # Placed articles are loaded without languages, and cached
                    # machine translations are keyed by the source language.
                    from tui.language import detect_article_language

                    article = detect_article_language(article)
                cache[key] = best_translation(article, target)
            except Exception:  # noqa: BLE001 - a broken cache must not stop the brief
                cache[key] = None
        translation = cache[key]
        found = translation.get(paragraph) if translation is not None else None
        if translation is None or found is None:
            return None
        return found.text, f"Translation ({translation.provenance.label})"

    return lookup


def to_markdown(
    placed: Sequence[Placed],
    *,
    translation_for: TranslationFor | None = None,
    translation_label: str = "Translation",
    target: str = DEFAULT_TARGET,
    now: datetime | None = None,
) -> str:
    """A readable brief: one section per article, annotations in text order.

    ``target`` is the language of the texts ``translation_for`` gives (its
    sentences are split by that language's rules)."""
    live = [p for p in placed if not p.annotation.deleted]
    groups: dict[str, list[Placed]] = {}
    for item in live:
        groups.setdefault(item.annotation.article_path, []).append(item)
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# tandem annotations",
        "",
        f"Exported {stamp} · {len(live)} annotation{'s' if len(live) != 1 else ''}"
        f" on {len(groups)} article{'s' if len(groups) != 1 else ''}.",
    ]
    for path in sorted(groups, key=lambda p: (groups[p][0].annotation.article_id, p)):
        items = sorted(groups[path], key=_text_order)
        first = items[0]
        article = first.article
        title = article.title if article is not None else first.annotation.article_id
        lines += ["", f"## {_line(first.annotation.article_id)} — {_line(_shorten(title, 100))}", ""]
        lines.append(f"File: `{_line(path)}`")
        if first.reason:
            lines.append(f"*The article could not be loaded ({_line(first.reason)}); stored quotes shown.*")
        for item in items:
            lines += _markdown_item(item, translation_for, translation_label, target)
    return "\n".join(lines) + "\n"


def _text_order(item: Placed) -> tuple[int, int, int, str]:
    at = item.attachment
    if at.attached and at.paragraph is not None:
        return (0, at.paragraph, at.start or 0, item.annotation.created)
    return (1, item.annotation.paragraph, item.annotation.start or 0, item.annotation.created)


def _markdown_item(item: Placed, translation_for: TranslationFor | None, label: str, target: str) -> list[str]:
    a = item.annotation
    at = item.attachment
    # People count paragraphs from 1, as the reader shows them (¶ 7/19).
    where = f"¶ {_index(item) + 1}" + ("" if at.attached else " (was)")
    heading = f"### {where} — {_line(a.label)}"
    if a.claim_kind:
        heading += f" — claim ({_line(a.claim_kind)})"
    if a.author:
        heading += f" — by {_line(a.author)}"
    out = ["", heading, ""]
    if a.claim_value:
        out += [f"Claim: {_line(a.claim_value)}", ""]
    if not at.attached:
        out += ["*Orphaned: this text is no longer in the article; the stored quote is shown.*", ""]
        out += _blockquote(a.quote)
    else:
        article = item.article
        assert article is not None and at.paragraph is not None
        paragraph = article.paragraphs[at.paragraph]
        language = paragraph.language or article.language or a.language
        s, e = sentence_around(paragraph.text, at.start, at.end, language)
        if at.status == "fuzzy":
            out += [f"*Re-attached approximately ({at.score:.0f}% similar); the text was edited.*", ""]
        out += ["Original:", ""] + _blockquote(paragraph.text[s:e].strip())
        if at.start is not None and (s, e) != (at.start, at.end):
            out += ["", f"Quote: “{_line(item.current_quote or '')}”"]
        found = translation_for(article, at.paragraph) if translation_for else None
        item_label = label
        translation: str | None
        if isinstance(found, tuple):  # (text, where it came from)
            translation, item_label = found
        else:
            translation = found
        if translation:
            part, whole = _matching_translation(paragraph.text, at.start, at.end, language, translation, target)
            suffix = " (whole paragraph)" if whole and at.start is not None else ""
            out += ["", f"{item_label}{suffix}:", ""] + _blockquote(part)
    if a.note.strip():
        out += ["", "Note:", ""] + _blockquote(a.note)
    return out


def _matching_translation(
    original: str, start: int | None, end: int | None, language: str | None, translation: str, target: str
) -> tuple[str, bool]:
    """The translation sentence(s) matching the quoted ones, or all of it (``True``)."""
    first, last, count = sentence_index_range(original, start, end, language)
    spans = sentence_spans(translation, target)
    if start is None or count < 2 or len(spans) != count:
        # A one-sentence paragraph's translation is that sentence's translation.
        return translation.strip(), count > 1
    return translation[spans[first][0] : spans[last][1]].strip(), False


def _blockquote(text: str) -> list[str]:
    return [f"> {inert(line)}".rstrip() for line in text.split("\n")] or [">"]


def _line(text: str) -> str:
    """One line of inert text."""
    return inert(text)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
