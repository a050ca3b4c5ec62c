"""Throughput of claim extraction on the seeds repeated, and per-paragraph cost.

Run: ``.venv/bin/python bench/claims_speed.py [MB]`` (default 4 MB of text).
Prints MB/s of UTF-8 text on one core, per CPU-second (the target, ≥ 2 MB/s:
on a shared machine wall time also counts other processes) and per wall
second, the median cost of
one paragraph (the reader's key-press path), and a linearity check: the time
for hostile inputs of growing size (digits, quotes, mixed digit systems)
should grow about linearly — the ratio column should stay near the size ratio.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.claims.extract import extract_claims  # noqa: E402
from tui.claims.gold import paragraphs_of  # noqa: E402

LANGUAGES = {"000": "ar", "001": "fa", "002": "de", "003": "uk", "004": "ar"}


def seed_paragraphs() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lang = LANGUAGES[path.name[:3]]
        out.extend((p, lang) for p in paragraphs_of(path.read_text(encoding="utf-8")))
    return out


def throughput(megabytes: float) -> None:
    paras = seed_paragraphs()
    size = sum(len(p.encode("utf-8")) for p, _ in paras)
    rounds = max(1, int(megabytes * 1e6 / size))
    extract_claims("warm up 5 October 2023", "en")  # build lexicons once
    for p, lang in paras:
        extract_claims(p, lang)
    t0, c0 = time.perf_counter(), time.process_time()
    claims = 0
    for _ in range(rounds):
        for p, lang in paras:
            claims += len(extract_claims(p, lang))
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    total = size * rounds / 1e6
    print(
        f"seeds x{rounds}: {total:.2f} MB UTF-8, {claims} claims in {cpu:.2f} CPU-s ({elapsed:.2f} s wall) "
        f"-> {total / cpu:.2f} MB per CPU-second, {total / elapsed:.2f} MB/s wall, one core"
    )
    costs = []
    for p, lang in paras:
        t = time.perf_counter()
        for _ in range(20):
            extract_claims(p, lang)
        costs.append((time.perf_counter() - t) / 20)
    print(
        f"per paragraph: median {statistics.median(costs) * 1e6:.0f} µs, "
        f"max {max(costs) * 1e6:.0f} µs (longest paragraph {max(len(p) for p, _ in paras)} chars)"
    )


def linearity() -> None:
    cases = {
        "digits": lambda n: "7" * n,
        "digit groups": lambda n: "1,2" * (n // 3),
        "mixed digits": lambda n: "1٢۳" * (n // 3),
        "open quotes": lambda n: "«a " * (n // 3),
        "quote pairs": lambda n: "“a” " * (n // 4),
        "brackets": lambda n: "<[{(" * (n // 4),
        "number words": lambda n: "خمسة عشر " * (n // 9),
        "dates": lambda n: "5 October 2023, " * (n // 16),
        "hedged figures": lambda n: "likely 5 cars " * (n // 14),
        "quoted sources": lambda n: "“a b”, said Jo " * (n // 15),
        "said ... not": lambda n: "Jo said " + "it did not go " * (n // 14),
        "dots": lambda n: "." * n + "x",
        "scale chain": lambda n: "5" + " million" * (n // 8),
    }
    print(f"\n{'hostile input':<14}{'100 KB':>10}{'400 KB':>10}{'ratio':>8}  (linear ≈ 4)")
    for name, make in cases.items():
        times = []
        for n in (100_000, 400_000):  # one paragraph of that many characters
            text = make(n)
            t = time.perf_counter()
            extract_claims(text, "ar" if "خ" in text else "en")
            times.append(time.perf_counter() - t)
        print(f"{name:<14}{times[0]:>9.3f}s{times[1]:>9.3f}s{times[1] / max(times[0], 1e-9):>8.1f}")


if __name__ == "__main__":
    throughput(float(sys.argv[1]) if len(sys.argv) > 1 else 4.0)
    linearity()
