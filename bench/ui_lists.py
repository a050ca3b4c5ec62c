"""Two lists of the reader at scale: the article list's filter, and ``F``'s results.

In-process, Textual's headless driver (Pilot, 120x40), no files read: the
articles are the seeds, stored in turn at every index of a long list of paths.

* ``filter``: the article list alone (``ArticlePane``) with 50,000 entries,
  a query typed letter by letter into its filter then erased (``Tumangang``,
  9 letters, 18 keys); per key, from the press to the frame (Pilot's press
  returns once the key is handled and the screen is idle). Reference: the
  same keys with 50 entries, same run.
* ``results``: the ``F`` screen taking 2,000 results (``MAX_HITS``) in the
  worker's messages (64 entries each; the first has 16), from the first
  message posted until the screen is idle with the summary painted.
  Reference: 50 results, same run.

Both are event-loop time: what keys typed meanwhile wait for.

    .venv/bin/python bench/ui_lists.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOME = Path(tempfile.mkdtemp(prefix="tandem-bench-lists-"))
for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[name] = str(HOME / name.lower())
os.environ["TANDEM_CACHE_DIR"] = str(HOME / "cache")
os.environ["TANDEM_CONFIG"] = str(HOME / "no-config.toml")

QUERY = "Tumangang"


def seeds():
    from tui.loading import discover, load_article

    return [load_article(path) for path in discover([ROOT / "seeds"])]


async def filter_keys(count: int, articles) -> list[float]:
    from textual.app import App

    from tui.collection import ArticleCollection
    from tui.ui.article_list import ArticlePane

    paths = [Path(f"/bench/folder/{n:05d}_{articles[n % len(articles)].path.name}") for n in range(count)]
    collection = ArticleCollection(paths)
    for n in range(count):
        collection.store(n, articles[n % len(articles)])

    class Lists(App):
        def compose(self):
            yield ArticlePane(collection, "app", id="list-pane")

        def on_mount(self) -> None:
            self.query_one(ArticlePane).refresh_all()

    app = Lists()
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.query_one(ArticlePane).focus_filter()
        await pilot.pause()
        for key in [*QUERY.lower(), *["backspace"] * len(QUERY)]:
            start = time.perf_counter()
            await pilot.press(key)
            times.append(time.perf_counter() - start)
    return times


async def take_results(count: int, articles) -> float:
    from textual.app import App

    from tui.search import Hit, Match
    from tui.ui.search_all import SearchAllScreen

    hits = []
    n = 0
    while len(hits) < count:
        index = n % len(articles)
        paragraph = articles[index].paragraphs[(n // len(articles)) % len(articles[index].paragraphs)]
        text = paragraph.text
        middle = len(text) // 2
        hits.append(Hit(index, Match(paragraph.index, "original", middle, min(len(text), middle + 6)), text))
        n += 1
    paths = tuple(a.path for a in articles)

    class Results(App):
        def on_mount(self) -> None:
            self.push_screen(SearchAllScreen(articles, paths, lambda i, a: None, "app"))

    app = Results()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchAllScreen)
        await screen.workers.wait_for_complete()  # the preparation while the query is typed
        await pilot.pause()
        parts = [hits[:16]] + [hits[i : i + 64] for i in range(16, len(hits), 64)]
        start = time.perf_counter()
        sent = 0
        for k, part in enumerate(parts):
            sent += len(part)
            screen.post_message(SearchAllScreen.Found(part, sent, len(articles), 0, k == len(parts) - 1))
        summary = screen.query_one("#search-all-summary")
        while "searching" in str(summary.render()) or "matches in" not in str(summary.render()):
            await pilot.pause()
        await pilot.pause()
        return time.perf_counter() - start


async def main(rounds: int) -> None:
    articles = seeds()
    keys: dict[int, list[float]] = {50: [], 50_000: []}
    results: dict[int, list[float]] = {50: [], 2000: []}
    for _ in range(rounds):
        for count in keys:
            keys[count] += await filter_keys(count, articles)
        for count in results:
            results[count].append(await take_results(count, articles))
    small, large = (statistics.median(keys[c]) * 1000 for c in (50, 50_000))
    print(
        f"filter key:   50 entries {small:7.1f} ms   50,000 entries {large:7.1f} ms "
        f"(max {max(keys[50_000]) * 1000:.1f})   ratio {large / small:.1f}"
    )
    small, large = (statistics.median(results[c]) * 1000 for c in (50, 2000))
    print(f"F's results:  50 taken in {small:7.1f} ms   2,000 taken in {large:7.1f} ms   ratio {large / small:.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(main(parser.parse_args().rounds))
