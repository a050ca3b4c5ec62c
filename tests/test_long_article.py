"""Long articles: what opening one costs per paragraph, and that the shortcuts
taken for it (directions worked out when read, paragraph hashes kept per
article text, segmentation in whole-list passes) give the very same results.

Costs are counted (calls), never timed; the timing is ``bench/long_article.py``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from corpus import write_long_article
from hypothesis import given, settings
from hypothesis import strategies as st

import tui.direction
import tui.paragraph_hashes
import tui.reference
import tui.translation.service as service
from tui.article import Article, Paragraph
from tui.direction import base_direction
from tui.loading import (
    _EDGE_INVISIBLES,
    MAX_PARAGRAPH_CHARS,
    load_article,
    segment,
    split_long,
    strip_line,
    with_boilerplate,
)
from tui.textnorm import text_hash
from tui.translated import Provenance
from tui.translation.service import (
    available_translations,
    cached_translation,
    paragraph_hashes,
    translation_choices,
    translation_for,
)
from tui.translation.store import StoreKey, TranslationStore

MACHINE = Provenance("argos", "translate-ar_en", "1.0")
OTHER = Provenance("argos", "translate-ar_en", "0.9")


@pytest.fixture()
def store(tmp_path) -> TranslationStore:
    return TranslationStore(tmp_path / "cache.sqlite3")


@pytest.fixture()
def no_packages(tmp_path) -> Path:
    folder = tmp_path / "no-packages"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def fresh_memo(monkeypatch):
    """Each test starts with no paragraph hashes kept."""
    monkeypatch.setattr(tui.paragraph_hashes, "_hashes", {})


class Counter:
    """Wraps a function and counts its calls."""

    def __init__(self, function):
        self.function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


def arabic(article: Article) -> Article:
    return dataclasses.replace(article, language="ar")


def with_paragraph(article: Article, index: int, text: str) -> Article:
    """The same article (same content hash) with one paragraph's text changed."""
    paragraphs = list(article.paragraphs)
    paragraphs[index] = dataclasses.replace(paragraphs[index], text=text)
    return dataclasses.replace(article, paragraphs=tuple(paragraphs))


def cache_translations(store: TranslationStore, article: Article, provenance: Provenance, every: int = 1) -> None:
    """Store "EN: <text>" for every ``every``-th paragraph of ``article``."""
    key = StoreKey.of(provenance, "ar", "en")
    chosen = [p for p in article.paragraphs if p.index % every == 0]
    texts = {text_hash(p.text): f"EN: {p.text}" for p in chosen}
    store.save(key, texts, article_id=article.id, placements={p.index: text_hash(p.text) for p in chosen})


# ------------------------------------------------------------------ loading


def test_loading_a_long_article_works_out_no_direction(tmp_path, monkeypatch):
    counted = Counter(base_direction)
    monkeypatch.setattr(tui.direction, "base_direction", counted)
    article = load_article(write_long_article(tmp_path, 2000), boilerplate=False)
    assert len(article.paragraphs) == 2000
    article = with_boilerplate(article)  # what the reader's loader does next
    assert counted.calls == 0
    shown = article.paragraphs[10:13]
    assert [p.direction for p in shown] == [base_direction(p.text) for p in shown]
    assert counted.calls == 3
    assert [p.direction for p in shown] == [base_direction(p.text) for p in shown]
    assert counted.calls == 3  # each paragraph works its direction out once


def test_the_cycle_collector_is_on_again_after_loading_and_left_off_if_it_was(tmp_path):
    import gc

    path = write_long_article(tmp_path, 50)
    assert gc.isenabled()
    assert load_article(path).ok and gc.isenabled()
    gc.disable()
    try:
        assert load_article(path).ok and not gc.isenabled()
    finally:
        gc.enable()


