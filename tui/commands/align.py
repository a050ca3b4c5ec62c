"""``tandem align A B``: the paragraph links between two articles.

``--json`` prints ``{"a", "b", "kind", "links": [{"a": [i…], "b": [j…],
"kind", "score"}]}``: ``a``/``b`` are the article ids (file names without
suffix), indices are 0-based paragraph indices (JSON only),
``kind`` of the pair is ``translation``, ``related`` or ``unrelated`` and of
a link ``translation`` or ``related``; scores are in 0..1. Without ``--json``
a listing shows each link with the start of both paragraphs (made inert),
paragraphs numbered from 1 as the reader shows them (``¶ 7``).

Embeddings are computed and cached on first use (seconds per article);
``--embeddings cached`` uses only cached vectors, ``none`` none at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.article import Article
    from tui.versions.align import Alignment


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", type=Path, metavar="A", help="first article file")
    parser.add_argument("b", type=Path, metavar="B", help="second article file")
    parser.add_argument("--json", action="store_true", help="print the alignment as JSON")
    add_embeddings_option(parser)


def add_embeddings_option(parser: argparse.ArgumentParser) -> None:
    """``--embeddings``, shared with ``tandem stories``."""
    parser.add_argument(
        "--embeddings",
        choices=("compute", "cached", "none"),
        default="compute",
        help="paragraph embeddings: compute missing ones (default), cached only, or none",
    )


def run(args: argparse.Namespace) -> int:
    from tui.commands.articles import ArticleFiles
    from tui.commands.show import emit, emit_json
    from tui.versions.align import align
    from tui.versions.prepare import prepare, with_languages

    files = ArticleFiles("align", [args.a, args.b])
    loaded = list(files)  # an unreadable file is reported on stderr
    if files.status:
        return 1
    a, b = (with_languages(article) for article in loaded)
    alignment = align(prepare(a, embeddings=args.embeddings), prepare(b, embeddings=args.embeddings))
    if args.json:
        emit_json(alignment.record())
    else:
        emit(listing(alignment, a, b))
    return 0


def _snippet(text: str, width: int = 34) -> str:
    from tui.inert import inert

    text = inert(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def listing(alignment: Alignment, a: Article, b: Article) -> str:
    """One line per link: indices, kind, score and the start of both paragraphs."""
    from tui.inert import inert
    from tui.terminal_output import fields

    lines = [f"# {inert(a.id)} ↔ {inert(b.id)}: {alignment.kind}, {len(alignment.links)} links (¶ from 1)"]
    for link in alignment.links:
        left = ",".join(str(i + 1) for i in link.a)  # people count paragraphs from 1
        right = ",".join(str(j + 1) for j in link.b)
        ta = " / ".join(_snippet(a.paragraphs[i].text) for i in link.a)
        tb = " / ".join(_snippet(b.paragraphs[j].text) for j in link.b)
        lines.append(fields(f"{left:>6} ↔ {right:<6} {link.kind:<11} {link.score:.2f}", ta, "‖", tb))
    return "\n".join(lines) + "\n"
