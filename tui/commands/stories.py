"""``tandem stories PATH…``: group articles into stories.

``--json`` prints ``{"stories": [{"id", "members": [article ids],
"relations": [{"a", "b", "relation", "score", "links"}], "related": [story
ids]}], "pairs": [every pair's relation]}``. ``relation`` is ``translation``
(versions of one text), ``same_event`` (another outlet's report of the same
event), ``related`` (same topic, different event) or ``unrelated``. Members of
a story are its versions; related stories are listed, never merged.
``"articles"`` maps each article id to its ``path``, ``language``, ``title``
and ``meta`` (``{"title", "site", "author", "date", "url", "language"}``,
null where the source says nothing); ``"unreadable"`` lists the files that
could not be read (``{"id", "path", "error"}``: binary, empty, …), which the
listing shows too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.commands.align import add_embeddings_option
from tui.commands.index import add_recursive_option


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    parser.add_argument("--json", action="store_true", help="print stories and pair relations as JSON")
    add_recursive_option(parser)
    add_embeddings_option(parser)


def run(args: argparse.Namespace) -> int:
    from tui.commands.show import emit, emit_json, meta_record
    from tui.inert import inert
    from tui.loading import discover, load_article
    from tui.terminal_output import fields
    from tui.versions.prepare import prepare, with_languages
    from tui.versions.stories import group_stories

    status = 0
    signals = []
    titles = {}
    articles = {}
    unreadable = []
    for path in discover(args.paths, recursive=args.recursive):
        article = load_article(path)
        if not article.ok:
            print(f"tandem stories: {article.path}: {article.error}", file=sys.stderr)
            unreadable.append({"id": article.id, "path": str(article.path), "error": article.error})
            status = 1
            continue
        article = with_languages(article)
        titles[article.id] = (article.language, article.title)
        articles[article.id] = {
            "path": str(article.path),
            "language": article.language,
            "title": article.title,
            "meta": meta_record(article),
        }
        signals.append(prepare(article, embeddings=args.embeddings))
    stories, pairs = group_stories(signals)
    if args.json:
        record = {
            "stories": [s.record() for s in stories],
            "pairs": [p.record() for p in pairs],
            "articles": articles,
            "unreadable": unreadable,
        }
        emit_json(record)
        return status
    lines = []
    for story in stories:
        related = f"  (related: {', '.join(story.related)})" if story.related else ""
        lines.append(f"{story.id}: {len(story.members)} version(s){related}")
        for member in story.members:
            language, title = titles[member]
            short = inert(" ".join(title.split()))
            short = short if len(short) <= 60 else short[:59] + "…"
            lines.append(fields(f"  {inert(member)}", f"[{language or '?'}]", short))
        for rel in story.relations:
            lines.append(f"    {inert(rel.a)} ↔ {inert(rel.b)}: {rel.relation} ({rel.score:.2f})")
    if unreadable:
        lines.append(f"not read: {len(unreadable)} file(s)")
        lines.extend(fields(f"  {inert(str(u['path']))}", f"⚠ {inert(str(u['error']))}") for u in unreadable)
    emit("\n".join(lines) + "\n")
    return status
