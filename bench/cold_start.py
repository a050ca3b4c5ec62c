"""Cold start to first paint: `tandem seeds/` against a bare Textual app.

Each program runs in a real pseudo-terminal (80x24, xterm-256color) exactly as
a user would start it; the clock stops when the program's first screen has
been written, recognised by a marker string in the painted output (for tandem:
the status line's "article 1/5"; for the bare app: its one Static). Runs
alternate between the two programs so machine noise hits both alike; the
medians and their ratio are printed. Target: ratio <= 1.5.

With ``--postgres`` tandem also runs with a PostgreSQL notes store configured
(``TANDEM_NOTES_DB``: a throwaway cluster from ``tests/pg_server.py``) and with
one that never answers (a socket that accepts and stays silent), alternating
with the default SQLite store; the ratios against it are printed, and the
ratio of SQLite against itself (a second, identical setup), which shows the
noise. Target: the same first paint (the store opens in a thread after it).

    .venv/bin/python bench/cold_start.py [--runs 15] [--postgres]
"""

from __future__ import annotations

import argparse
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
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")

BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Static

    class Bare(App):
        def compose(self):
            yield Static("bare app ready")
            yield Footer()

    Bare().run()
    """
)


STATE_DIR = tempfile.mkdtemp(prefix="tandem-cold-start-state-")


def first_paint_seconds(
    argv: list[str], marker: bytes, timeout: float = 30.0, extra_env: dict[str, str] | None = None
) -> float:
    """Seconds from spawn until ``marker`` appears on the pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24", **(extra_env or {}))
    env.setdefault("TANDEM_STATE_DIR", STATE_DIR)  # a first session's start: no remembered article
    env.pop("TEXTUAL", None)
    # Both programs run from byte-compiled modules, as an installed program
    # does (pip compiles site-packages; Python caches the rest on first run).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    buffer = b""
    try:
        while True:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"no first paint from {argv!r}; screen so far: {ANSI.sub(b'', buffer)[-400:]!r}")
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError as exc:
                raise RuntimeError(f"{argv!r} exited before painting: {ANSI.sub(b'', buffer)[-400:]!r}") from exc
            buffer += chunk
            if marker in ANSI.sub(b"", buffer):
                return time.perf_counter() - start
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        os.close(master)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--postgres", action="store_true", help="also with a PostgreSQL notes store, and with one that never answers"
    )
    args = parser.parse_args()
    python = sys.executable
    tandem = [python, "-m", "tui", str(ROOT / "seeds")]
    bare = [python, "-c", BARE_APP]
    # tandem's own modules are compiled once here, like Textual's were at
    # install time; a machine with PYTHONDONTWRITEBYTECODE set would otherwise
    # compare compiling tandem from source against a pre-compiled Textual.
    import compileall

    compileall.compile_dir(str(ROOT / "tui"), quiet=1)
    if args.postgres:
        return with_postgres(args.runs, tandem)
    # Warm the OS file cache once for both, untimed.
    first_paint_seconds(bare, b"bare app ready")
    first_paint_seconds(tandem, b"article 1/5")
    bare_times, tandem_times = [], []
    for _ in range(args.runs):
        bare_times.append(first_paint_seconds(bare, b"bare app ready"))
        tandem_times.append(first_paint_seconds(tandem, b"article 1/5"))
    b, t = statistics.median(bare_times), statistics.median(tandem_times)
    print(f"bare Textual app   median {b * 1000:7.1f} ms  (min {min(bare_times) * 1000:.1f})")
    print(f"tandem seeds/      median {t * 1000:7.1f} ms  (min {min(tandem_times) * 1000:.1f})")
    print(f"ratio tandem/bare  {t / b:.2f}   (target <= 1.5)")
    return 0


def with_postgres(runs: int, tandem: list[str]) -> int:
    """tandem's first paint with the SQLite store, a PostgreSQL store, and a
    server that never answers, in alternation; ratios against SQLite."""
    import shutil
    import socket
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    import pg_server

    root = Path(tempfile.mkdtemp(prefix="tandem-bench-pg-"))
    silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        url = pg_server.start(root)
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        home = Path(tempfile.mkdtemp(prefix="tandem-bench-home-"))
        sqlite_env = {"TANDEM_NOTES_DB": str(home / "notes.sqlite3")}
        pg_env = {"TANDEM_NOTES_DB": url}
        silent_env = {"TANDEM_NOTES_DB": f"postgresql://bench@127.0.0.1:{silent.getsockname()[1]}/none"}
        setups = {
            "SQLite notes": sqlite_env,
            "PostgreSQL notes": pg_env,
            "server never answers": silent_env,
            "SQLite notes again": sqlite_env,  # the same as the first: how far apart noise puts two equal setups
        }
        for env in setups.values():  # warm caches (and create the tables), untimed
            first_paint_seconds(tandem, b"article 1/5", extra_env=env)
        times: dict[str, list[float]] = {name: [] for name in setups}
        order = list(setups.items())
        for run in range(runs):
            # Each setup takes each place in the round in turn: no setup always runs first.
            for name, env in order[run % len(order) :] + order[: run % len(order)]:
                times[name].append(first_paint_seconds(tandem, b"article 1/5", extra_env=env))
        base = statistics.median(times["SQLite notes"])
        for name, measured in times.items():
            m = statistics.median(measured)
            print(f"tandem seeds/, {name:<22} median {m * 1000:7.1f} ms  (min {min(measured) * 1000:.1f})  "
                  f"ratio to SQLite {m / base:.2f}")  # fmt: skip
        print("target: ratio 1.0 (the store opens in a thread after the first paint)")
        shutil.rmtree(home, ignore_errors=True)
    finally:
        silent.close()
        pg_server.stop(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
