"""Listing a folder (``tui.loading.discover``): this checkout against another, same run.

The reader lists the folders it is given before its first paint, so a
50,000-file folder's listing is on the path to the first screen. Each sample
is a fresh interpreter (``python -c``) that imports ``tui.loading`` from one
checkout and times one ``discover`` of the folder; samples of the two
checkouts alternate so machine noise hits both alike. CPU time
(``time.process_time``) is reported beside wall time: the machine is shared
and CPU time moves less with the load. Figures are the minimum and the
median of the samples, and the ratio of the minima (this / other).

The folder: ``bench/corpus_open.py --large 50000 --keep DIR`` writes one
(``DIR/corpus-50000``). The other checkout: ``git archive COMMIT tui | tar
-x -C /tmp/before``.

    .venv/bin/python bench/discover_speed.py /tmp/tandem-bench-folders/corpus-50000 --code /tmp/before [--runs 9] [-r]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE = """
import json, sys, time
from pathlib import Path
from tui.loading import discover
wall, cpu = time.perf_counter(), time.process_time()
paths = discover([Path(sys.argv[1])], recursive=sys.argv[2] == "1")
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, len(paths)]))
"""


def sample(code: Path, folder: Path, recursive: bool) -> tuple[float, float, int]:
    env = dict(os.environ, PYTHONPATH=str(code))
    out = subprocess.run(
        [sys.executable, "-c", ONE, str(folder), "1" if recursive else "0"],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    wall, cpu, count = json.loads(out)
    return wall, cpu, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--code", type=Path, required=True, help="the other checkout (a folder holding tui/)")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("-r", "--recursive", action="store_true")
    args = parser.parse_args()
    codes = {"this": ROOT, "other": args.code.resolve()}
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in codes}
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    for _ in range(args.runs):
        for name, code in codes.items():
            samples[name].append(sample(code, args.folder, args.recursive))
    counts = {name: {s[2] for s in found} for name, found in samples.items()}
    assert counts["this"] == counts["other"], counts
    print(f"discover({args.folder}{', recursive' if args.recursive else ''}): {counts['this'].pop()} paths")
    for name in codes:
        walls = [s[0] * 1000 for s in samples[name]]
        cpus = [s[1] * 1000 for s in samples[name]]
        print(
            f"  {name:5}  wall min {min(walls):.0f} ms, median {statistics.median(walls):.0f} ms;"
            f"  CPU min {min(cpus):.0f} ms, median {statistics.median(cpus):.0f} ms"
        )
    wall_ratio = min(s[0] for s in samples["this"]) / min(s[0] for s in samples["other"])
    cpu_ratio = min(s[1] for s in samples["this"]) / min(s[1] for s in samples["other"])
    print(f"  this/other (minima): wall {wall_ratio:.2f}, CPU {cpu_ratio:.2f}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