def test_every_direction_is_what_base_direction_says(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        for paragraph in load_article(path).paragraphs:
            assert paragraph.direction == base_direction(paragraph.text)


def test_a_given_direction_is_kept_and_copies_work_out_their_own(monkeypatch):
    arabic_text = "قال المتحدث إن القرار نهائي"
    assert Paragraph(0, arabic_text).direction == "rtl"
    assert Paragraph(0, arabic_text, "ltr").direction == "ltr"  # as given, e.g. from the corpus index
    unread = Paragraph(1, arabic_text)
    copy = dataclasses.replace(unread, language="ar")
    assert copy.direction == "rtl" and copy.language == "ar"
    assert copy == Paragraph(1, arabic_text, "rtl", "ar")
    assert dataclasses.replace(Paragraph(2, "Hello"), text=arabic_text).direction == "rtl"  # from its own text
    counted = Counter(base_direction)
    monkeypatch.setattr(tui.direction, "base_direction", counted)
    copies = [dataclasses.replace(Paragraph(i, arabic_text), language="ar", boilerplate="x") for i in range(50)]
    assert counted.calls == 0  # copying (language detection, boilerplate flags) works nothing out
    assert copies[7].direction == "rtl" and counted.calls == 1
    with pytest.raises(AttributeError):
        _ = Paragraph(3, "x").colour  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        unread.direction = "ltr"  # type: ignore[misc]


def test_paragraphs_pickle_and_copy_without_working_out_their_direction(monkeypatch):
    import copy
    import pickle

    counted = Counter(base_direction)
    monkeypatch.setattr(tui.direction, "base_direction", counted)
    paragraph = Paragraph(4, "مرحبا بالعالم", boilerplate="caption", language="ar")
    again = pickle.loads(pickle.dumps(paragraph))
    deep = copy.deepcopy(paragraph)
    assert counted.calls == 0  # as the language detector's process gets and returns them
    assert again == paragraph == deep and again.direction == "rtl" and again.boilerplate == "caption"
    given = pickle.loads(pickle.dumps(Paragraph(5, "مرحبا", "ltr")))
    assert given.direction == "ltr"  # a given (or already read) direction travels with it


def _segment_line_by_line(text: str, max_chars: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """The segmentation rule as first written, one line at a time."""
    import re

    paragraphs: list[str] = []
    for line in re.split(r"\r\n|\r|\n", text):
        stripped = strip_line(line)
        if not stripped:
            continue
        paragraphs.extend([stripped] if len(stripped) <= max_chars else split_long(stripped, max_chars))
    return paragraphs


LINE_PIECES = st.sampled_from(["a", "б", "ت", " ", "\t", "\u00a0", "\u3000", "\n", "\r", "\r\n", "\u2028", ". "])


@given(st.lists(st.one_of(LINE_PIECES, st.sampled_from(list(_EDGE_INVISIBLES)), st.text(max_size=5)), max_size=40))
@settings(max_examples=300, deadline=None)
def test_segmentation_in_whole_list_passes_is_the_line_by_line_rule(pieces):
    text = "".join(pieces)
    assert segment(text) == _segment_line_by_line(text)
    assert segment(text, max_chars=7) == _segment_line_by_line(text, 7)


# ------------------------------------------------------------- translations


def test_paragraph_hashes_are_text_hashes_and_are_computed_once(tmp_path, monkeypatch):
    article = arabic(load_article(write_long_article(tmp_path, 500), boilerplate=False))
    counted = Counter(text_hash)
    monkeypatch.setattr(tui.paragraph_hashes, "text_hash", counted)
    first = paragraph_hashes(article)
    assert list(first) == [text_hash(p.text) for p in article.paragraphs]
    assert counted.calls == 500
    # Language detection makes new paragraphs with the same texts: still no hash.
    detected = dataclasses.replace(
        article, paragraphs=tuple(dataclasses.replace(p, language="ar") for p in article.paragraphs)
    )
    assert paragraph_hashes(article) == paragraph_hashes(detected) == first
    assert counted.calls == 500


def test_opening_again_hashes_nothing(tmp_path, store, no_packages, monkeypatch):
    article = arabic(load_article(write_long_article(tmp_path, 300), boilerplate=False))
    cache_translations(store, article, MACHINE)
    counted = Counter(text_hash)
    for module in (service, tui.paragraph_hashes, tui.reference):  # the references are looked up by hash too
        monkeypatch.setattr(module, "text_hash", counted, raising=False)
    for _ in range(3):  # what the reader does on each open
        options = available_translations(article, packages_dir=no_packages, store=store)
        translation_for(article, options[0], store=store)
    assert counted.calls == 300


def test_cached_results_equal_uncached_ones(tmp_path, store, no_packages, monkeypatch):
    article = arabic(load_article(write_long_article(tmp_path, 120), boilerplate=False))
    cache_translations(store, article, MACHINE)
    cache_translations(store, article, OTHER, every=3)

    def fresh() -> tuple[list[Provenance], object, object]:
        monkeypatch.setattr(tui.paragraph_hashes, "_hashes", {})
        return lookups()

    def lookups() -> tuple[list[Provenance], object, object]:
        return (
            available_translations(article, packages_dir=no_packages, store=store),
            cached_translation(article, packages_dir=no_packages, store=store),
            cached_translation(article, store=store, provenance=OTHER),
        )

    uncached = fresh()
    assert uncached[0] == [MACHINE, OTHER]
    assert len(uncached[1].paragraphs) == 120 and len(uncached[2].paragraphs) == 40
    assert lookups() == lookups() == uncached


def test_a_translation_of_changed_text_is_never_shown(tmp_path, store, no_packages):
    path = write_long_article(tmp_path, 60)
    article = arabic(load_article(path, boilerplate=False))
    cache_translations(store, article, MACHINE)
    before = cached_translation(article, packages_dir=no_packages, store=store)
    assert before.paragraphs[5].text == f"EN: {article.paragraphs[5].text}"

    # The same article object's text edited in place (content hash unchanged: the worst case).
    edited = with_paragraph(article, 5, "نص جديد تماما")
    after = cached_translation(edited, packages_dir=no_packages, store=store)
    assert 5 not in after.paragraphs and after.stale == 1
    assert after.paragraphs[6] == before.paragraphs[6]

    # The file edited on disk and read again.
    text = path.read_text(encoding="utf-8").replace(article.paragraphs[7].text, "سطر آخر مختلف")
    path.write_text(text, encoding="utf-8")
    reread = arabic(load_article(path, boilerplate=False))
    assert reread.content_hash != article.content_hash
    again = cached_translation(reread, packages_dir=no_packages, store=store)
    assert 7 not in again.paragraphs and 5 in again.paragraphs
    assert all(t.text == f"EN: {reread.paragraphs[i].text}" for i, t in again.paragraphs.items())


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=8), st.data())
@settings(max_examples=100, deadline=None)
def test_hashes_follow_the_texts_whatever_they_are(texts, data):
    tui.paragraph_hashes._hashes.clear()
    article = Article("a", Path("a.txt"), tuple(Paragraph(i, t) for i, t in enumerate(texts)), content_hash="same")
    assert list(paragraph_hashes(article)) == [text_hash(t) for t in texts]
    changed = data.draw(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=8))
    other = dataclasses.replace(article, paragraphs=tuple(Paragraph(i, t) for i, t in enumerate(changed)))
    assert list(paragraph_hashes(other)) == [text_hash(t) for t in changed]
    assert list(paragraph_hashes(article)) == [text_hash(t) for t in texts]


