"""Long articles must not freeze the keyboard: a 200,000-paragraph article at
the loader's size limit against a 50-paragraph article, in the real reader.

Each session is a fresh process running tandem's app headless (Textual's
Pilot, 80x24, an isolated home: no translation model, empty caches) on two
files, one of them first. The two articles:

* **long**: 200,000 one-line paragraphs, as a long legal text is, filling the
  loader's limit (``tui.loading.MAX_FILE_BYTES``, 8 MB) to within 0.1 %:
  the seeds' paragraphs in turn (Arabic, Persian, German, Ukrainian, page
  furniture), each cut to an equal share of the bytes and numbered, so no two
  are equal and no text-keyed cache helps;
* **short**: 50 seed paragraphs (``tests/corpus.py``, as ``nav_latency.py``).

What each session measures (clocks in the app's process):

1. **start to first idle**: from entering ``App.run_test`` (imports done) to
   the first frame painted and every message queue empty (what
   ``run_test`` waits for before handing over the Pilot);
   then to every file read and its language detected (the loader's
   ``Finished``; story grouping, which follows, is not waited for);
2. the **event loop's longest stall** until then: a heartbeat coroutine
   on the app's loop wakes every 2 ms; a key typed during a stall is answered
   only after it, so this is the worst wait for a key right after start;
3. per key, two figures: **repaint** (the key posted to the driver until a
   frame whose status line shows the key's effect, ``article k/2`` or
   ``¶ p/N``, has been rendered) and **loop** (the longest stall of the event
   loop from the key until 0.4 s after its repaint: work the key started on
   the loop, e.g. looking up translations, that would delay the next key).
   Keys: ``>``/``<`` onto each article (alternating), then on each article
   ``j`` ×10, ``k`` ×10, ``G``, ``g``, repeated.

``--domain`` times instead, in a fresh process per article, the domain
steps of opening an article (no UI): reading the file, the copy language
detection makes, the round trip to the language process, the translation
options (first and second time) and the cached translation, with every
paragraph's translation in the cache (the article was translated before).
``--code DIR`` runs those steps on another checkout's ``tui`` too (e.g. the
commit before, from ``git archive``), in the same run, for a before/after;
without ``--domain``, it runs the reader sessions from that checkout instead.

Sessions alternate (long first, short first) so machine noise hits both
alike; the ratios long/short are taken from the same run. Target (issue 11
item 4): every key answered within 100 ms at any article length, i.e. the
long article's *loop* maximum <= 100 ms.

    .venv/bin/python bench/long_article.py [--rounds 2] [--keys 2] [--profile start|keys]
    .venv/bin/python bench/long_article.py --domain [--repeats 3] [--code /tmp/before]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

LONG_PARAGRAPHS = 200_000
SHORT_PARAGRAPHS = 50
SIZE = (80, 24)
AFTER_KEY = 0.4
"""Seconds after a key's repaint in which the loop's stalls are still the key's."""
SETTLE_TIMEOUT = 300.0


