"""Reliability figures of the notes database, rerunnable: writers, kills, bad inputs.

Three trials, each printing what it tried and what held:

1. **Writers** -- ``--writers`` processes each save ``--notes`` annotations to
   one database at once (released together), while ``--readers`` processes
   list it in a loop. Reports notes kept of notes acknowledged, and
   ``PRAGMA integrity_check``.
2. **Kills** -- ``--kills`` times: a writer saves in a loop, is sent SIGKILL
   after a random number of acknowledged saves (a save is acknowledged when
   its id is printed, after ``COMMIT`` returned), and the database is checked:
   integrity ``ok`` and every acknowledged id present.
3. **Bad inputs** -- files that are not a tandem database (text, another
   program's SQLite, a newer schema, damaged pages, random bytes, a FIFO, a
   device, a folder, a parent path that is a file) must be refused with a
   message and left byte-for-byte untouched; import lines that are not records
   (too-large integers, nesting deeper than the parser's recursion limit,
   times outside 1970-8999 or in the future, wrong types, not JSON) must each be
   skipped with their line number while the good lines are imported.

Exit status 0 only when everything held.

    .venv/bin/python bench/notes_reliability.py [--writers 4 --notes 500 --readers 2 --kills 20]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.notes.importing import import_text  # noqa: E402
from tui.notes.model import Annotation, new_id, utc_now  # noqa: E402
from tui.notes.store import NotesDatabaseError, NotesStore  # noqa: E402

WRITER = r"""
import sys
from tui.notes.model import Annotation, new_id, utc_now
from tui.notes.store import NotesStore

db, count, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
store = NotesStore(db)
print("ready", flush=True)
sys.stdin.readline()
i = 0
while count < 0 or i < count:
    now = utc_now()
    a = Annotation(id=new_id(), created=now, updated=now, article_path="/corpus/a.txt", article_hash="h",
                   article_id="a", paragraph=i % 40, quote="q", prefix="", suffix="", start=None, end=None,
                   label="verified", note=f"{tag} {i}")
    store.save(a)
    print(a.id, flush=True)
    i += 1
"""

READER = r"""
import sys, time
from tui.notes.store import NotesStore
store = NotesStore(sys.argv[1])
deadline = time.monotonic() + float(sys.argv[2])
lists = 0
while time.monotonic() < deadline:
    store.list()
    lists += 1
print(lists)
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def start_writer(db: Path, count: int, tag: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(count), tag],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env(),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def writers_trial(tmp: Path, writers: int, notes: int, readers: int) -> bool:
    db = tmp / "writers.sqlite3"
    NotesStore(db).close()
    procs = [start_writer(db, notes, f"w{k}") for k in range(writers)]
    reading = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(db), "1e9"], cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env()
        )
        for _ in range(readers)
    ]
    start = time.perf_counter()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    acknowledged: set[str] = set()
    failures = 0
    for proc in procs:
        out, _ = proc.communicate(timeout=1800)
        failures += proc.returncode != 0
        acknowledged |= set(out.split())
    seconds = time.perf_counter() - start
    for reader in reading:
        reader.send_signal(signal.SIGTERM)
        reader.wait(timeout=60)
    with NotesStore(db) as store:
        kept = {a.id for a in store.list()}
        integrity = store.integrity_check()
    ok = failures == 0 and acknowledged <= kept and len(kept) == writers * notes and integrity == "ok"
    print(
        f"writers: {writers} processes x {notes} notes with {readers} readers listing: "
        f"{len(kept & acknowledged)}/{writers * notes} kept, integrity {integrity}, "
        f"{failures} writer failures, {seconds:.1f} s  [{'ok' if ok else 'FAILED'}]"
    )
    return ok


def kills_trial(tmp: Path, kills: int, rng: random.Random) -> bool:
    db = tmp / "kills.sqlite3"
    NotesStore(db).close()
    survived = 0
    lost = 0
    acknowledged_total = 0
    for round_ in range(kills):
        writer = start_writer(db, -1, f"k{round_}")
        assert writer.stdin is not None and writer.stdout is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
        target = rng.randint(1, 60)
        acknowledged = [writer.stdout.readline().strip() for _ in range(target)]
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
        acknowledged_total += len(acknowledged)
        conn = sqlite3.connect(db)
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        with NotesStore(db) as store:
            present = {a.id for a in store.list()}
        missing = set(acknowledged) - present
        lost += len(missing)
        survived += integrity == "ok" and not missing
    ok = survived == kills
    print(
        f"kills: {survived}/{kills} SIGKILLs mid-write survived (integrity ok, "
        f"{acknowledged_total - lost}/{acknowledged_total} acknowledged saves kept)  [{'ok' if ok else 'FAILED'}]"
    )
    return ok


