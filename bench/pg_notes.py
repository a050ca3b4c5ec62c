"""The annotation store on a PostgreSQL server, under a team's load (issue 16).

Starts its own throwaway PostgreSQL cluster on loopback (tests/pg_server.py;
Debian's ``postgresql`` package must be installed), then:

1. **writers** -- 8 processes save 500 annotations each at once, every save
   its own transaction; all 4,000 must be kept. Save latency (median, p95) is
   compared with the same 8 x 500 on one SQLite file in the same run (ratio).
2. **kills** -- a writer saving in a loop, SIGKILLed at a random moment, 20
   times; every save it acknowledged (the id printed after ``save`` returned)
   must be in the database.
3. **restart** -- a writer keeps saving while the server is restarted (fast
   shutdown: its connections are cut) 3 times; it must not crash, must save
   again after each restart by itself, every save it acknowledged must be
   stored (a save the server did not confirm is kept by the writer and saved
   again, as the reader keeps the typed text), and a store opened before the
   restarts must see changes made after them.
4. **live** -- from the start of a colleague's save to its delivery by
   :func:`tui.notes.live.follow` in another store's worker thread, 50 saves
   at 0.1 s intervals, PostgreSQL (NOTIFY) and SQLite (counter poll).
5. **open** -- time to open a store (connect, check the schema), PostgreSQL
   against SQLite, median of 15.

    .venv/bin/python bench/pg_notes.py [--writers 8] [--notes 500] [--kills 20] [--restarts 3]

Prints one line per scenario and ``FAIL`` (exit 1) when a guarantee breaks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pg_server  # noqa: E402  (tests/pg_server.py)


def template():
    from tui.loading import load_article
    from tui.notes.anchor import select
    from tui.notes.model import new_annotation

    (path,) = sorted((ROOT / "seeds").glob("002_*.txt"))
    article = load_article(path)
    return new_annotation(article, select(article, 1), "disputed", "bench")


def writer(location: str, count: int, prefix: str, go: str | None) -> int:
    """Child process: save ``count`` notes, print each id once acknowledged, then the latencies."""
    from tui.notes.opening import open_notes_store
    from tui.notes.store import NotesDatabaseError

    base = template()
    latencies: list[float] = []
    with open_notes_store(location, author=prefix) as store:
        if go:
            while not os.path.exists(go):
                time.sleep(0.001)
        i = 0
        retries = 0
        while count < 0 or i < count:
            note = replace(base, id=f"{prefix}-{i:06d}", note=f"{prefix} note {i}")
            start = time.perf_counter()
            try:
                store.save(note)
            except NotesDatabaseError:
                retries += 1  # the server did not confirm: keep the note, save it again
                print("retry", flush=True)
                time.sleep(0.05)
                continue
            latencies.append(time.perf_counter() - start)
            print(f"ack {note.id}", flush=True)
            i += 1
    print("latencies " + json.dumps({"latencies": latencies, "retries": retries}), flush=True)
    return 0


def spawn(location: str, count: int, prefix: str, go: str | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, __file__, "--child", location, str(count), prefix, go or ""],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def stored_ids(location: str) -> set[str]:
    from tui.notes.opening import open_notes_store

    with open_notes_store(location) as store:
        return {a.id for a in store.list(include_deleted=True)}


def fresh_schema(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        conn.execute(f"CREATE SCHEMA {name}")
    return f"{server}?options=-csearch_path%3D{name}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def concurrent_writers(location: str, writers: int, notes: int, tmp: Path) -> tuple[int, list[float], float]:
    from tui.notes.opening import open_notes_store

    open_notes_store(location).close()  # schema created before the race starts
    go = tmp / f"go-{random.random()}"
    procs = [spawn(location, notes, f"w{k}", str(go)) for k in range(writers)]
    time.sleep(1.0)  # let every child import and connect
    started = time.perf_counter()
    go.touch()
    latencies: list[float] = []
    for proc in procs:
        out, _ = proc.communicate()
        for line in out.splitlines():
            if line.startswith("latencies "):
                latencies += json.loads(line[len("latencies ") :])["latencies"]
    elapsed = time.perf_counter() - started
    return len(stored_ids(location)), latencies, elapsed


def kills(location: str, rounds: int) -> tuple[int, int, int]:
    """(rounds survived, acknowledged saves, acknowledged saves missing)."""
    acked: set[str] = set()
    for r in range(rounds):
        proc = spawn(location, -1, f"k{r}")
        assert proc.stdout is not None
        deadline = time.monotonic() + random.uniform(0.3, 1.5)
        mine: list[str] = []
        # Read acknowledgements until the random moment, then kill mid-loop.
        fd = proc.stdout.fileno()
        os.set_blocking(fd, False)
        buffer = ""
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 65536).decode()
            except BlockingIOError:
                chunk = ""
            buffer += chunk
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        try:
            buffer += os.read(fd, 1 << 20).decode()
        except BlockingIOError:
            pass
        for line in buffer.splitlines():
            if line.startswith("ack "):
                mine.append(line[4:])
        acked.update(mine)
    missing = acked - stored_ids(location)
    return rounds, len(acked), len(missing)


def restarts(location: str, root: Path, times: int) -> dict[str, object]:
    """A writer saving without end while the server restarts ``times`` times."""
    from tui.notes.opening import open_notes_store

    proc = spawn(location, -1, "r")
    assert proc.stdout is not None
    lines: list[str] = []

    def next_ack() -> None:
        """Read the writer's output up to its next acknowledged save."""
        while True:
            line = proc.stdout.readline() if proc.stdout is not None else ""
            if not line:
                raise RuntimeError("the writer stopped")
            lines.append(line)
            if line.startswith("ack "):
                return

    next_ack()  # connected and saving
    watcher = open_notes_store(location, author="watcher")
    token = watcher.change_token()
    for _ in range(times):
        next_ack()
        pg_server.restart(root)
        next_ack()  # saving again: it reconnected by itself
    next_ack()
    woke = watcher.wait_for_change(token, 10) and bool(watcher.changes_since(token)[1])
    alive = proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate()
    lines += out.splitlines()
    acked = {line.split()[1] for line in lines if line.startswith("ack ")}
    missing = acked - stored_ids(location)
    watcher.close()
    return {
        "acked": len(acked),
        "missing": len(missing),
        "retried": sum(1 for line in lines if line.startswith("retry")),
        "alive": alive,
        "woke": woke,
    }


