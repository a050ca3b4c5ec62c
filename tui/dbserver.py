"""The team's PostgreSQL server: recognising its URL, naming it, connecting to it.

Annotations (:mod:`tui.notes.postgres`) and machine translations
(:mod:`tui.translation.shared`) can both live on one server; this module is
what they share, so both treat a location and its credentials the same way:

* a location is a server when it starts with ``postgresql://`` or
  ``postgres://`` (anything else is a file path);
* credentials come from libpq's own sources only (``~/.pgpass``,
  ``PGPASSFILE``, ``PG*`` variables, a service file): a URL carrying a
  password is refused (:func:`has_password`), since a command line is visible
  to every user of the machine and a config file gets copied around;
* messages show :func:`display_url`, never a password;
* a connection gives up after :data:`CONNECT_TIMEOUT` seconds unless the URL
  says otherwise (libpq would wait forever on a silent network), and a
  server that vanishes mid-query (host down, network cut) is noticed by TCP
  within about :data:`DEAD_PEER_SECONDS` (:data:`TCP_SETTINGS`) instead of the
  system's default of hours -- a query blocked on a dead peer would hold the
  store's lock, and the reader waiting for it;
* a connection kept between uses that died while idle (server restarted,
  a firewall forgot it) is replaced the same way everywhere: :func:`answering`.

psycopg is imported inside :func:`connect` only, so reading the config and
opening a SQLite store never pay for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql://", "postgres://")

_QUIET = logging.NullHandler()

CONNECT_TIMEOUT = 5
"""Seconds to wait for the server when the URL does not say."""

DEAD_PEER_SECONDS = 20
TCP_SETTINGS: dict[str, int] = {
    "keepalives": 1,
    "keepalives_idle": 8,  # seconds of silence before the first probe
    "keepalives_interval": 4,
    "keepalives_count": 3,  # 8 + 3 x 4 = 20 s
    "tcp_user_timeout": DEAD_PEER_SECONDS * 1000,  # ms a sent packet may stay unacknowledged
}
"""libpq's TCP settings when the URL does not give them (ignored on Unix sockets)."""


def is_server_url(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL server rather than a file."""
    return isinstance(location, str) and location.startswith(SCHEMES)


def has_password(location: str) -> bool:
    """Whether a server URL carries a password (``user:secret@`` or ``?password=``)."""
    if not is_server_url(location):
        return False
    try:
        parts = urlsplit(location)
        return parts.password is not None or "password" in parse_qs(parts.query)
    except ValueError:
        return "password" in location


def display_url(url: str) -> str:
    """``url`` for messages: user, host, port and database (or the service); never the password."""
    try:
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        host, port, user = parts.hostname or "", parts.port, parts.username
    except ValueError:
        return "postgresql://(unreadable URL)"
    if "service" in query and not host:
        return f"postgresql:///?service={query['service'][0]}"
    who = f"{user}@" if user else ""
    at = f":{port}" if port else ""
    return f"postgresql://{who}{host}{at}{parts.path or '/'}"


def connect(url: str, *, purpose: str) -> psycopg.Connection[tuple[Any, ...]]:
    """An autocommit connection to ``url`` (libpq finds the credentials);
    :class:`psycopg.OperationalError` when the server cannot be reached."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    # psycopg logs what it ignores while cleaning up a lost connection; with no
    # logging configured Python would print that on stderr -- under the reader,
    # onto the screen. The stores report every failure themselves.
    logging.getLogger("psycopg").addHandler(_QUIET)
    extra: dict[str, Any] = {"application_name": f"tandem {purpose}"}
    given = conninfo_to_dict(url)
    if "connect_timeout" not in given:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    extra.update({key: value for key, value in TCP_SETTINGS.items() if key not in given})
    return psycopg.connect(make_conninfo(url, **extra), autocommit=True)


def answering(
    connection: Callable[[], psycopg.Connection[tuple[Any, ...]]],
    drop: Callable[[], None],
    probe: str = "SELECT 1",
) -> tuple[psycopg.Connection[tuple[Any, ...]], psycopg.Cursor[tuple[Any, ...]]]:
    """A connection that has just answered ``probe``, and the probe's cursor.

    A kept connection that died while idle shows nothing until it is used.
    So the first statement of each read or write is the probe (``SELECT 1``,
    ``BEGIN``, or a first query that reads nothing the caller changes): when it
    fails with :class:`psycopg.OperationalError`, ``drop()`` forgets the dead
    connection, ``connection()`` opens a fresh one and the probe is sent again
    -- safe, since none of the caller's work was sent. A second failure is
    raised: then the server is down, not just the connection. Any other error
    of the probe is raised at once.
    """
    import psycopg

    try:
        conn = connection()
        return conn, conn.execute(probe.encode())
    except psycopg.OperationalError:
        drop()
    conn = connection()
    try:
        return conn, conn.execute(probe.encode())
    except psycopg.OperationalError:
        drop()
        raise