def _sqlite_file(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def bad_files(tmp: Path) -> dict[str, Path]:
    folder = tmp / "bad"
    folder.mkdir()
    files: dict[str, Path] = {}
    (folder / "text").write_text("my notes, not a database\n")
    files["text file"] = folder / "text"
    files["another program's SQLite"] = _sqlite_file(folder / "other.db", "CREATE TABLE contacts (name TEXT)")
    files["foreign application_id"] = _sqlite_file(folder / "appid.db", "PRAGMA application_id = 1234")
    good = folder / "good.sqlite3"
    with NotesStore(good) as store:
        for i in range(200):
            now = utc_now()
            store.save(
                Annotation(
                    id=new_id(), created=now, updated=now, article_path="/a", article_hash="h", article_id="a",
                    paragraph=i, quote="q", prefix="", suffix="", start=None, end=None, label="verified",
                    note="x" * 200,
                )
            )  # fmt: skip
    newer = folder / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    _sqlite_file(newer, "PRAGMA user_version = 99")
    files["newer schema"] = newer
    data = bytearray(good.read_bytes())
    damaged = folder / "damaged.sqlite3"
    damaged.write_bytes(bytes(data[:4196]) + b"\xa5" * (len(data) - 4196))
    files["damaged pages"] = damaged
    truncated = folder / "truncated.sqlite3"
    truncated.write_bytes(bytes(data[:100]))
    files["truncated header"] = truncated
    random_bytes = folder / "random.bin"
    random_bytes.write_bytes(random.Random(7).randbytes(8192))
    files["random bytes"] = random_bytes
    header_only = folder / "header.sqlite3"
    header_only.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    files["SQLite header, no database"] = header_only
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    files["FIFO"] = fifo
    files["device (/dev/zero)"] = Path("/dev/zero")
    files["folder"] = folder
    (folder / "blocker").write_text("a file")
    files["parent path is a file"] = folder / "blocker" / "notes.sqlite3"
    return files


def _digest(path: Path) -> str | None:
    try:
        if not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def bad_files_trial(tmp: Path) -> bool:
    refused = 0
    files = bad_files(tmp)
    for name, path in files.items():
        before = _digest(path)
        siblings = sorted(p.name for p in path.parent.iterdir()) if path.parent.is_dir() else None
        outcome = "opened!"
        try:
            NotesStore(path).close()
        except NotesDatabaseError:
            outcome = "refused"
        untouched = _digest(path) == before and (
            siblings is None or sorted(p.name for p in path.parent.iterdir()) == siblings
        )
        if outcome == "refused" and untouched:
            refused += 1
        else:
            print(f"  {name}: {outcome}, {'untouched' if untouched else 'CHANGED'}")
    ok = refused == len(files)
    print(f"bad database files: {refused}/{len(files)} refused and left untouched  [{'ok' if ok else 'FAILED'}]")
    return ok


def bad_lines_trial(tmp: Path) -> bool:
    now = utc_now()
    record = {
        "format": 1, "id": "good-0", "created": now, "updated": now, "article_path": "/a", "article_hash": "h",
        "article_id": "a", "paragraph": 0, "quote": "q", "prefix": "", "suffix": "", "start": None, "end": None,
        "label": "verified", "note": "",
    }  # fmt: skip
    future = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    bad = {
        "paragraph 2^63": {**record, "paragraph": 2**63},
        "start/end 2^64": {**record, "start": 2**64, "end": 2**64 + 1},
        "negative paragraph": {**record, "paragraph": -1},
        "updated 9999-12-31": {**record, "updated": "9999-12-31T23:59:59.999999+00:00"},
        "created 1969": {**record, "created": "1969-12-31T00:00:00+00:00"},
        "updated 30 days ahead": {**record, "updated": future},
        "no time zone": {**record, "updated": "2024-01-01T00:00:00"},
        "deleted is a string": {**record, "deleted": "yes"},
        "paragraph is a float": {**record, "paragraph": 1.5},
        "label missing": {k: v for k, v in record.items() if k != "label"},
        "newer format": {**record, "format": 99},
        "lone surrogate": {**record, "note": "\ud800"},
    }
    lines = [json.dumps(record)]
    for k, (_, value) in enumerate(bad.items()):
        lines.append(json.dumps({**value, "id": f"bad-{k}"}))
    raw = {"nested 100,000 deep": "[" * 100_000 + "]" * 100_000, "not JSON": "{nope", "a bare string": '"x"'}
    lines += raw.values()
    lines.append(json.dumps({**record, "id": "good-1"}))
    with NotesStore(tmp / "import.sqlite3") as store:
        report = import_text(store, "\n".join(lines) + "\n")
        kept = sorted(a.id for a in store.list())
    tried = len(bad) + len(raw)
    skipped_lines = sorted(n for n, _ in report.skipped)
    ok = kept == ["good-0", "good-1"] and skipped_lines == list(range(2, 2 + tried))
    print(
        f"bad import lines: {len(skipped_lines)}/{tried} skipped with their line numbers, "
        f"{len(kept)}/2 good lines imported  [{'ok' if ok else 'FAILED'}]"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tandem-reliability-") as name:
        tmp = Path(name)
        results = [
            writers_trial(tmp, args.writers, args.notes, args.readers),
            kills_trial(tmp, args.kills, random.Random(args.seed)),
            bad_files_trial(tmp),
            bad_lines_trial(tmp),
        ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
