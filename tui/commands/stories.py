"""``tandem stories PATH…``: group articles into stories.

``--json`` prints ``{"stories": [{"id", "members": [article ids],
"relations": [{"a", "b", "relation", "score", "links"}], "related": [story
ids]}], "pairs": [every pair's relation]}``. ``relation`` is ``translation``
(versions of one text), ``same_event`` (another outlet's report of the same
event), ``related`` (same topic, different event) or ``unrelated``; only the
pairs that were compared are listed (near neighbours and articles sharing
specific facts, :mod:`tui.versions.candidates`). Members of a story are its
versions — one report's translations and lone same-event reports, never two
translated reports (:mod:`tui.versions.stories`) — in the order ``]`` steps
through them; related stories are listed, never merged, with
``shared_facts``: ``{story id: [the names, figures and dates both state]}``.

Grouping runs the reader's pipeline (:mod:`tui.versions.pipeline`). On a
terminal a progress bar on stderr shows each stage (reading, embedding,
grouping).
``"articles"`` maps each article id to its ``path``, ``language``, ``title``
and ``meta`` (``{"title", "site", "author", "date", "url", "language"}``,
null where the source says nothing); ``"unreadable"`` lists the files that
could not be read (``{"id", "path", "error"}``: binary, empty, …), which the
listing shows too; ``"not_compared"`` the articles too long to group
(``{"id", "path", "paragraphs"}``, over
:data:`tui.versions.pipeline.MAX_PARAGRAPHS_COMPARED`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.commands.align import add_embeddings_option
from tui.commands.index import add_recursive_option


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    parser.add_argument("--json", action="store_true", help="print stories and pair relations as JSON")
    add_recursive_option(parser)
    add_embeddings_option(parser)


def run(args: argparse.Namespace) -> int:
    from tui.commands.articles import article_files
    from tui.commands.show import emit, emit_json, meta_record
    from tui.inert import inert
    from tui.terminal_output import fields
    from tui.versions.pipeline import MAX_PARAGRAPHS_COMPARED, build_versions, compared

    files = article_files("stories", args.paths, recursive=args.recursive)
    articles = list(files)  # an unreadable file is reported on stderr and skipped
    unreadable = [{"id": a.id, "path": str(a.path), "error": a.error} for a in files.unreadable]
    status = files.status
    too_long = [{"id": a.id, "path": str(a.path), "paragraphs": len(a.paragraphs)} for a in articles if not compared(a)]
    with progress_bar() as on_progress:
        index = build_versions(articles, embeddings=args.embeddings, on_progress=on_progress)
    if args.json:
        pairs = [index.relations[k] for k in index.relations]
        stories = [{**s.record(), "members": index.story_versions(s.members[0])} for s in index.stories]
        described = {
            a.id: {
                "path": str(a.path),
                "language": index.languages.get(a.id) or a.language,
                "title": a.title,
                "meta": meta_record(a),
            }
            for a in articles
        }
        record = {
            "stories": stories,
            "pairs": [p.record() for p in pairs],
            "articles": described,
            "unreadable": unreadable,
            "not_compared": too_long,
        }
        emit_json(record)
        return status
    titles = {a.id: a for a in articles}
    language = index.languages
    lines = []
    for story in index.stories:
        lines.append(f"{story.id}: {len(story.members)} version(s)")
        for member in index.story_versions(story.members[0]):
            short = inert(" ".join(titles[member].title.split()))
            short = short if len(short) <= 60 else short[:59] + "…"
            lines.append(fields(f"  {inert(member)}", f"[{language.get(member) or '?'}]", short))
        for rel in story.relations:
            lines.append(f"    {inert(rel.a)} ↔ {inert(rel.b)}: {rel.relation} ({rel.score:.2f})")
        for sid, facts in story.shared_facts:
            lines.append(f"    related: {sid}, shares {', '.join(inert(f) for f in facts)}")
    if too_long:
        lines.append(f"not compared: {len(too_long)} article(s) over {MAX_PARAGRAPHS_COMPARED:,} paragraphs")
        lines.extend(fields(f"  {inert(str(t['path']))}", f"{t['paragraphs']:,} paragraphs") for t in too_long)
    if unreadable:
        lines.append(f"not read: {len(unreadable)} file(s)")
        lines.extend(fields(f"  {inert(str(u['path']))}", f"⚠ {inert(str(u['error']))}") for u in unreadable)
    emit("\n".join(lines) + "\n")
    return status


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on stderr (tqdm) while stories are worked out, only when
    stderr is a terminal; otherwise nothing is drawn and ``None`` is given."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            for other in bars.values():
                other.close()
            unit = " pairs" if stage == "grouping" else " articles"
            bar = bars[stage] = tqdm(total=total, desc=stage, unit=unit, file=sys.stderr, leave=False)
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield on_progress
    finally:
        for bar in bars.values():
            bar.close()
