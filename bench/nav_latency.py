"""Keypress-to-repaint for paragraph navigation: a 5,000- against a 50-paragraph article.

tandem runs in a real pseudo-terminal (default 80x24, xterm-256color), as a
user starts it; the bench types a key and stops the clock when the repainted
status line ("¶ k/N", k the new paragraph) has been written to the terminal,
i.e. the whole frame of that keypress is out (the status line is the last
row painted). Both articles are generated from the seeds by
``tests/corpus.py`` (mixed Arabic/Persian/German/Ukrainian paragraphs, each
unique so no text-keyed cache helps). The clock starts only after the app has
settled (language detection done, shown by the column header), so the
background worker does not compete with the keys.

Scenarios, 200 presses each:

* ``bounce``: j to paragraph 46, k back to 1, and so on: same moves in both
  articles. Targets: 5,000-paragraph median <= 30 ms, and <= 2x the
  50-paragraph median (the cost must not grow with length).
* ``deep`` (5,000 only): G to the last paragraph, then k 200 times through
  rows never laid out before: the worst case for lazy geometry.

Articles alternate between rounds so machine noise hits both alike.
``--headless`` measures in-process instead (Textual's headless driver, the
clock stops when the frame's update has been rendered to ANSI), and
``--profile`` adds cProfile's view of the 5,000-paragraph run.

    .venv/bin/python bench/nav_latency.py [--rounds 2] [--size 80x24]
    .venv/bin/python bench/nav_latency.py --headless --profile
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from corpus import write_long_article  # noqa: E402

ANSI = re.compile(rb"\x1b(\[[0-9;?<>=:]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_=>])")


_COMPILED: list[bool] = []


def _compile_once() -> None:
    if not _COMPILED:
        compileall.compile_dir(ROOT / "tui", quiet=1)
        _COMPILED.append(True)


def isolated_env(home: Path, size: tuple[int, int] | None = None) -> dict[str, str]:
    """Environment for a tandem run that touches no real config, cache or notes
    (with ``size``, for a pseudo-terminal of that size).

    tandem's sources are compiled to bytecode once, before the first run, and
    the runs may write bytecode (as a user's Python does): this machine sets
    ``PYTHONDONTWRITEBYTECODE``, and a checkout without ``__pycache__`` then
    compiled every module at each start, inside what is measured (~70 ms of a
    first paint, ~5 MB of peak memory)."""
    _compile_once()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if size is not None:
        env.update(TERM="xterm-256color", COLUMNS=str(size[0]), LINES=str(size[1]))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env["TANDEM_CONFIG"] = str(home / "no-config.toml")
    env["TANDEM_CACHE_DIR"] = str(home / "cache")
    env["ARGOS_PACKAGES_DIR"] = str(home / "argos-packages")
    for name in ("TEXTUAL", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        env.pop(name, None)
    return env


def watch_status(app):
    """Make a headless ``app`` render each frame as the real driver does, minus
    the write, and note the status line's text at each: returns that list of
    texts and an event set at every frame (what a key's repaint is timed by)."""
    import asyncio

    status = app.screen.query_one("#status")
    shown: list[str] = []
    painted = asyncio.Event()

    def display(screen, renderable) -> None:
        if renderable is not None:
            renderable.render_segments(app.console)
            shown.append(str(status.render()))
            painted.set()

    app._display = display
    return shown, painted


class Terminal:
    """A program in a pseudo-terminal, and what it has painted since a mark."""

    def __init__(self, argv: Sequence[str], *, size: tuple[int, int] = (80, 24), env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        width, height = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.raw = b""
        """Output since the last :meth:`mark`."""

    def mark(self) -> None:
        self.raw = b""

    def text(self) -> str:
        return ANSI.sub(b"", self.raw).decode("utf-8", "replace")

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait_for(self, found: Callable[[str], bool], timeout: float = 60.0) -> float:
        """Read until ``found(text since mark)``; return perf_counter at that moment."""
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise TimeoutError(f"not seen in {timeout} s; screen since mark: {self.text()[-600:]!r}")
            ready, _, _ = select.select([self.master], [], [], min(0.05, deadline - now))
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                raise RuntimeError(f"program exited; last output: {self.text()[-600:]!r}") from None
            self.raw += chunk
            if found(self.text()):
                return time.perf_counter()

    def drain(self, quiet: float = 0.03) -> None:
        """Read until the program has written nothing for ``quiet`` seconds."""
        while select.select([self.master], [], [], quiet)[0]:
            try:
                self.raw += os.read(self.master, 1 << 16)
            except OSError:
                return

    def read_for(self, seconds: float) -> None:
        """Keep reading (and discarding into the buffer) for ``seconds``."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            if select.select([self.master], [], [], left)[0]:
                try:
                    self.raw += os.read(self.master, 1 << 16)
                except OSError:
                    return

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        os.close(self.master)


def tandem_argv(paths: Sequence[Path], notes_db: Path) -> list[str]:
    return [sys.executable, "-m", "tui", *map(str, paths), "--notes-db", str(notes_db)]


def settled_marker(paragraphs: int) -> Callable[[str], bool]:
    """The header names the language ("Arabic · 5000 ¶"), not "detecting language…"."""
    pattern = re.compile(rf"[A-Za-z)] · {paragraphs} ¶")
    return lambda text: bool(pattern.search(text))


def key_plan(scenario: str, paragraphs: int, presses: int) -> list[tuple[bytes, int]]:
    """(key, expected 0-based current paragraph after it) for each press."""
    plan: list[tuple[bytes, int]] = []
    if scenario == "bounce":
        span = min(45, paragraphs - 1)
        current, step = 0, 1
        for _ in range(presses):
            if not 0 <= current + step <= span:
                step = -step
            current += step
            plan.append((b"j" if step > 0 else b"k", current))
    elif scenario == "deep":
        current = paragraphs - 1
        for _ in range(presses):
            current = max(0, current - 1)
            plan.append((b"k", current))
    else:
        raise ValueError(scenario)
    return plan


def pty_latencies(
    path: Path, paragraphs: int, scenario: str, presses: int, size: tuple[int, int], gap: float
) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as home:
        term = Terminal(tandem_argv([path], Path(home) / "notes.db"), size=size, env=isolated_env(Path(home), size))
        try:
            term.wait_for(settled_marker(paragraphs), timeout=300)
            term.drain(0.2)
            if scenario == "deep":
                term.mark()
                term.send(b"G")
                term.wait_for(lambda t: f"¶ {paragraphs}/{paragraphs}" in t)
                term.drain(0.2)
            times = []
            for key, expected in key_plan(scenario, paragraphs, presses):
                marker = f"¶ {expected + 1}/{paragraphs}"
                term.mark()
                sent = time.perf_counter()
                term.send(key)
                times.append(term.wait_for(lambda t, m=marker: m in t, timeout=30) - sent)
                term.drain(gap)
            return times
        finally:
            term.close()


# ------------------------------------------------------------------ headless


async def _headless_async(
    path: Path, paragraphs: int, scenario: str, presses: int, size: tuple[int, int], profiler
) -> list[float]:
    import asyncio

    from textual import events

    from tui.ui.app import TandemApp
    from tui.ui.parallel import ParallelView

    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as home:
        app = TandemApp([path], notes_db=Path(home) / "notes.db")
        async with app.run_test(size=size) as pilot:
            await asyncio.wait_for(app.screen.settled.wait(), 300)
            await pilot.pause()
            shown, painted = watch_status(app)
            view = app.screen.query_one(ParallelView)
            if scenario == "deep":
                view.move_to(paragraphs - 1)
                await pilot.pause()
            times = []
            if profiler is not None:
                profiler.enable()
            for key, expected in key_plan(scenario, paragraphs, presses):
                marker = f"¶ {expected + 1}/{paragraphs}"
                shown.clear()
                painted.clear()
                sent = time.perf_counter()
                app._driver.send_message(events.Key(key.decode(), key.decode()))
                while not any(marker in s for s in shown):
                    painted.clear()
                    await asyncio.wait_for(painted.wait(), 30)
                times.append(time.perf_counter() - sent)
                await asyncio.sleep(0.01)
            if profiler is not None:
                profiler.disable()
            return times


def headless_latencies(path, paragraphs, scenario, presses, size, profiler=None) -> list[float]:
    import asyncio

    return asyncio.run(_headless_async(path, paragraphs, scenario, presses, size, profiler))


# ---------------------------------------------------------------------- main


def summary(times: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=1, help="sessions per article, alternating")
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--gap", type=float, default=0.03, help="idle seconds after each repaint")
    parser.add_argument("--headless", action="store_true", help="in-process headless driver instead of a pty")
    parser.add_argument("--profile", action="store_true", help="cProfile the 5,000-paragraph bounce (headless)")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="tandem-bench-articles-") as folder:
        short = write_long_article(Path(folder), 50)
        long = write_long_article(Path(folder), 5000)
        results: dict[tuple[int, str], list[float]] = {}
        runs = [(short, 50, "bounce"), (long, 5000, "bounce"), (long, 5000, "deep")]
        for _ in range(args.rounds):
            for path, paragraphs, scenario in runs:
                if args.headless or args.profile:
                    times = headless_latencies(path, paragraphs, scenario, args.presses, size)
                else:
                    times = pty_latencies(path, paragraphs, scenario, args.presses, size, args.gap)
                results.setdefault((paragraphs, scenario), []).extend(times)
        how = "headless in-process" if (args.headless or args.profile) else f"pseudo-terminal {size[0]}x{size[1]}"
        print(f"keypress-to-repaint, {how}, {args.presses} presses x {args.rounds} round(s)")
        for (paragraphs, scenario), times in results.items():
            median, p95 = summary(times)
            print(
                f"  {paragraphs:>5} ¶ {scenario:<6}  median {median * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   max {max(times) * 1000:6.1f} ms"
            )
        base = summary(results[(50, "bounce")])[0]
        long_median = summary(results[(5000, "bounce")])[0]
        deep_median = summary(results[(5000, "deep")])[0]
        print(f"ratio 5000/50 bounce  {long_median / base:.2f}   (target <= 2.0; 5000 ¶ median target <= 30 ms)")
        print(f"ratio 5000 deep/50    {deep_median / base:.2f}")
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            headless_latencies(long, 5000, "deep", args.presses, size, profiler)
            stats = pstats.Stats(profiler)
            print("\ncProfile, 5,000 ¶ deep, by cumulative time:")
            stats.sort_stats("cumulative").print_stats(30)
            print("by own time:")
            stats.sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
