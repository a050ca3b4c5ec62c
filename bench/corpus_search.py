"""``F`` over 50,000 articles: the first page of results, against 50 articles, in one run.

What is timed is what the reader's ``F`` does after Enter, in its worker
(``tui/ui/search_all.py``): :class:`~tui.corpus_search.FolderSearch` up to
its first page, with the first span of every hit of the first screenful
computed (the worker's first message; it does that for each entry). What
the screen prepares on mount, while the query is typed (``prepare_search``:
the folder's :class:`~tui.corpus_search.SearchScope`, the index opened for
searching, the name skeletons' code loaded), is timed apart.
Articles are already loaded (the reader has its list); the translations a
previous session indexed are in the index (stamped), so nothing is looked up.

Each measurement runs in a fresh process ("a session"): the first query of a
session (the worker's imports, the first read of the index's pages) is
reported apart from the later ones. Queries of several kinds: a plain word, a
prefix, a phrase, two words, a word of the English translations, and a name
in three scripts (``Tumangang``, ``تومانغانغ``, ``Туманганг``).

Folders (``tests/corpus.py``: the seeds in turn, a numbered title line, ~7 KB,
~17 paragraphs each) and their indexes are built once under ``--work``
(default ``/tmp/tandem-search-bench``) and reused by later runs (the 50,000
files take a few minutes to index with two worker processes):

* ``small``: a 50-article folder in its own index (the reference);
* ``large``: a 50-article folder (``old-50``) indexed first, then 50,000
  articles, in one index, as one cache holds every folder a reader opened.
  ``old-50`` searched there is the case of a folder whose matches are the
  oldest in the index (the scope must apply before the ranking window).

Languages are filled in from the seeds' own detections (generated articles
are the seeds in turn) and the translations indexed once, as a previous
session would have.

    .venv/bin/python bench/corpus_search.py [--large 50000] [--sessions 3] [--rounds 3] [--pilot]

``--pilot`` also runs the reader itself (headless, Pilot, 120x40) on the
50-article and the large folder: timed from Enter to the frame whose summary
counts the first page's matches.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

QUERIES = [
    "Tumangang",  # a name, first of each session
    "Grenze",  # a plain word
    "Satell",  # a prefix
    '"Beyond Parallel"',  # a phrase
    "Satellitenbilder Grenze",  # two words
    "railcar",  # a word of the English translations
    "تومانغانغ",  # the name in Arabic script
    "Туманганг",  # and in Cyrillic
]


def index_path(work: Path, name: str) -> Path:
    return work / name / "cache" / "corpus" / "index.sqlite3"


def prepare(work: Path, large: int) -> None:
    """Folders and indexes, once (a marker file says they are complete)."""
    from corpus import write_corpus

    layout = {"small": [("small-50", 50)], "large": [("old-50", 50), (f"large-{large}", large)]}
    for name, folders in layout.items():
        marker = work / name / f"ready-{large if name == 'large' else 50}"
        if marker.exists():
            continue
        for folder, count in folders:
            path = work / "corpora" / folder
            if not path.exists():
                write_corpus(path, count)
        db = index_path(work, name)
        db.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        fill(db, [work / "corpora" / folder for folder, _ in folders])
        print(f"prepared {name}: {time.perf_counter() - start:.0f} s", flush=True)
        marker.write_text("")


def fill(db: Path, folders: list[Path]) -> None:
    """Every file of ``folders`` read into the index at ``db``, languages
    recorded (each article takes those of the seed it was generated from)
    and its translation indexed, in that order per folder."""
    from dataclasses import replace

    from corpus import seed_files

    from tui.corpus_index import CorpusIndex
    from tui.corpus_search import index_translation, pending_translations, search_translation
    from tui.language import detect_languages
    from tui.loading import discover, load_article

    seeds = [detect_languages(load_article(seed)) for seed in seed_files()]
    by_body = {tuple(p.text for p in seed.paragraphs[1:]): seed for seed in seeds}
    with CorpusIndex.open(db) as index:
        for folder in folders:
            paths = discover([folder])
            done = []
            for item in index.read_many(paths, workers=os.cpu_count() or 1):
                article = item.article
                if not item.languages:
                    source = by_body[tuple(p.text for p in article.paragraphs[1:])]
                    paragraphs = tuple(
                        replace(p, language=q.language)
                        for p, q in zip(article.paragraphs, source.paragraphs, strict=True)
                    )
                    article = replace(article, paragraphs=paragraphs, language=source.language)
                    index.record_languages(article)
                done.append(article)
            for article in pending_translations(index, done, "en"):
                index_translation(index, article, search_translation(article, "en"), "en")
        index.optimize()


SESSION = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from tui.corpus_index import CorpusIndex
from tui.loading import discover

folder, db, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
queries = json.loads(sys.argv[4])
paths = tuple(discover([folder]))
with CorpusIndex.open(db) as index:  # the reader's list, loaded (not timed)
    articles = [item.article for item in index.read_many(paths)]
assert all(a.language for a in articles), "index prepared without languages"


import tui.ui.search_all  # imported with the screen, before F is pressed


def prepare():
    # What the F screen does on mount, while the query is typed.
    from tui.corpus_search import prepare_search

    start = time.perf_counter()
    prepare_search(paths)
    return time.perf_counter() - start


def first_page(query):
    # What the F worker does after Enter, up to its first message.
    from tui.corpus_search import FolderSearch, SearchScope, search_index, search_translation
    from tui.ui.search_all import _first_screenful, _first_span

    start = time.perf_counter()
    search = FolderSearch(search_index(), SearchScope.of(paths), articles, lambda i, a: search_translation(a, "en"),
                          "en", page_articles=50, max_hits=2000)
    pages = search.pages(query)
    page = next(pages)
    screenful = _first_screenful(page.result.articles)[0]  # the worker's first message
    spans = [_first_span(hit) for group in screenful for hit in group.hits]
    first = time.perf_counter() - start
    rest = list(pages)  # the other pages, and the translations check
    done = time.perf_counter() - start
    assert page.result.articles, query
    assert not any(p.fresh for p in rest), "nothing was left to index"
    return first, done, len(page.result.articles), len(spans)


ready = prepare()
out = {{"prepare": ready, "first": first_page(queries[0]), "later": {{}}}}
for _ in range(rounds):
    for query in queries:
        out["later"].setdefault(query, []).append(first_page(query))
print(json.dumps(out))
"""


