"""Shared test set-up: an isolated home for every run, seeds, screen reading.

Environment isolation happens at import time, before any test module imports
argostranslate (which reads XDG paths on import) or tandem's config: no test
may read or write the developer's real config, cache or Argos packages.
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from tinymodel import TinyKit

_HOME = Path(tempfile.mkdtemp(prefix="tandem-test-home-"))
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_HOME / _name.lower())
os.environ["TANDEM_CONFIG"] = str(_HOME / "no-config.toml")
os.environ["TANDEM_CACHE_DIR"] = str(_HOME / "cache")
os.environ["ARGOS_PACKAGES_DIR"] = str(_HOME / "argos-packages")
os.environ.pop("NO_COLOR", None)
# The reader groups versions with cached embeddings only in tests: computing
# them (seconds of CPU) would make screens depend on timing. The embedding
# path itself is tested in tests/test_versions_*.py.
os.environ["TANDEM_EMBEDDINGS"] = "none"

# Property tests run the same examples on every run, so CI cannot fail on a
# draw nobody has seen locally. ``--hypothesis-profile=explore`` draws fresh
# examples (and ten times as many) to look for new failures; whatever it finds
# becomes an explicit example or a fix before it lands.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=1000, print_blob=True)
settings.load_profile(os.environ.get("TANDEM_HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. ``"002"``)."""
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path


async def settle(pilot) -> None:
    """Wait until the reader has read every article, detected languages and
    grouped versions (``ReaderScreen.settled``), and its workers are idle."""
    import asyncio

    await asyncio.wait_for(pilot.app.screen.settled.wait(), 240)  # a cap, not a pause: loaded CI machines are slow
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """What the terminal would show right now, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


# --- fixtures shared by every test module (pytest finds them here) ---------


@pytest.fixture(scope="session")
def tiny_kit(tmp_path_factory: pytest.TempPathFactory) -> TinyKit:
    from tinymodel import TinyKit

    return TinyKit(tmp_path_factory.mktemp("tinykit"))


@pytest.fixture(scope="session")
def argos_sandbox(tmp_path_factory) -> Path:
    """A home for child processes' Argos/XDG directories (see
    :func:`environment_for_subprocess`). In this process, ``tests/conftest.py``
    already points XDG_* and ARGOS_PACKAGES_DIR at a temporary home before
    anything imports argostranslate (which reads them once, at import)."""
    return tmp_path_factory.mktemp("argos-home")


def _loopback(host: object) -> bool:
    """Whether ``host`` is this machine (127.0.0.0/8, ::1, "localhost")."""
    import ipaddress

    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host is None or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def reading_state(tmp_path_factory, monkeypatch):
    """Each test starts with no remembered reading places (tui.reading_places):
    one test's last article and positions must not decide where another starts."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("TANDEM_STATE_DIR", str(state))
    return state


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to reach the network fails the test; this machine (loopback
    addresses and Unix sockets, e.g. the test PostgreSQL server) is allowed."""
    real_connect, real_connect_ex, real_getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def local(sock: socket.socket, address: object) -> bool:
        if sock.family == getattr(socket, "AF_UNIX", None):
            return True
        return isinstance(address, tuple) and _loopback(address[0])

    def connect(self, address):
        if not local(self, address):
            raise AssertionError(f"network access attempted: {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not local(self, address):
            raise AssertionError(f"network access attempted: {address!r}")
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _loopback(host):
            raise AssertionError(f"network access attempted: {(host, *args)!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


# --- PostgreSQL: a real server on loopback (see tests/pg_server.py) ------------


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """The test server's URL: ``$TANDEM_TEST_PG_URL`` (set by ``.ci/run``), else a
    throwaway cluster started here. Without one the PostgreSQL tests are skipped,
    except in CI (``CI=true``), where they fail."""
    url = os.environ.get("TANDEM_TEST_PG_URL")
    if url:
        yield url
        return
    import shutil

    import pg_server

    root = Path(tempfile.mkdtemp(prefix="tandem-pg-"))
    try:
        url = pg_server.start(root)
    except pg_server.NoServer as exc:
        pg_server.stop(root)
        shutil.rmtree(root, ignore_errors=True)
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but no PostgreSQL server could be started: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc} (install postgresql, or set TANDEM_TEST_PG_URL)")
    yield url
    pg_server.stop(root)


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A URL whose tables live in a fresh schema of their own, dropped afterwards."""
    import uuid

    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in pg_server_url else "?"
    yield f"{pg_server_url}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A private TANDEM_CACHE_DIR for the test."""
    path = tmp_path / "tandem-cache"
    monkeypatch.setenv("TANDEM_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def packages_dir(tmp_path_factory, tiny_kit) -> Path:
    """A packages dir with X→en for every seed language, and en→de (read-only!)."""
    from tui.translation.packages import install_package

    root = tmp_path_factory.mktemp("packages")
    for source, target in (("ar", "en"), ("fa", "en"), ("de", "en"), ("uk", "en"), ("en", "de")):
        install_package(tiny_kit.archive(source, target), root)
    return root


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, exited but not reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
