"""``q`` quits at once, even while background work runs (issue 12 item 14).

Quitting took 6-10 s on a loaded machine: asyncio.run waited for every thread
of its executor, one of them inside a model call, and closing the language
detector waited up to 5 s for its child. The real reader runs in tmux on a
folder big enough that language detection is still going when ``q`` is
pressed; the process must end and leave no detection child behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, alive
from corpus import write_corpus

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30).stdout


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_q_ends_the_reader_and_its_detection_child_while_work_runs(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 400)
    session = f"tandem-quit-{os.getpid()}"
    env = {**os.environ, "TERM": "xterm-256color", "TANDEM_EMBEDDINGS": "none"}
    command = f"{sys.executable} -m tui {folder} --notes-db {tmp_path / 'notes.sqlite3'}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=30,
    )
    try:
        pane = int(tmux("list-panes", "-t", session, "-F", "#{pane_pid}").split()[0])
        detectors: set[int] = set()
        screen = ""
        for _ in range(600):  # until the detection child runs (bounded: fails, never hangs)
            detectors = {p for p in descendants(pane) if "tui.language_process" in command_line(p)}
            screen = tmux("capture-pane", "-p", "-t", session)
            if detectors and "languages " in screen:
                break
            time.sleep(0.1)
        assert detectors and "languages " in screen, f"detection never seen running:\n{screen}"
        tmux("send-keys", "-t", session, "q")
        for _ in range(600):  # a cap, not the measure: the figure is in the closing note
            if session not in tmux("list-sessions"):
                break
            time.sleep(0.1)
        assert session not in tmux("list-sessions"), "the reader did not quit"
        assert not [p for p in detectors if alive(p)], "a language-detection child outlived the reader"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, timeout=30)