def session(folder: Path, db: Path, rounds: int) -> dict:  # type: ignore[type-arg]
    code = SESSION.format(root=str(ROOT))
    env = {**os.environ, "TANDEM_CACHE_DIR": str(db.parent.parent)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(db), str(rounds), json.dumps(QUERIES, ensure_ascii=False)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=50_000)
    parser.add_argument("--sessions", type=int, default=3, help="fresh processes per folder, alternating")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every query per session")
    parser.add_argument("--work", type=Path, default=Path("/tmp/tandem-search-bench"))
    parser.add_argument("--pilot", action="store_true", help="also F in the reader itself (headless, Pilot)")
    args = parser.parse_args()
    work = args.work
    os.environ["TANDEM_CACHE_DIR"] = str(work / "cache-prepare")
    prepare(work, args.large)
    cases = {
        "50": (work / "corpora" / "small-50", index_path(work, "small")),
        f"{args.large}": (work / "corpora" / f"large-{args.large}", index_path(work, "large")),
        f"50 in the {args.large} index": (work / "corpora" / "old-50", index_path(work, "large")),
    }
    results: dict[str, list[dict]] = {name: [] for name in cases}  # type: ignore[type-arg]
    for _ in range(args.sessions):
        for name, (folder, db) in cases.items():
            results[name].append(session(folder, db, args.rounds))
    medians, first_medians = {}, {}
    for name, runs in results.items():
        firsts = [run["first"][0] for run in runs]
        prepares = [run["prepare"] for run in runs]
        later = [t[0] for run in runs for times in run["later"].values() for t in times]
        done = [t[1] for run in runs for times in run["later"].values() for t in times]
        medians[name] = statistics.median(later)
        first_medians[name] = statistics.median(firsts)
        print(
            f"{name:>24} articles: screen's preparation {statistics.median(prepares) * 1000:6.1f} ms; "
            f"first F of a session {statistics.median(firsts) * 1000:6.1f} ms "
            f"(max {max(firsts) * 1000:6.1f}); later: median {medians[name] * 1000:6.1f} ms, "
            f"max {max(later) * 1000:6.1f}; every page and the translations check: median "
            f"{statistics.median(done) * 1000:6.1f} ms"
        )
        per_query = {q: statistics.median(t[0] for run in runs for t in run["later"][q]) for q in QUERIES}
        print("    " + "  ".join(f"{q} {ms * 1000:.1f}" for q, ms in per_query.items()))
    large = f"{args.large}"
    print(
        f"ratio {large} / 50: {medians[large] / medians['50']:.2f} (first F of a session: "
        f"{first_medians[large] / first_medians['50']:.2f})   (target: <= 100 ms median and <= 3x); "
        f"index {index_path(work, 'large').stat().st_size / 1e6:.0f} MB for {args.large + 50} articles"
    )
    if args.pilot:
        for name, folder, db in (
            ("50", work / "corpora" / "small-50", index_path(work, "small")),
            (large, work / "corpora" / f"large-{args.large}", index_path(work, "large")),
        ):
            # Stories without embeddings: computing 50,000 articles' would keep
            # both cores busy for hours while F is timed.
            env = {**os.environ, "TANDEM_CACHE_DIR": str(db.parent.parent), "TANDEM_EMBEDDINGS": "none"}
            command = [sys.executable, str(Path(__file__).resolve()), "--pilot-run", str(folder)]
            try:
                done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=900)
                print(f"reader {name:>6} articles: {done.stdout.strip() or done.stderr.strip()[-800:]}", flush=True)
            except subprocess.TimeoutExpired as cut:
                # The reader still reading and grouping 50,000 articles keeps its event
                # loop busy: Pilot's key presses wait long for it to be idle.
                progress = cut.stderr.decode() if isinstance(cut.stderr, bytes) else (cut.stderr or "")
                print(f"reader {name:>6} articles: cut after 15 minutes; so far: {' | '.join(progress.splitlines())}")
    return 0


