"""``tandem show FILE``: an article's paragraphs exactly as the reader segments them.

For checking what tandem made of a file, and for scripts (``--json``). Output
is UTF-8 whatever the locale, because article text is mostly not ASCII and a
C locale must not turn it into an encoding error.

Paragraph records are built by :func:`paragraph_record`, which takes optional
extra fields, so per-paragraph additions (a ``translation`` object, claims)
plug in without changing the printing code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tui.article import Article, ArticleMeta, Paragraph
from tui.commands.target import add_target_option, target_of
from tui.inert import inert
from tui.terminal_output import fields
from tui.translated import Provenance


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="article file to show")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a listing")
    add_target_option(parser, "language of the translation shown with --json")
    parser.add_argument("--packages-dir", metavar="DIR", help="Argos Translate packages directory")
    parser.add_argument(
        "--no-language",
        dest="language",
        action="store_false",
        help="skip language detection (faster; languages are null)",
    )


def run(args: argparse.Namespace) -> int:
    from tui.commands.articles import ArticleFiles

    files = ArticleFiles("show", [args.file])
    (article,) = files.each()  # a file that cannot be read is reported on stderr
    if article.ok and args.language:
        from tui.language import detect_languages

        article = detect_languages(article)
    if args.json:
        # Scripts get a record even for a file that failed, with its "error".
        from tui.translation.store import StoreError

        try:
            extras = translation_extras(article, target_of(args), args.packages_dir) if article.ok else None
        except StoreError as exc:  # e.g. the team's translation server is unreachable
            print(f"tandem show: {exc}", file=sys.stderr)
            return 1
        emit_json(article_record(article, extras), indent=2)
    elif article.ok:
        emit(listing(article))
    return files.status


def translation_extras(article: Article, target: str, packages_dir: str | None = None) -> dict[int, dict[str, Any]]:
    """``{"translation": {"text", "engine", "model"} | None}`` per paragraph.

    The cached machine translation if there is one, else the bundled reference;
    only translations of the paragraph's current text (hash-checked). Never
    loads a model: ``tandem translate`` fills the cache.
    """
    from tui.translation.service import best_translation

    found = best_translation(article, target, packages_dir=packages_dir)
    extras: dict[int, dict[str, Any]] = {p.index: {"translation": None} for p in article.paragraphs}
    if found is None:
        return extras
    for p in article.paragraphs:
        done = found.get(p.index)
        if done is not None:
            extras[p.index] = {
                "translation": {
                    "text": done.text,
                    "engine": found.provenance.engine,
                    "model": _model_label(found.provenance),
                }
            }
    return extras


def _model_label(provenance: Provenance) -> str | None:
    """``translate-ar_en 1.9`` for a machine model; ``None`` for a reference."""
    if provenance.model is None:
        return None
    model = provenance.model
    if provenance.version:
        model += f" {provenance.version}"
    if provenance.pivot:
        model += f" (via {provenance.pivot})"
    return model


def paragraph_record(paragraph: Paragraph, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON object for one paragraph; ``extra`` fields are appended."""
    record: dict[str, Any] = {
        "index": paragraph.index,
        "text": paragraph.text,
        "language": paragraph.language,
        "direction": paragraph.direction,
        "boilerplate": paragraph.is_boilerplate,
        "boilerplate_reason": paragraph.boilerplate,
    }
    if extra:
        record.update(extra)
    return record


def article_record(article: Article, extras: Mapping[int, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON object for an article; ``extras[index]`` is added to that paragraph."""
    extras = extras or {}
    record: dict[str, Any] = {
        "id": article.id,
        "path": str(article.path),
        "language": article.language,
        "content_hash": article.content_hash,
        "meta": meta_record(article),
        "paragraphs": [paragraph_record(p, extras.get(p.index)) for p in article.paragraphs],
    }
    if article.error is not None:
        record["error"] = article.error
    if article.notes:
        record["notes"] = list(article.notes)
    return record


def meta_record(article: Article) -> dict[str, str | None]:
    """``{"title", "site", "author", "date", "url", "language"}`` from the source
    (web page, feed entry, JSON Lines record); ``null`` where it says nothing
    (always, for plain text). ``language`` is the *declared* one, a hint."""
    return (article.meta or ArticleMeta()).record()


def listing(article: Article) -> str:
    """Plain text: a header, then ``number  language  [reason]  text`` per paragraph
    (fields marked for :mod:`tui.terminal_output`). Paragraphs are numbered from
    1, as the reader shows them; ``--json`` keeps the 0-based ``index``.

    All article-derived text goes through :func:`tui.inert.inert`, so escape
    sequences in a file cannot act on the terminal.
    """
    from tui.language import language_name

    lines = [f"# {inert(article.id)}  {inert(str(article.path))}"]
    if article.error is not None:
        lines.append(f"# error: {article.error}")
    else:
        code = article.language or "?"
        lines.append(f"# language: {language_name(article.language)} ({code}), {len(article.paragraphs)} paragraphs")
    if article.meta is not None:
        known = [(k, v) for k, v in article.meta.record().items() if v]
        lines.extend(f"# {'declared language' if k == 'language' else k}: {inert(v)}" for k, v in known)
    lines.extend(f"# note: {inert(note)}" for note in article.notes)
    width = len(str(len(article.paragraphs)))
    for p in article.paragraphs:
        flag = f"[{p.boilerplate}]" if p.boilerplate else ""
        lines.append(fields(f"{p.index + 1:>{width}}", f"{p.language or '--':<2}", flag, inert(p.text)))
    return "\n".join(lines) + "\n"


def emit(text: str) -> None:
    """Write a listing to stdout: on a terminal, right-to-left lines in visual
    order (:mod:`tui.terminal_output`); piped, exactly as given."""
    from tui.terminal_output import for_stream

    _write(for_stream(text, sys.stdout))


def emit_json(record: Any, indent: int = 1) -> None:
    """Write ``record`` as JSON (non-ASCII kept): data, never reordered."""
    _write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")


def _write(text: str) -> None:
    """``text`` to stdout as UTF-8, whatever the locale's encoding."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    buffer.write(text.encode("utf-8", errors="replace"))
    buffer.flush()
