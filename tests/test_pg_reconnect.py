"""One way to replace a PostgreSQL connection that died while idle (tui.dbserver.answering).

The notes store and the shared translation cache both keep a connection
between uses; a server restart kills it without a sign until it is used. Both
go through :func:`tui.dbserver.answering`: here it is checked on its own
against the real test server, and both stores are checked to come back after
their connection was cut while idle.
"""

from __future__ import annotations

import psycopg
import pytest
from conftest import seed

from tui.dbserver import answering, connect

pytestmark = pytest.mark.postgres


def kill(admin_url: str, conn: psycopg.Connection) -> None:
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))


def test_a_connection_killed_while_idle_is_replaced_once(pg_url: str):
    kept: list[psycopg.Connection] = [connect(pg_url, purpose="test")]
    dropped: list[psycopg.Connection] = []

    def connection() -> psycopg.Connection:
        if kept[-1].closed or kept[-1].broken:
            kept.append(connect(pg_url, purpose="test"))
        return kept[-1]

    def drop() -> None:
        dropped.append(kept[-1])
        kept[-1].close()

    first = kept[0]
    kill(pg_url, first)
    conn, cursor = answering(connection, drop, "SELECT 41 + 1")
    assert cursor.fetchone() == (42,)
    assert conn is not first and dropped == [first]
    conn, cursor = answering(connection, drop)
    assert cursor.fetchone() == (1,) and len(dropped) == 1, "a live connection is kept"
    for c in kept:
        c.close()


def test_a_server_that_stays_down_is_raised_not_retried_forever(pg_url: str):
    calls: list[str] = []

    def connection() -> psycopg.Connection:
        calls.append("connect")
        conn = connect(pg_url, purpose="test")
        kill(pg_url, conn)  # every connection dies before it is used
        return conn

    with pytest.raises(psycopg.OperationalError):
        answering(connection, lambda: calls.append("drop"))
    assert calls == ["connect", "drop", "connect", "drop"]


def test_a_probe_that_fails_otherwise_is_raised_at_once(pg_url: str):
    conn = connect(pg_url, purpose="test")
    with pytest.raises(psycopg.errors.UndefinedTable):
        answering(lambda: conn, lambda: pytest.fail("not a dead connection"), "SELECT * FROM no_such_table")
    conn.close()


def test_both_stores_come_back_after_their_idle_connection_was_cut(pg_url: str):
    from tui.loading import load_article
    from tui.notes.anchor import select
    from tui.notes.model import new_annotation
    from tui.notes.postgres import PostgresNotesStore
    from tui.translation.shared import PostgresTranslationStore
    from tui.translation.store import StoreKey

    article = load_article(seed("002"))
    key = StoreKey("argos", "m", "1", "de", "en", None)
    with PostgresNotesStore(pg_url, author="alice") as notes:
        notes.save(new_annotation(article, select(article, 0), "verified"))
        translations = PostgresTranslationStore(pg_url)
        translations.save(key, {"h1": "one"})
        assert notes._conn is not None and translations._conn is not None
        kill(pg_url, notes._conn)
        kill(pg_url, translations._conn)
        assert len(notes.list()) == 1
        assert translations.lookup(key, ["h1"]) == {"h1": "one"}
        kill(pg_url, notes._conn)
        kill(pg_url, translations._conn)
        notes.save(new_annotation(article, select(article, 1), "disputed"))  # a write after the cut
        translations.save(key, {"h2": "two"})
        assert len(notes.list()) == 2 and translations.lookup(key, ["h1", "h2"]) == {"h1": "one", "h2": "two"}
        translations.close()


def test_connections_notice_a_dead_peer_within_seconds_unless_the_url_says(pg_url: str):
    from tui.dbserver import TCP_SETTINGS

    with connect(pg_url, purpose="test") as conn:
        params = conn.info.get_parameters()
        assert params["tcp_user_timeout"] == str(TCP_SETTINGS["tcp_user_timeout"])
        assert params["keepalives_idle"] == str(TCP_SETTINGS["keepalives_idle"])
    with connect(pg_url + "&keepalives_idle=99", purpose="test") as conn:
        assert conn.info.get_parameters()["keepalives_idle"] == "99"