def long_text(paragraphs: int, limit: int) -> str:
    """``paragraphs`` one-line paragraphs, together just under ``limit`` bytes
    (within 0.5 %): seed paragraphs in turn, each cut to a share of the bytes."""
    target = limit - limit // 1000
    budget = target // paragraphs  # bytes per line, newline included
    best = ""
    while True:
        text = _lines(paragraphs, budget)
        size = len(text.encode())
        if size > target:
            return best
        best = text
        if size > limit - limit // 200:
            return best
        budget += max(1, (target - size) // paragraphs)


def _lines(paragraphs: int, budget: int) -> str:
    from corpus import seed_paragraphs

    source = seed_paragraphs()
    lines = []
    for i in range(paragraphs):
        tag = f" ‹{i}›"
        room = budget - 1 - len(tag.encode())
        head = source[i % len(source)].encode()[:room].decode("utf-8", "ignore").strip()
        lines.append(head + tag)
    return "\n".join(lines) + "\n"


def write_articles(folder: Path) -> dict[str, tuple[Path, int]]:
    from corpus import write_long_article

    from tui.loading import MAX_FILE_BYTES, load_article

    long = folder / "long-200000.txt"
    long.write_text(long_text(LONG_PARAGRAPHS, MAX_FILE_BYTES), encoding="utf-8")
    short = write_long_article(folder, SHORT_PARAGRAPHS)
    for path, count in ((long, LONG_PARAGRAPHS), (short, SHORT_PARAGRAPHS)):
        article = load_article(path, boilerplate=False)
        assert article.ok and len(article.paragraphs) == count, (path, article.error, len(article.paragraphs))
    return {"long": (long, LONG_PARAGRAPHS), "short": (short, SHORT_PARAGRAPHS)}


def isolated_env(home: Path) -> dict[str, str]:
    """:func:`nav_latency.isolated_env`, with this checkout's ``tui`` on the path."""
    from nav_latency import isolated_env as untouched

    return {**untouched(home), "PYTHONPATH": str(ROOT)}


# ------------------------------------------------------------- one session


class Heartbeat:
    """Wakes every 2 ms on the running loop and remembers each late wake-up."""

    def __init__(self) -> None:
        self.beats: list[tuple[float, float]] = []
        """(time woken, stall in seconds beyond the 2 ms asked for)."""
        self._task = None

    def start(self) -> None:
        import asyncio

        async def beat() -> None:
            while True:
                before = time.perf_counter()
                await asyncio.sleep(0.002)
                now = time.perf_counter()
                self.beats.append((now, max(0.0, now - before - 0.002)))

        self._task = asyncio.get_running_loop().create_task(beat())

    def worst(self, start: float, end: float) -> float:
        """The longest stall overlapping ``[start, end]``."""
        import bisect

        first = bisect.bisect_left(self.beats, (start, 0.0))
        stalls = (stall for woken, stall in self.beats[first:] if woken - stall <= end)
        return max(stalls, default=0.0)


async def _session(paths: list[Path], counts: list[int], rounds: int, profile: str | None) -> dict:
    import asyncio

    from textual import events
    from textual.keys import _character_to_key

    from tui.ui.app import TandemApp

    heart = Heartbeat()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as home:
        app = TandemApp(paths, notes_db=Path(home) / "notes.db")
        profiler = None
        if profile == "start":
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        loaded = asyncio.Event()

        def hook(message: object) -> None:
            if type(message).__qualname__ == "Loader.Finished":
                loaded.set()

        started = time.perf_counter()
        heart.start()
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            first_idle = time.perf_counter() - started
            await asyncio.wait_for(loaded.wait(), SETTLE_TIMEOUT)
            settled_at = time.perf_counter()
            if profiler is not None:
                profiler.disable()
            start_stall = heart.worst(started + first_idle, settled_at)
            await pilot.pause()
            if profile == "keys":
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()

            from nav_latency import watch_status

            shown, painted = watch_status(app)
            first = 0  # the article shown; the other one is `index 1 - first`
            presses: dict[str, list[tuple[float, float]]] = {}

            async def press(key: str, marker: str, name: str) -> None:
                shown.clear()
                painted.clear()
                sent = time.perf_counter()
                app._driver.send_message(events.Key(_character_to_key(key), key))
                while not any(marker in s for s in shown):
                    painted.clear()
                    await asyncio.wait_for(painted.wait(), 60)
                repainted = time.perf_counter()
                await asyncio.sleep(AFTER_KEY)
                loop = heart.worst(sent, repainted + AFTER_KEY)
                presses.setdefault(name, []).append((repainted - sent, max(loop, repainted - sent)))

            for _ in range(rounds):
                # onto the other article and back
                await press(">", "article 2/2", f"> onto {1}")
                await press("<", "article 1/2", f"< onto {first}")
            for index, key in ((0, None), (1, ">")):
                if key is not None:
                    await press(key, f"article {index + 1}/2", f"{key} onto {index}")
                total = counts[index]
                for _ in range(rounds):
                    for p in range(2, 12):
                        await press("j", f"¶ {p}/{total}", f"j on {index}")
                    for p in range(10, 0, -1):
                        await press("k", f"¶ {p}/{total}", f"k on {index}")
                    await press("G", f"¶ {total}/{total}", f"G on {index}")
                    await press("g", f"¶ 1/{total}", f"g on {index}")
            if profiler is not None:
                profiler.disable()
    result = {
        "first_idle": first_idle,
        "loaded": settled_at - started,
        "start_stall": start_stall,
        "presses": presses,
    }
    if profiler is not None:
        import io
        import pstats

        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(20)
        result["profile"] = out.getvalue()
    return result


def run_session(args: argparse.Namespace) -> int:
    import asyncio

    if args.code:
        sys.path.insert(0, str(args.code))
    paths = [Path(p) for p in args.session.split(",")]
    counts = [int(c) for c in args.counts.split(",")]
    # Not asyncio.run: closing the loop waits for its thread workers (story
    # grouping of 200,000 paragraphs would take many minutes).
    result = asyncio.new_event_loop().run_until_complete(_session(paths, counts, args.keys, args.profile))
    print(json.dumps(result), flush=True)
    os._exit(0)  # background workers (story grouping of 200,000 paragraphs) would keep the process


# ------------------------------------------------------------------ domain


def domain_steps(path: Path, repeats: int) -> dict[str, float]:
    """Median seconds of each domain step of opening ``path`` (see module docstring)."""
    import dataclasses
    import pickle

    import tui.translation.service as service
    from tui.loading import load_article
    from tui.textnorm import text_hash
    from tui.translation.service import available_translations, cached_translation
    from tui.translation.store import StoreKey, TranslationStore

    times: dict[str, list[float]] = {}

    def timed(name, call, *args, **kwargs):
        start = time.perf_counter()
        result = call(*args, **kwargs)
        times.setdefault(name, []).append(time.perf_counter() - start)
        return result

    def detected(article):
        paragraphs = tuple(dataclasses.replace(p, language="ar") for p in article.paragraphs)
        return dataclasses.replace(article, language="ar", paragraphs=paragraphs)

    def round_trip(article):
        return pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))

    with tempfile.TemporaryDirectory(prefix="tandem-bench-domain-") as home:
        store = TranslationStore(Path(home) / "cache.sqlite3")
        packages = Path(home) / "packages"
        packages.mkdir()
        first = load_article(path, boilerplate=False)
        key = StoreKey("argos", "translate-ar_en", "1.0", "ar", "en")
        store.save(key, {text_hash(p.text): p.text.upper() for p in first.paragraphs})
        where = {"packages_dir": packages, "store": store}
        for _ in range(repeats):
            getattr(service, "_hashes", {}).clear()  # "first time": first in this process
            article = timed("read the file", load_article, path, boilerplate=False)
            article = timed("languages set (a copy of each paragraph)", detected, article)
            timed("to the language process and back (pickle)", round_trip, article)
            timed("translation options, first time", available_translations, article, **where)
            timed("translation options, second time", available_translations, article, **where)
            timed("cached translation", cached_translation, article, **where)
    return {name: statistics.median(values) for name, values in times.items()}