def test_the_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(tui.paragraph_hashes, "HASHES_KEPT", 10)
    for n in range(5):
        article = Article(
            f"a{n}", Path("a.txt"), tuple(Paragraph(i, f"{n} {i}") for i in range(4)), content_hash=f"h{n}"
        )
        assert list(paragraph_hashes(article)) == [text_hash(f"{n} {i}") for i in range(4)]
    assert sum(len(kept[2]) for kept in tui.paragraph_hashes._hashes.values()) <= 10
    assert list(tui.paragraph_hashes._hashes) == ["h3", "h4"]  # the newest kept


def test_translation_choices_is_the_calls_the_reader_makes(tmp_path, store, no_packages):
    article = arabic(load_article(write_long_article(tmp_path, 90), boilerplate=False))
    cache_translations(store, article, MACHINE, every=2)
    cache_translations(store, article, OTHER)
    choices = translation_choices(article, "en", packages_dir=no_packages, store=store)
    options = available_translations(article, packages_dir=no_packages, store=store)
    assert choices.options == options == [OTHER, MACHINE]  # most paragraphs first
    assert choices.chosen == OTHER
    assert choices.shown == translation_for(article, OTHER, store=store)
    assert choices.route is None and "ar" in (choices.problem or "")  # no package installed: said why
    assert choices.translatable == 90
    picked = translation_choices(article, "en", prefer=MACHINE, packages_dir=no_packages, store=store)
    assert picked.chosen == MACHINE and len(picked.shown.paragraphs) == 45
    gone = translation_choices(
        article, "en", prefer=Provenance("argos", "x", "1"), packages_dir=no_packages, store=store
    )
    assert gone.chosen == OTHER
    unknown = translation_choices(
        dataclasses.replace(article, language=None), "en", packages_dir=no_packages, store=store
    )
    assert unknown.options == [] and unknown.chosen is None and unknown.shown is None and unknown.problem is None


def test_translation_choices_works_out_the_paragraphs_to_translate_once(tmp_path, store, no_packages, monkeypatch):
    article = arabic(load_article(write_long_article(tmp_path, 40), boilerplate=False))
    english = Paragraph(40, "An English caption", language="en")
    article = dataclasses.replace(article, paragraphs=(*article.paragraphs, english))
    cache_translations(store, article, MACHINE)
    counted = Counter(service._languages_in)
    monkeypatch.setattr(service, "_languages_in", counted)
    choices = translation_choices(article, "en", packages_dir=no_packages, store=store)
    assert counted.calls == 1  # not once for the options, once for the translation shown, once for the count
    assert choices.chosen == MACHINE and choices.translatable == 40  # the English caption is not sent
    assert sorted(choices.shown.paragraphs) == list(range(40))


