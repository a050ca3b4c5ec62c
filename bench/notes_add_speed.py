"""Cost of one `tandem notes add` (a fresh process per note, as a script calls it).

Two commands alternate, each in a fresh interpreter, timed for wall clock and
CPU (user + system of the child):

* **tandem** -- ``python -m tui notes add --article SEED --paragraph N --label 1``;
* **reference** -- the same add as tandem did it before issue 11: the same
  process, plus :func:`tui.language.detect_languages` on the whole article
  (the language detector loaded and run per note).

Articles and paragraphs rotate over the five seeds. Prints the medians and the
ratio tandem/reference. Target: tandem's median ≤ 0.3 s per note.

    .venv/bin/python bench/notes_add_speed.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

REFERENCE = """
import sys
from tui.cli import main
import tui.language
from tui.loading import load_article
from pathlib import Path
tui.language.detect_languages(load_article(Path(sys.argv[2])))  # what add did per note before
sys.exit(main(["notes", "add", "--notes-db", sys.argv[1], "--article", sys.argv[2], "--paragraph", sys.argv[3],
               "--label", "1"]))
"""


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tui")], check=True)
    results: dict[str, list[tuple[float, float]]] = {"tandem": [], "reference": []}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "notes.sqlite3")
        for run in range(args.runs):
            article = str(SEEDS[run % len(SEEDS)])
            paragraph = str(1 + run % 3)
            commands = {
                "tandem": [
                    sys.executable,
                    "-m",
                    "tui",
                    "notes",
                    "add",
                    "--notes-db",
                    db,
                    "--article",
                    article,
                    "--paragraph",
                    paragraph,
                    "--label",
                    "1",
                ],
                "reference": [sys.executable, "-c", REFERENCE, db, article, paragraph],
            }
            order = ("tandem", "reference") if run % 2 == 0 else ("reference", "tandem")
            for name in order:
                results[name].append(timed(commands[name], env))
    medians = {
        name: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for name, r in results.items()
    }
    for name, (wall, cpu) in medians.items():
        print(f"{name:<10} median wall {wall:.3f} s   median CPU {cpu:.3f} s   ({args.runs} adds)")
    print(
        f"ratio tandem/reference: wall {medians['tandem'][0] / medians['reference'][0]:.2f}, "
        f"CPU {medians['tandem'][1] / medians['reference'][1]:.2f}"
    )
    print("target: tandem median wall <= 0.3 s:", "met" if medians["tandem"][0] <= 0.3 else "NOT met")


if __name__ == "__main__":
    main()
