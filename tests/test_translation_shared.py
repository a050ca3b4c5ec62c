"""The translation cache contract on both back-ends (a SQLite file, the team's
PostgreSQL server), and a paragraph translated once by one analyst found by
another with its provenance unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from tinymodel import seed_article

from tui.translated import Provenance
from tui.translation.engine import EnginePool
from tui.translation.opening import TranslationCache, open_translation_store, translations_location
from tui.translation.service import cached_translation, translate_article
from tui.translation.shared import PostgresTranslationStore
from tui.translation.store import StoreError, StoreKey, TranslationStore

KEY = StoreKey("argos", "translate-ar_en", "1.9", "ar", "en")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "t.sqlite3")
    return str(request.getfixturevalue("pg_url"))


def fresh(location: str) -> TranslationCache:
    """A new store on ``location``, as another analyst's tandem would open it."""
    return PostgresTranslationStore(location) if location.startswith("postgresql://") else TranslationStore(location)


def test_round_trip_and_key_separation(location: str):
    store = fresh(location)
    assert store.lookup(KEY, ["h1"]) == {}  # reading an empty database creates nothing and finds nothing
    store.save(KEY, {"h1": "one", "h2": "two ‏مرحبا \x1b[0m"})
    assert fresh(location).lookup(KEY, ["h1", "h2", "h3"]) == {"h1": "one", "h2": "two ‏مرحبا \x1b[0m"}
    for other in (
        StoreKey("argos", "translate-ar_en", "2.0", "ar", "en"),
        StoreKey("argos", "translate-fa_en", "1.9", "ar", "en"),
        StoreKey("argos", "translate-ar_en", "1.9", "ar", "de"),
        StoreKey("reference", "translate-ar_en", "1.9", "ar", "en"),
    ):
        assert store.lookup(other, ["h1"]) == {}


def test_keys_for_counts_per_model_and_keeps_the_pivot(location: str):
    store = fresh(location)
    pivot = StoreKey("argos", "translate-fa_en+translate-en_de", "1+1", "fa", "de", pivot="en")
    store.save(pivot, {"a": "A", "b": "B"})
    store.save(StoreKey("argos", "translate-fa_de", "1", "fa", "de"), {"a": "A"})
    keys = fresh(location).keys_for("fa", "de", ["a", "b", "c"])
    assert [(k.model, n) for k, n in keys] == [("translate-fa_en+translate-en_de", 2), ("translate-fa_de", 1)]
    assert keys[0][0].provenance == Provenance("argos", "translate-fa_en+translate-en_de", "1+1", "en")


def test_placements_upsert_and_replace(location: str):
    store = fresh(location)
    store.save(KEY, {"h0": "x"}, article_id="a", placements={0: "h0", 1: "h1"})
    store.save(KEY, {}, article_id="a", placements={1: "h9"})
    assert store.placements(KEY, "a") == {0: "h0", 1: "h9"}
    store.save(KEY, {}, article_id="a", placements={0: "h5"}, replace_placements=True)
    assert fresh(location).placements(KEY, "a") == {0: "h5"}
    assert store.placements(KEY, "b") == {}


def test_a_failed_write_leaves_nothing(location: str):
    store = fresh(location)
    store.save(KEY, {"h0": "kept"})

    class Boom(dict):
        def items(self):
            yield ("h1", "one")
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.save(KEY, Boom(x=1))
    assert store.lookup(KEY, ["h0", "h1"]) == {"h0": "kept"}


@pytest.mark.postgres
def test_a_paragraph_translated_once_is_found_by_the_whole_team(packages_dir, pg_url: str, monkeypatch, cache_dir):
    article = seed_article("002")
    alice = PostgresTranslationStore(pg_url)
    done = translate_article(article, "en", packages_dir=packages_dir, store=alice, pool=EnginePool())
    # Bob's tandem, configured through the environment only: no model call, same provenance and text.
    monkeypatch.setenv("TANDEM_TRANSLATIONS_DB", pg_url)
    bob_pool = EnginePool()
    again = translate_article(article, "en", packages_dir=packages_dir, pool=bob_pool)
    assert bob_pool.calls == 0 and bob_pool.loads == 0
    assert again.provenance == done.provenance == Provenance("argos", "translate-de_en", "1.0")
    assert {i: p.text for i, p in again.paragraphs.items()} == {i: p.text for i, p in done.paragraphs.items()}
    found = cached_translation(article, "en", packages_dir=packages_dir)
    assert found is not None and found.provenance == done.provenance
    # The user's own file cache was not used for any of it.
    from tui.translation.store import default_store_path

    assert default_store_path().parent.parent == cache_dir and not default_store_path().exists()


@pytest.mark.postgres
def test_a_dropped_connection_is_reopened(pg_url: str):
    import psycopg

    store = PostgresTranslationStore(pg_url)
    store.save(KEY, {"h": "before"})
    assert store._conn is not None
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (store._conn.info.backend_pid,))
    assert store.lookup(KEY, ["h"]) == {"h": "before"}
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (store._conn.info.backend_pid,))
    store.save(KEY, {"h2": "after"})
    assert store.lookup(KEY, ["h", "h2"]) == {"h": "before", "h2": "after"}


def test_location_comes_from_option_environment_then_config(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("TANDEM_TRANSLATIONS_DB", raising=False)
    assert translations_location() is None  # the default file in the user cache
    config = tmp_path / "config.toml"
    config.write_text(f'translations_db = "{tmp_path / "conf.sqlite3"}"\n', encoding="utf-8")
    monkeypatch.setenv("TANDEM_CONFIG", str(config))
    assert translations_location() == tmp_path / "conf.sqlite3"
    monkeypatch.setenv("TANDEM_TRANSLATIONS_DB", "postgresql://team@db.example/tandem")
    assert translations_location() == "postgresql://team@db.example/tandem"
    assert translations_location(str(tmp_path / "cli.sqlite3")) == tmp_path / "cli.sqlite3"
    with pytest.raises(StoreError, match="pgpass"):
        open_translation_store("postgresql://team:hunter2@db.example/tandem")


@pytest.mark.postgres
def test_an_unreachable_server_is_a_store_error_naming_it():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = open_translation_store(f"postgresql://bob@127.0.0.1:{port}/team")
    with pytest.raises(StoreError, match=f"postgresql://bob@127.0.0.1:{port}/team"):
        store.lookup(KEY, ["h"])


@pytest.mark.postgres
def test_show_says_plainly_when_the_translation_server_is_unreachable(capsys, monkeypatch):
    import socket

    from conftest import seed

    from tui.cli import main

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TANDEM_TRANSLATIONS_DB", f"postgresql://bob@127.0.0.1:{port}/team")
    assert main(["show", str(seed("002")), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tandem show: translation cache postgresql://bob@127.0.0.1:") and "Traceback" not in err
