"""The search index kept current by the commands and the reader (issue 13, follow-ups):
``tandem translate`` indexes what it saves, ``tandem index`` indexes the
translations ``F`` would search, the reader prepares ``F`` once the list is loaded."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS, settle

import tui.corpus_search
from tui.cli import main
from tui.corpus_index import CorpusIndex
from tui.corpus_search import pending_translations
from tui.loading import discover
from tui.ui.app import TandemApp

WORD = "الحديدية"
"""A word of seed 000's Arabic text: the tiny test model copies its source, so
the machine translation holds it too (the bundled reference, in English, does not)."""


def folder_of(tmp_path: Path, *prefixes: str) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for prefix in prefixes:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        shutil.copy(path, folder / path.name)
    return folder


def sides_found(capsys: pytest.CaptureFixture[str], *args: str) -> set[str]:
    capsys.readouterr()
    main(["search", WORD, *args, "--json"])
    found = json.loads(capsys.readouterr().out)
    return {hit["side"] for article in found["articles"] for hit in article["hits"]}


def test_translate_indexes_the_translation_it_saves_so_search_finds_it(
    packages_dir: Path, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_of(tmp_path, "000")
    index = str(tmp_path / "index.sqlite3")
    # Indexed before any machine translation exists: the index notes the
    # reference as the article's translation, and would not look again.
    assert sides_found(capsys, str(folder), "--index", index) == {"original"}
    code = main(["translate", str(folder), "--from", "ar", "--packages-dir", str(packages_dir), "--index", index])
    assert code == 0
    assert capsys.readouterr().err.strip() == "", "nothing to report"
    assert sides_found(capsys, str(folder), "--index", index, "--packages-dir", str(packages_dir)) == {
        "original",
        "translation",
    }


def test_translate_into_a_new_index_then_search_finds_the_translation(
    packages_dir: Path, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The index at its default place (in ``TANDEM_CACHE_DIR``). ``tandem search``
    does not detect languages, and a cached machine translation is found by
    the language: what translate indexed is what it searches."""
    folder = folder_of(tmp_path, "000")
    assert main(["translate", str(folder), "--from", "ar", "--packages-dir", str(packages_dir)]) == 0
    assert (cache_dir / "corpus" / "index.sqlite3").is_file()
    assert "translation" in sides_found(capsys, str(folder), "--packages-dir", str(packages_dir))


