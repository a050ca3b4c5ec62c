"""Opening large folders (issue 13): the listing before the first paint, and
the short names of a large session worked out after it."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from conftest import screen_text, settle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui.collection
from tui.collection import ArticleCollection
from tui.loading import SKIPPED_SUFFIXES, discover
from tui.short_names import short_names
from tui.ui.app import TandemApp

# ---------------------------------------------------------------- the listing

_NAME = st.text(
    st.sampled_from([*"ab.Z~-_ 0129", "ж", "ا", "é"]),
    min_size=1,
    max_size=10,
).filter(lambda name: name not in (".", "..") and "/" not in name)
_SUFFIX = st.sampled_from(["", ".txt", ".TXT", ".json", ".html", ".rss", ".css", "~", ".db"])


def _natural(name: str) -> str:
    """The documented natural order: case folded, digit runs zero-padded to 20 places."""
    return re.sub(r"\d+", lambda run: run.group().zfill(20), name.casefold())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_NAME, _SUFFIX), min_size=0, max_size=12))
def test_a_folder_lists_its_visible_article_files_in_natural_order(names: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "news"
        folder.mkdir()
        made = set()
        for stem, suffix in names:
            name = stem + suffix
            if name.casefold() in {m.casefold() for m in made}:
                continue
            (folder / name).write_text("text\n", encoding="utf-8")
            made.add(name)
        (folder / "sub.txt").mkdir()  # a folder, never listed one level deep
        found = discover([folder])
        wanted = [
            name
            for name in made
            if not name.startswith(".")
            and not name.endswith("~")
            and os.path.splitext(name)[1].lower() not in SKIPPED_SUFFIXES
        ]
        assert sorted(p.name for p in found) == sorted(wanted)
        assert found == [folder / p.name for p in found]  # the same paths a join gives
        keys = [_natural(p.name) for p in found]
        assert keys == sorted(keys)


def test_a_folder_reached_through_a_symlinked_folder_is_listed_once(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("b.txt", "a.txt"):
        (folder / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "alias").symlink_to(folder)
    (folder / "link.txt").symlink_to(folder / "a.txt")
    assert [p.name for p in discover([folder, tmp_path / "alias"])] == ["a.txt", "b.txt"]


# ---------------------------------------------------------------- short names


def test_a_large_sessions_short_names_are_left_for_later(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [Path(f"/news/report-{n}.txt") for n in range(6)]
    small = ArticleCollection(paths)
    assert not small.short_names_pending and small.listed_short_name(2) == "report-2"
    monkeypatch.setattr(tui.collection, "SHORT_NAMES_AT_ONCE", 5)
    large = ArticleCollection(paths)
    assert large.short_names_pending and large.listed_short_name(2) == ""
    with pytest.raises(ValueError):
        large.set_short_names(["x"])
    large.set_short_names(short_names(paths))
    assert not large.short_names_pending and large.listed_short_name(2) == "report-2"


async def test_the_list_shows_a_large_sessions_short_names_once_worked_out(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.collection, "SHORT_NAMES_AT_ONCE", 3)
    folder = tmp_path / "news"
    folder.mkdir()
    stems = ["alpha", "bravo", "charlie", "delta", "echo"]
    for n, stem in enumerate(stems):
        (folder / f"{stem}.txt").write_text(f"Headline number {n}\n\nBody text.\n", encoding="utf-8")
    app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert not app.screen.collection.short_names_pending
        text = screen_text(app)
        for stem in stems:
            assert re.search(rf"^.{{0,3}}\s+{stem}\s", text, re.MULTILINE), stem


@pytest.mark.parametrize(
    "names",
    [
        ["2023-10-02-00010.txt", "2023-10-01-00002.txt", "2023-09-30-00001.TXT", "x.txt"],  # mixed: padded keys
        ["2023-10-02-00010.txt", "2023-10-01-00002.txt", "2023-09-30-00001.TXT"],  # digits aligned: plain order
        ["a9.txt", "a10.txt", "b1.txt", "a1.txt"],
        ["doc-٣.txt", "doc-١٠.txt", "doc-2.txt"],  # Arabic-Indic digits are digits too
    ],
)
def test_natural_order_with_and_without_aligned_digits(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == sorted(names, key=_natural)


# ---------------------------------------------------------------- the index's summaries


def _summaries_folder(folder: Path) -> list[Path]:
    from pages import rss_feed, saved_page

    folder.mkdir()
    (folder / "a.txt").write_text("Erster Titel\n\nText.\n", encoding="utf-8")
    (folder / "b.html").write_text(saved_page("de"), encoding="utf-8")
    (folder / "wire.rss").write_text(rss_feed(["en", "uk"]), encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x00binary")
    return discover([folder])


def test_summaries_are_the_same_row_by_row_when_sqlite_has_no_json_functions(tmp_path: Path) -> None:
    from tui.corpus_index import CorpusIndex

    paths = _summaries_folder(tmp_path / "news")
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        list(index.read_many(paths))
        packed = index.summaries(paths)

        class Refused:
            def step(self, value: object) -> None:
                raise RuntimeError("no JSON here")

            def finalize(self) -> None:
                return None

        index.connection.create_aggregate("json_group_array", 1, Refused)
        by_rows = index.summaries(paths)
    assert packed == by_rows
    assert all(s is not None for s in packed)
    page = packed[[p.name for p in paths].index("b.html")]
    assert page is not None and page.meta is not None and page.meta.site == "Example News"
    binary = packed[[p.name for p in paths].index("c.txt")]
    assert binary is not None and binary.error is not None  # listed with its reason


def test_a_changed_file_has_no_summary_and_a_feed_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.corpus_index import CorpusIndex

    paths = _summaries_folder(tmp_path / "news")
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        list(index.read_many(paths))
        (tmp_path / "news" / "a.txt").write_text("Neuer Titel, länger\n", encoding="utf-8")
        stats: list[str] = []
        real = os.stat
        monkeypatch.setattr(os, "stat", lambda path, *a, **k: stats.append(os.fspath(path)) or real(path, *a, **k))
        found = index.summaries(paths)
    names = [p.name for p in paths]
    assert found[names.index("a.txt")] is None
    assert all(s is not None for n, s in zip(names, found, strict=True) if n != "a.txt")
    assert sum(1 for s in stats if s.endswith("wire.rss")) == 1


def test_the_listing_is_the_same_with_the_public_join(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.loading

    for name in ("b 2.txt", "b 10.txt", "ж.txt", "a.rss"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    fast = discover([tmp_path])
    monkeypatch.setattr(tui.loading, "_child", Path.joinpath)  # what Python 3.13 on uses
    assert discover([tmp_path]) == fast == [tmp_path / p.name for p in fast]


def test_a_summary_of_other_text_gives_way_to_the_article_read(tmp_path: Path) -> None:
    """Summaries are listed before the files are checked: when a changed file is
    read again, its old summary's languages no longer count as detected."""
    from dataclasses import replace

    from tui.corpus_index import Summary
    from tui.loading import load_article

    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(f"Old text of {name}.\n\nA second paragraph.\n", encoding="utf-8")
    paths = discover([folder])
    old = [load_article(p) for p in paths]
    collection = ArticleCollection(paths)
    for index, article in enumerate(old):
        collection.summarize(index, Summary(article.path, article.id, article.title, "en", True, None, None))
    assert (collection.loaded, collection.languages_known) == (2, 2)
    paths[1].write_text("New text of b.\n", encoding="utf-8")
    collection.store(0, replace(old[0], language="en"))  # from the index, with its languages
    collection.store(1, load_article(paths[1]))  # read again, languages not detected yet
    assert collection.loaded == 2
    assert collection.languages_known == 1, "b's languages are to be detected again"
    assert collection.summary(0) is not None and collection.summary(1) is None