async def pilot_run(folder: Path, rounds: int) -> str:
    """The reader (headless, 120x40) on ``folder``: once every article is
    listed and its language known, ``F``, a query, Enter; timed from Enter to
    the summary counting the first page's matches (the worker's first message
    handled: its entries laid out). The first F of the session, then
    ``rounds`` of every query."""
    import asyncio
    import tempfile

    from tui.loading import discover
    from tui.ui.app import TandemApp
    from tui.ui.search_all import SearchAllScreen

    notes = Path(tempfile.mkdtemp()) / "notes.db"
    app = TandemApp(discover([folder]), notes_db=notes)
    times: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        while True:  # every title and language known (the reader's own counters)
            collection = getattr(app.screen, "collection", None)
            if collection is not None and len(collection) and collection.loaded == len(collection):
                if collection.languages_known == len(collection):
                    break
            await asyncio.sleep(0.05)
            if time.perf_counter() - start > 600:
                return "not loaded in 10 minutes"
        loaded = time.perf_counter() - start
        print(f"loaded in {loaded:.1f} s", file=sys.stderr, flush=True)
        reader = app.screen
        for query in [QUERIES[0]] + QUERIES * rounds:
            await pilot.press("F", *query)
            screen = app.screen
            assert isinstance(screen, SearchAllScreen)
            await pilot.pause()
            begin = time.perf_counter()
            screen._start(query)  # what Enter in the query box calls (Pilot's press would wait for idle)
            summary = screen.query_one("#search-all-summary")
            while "matches in" not in str(summary.render()):
                await asyncio.sleep(0.001)
            times.setdefault(query, []).append(time.perf_counter() - begin)
            print(f"{query}: {times[query][-1] * 1000:.0f} ms", file=sys.stderr, flush=True)
            await screen.workers.wait_for_complete()
            await pilot.press("escape")
            while app.screen is not reader:
                await pilot.pause()
    first = times[QUERIES[0]].pop(0)
    later = [t for ts in times.values() for t in ts]
    return json.dumps({"loaded": loaded, "first": first, "later": statistics.median(later), "max": max(later)})


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--pilot-run":
        import asyncio

        print(asyncio.run(pilot_run(Path(sys.argv[2]), 2)))
        raise SystemExit(0)
    raise SystemExit(main())