def test_a_translation_looked_up_without_the_language_is_looked_up_again_once_it_is_known(
    packages_dir: Path, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_of(tmp_path, "000")
    index_file = tmp_path / "index.sqlite3"
    # Translated into the cache with no index to tell (another cache directory's index).
    assert (
        main(
            [
                "translate",
                str(folder),
                "--from",
                "ar",
                "--packages-dir",
                str(packages_dir),
                "--index",
                str(tmp_path / "other.sqlite3"),
            ]
        )
        == 0
    )
    assert sides_found(capsys, str(folder), "--index", str(index_file)) == {"original"}  # no language: no cache entry
    with CorpusIndex.open(index_file) as index:
        articles = [item.article for item in index.read_many(discover([folder]))]
        assert pending_translations(index, articles, "en") == [], "nothing better without the language"
        known = [replace(a, language="ar") for a in articles]
        assert pending_translations(index, known, "en") == known
    assert main(["index", str(folder), "--index", str(index_file), "--quiet", "--packages-dir", str(packages_dir)]) == 0
    assert "1 translations looked up" in capsys.readouterr().out
    assert "translation" in sides_found(capsys, str(folder), "--index", str(index_file))


def test_translate_succeeds_with_a_corrupt_index(
    packages_dir: Path, cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_of(tmp_path, "000")
    index = tmp_path / "index.sqlite3"
    index.write_bytes(b"not an index at all\0" * 100)
    code = main(["translate", str(folder), "--from", "ar", "--packages-dir", str(packages_dir), "--index", str(index)])
    assert code == 0
    assert len(capsys.readouterr().err.splitlines()) <= 1
    # The index was rebuilt (a cache) and holds the translation.
    assert "translation" in sides_found(capsys, str(folder), "--index", str(index))


def test_index_leaves_no_translation_to_look_up(
    cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_of(tmp_path, "000", "002", "003")
    index_file = tmp_path / "index.sqlite3"
    assert main(["index", str(folder), "--index", str(index_file), "--quiet", "--target", "de"]) == 0
    assert "3 translations looked up for search (de)" in capsys.readouterr().out
    with CorpusIndex.open(index_file) as index:
        articles = [item.article for item in index.read_many(discover([folder]))]
        assert len(articles) == 3
        assert pending_translations(index, articles, "de") == []
        assert pending_translations(index, articles, "en") == articles, "only the target asked for"
    # A second run looks nothing up again.
    assert main(["index", str(folder), "--index", str(index_file), "--quiet", "--target", "de"]) == 0
    assert "0 translations looked up" in capsys.readouterr().out


def test_index_without_languages_looks_up_again_with_them(
    cache_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A look-up made before the language was known is provisional."""
    folder = folder_of(tmp_path, "000")
    index_file = tmp_path / "index.sqlite3"
    assert main(["index", str(folder), "--index", str(index_file), "--quiet", "--no-languages"]) == 0
    assert "1 translations looked up" in capsys.readouterr().out
    assert main(["index", str(folder), "--index", str(index_file), "--quiet", "--no-languages"]) == 0
    assert "0 translations looked up" in capsys.readouterr().out
    for looked_up in (1, 0):
        assert main(["index", str(folder), "--index", str(index_file), "--quiet"]) == 0
        assert f"{looked_up} translations looked up" in capsys.readouterr().out


async def test_reader_prepares_the_search_once_after_loading(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, ...]] = []
    monkeypatch.setattr(tui.corpus_search, "prepare_search", calls.append)
    folder = folder_of(tmp_path, "000", "002")
    app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert calls == [app.screen.collection.paths]
        assert calls[0] is app.screen.collection.paths, "the session's tuple: F reuses its scope"


def test_F_looks_up_again_once_the_reader_knows_the_language(tmp_path: Path) -> None:
    """The reader's ``F`` before and after language detection, in one session:
    a look-up made without the language is not taken as final."""
    from tui.article import Article
    from tui.corpus_search import FolderSearch, SearchScope, search_translation

    folder = folder_of(tmp_path, "000", "002")
    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        unknown = [item.article for item in index.read_many(discover([folder]))]
        assert all(a.language is None for a in unknown)
        paths = tuple(a.path for a in unknown)
        looked_up: list[int] = []

        def translation_for(i: int, article: Article):  # type: ignore[no-untyped-def]
            looked_up.append(i)
            return search_translation(article, "en")

        def search(articles: list[Article]) -> None:
            list(FolderSearch(index, SearchScope.of(paths), articles, translation_for, "en").pages("railway"))

        search(unknown)
        assert looked_up == [0, 1]
        looked_up.clear()
        search(unknown)
        assert looked_up == [], "nothing new to look up"
        search([replace(unknown[0], language="ar"), unknown[1]])
        assert looked_up == [0], "the article whose language is known now"


def test_stamps_by_key_and_by_folder_scan_agree(tmp_path: Path, monkeypatch) -> None:
    """A batch's stamps are looked up by key (a folder scan per batch read the
    whole folder each time); a whole folder by one scan: the same answer."""
    import os

    import tui.corpus_index

    with CorpusIndex.open(tmp_path / "index.sqlite3") as index:
        rows = [
            (f"{tmp_path}{os.sep}{folder}{os.sep}a{n}.txt", f"en:h{n}:{folder}") for folder in "xy" for n in range(30)
        ]
        with index.lock:
            index.connection.executemany("INSERT INTO translations VALUES (?, ?)", rows)
        asked = [key for key, _ in rows[5:40]] + [f"{tmp_path}{os.sep}x{os.sep}missing.txt"]
        by_key = index.translation_stamps(asked)
        monkeypatch.setattr(tui.corpus_index, "STAMPS_BY_KEY", 0)
        assert index.translation_stamps(asked) == by_key == dict(rows[5:40])
