"""The SQLite translation cache: keys, atomicity, two processes, no side effects on read."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinymodel import REPO

from tui.translated import Provenance
from tui.translation.store import StoreError, StoreKey, TranslationStore, default_store_path

KEY = StoreKey("argos", "translate-ar_en", "1.9", "ar", "en")


def test_round_trip_and_key_separation(tmp_path):
    store = TranslationStore(tmp_path / "t.sqlite3")
    store.save(KEY, {"h1": "one", "h2": "two"})
    assert store.lookup(KEY, ["h1", "h2", "h3"]) == {"h1": "one", "h2": "two"}
    for other in (
        StoreKey("argos", "translate-ar_en", "2.0", "ar", "en"),  # other model version
        StoreKey("argos", "translate-fa_en", "1.9", "ar", "en"),  # other model
        StoreKey("argos", "translate-ar_en", "1.9", "ar", "de"),  # other target
        StoreKey("reference", "translate-ar_en", "1.9", "ar", "en"),  # other engine
    ):
        assert store.lookup(other, ["h1"]) == {}


def test_reading_creates_nothing(tmp_path):
    store = TranslationStore(tmp_path / "deep" / "t.sqlite3")
    assert store.lookup(KEY, ["h"]) == {}
    assert store.keys_for("ar", "en", ["h"]) == []
    assert store.placements(KEY, "a") == {}
    assert not (tmp_path / "deep").exists()


def test_default_path_follows_tandem_cache_dir(cache_dir):
    assert default_store_path() == cache_dir / "translations" / "translations.sqlite3"


def test_keys_for_counts_per_model(tmp_path):
    store = TranslationStore(tmp_path / "t.sqlite3")
    pivot = StoreKey("argos", "translate-fa_en+translate-en_de", "1+1", "fa", "de", pivot="en")
    store.save(pivot, {"a": "A", "b": "B"})
    store.save(StoreKey("argos", "translate-fa_de", "1", "fa", "de"), {"a": "A"})
    keys = store.keys_for("fa", "de", ["a", "b", "c"])
    assert [(k.model, n) for k, n in keys] == [
        ("translate-fa_en+translate-en_de", 2),
        ("translate-fa_de", 1),
    ]
    assert keys[0][0].provenance == Provenance("argos", "translate-fa_en+translate-en_de", "1+1", "en")


def test_placements_upsert_and_replace(tmp_path):
    store = TranslationStore(tmp_path / "t.sqlite3")
    store.save(KEY, {"h0": "x"}, article_id="a", placements={0: "h0", 1: "h1"})
    store.save(KEY, {}, article_id="a", placements={1: "h9"})
    assert store.placements(KEY, "a") == {0: "h0", 1: "h9"}
    store.save(KEY, {}, article_id="a", placements={0: "h5"}, replace_placements=True)
    assert store.placements(KEY, "a") == {0: "h5"}
    assert store.placements(KEY, "b") == {}


def test_failed_write_leaves_nothing(tmp_path):
    store = TranslationStore(tmp_path / "t.sqlite3")
    store.save(KEY, {"h0": "kept"})

    class Boom(dict):
        def items(self):
            yield ("h1", "one")
            raise RuntimeError("disk on fire")

    try:
        store.save(KEY, Boom(x=1))
    except RuntimeError:
        pass
    assert store.lookup(KEY, ["h0", "h1"]) == {"h0": "kept"}


WRITER = """
import sys
from tui.translation.store import StoreKey, TranslationStore
store = TranslationStore(sys.argv[1])
key = StoreKey("argos", "m", "1", "ar", "en")
for i in range(60):
    store.save(key, {f"{sys.argv[2]}-{i}-{j}": "t" for j in range(5)})
"""


def test_two_processes_write_concurrently(tmp_path):
    path = tmp_path / "t.sqlite3"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name], cwd=REPO) for name in ("p", "q")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store = TranslationStore(path)
    key = StoreKey("argos", "m", "1", "ar", "en")
    wanted = [f"{n}-{i}-{j}" for n in "pq" for i in range(60) for j in range(5)]
    assert len(store.lookup(key, wanted)) == 600


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=20), st.text(max_size=200), max_size=30))
def test_any_text_round_trips(tmp_path_factory, texts):
    store = TranslationStore(tmp_path_factory.mktemp("s") / "t.sqlite3")
    store.save(KEY, texts)
    assert store.lookup(KEY, texts.keys()) == texts


def test_unusable_cache_file_is_a_store_error(tmp_path):
    path = tmp_path / "t.sqlite3"
    path.write_bytes(b"this is not a database, just junk bytes" * 100)
    store = TranslationStore(path)
    with pytest.raises(StoreError, match="translation cache"):
        store.lookup(KEY, ["h"])
    with pytest.raises(StoreError, match="translation cache"):
        store.save(KEY, {"h": "x"})
