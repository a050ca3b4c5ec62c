"""``tandem search QUERY PATH…``: full-text search across a corpus, as ``F`` does in the reader.

Both go through :mod:`tui.corpus_search`: articles are taken from the corpus
index (read and indexed first where new or changed), their originals and the
translations tandem would show are searched with FTS5 (case, diacritics and
letter variants folded; names across scripts; ``word*`` prefixes are implied,
``"a phrase"`` in quotes), and the best articles are listed with the matching
paragraphs. Articles are not kept while the folder is read (50,000 were held
for the 20 printed): the listed ones are taken from the index again. Only
translations the index does not hold for an article's current text are
looked up (:func:`tui.corpus_search.pending_translations`).

``--json`` prints ``{"query", "more", "window", "articles": [{"id", "path", "title",
"language", "meta", "rank", "hits": [{"index", "side", "text", "spans"}]}]}``
where ``index`` is the 0-based paragraph index and ``spans`` are
``[start, end)`` offsets into ``text`` (the whole paragraph).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.index import add_recursive_option
from tui.commands.target import add_target_option, target_of

if TYPE_CHECKING:
    from tui.article import Article


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help='words (all must match; prefixes match: "railw"), or "a phrase" in quotes')
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    add_recursive_option(parser)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="articles to list (default 20)")
    add_target_option(parser, "language of the translations searched")
    parser.add_argument("--packages-dir", metavar="DIR", help="Argos Translate packages directory")
    parser.add_argument("--index", type=Path, metavar="FILE", help="index file (default: in the user cache directory)")


def run(args: argparse.Namespace) -> int:
    from tui.commands.articles import article_files
    from tui.commands.show import emit, emit_json, meta_record
    from tui.corpus_index import CorpusIndex
    from tui.corpus_search import TRANSLATION_BATCH, index_pending_translations, search_corpus
    from tui.fulltext import QueryError
    from tui.inert import inert
    from tui.search import snippet
    from tui.terminal_output import fields

    target = target_of(args)
    files = article_files("search", args.paths, recursive=args.recursive)
    paths = files.files
    with CorpusIndex.open(args.index) as index:
        # Articles stream through (read or taken from the index, translations
        # indexed a batch at a time); only those printed are taken again after.
        batch: list[Article] = []
        for item in index.read_many(paths):
            if files.check(item.article):  # an unreadable file is reported; the others are searched
                batch.append(item.article)
            if len(batch) >= TRANSLATION_BATCH:
                index_pending_translations(index, batch, target, packages_dir=args.packages_dir)
                batch = []
        index_pending_translations(index, batch, target, packages_dir=args.packages_dir)
        try:
            result = search_corpus(index, args.query, paths, articles=max(1, args.limit))
        except QueryError as exc:
            print(f"tandem search: {exc}", file=sys.stderr)
            return 2
        articles = {item.path: item.article for item in index.read_many([group.path for group in result.articles])}
    if args.json:
        emit_json(
            {
                "query": args.query,
                "more": result.more,
                "window": result.window,
                "articles": [
                    {
                        "id": articles[group.path].id,
                        "path": str(group.path),
                        "title": articles[group.path].title,
                        "language": articles[group.path].language,
                        "meta": meta_record(articles[group.path]),
                        "rank": group.rank,
                        "hits": [
                            {"index": h.paragraph, "side": h.side, "text": h.text, "spans": [list(s) for s in h.spans]}
                            for h in group.hits
                        ],
                    }
                    for group in result.articles
                ],
            }
        )
        return 0 if result.articles else 1
    if not result.articles:
        print(f"no matches for {args.query!r} in {len(paths)} articles")
        return 1
    lines = []
    for group in result.articles:
        article = articles[group.path]
        meta = article.meta
        where = ", ".join(v for v in ((meta.site, meta.date) if meta else ()) if v)
        lines.append(
            fields(inert(article.id), f"[{article.language or '?'}]", inert(_short(article.title, 60)), inert(where))
        )
        for hit in group.hits:
            start, end = hit.spans[0] if hit.spans else (0, 0)
            text, _, _ = snippet(hit.text, start, end, 100)
            lines.append(fields(f"  ¶{hit.paragraph + 1}", hit.side, inert(" ".join(text.split()))))
    if result.window:
        lines.append("… a very common query: the newest matching paragraphs were ranked; add a word to narrow it")
    elif result.more:
        lines.append(f"… more articles match (--limit {args.limit * 2} to see more)")
    emit("\n".join(lines) + "\n")
    return 0


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
