"""Reading a large folder in a child process gives what reading in the thread gives."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import alive
from corpus import write_corpus

import tui.loading
import tui.short_names
from tui import child_process
from tui.corpus_index import MIN_PARALLEL, CorpusIndex
from tui.reading_process import ReadingProcess, indexed_articles


@pytest.fixture
def folder(tmp_path: Path) -> list[Path]:
    return write_corpus(tmp_path / "news", MIN_PARALLEL + 6)


def test_child_reads_records_and_answers_like_the_thread(folder: list[Path], tmp_path: Path, monkeypatch):
    expected = list(indexed_articles(CorpusIndex.open(tmp_path / "thread.sqlite3"), folder))

    def no_reading_here(*args, **kwargs):
        raise AssertionError("the reader's process read a file")

    monkeypatch.setattr(tui.loading, "load_article", no_reading_here)
    with CorpusIndex.open(tmp_path / "child.sqlite3") as index, ReadingProcess(index) as reader:
        remote = list(reader.articles(folder))
        assert not reader.in_process, "the child did the work"
        again = list(reader.articles(folder))  # the same child, now from the records it wrote
        summaries = index.summaries(folder)
    assert remote == expected
    assert again == expected
    stamps = [(p.stat().st_size, p.stat().st_mtime_ns) for p in folder]
    assert [stamp for *_, stamp in remote] == stamps, "each file's stamp when read, for watching it"
    assert [s.title if s else None for s in summaries] == [a.title for a, *_ in expected], "recorded for the next open"


def test_short_names_come_from_the_child_whenever_they_are_taken(folder: list[Path], tmp_path: Path, monkeypatch):
    from tui.short_names import short_names

    expected = tuple(short_names(folder))

    def not_here(paths):
        raise AssertionError("worked out in the reader's process")

    monkeypatch.setattr(tui.short_names, "short_names", not_here)
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index, ReadingProcess(index) as reader:
        early = reader.short_names(folder)
        assert early() == expected
        late = reader.short_names(folder)  # taken only after the articles were asked for
        articles = [a.path for a, *_ in reader.articles(folder)]
        assert late() == expected
        assert not reader.in_process
    assert articles == folder


def test_short_names_are_worked_out_here_when_no_child_can_run(folder: list[Path], tmp_path: Path, monkeypatch):
    from tui.short_names import short_names

    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index, ReadingProcess(index) as reader:
        assert reader.short_names(folder)() == tuple(short_names(folder))
        assert reader.in_process


def test_small_folders_are_read_without_a_child(folder: list[Path], tmp_path: Path, monkeypatch):
    def no_child(self, request):
        raise AssertionError("a child was asked")

    monkeypatch.setattr(child_process.Child, "send", no_child)
    few = folder[: MIN_PARALLEL - 1]
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index, ReadingProcess(index) as reader:
        assert [a.path for a, *_ in reader.articles(few)] == few


def test_falls_back_to_the_thread_when_no_child_can_run(folder: list[Path], tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index, ReadingProcess(index) as reader:
        articles = [a for a, *_ in reader.articles(folder)]
        assert reader.in_process
    assert [a.path for a in articles] == folder and all(a.ok for a in articles)


def test_a_child_that_dies_part_way_leaves_the_rest_to_the_thread(folder: list[Path], tmp_path: Path):
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index, ReadingProcess(index) as reader:
        articles = reader.articles(folder)
        first = [next(articles)[0] for _ in range(3)]
        for child in child_process.running():
            child.kill()
        rest = [a for a, *_ in articles]
        assert reader.in_process
    assert [a.path for a in first + rest] == folder


def test_the_child_runs_at_lower_priority_and_stops_when_cut_short(folder: list[Path], tmp_path: Path):
    before = child_process.running()
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index, ReadingProcess(index) as reader:
        articles = reader.articles(folder)
        next(articles)
        (started,) = child_process.running() - before
        own = os.getpriority(os.PRIO_PROCESS, 0)
        wanted = min(19, own + child_process.NICENESS)
        assert os.getpriority(os.PRIO_PROCESS, started.pid) == wanted, "background work yields the CPU to the reader"
        articles.close()  # the loader was cancelled
        assert started.poll() is not None, "the child was stopped at once"
        assert started not in child_process.running()


ORPHAN = """
import os, sys, threading, time
from pathlib import Path
from tui import child_process
from tui.corpus_index import CorpusIndex
from tui.reading_process import ReadingProcess

fifo = Path(sys.argv[1])
reader = ReadingProcess(CorpusIndex.open(Path(sys.argv[2])))
threading.Thread(target=lambda: next(reader.articles([fifo] * 64)), daemon=True).start()
while not child_process.running():
    time.sleep(0.01)
(child,) = child_process.running()
print(child.pid, flush=True)
os._exit(0)  # the reader dies without quitting: no stop_children
"""


def test_a_child_ends_when_the_reader_dies_without_quitting(tmp_path: Path):
    fifo = tmp_path / "never-written"
    os.mkfifo(fifo)  # the child blocks reading it: only its parent watch can end it
    run = subprocess.run(
        [sys.executable, "-c", ORPHAN, str(fifo), str(tmp_path / "index.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    pid = int(run.stdout)
    for _ in range(200):  # until it is gone (bounded: fails, never hangs)
        if not alive(pid):
            break
        time.sleep(0.05)
    assert not alive(pid), "a reading child outlived the reader"