def spawn_domain(code: Path, path: Path, repeats: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="tandem-bench-home-") as home:
        env = isolated_env(Path(home))
        env["PYTHONPATH"] = str(code)
        argv = [sys.executable, __file__, "--domain-of", str(path), "--code", str(code), "--repeats", str(repeats)]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=home)
        if done.returncode != 0:
            raise RuntimeError(f"domain run failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def run_domain(articles: dict[str, tuple[Path, int]], repeats: int, before: Path | None) -> None:
    codes = [("now", ROOT)] + ([("before", before)] if before else [])
    results = {
        (name, which): spawn_domain(code, articles[name][0], repeats) for which, code in codes for name in articles
    }
    print(f"domain steps of opening an article, median of {repeats}, one process per article and code")
    header = f"{'':44} {'long':>9} {'short':>9} {'ratio':>7}"
    if before:
        header += f" {'long before':>12} {'before/now':>10}"
    print(header)
    for step in results[("long", "now")]:
        long, short = results[("long", "now")][step], results[("short", "now")][step]
        line = f"{step:44} {long * 1000:7.0f}ms {short * 1000:7.1f}ms {long / short:7.0f}"
        if before:
            old = results[("long", "before")][step]
            line += f" {old * 1000:10.0f}ms {old / long:10.1f}"
        print(line)


# --------------------------------------------------------------------- main


def spawn(paths: list[Path], counts: list[int], rounds: int, profile: str | None, code: Path = ROOT) -> dict:
    with tempfile.TemporaryDirectory(prefix="tandem-bench-home-") as home:
        argv = [sys.executable, __file__, "--session", ",".join(map(str, paths)), "--code", str(code)]
        argv += ["--counts", ",".join(map(str, counts)), "--keys", str(rounds)]
        if profile:
            argv += ["--profile", profile]
        env = isolated_env(Path(home))
        env["PYTHONPATH"] = str(code)
        done = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=home)
        if done.returncode != 0:
            raise RuntimeError(f"session failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def stats(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), max(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="sessions per article first, alternating")
    parser.add_argument("--keys", type=int, default=2, help="rounds of each key sequence within a session")
    parser.add_argument("--profile", choices=("start", "keys"), help="cProfile a long-first session")
    parser.add_argument("--domain", action="store_true", help="time the domain steps of opening, no UI")
    parser.add_argument("--repeats", type=int, default=3, help="--domain: runs per step")
    parser.add_argument(
        "--code",
        type=Path,
        help="--domain: also time this checkout's tui/ for a before/after; otherwise run the reader from it",
    )
    parser.add_argument("--session", help=argparse.SUPPRESS)
    parser.add_argument("--counts", help=argparse.SUPPRESS)
    parser.add_argument("--domain-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.session:
        return run_session(args)
    if args.domain_of:
        sys.path.insert(0, str(args.code))
        print(json.dumps(domain_steps(args.domain_of, args.repeats)))
        return 0
    with tempfile.TemporaryDirectory(prefix="tandem-bench-articles-") as folder:
        articles = write_articles(Path(folder))
        size = articles["long"][0].stat().st_size
        print(f"long: {LONG_PARAGRAPHS:,} paragraphs, {size / 1e6:.2f} MB; short: {SHORT_PARAGRAPHS} paragraphs")
        if args.domain:
            run_domain(articles, args.repeats, args.code)
            return 0
        if args.profile:
            (lp, ln), (sp, sn) = articles["long"], articles["short"]
            result = spawn([lp, sp], [ln, sn], args.keys, args.profile)
            print(result["profile"])
            return 0
        first_idle: dict[str, list[float]] = {"long": [], "short": []}
        settled: dict[str, list[float]] = {"long": [], "short": []}
        stall: dict[str, list[float]] = {"long": [], "short": []}
        keys: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for name, other in (("long", "short"), ("short", "long")):
                (p0, n0), (p1, n1) = articles[name], articles[other]
                result = spawn([p0, p1], [n0, n1], args.keys, None, args.code or ROOT)
                first_idle[name].append(result["first_idle"])
                settled[name].append(result["loaded"])
                stall[name].append(result["start_stall"])
                names = {"0": name, "1": other}
                for label, times in result["presses"].items():
                    what, _, index = label.rpartition(" ")
                    key = what.split()[0]
                    keys.setdefault((names[index], key), []).extend(map(tuple, times))
        print(f"headless {SIZE[0]}x{SIZE[1]}, {args.rounds} session(s) per article first, {args.keys} key round(s)")
        print(f"reader code: {args.code or ROOT}")
        print(f"{'':34} {'long':>10} {'short':>10} {'ratio':>7}")

        def row(label: str, long: float, short: float, unit: str = "s") -> None:
            scale = 1000 if unit == "ms" else 1
            ratio = long / short if short else float("inf")
            print(
                f"{label:34} {long * scale:9.{0 if unit == 'ms' else 2}f}{unit:<1} "
                f"{short * scale:9.{0 if unit == 'ms' else 2}f}{unit:<1} {ratio:7.2f}"
            )

        row(
            "start to first idle (median)",
            statistics.median(first_idle["long"]),
            statistics.median(first_idle["short"]),
        )
        row(
            "start to all read, languages known",
            statistics.median(settled["long"]),
            statistics.median(settled["short"]),
        )
        row("longest loop stall while settling", max(stall["long"]), max(stall["short"]), "ms")
        for key in (">", "<", "j", "k", "G", "g"):
            for part, label in ((0, "repaint"), (1, "loop")):
                long = [t[part] for t in keys.get(("long", key), [])]
                short = [t[part] for t in keys.get(("short", key), [])]
                if not long or not short:
                    continue
                lm, lx = stats(long)
                sm, sx = stats(short)
                where = "onto" if key in "<>" else "on"
                print(
                    f"{key} {where} it, {label:8} median/max ms   {lm * 1000:7.1f} /{lx * 1000:7.1f}"
                    f"   {sm * 1000:7.1f} /{sx * 1000:7.1f}   ratio {lm / sm:5.2f} (max {lx / sx:5.2f})"
                )
        worst = max(t[1] for (name, _), times in keys.items() if name == "long" for t in times)
        print(f"long article: worst key wait (loop) {worst * 1000:.0f} ms (target <= 100 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
