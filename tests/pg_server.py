"""A throwaway PostgreSQL cluster on loopback, for the tests and the benches.

One source for how tandem's tests get a real server: ``.ci/run`` calls this
file (``python3 tests/pg_server.py start DIR`` prints the URL, ``stop DIR``
removes the cluster), and ``tests/conftest.py`` imports it to start a cluster
of its own when ``TANDEM_TEST_PG_URL`` is not set (a developer's machine with
Debian's ``postgresql`` package installed). No mocks: the tests talk to a real
``postgres`` listening on 127.0.0.1 at a free port, trust authentication (the
cluster lives for one run and accepts loopback connections only).

Standard library only: ``.ci/run`` runs it with the system ``python3`` before
the project's virtual environment exists.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

DATABASE = "tandem_test"


class NoServer(Exception):
    """PostgreSQL is not installed here, or the cluster would not start."""


def bin_dir() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl`` (Debian keeps them off PATH)."""
    found = shutil.which("initdb")
    if found:
        found = os.path.realpath(found)  # a symlink in /usr/local/bin: its siblings are in the real directory
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise NoServer("PostgreSQL is not installed (no initdb; Debian: apt-get install postgresql)")
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(argv: list[str], user: str | None) -> None:
    done = subprocess.run(argv, user=user, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise NoServer(f"{Path(argv[0]).name} failed: {(done.stderr or done.stdout).strip()[-800:]}")


def _user() -> str | None:
    # initdb refuses to run as root; Debian's package creates the postgres user.
    return "postgres" if os.geteuid() == 0 else None


def start(root: Path) -> str:
    """Create and start a cluster under ``root`` (a fresh directory); its URL."""
    tools = bin_dir()
    user = _user()
    root.mkdir(parents=True, exist_ok=True)
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir(exist_ok=True)
    if user is not None:
        # ``root`` must sit in a directory the postgres user can traverse (e.g. /tmp).
        root.chmod(0o755)
        for path in (root, sockets):
            shutil.chown(path, user)
    _run([str(tools / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale",
          "--no-sync"], user)  # fmt: skip
    port = _free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c max_connections=60"
    _run([str(tools / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "-t", "60",
          "start"], user)  # fmt: skip
    (root / "port").write_text(str(port))
    _run([str(tools / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", DATABASE], user)
    return f"postgresql://postgres@127.0.0.1:{port}/{DATABASE}"


def stop(root: Path) -> None:
    """Stop the cluster under ``root`` (if running) and remove it."""
    data = root / "data"
    if (data / "postmaster.pid").exists():
        try:
            _run([str(bin_dir() / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], _user())
        except NoServer:
            pass
    shutil.rmtree(root, ignore_errors=True)


def restart(root: Path) -> None:
    """Stop the cluster (fast shutdown, clients cut off) and start it again on the same port."""
    data = root / "data"
    port = (root / "port").read_text()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root / 'sockets'} -c max_connections=60"
    tools, user = bin_dir(), _user()
    _run([str(tools / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], user)
    _run([str(tools / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "-t", "60",
          "start"], user)  # fmt: skip


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: pg_server.py start|stop DIR", file=sys.stderr)
        return 2
    root = Path(argv[1])
    if argv[0] == "stop":
        stop(root)
        return 0
    try:
        print(start(root))
    except NoServer as exc:
        print(f"pg_server: {exc}", file=sys.stderr)
        stop(root)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