def test_listing_an_articles_translations_uses_an_index(tmp_path, store):
    import sqlite3

    article = arabic(load_article(write_long_article(tmp_path, 30), boilerplate=False))
    cache_translations(store, article, MACHINE)
    with sqlite3.connect(store.path) as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT engine, model, version, pivot, COUNT(*) FROM translation "
            "WHERE source=? AND target=? AND source_hash IN (?, ?) GROUP BY engine, model, version, pivot",
            ("ar", "en", "a", "b"),
        ).fetchall()
    assert any("translation_by_text" in str(row) for row in plan), plan
    assert store.keys_for("ar", "en", paragraph_hashes(article)) == [(StoreKey.of(MACHINE, "ar", "en"), 30)]


def test_an_older_cache_file_gets_the_index_on_its_next_write(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:  # a cache written by the version before the index
        conn.executescript(
            "CREATE TABLE translation (engine TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,"
            " source TEXT NOT NULL, target TEXT NOT NULL, source_hash TEXT NOT NULL, pivot TEXT,"
            " text TEXT NOT NULL, created REAL NOT NULL,"
            " PRIMARY KEY (engine, model, version, source, target, source_hash)) WITHOUT ROWID;"
            "CREATE TABLE placement (engine TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,"
            " source TEXT NOT NULL, target TEXT NOT NULL, article_id TEXT NOT NULL, paragraph INTEGER NOT NULL,"
            " source_hash TEXT NOT NULL,"
            " PRIMARY KEY (engine, model, version, source, target, article_id, paragraph)) WITHOUT ROWID;"
            "INSERT INTO translation VALUES ('argos', 'translate-ar_en', '1.0', 'ar', 'en', 'h1', NULL, 'old', 0);"
            "PRAGMA user_version=1;"
        )
    old = TranslationStore(path)
    key = StoreKey.of(MACHINE, "ar", "en")
    assert old.keys_for("ar", "en", ["h1"]) == [(key, 1)]  # read as before
    old.save(key, {"h2": "new"})
    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "translation_by_text" in names
    assert old.lookup(key, ["h1", "h2"]) == {"h1": "old", "h2": "new"}


async def test_an_article_the_loader_has_not_reached_opens_at_once_and_is_read_in_a_thread(tmp_path, monkeypatch):
    """> onto an unread article: the header says "reading …" in the same frame
    (a file at the size limit took seconds on the event loop, keys queued
    behind it) and the text follows from a thread, never a half-shown article."""
    import shutil
    import threading

    from conftest import SEEDS

    import tui.loading
    from tui.ui.app import TandemApp
    from tui.ui.loader import Loader
    from tui.ui.parallel import ParallelView

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("000", "002"):
        (source,) = SEEDS.glob(f"{name}*.txt")
        shutil.copy(source, folder / source.name)
    monkeypatch.setattr(Loader, "start", lambda self, collection, first: None)  # the loader never reaches it
    release = threading.Event()
    real = tui.loading.load_article

    def slow(path, **kwargs):
        if path.name.startswith("002"):
            assert threading.current_thread() is not threading.main_thread(), "read on the event loop"
            release.wait(30)
        return real(path, **kwargs)

    monkeypatch.setattr(tui.loading, "load_article", slow)
    app = TandemApp(sorted(folder.iterdir()), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ParallelView)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        header = str(app.screen.query_one("#original-header").render())
        assert "reading 002" in header and view.row_count == 0
        await pilot.press("j", "j")  # keys while it reads are answered (nothing to move over yet)
        # The background components start while it is being read (a key right
        # after the first paint): nothing may ask for the rows of an article not read.
        await app.screen.reading.start_background()
        await pilot.pause()
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.article_id.startswith("002") and view.row_count > 5
        header = str(app.screen.query_one("#original-header").render())
        assert "reading" not in header and "¶" in header
        await pilot.press("j")
        assert view.current == 1


def test_the_claim_rules_are_imported_off_the_event_loop(tmp_path):
    """The claim rules (~0.15 s of imports and patterns) load in the loader's
    thread after the first paint: on the event loop they held the first keys
    after start. A fresh process, so the import really happens."""
    import subprocess
    import sys

    from conftest import SEEDS

    code = f"""
import asyncio, sys, threading
from pathlib import Path
seen = []
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "tui.claims.extract":
            seen.append(threading.current_thread() is threading.main_thread())
        return None
sys.meta_path.insert(0, Spy())
sys.path.insert(0, {str(Path(__file__).parent)!r})
from conftest import settle
from tui.loading import discover
from tui.ui.app import TandemApp
async def main():
    app = TandemApp(discover([Path({str(SEEDS)!r})]), notes_db=Path({str(tmp_path / "n.db")!r}))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
asyncio.run(main())
print(seen)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[False]", done.stdout[-500:]