def live_latency(location: str, saves: int) -> list[float]:
    """Seconds from the start of a colleague's save to its delivery by a following worker."""
    from tui.notes.live import follow
    from tui.notes.opening import open_notes_store

    base = template()
    saved_at: dict[str, float] = {}
    delivered_at: dict[str, float] = {}
    done = threading.Event()

    def deliver(changed: list) -> None:
        now = time.perf_counter()
        for a in changed:
            delivered_at.setdefault(a.id, now)
        if len(delivered_at) >= saves:
            done.set()

    with open_notes_store(location, author="alice") as alice, open_notes_store(location, author="bob") as bob:
        stop = threading.Event()
        worker = threading.Thread(target=follow, args=(alice, alice.change_token(), deliver, stop))
        worker.start()
        time.sleep(0.5)  # the worker is listening
        for i in range(saves):
            started = time.perf_counter()  # (the notification can arrive before save returns)
            note = bob.save(replace(base, id=f"live-{i:04d}", note=f"live {i}"))
            saved_at[note.id] = started
            time.sleep(0.1)  # an analyst's pace, not a stream
        done.wait(30)
        stop.set()
        worker.join(30)
    return [delivered_at[i] - saved_at[i] for i in saved_at if i in delivered_at]


def open_times(location: str, runs: int) -> float:
    from tui.notes.opening import open_notes_store

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        store = open_notes_store(location)
        store.count()
        times.append(time.perf_counter() - start)
        store.close()
    return statistics.median(times)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, location, count, prefix, go = sys.argv
        return writer(location, int(count), prefix, go or None)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--restarts", type=int, default=3)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    root = Path(tempfile.mkdtemp(prefix="tandem-bench-pg-"))
    server = pg_server.start(root)
    ok = True
    try:
        total = args.writers * args.notes
        pg = fresh_schema(server, "bench_writers")
        kept, lat, elapsed = concurrent_writers(pg, args.writers, args.notes, tmp)
        lite_kept, lite_lat, lite_elapsed = concurrent_writers(str(tmp / "ref.sqlite3"), args.writers, args.notes, tmp)
        ok &= kept == total
        print(
            f"writers   PostgreSQL {args.writers}x{args.notes}: {kept}/{total} kept, "
            f"save median {statistics.median(lat) * 1000:.1f} ms, p95 {percentile(lat, 0.95) * 1000:.1f} ms, "
            f"{total / elapsed:.0f} saves/s"
        )
        print(
            f"          SQLite reference: {lite_kept}/{total} kept, "
            f"median {statistics.median(lite_lat) * 1000:.1f} ms, p95 {percentile(lite_lat, 0.95) * 1000:.1f} ms, "
            f"{total / lite_elapsed:.0f} saves/s; ratio PostgreSQL/SQLite median "
            f"{statistics.median(lat) / statistics.median(lite_lat):.2f}, p95 "
            f"{percentile(lat, 0.95) / percentile(lite_lat, 0.95):.2f}"
        )

        pg = fresh_schema(server, "bench_kills")
        from tui.notes.opening import open_notes_store

        open_notes_store(pg).close()
        rounds, acked, missing = kills(pg, args.kills)
        ok &= missing == 0
        print(f"kills     {rounds} SIGKILLs mid-loop: {acked} acknowledged saves, {missing} missing")

        pg = fresh_schema(server, "bench_restart")
        open_notes_store(pg).close()
        r = restarts(pg, root, args.restarts)
        ok &= r["missing"] == 0 and bool(r["alive"]) and bool(r["woke"])
        print(
            f"restart   {args.restarts} server restarts under a writer saving without pause: still running "
            f"{r['alive']}, saving again after each restart, {r['acked']} acknowledged saves, {r['missing']} missing, "
            f"{r['retried']} unconfirmed saves kept and saved again; listener woke after the restarts: {r['woke']}"
        )

        pg = fresh_schema(server, "bench_live")
        live_pg = live_latency(pg, 50)
        live_lite = live_latency(str(tmp / "live.sqlite3"), 50)
        ok &= len(live_pg) == 50 and len(live_lite) == 50
        print(
            f"live      a colleague's save (from its start) to delivery by tui.notes.live.follow, 50 saves: PostgreSQL (NOTIFY) "
            f"median {statistics.median(live_pg) * 1000:.1f} ms, max {max(live_pg) * 1000:.1f} ms; "
            f"SQLite (counter poll every 0.25 s) median {statistics.median(live_lite) * 1000:.1f} ms, "
            f"max {max(live_lite) * 1000:.1f} ms; {len(live_pg)}/50 and {len(live_lite)}/50 delivered"
        )

        pg = fresh_schema(server, "bench_open")
        open_notes_store(pg).close()
        lite = str(tmp / "open.sqlite3")
        open_notes_store(lite).close()
        t_pg, t_lite = open_times(pg, 15), open_times(lite, 15)
        print(
            f"open      store open + first query: PostgreSQL {t_pg * 1000:.1f} ms, SQLite {t_lite * 1000:.1f} ms "
            f"(ratio {t_pg / t_lite:.2f})"
        )
    finally:
        pg_server.stop(root)
        shutil.rmtree(tmp, ignore_errors=True)
    print("OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
