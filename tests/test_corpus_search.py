"""Searching a folder through the shared corpus index (tui.corpus_search): scope, translations, the F path."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from tui.article import Article
from tui.cli import main
from tui.corpus_index import CorpusIndex
from tui.corpus_search import (
    FolderSearch,
    SearchScope,
    index_translation,
    pending_translations,
    search_corpus,
    search_translation,
)
from tui.fulltext import QueryError, search
from tui.loading import discover
from tui.paths import seeds_dir
from tui.translated import ArticleTranslation


def open_index(tmp_path: Path) -> CorpusIndex:
    return CorpusIndex.open(tmp_path / "cache" / "index.sqlite3")


def copy_seed(folder: Path, name: str, seed: str = "002") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (source,) = seeds_dir().glob(f"{seed}*.txt")
    return Path(shutil.copy(source, folder / name))


def test_a_folder_finds_its_article_when_other_folders_indexed_later_match_more(tmp_path: Path) -> None:
    """One index for every folder: a copy of the article at another path, and
    more matches there than a page ranks, must not hide the folder's own copy."""
    mine = [copy_seed(tmp_path / "mine", "report.txt")]
    others = [copy_seed(tmp_path / "others", f"copy-{i}.txt") for i in range(6)]
    others.insert(0, copy_seed(tmp_path / "others", "report.txt"))
    with open_index(tmp_path) as index:
        for paths in (mine, others):  # the folder on screen was indexed first
            list(index.read_many(paths))
        for query in ("Tumangang", "Tumang", "تومانغانغ", '"Beyond Parallel"'):
            result = search_corpus(index, query, SearchScope(mine), articles=1)
            assert [hit.path for hit in result.articles] == mine, query
            assert not result.more, "nothing else in the folder"
        result = search_corpus(index, "Tumangang", SearchScope(others), articles=3)
        assert len(result.articles) == 3 and result.more
        assert all(hit.path.parent.name == "others" for hit in result.articles)


def test_two_copies_at_different_paths_are_each_found_in_their_own_folder(tmp_path: Path) -> None:
    a = copy_seed(tmp_path / "a", "same.txt")
    b = copy_seed(tmp_path / "b", "same.txt")
    with open_index(tmp_path) as index:
        list(index.read_many([a, b]))
        for only in (a, b):
            result = search_corpus(index, "Tumangang", [only])
            assert [hit.path for hit in result.articles] == [only]
        both = search_corpus(index, "Tumangang", [b, a])
        assert sorted(hit.position for hit in both.articles) == [0, 1]


# ---------------------------------------------------------------- translations: stamps, not look-ups


def read_seeds(index: CorpusIndex, folder: Path) -> list[Article]:
    shutil.copytree(seeds_dir(), folder)
    return [item.article for item in index.read_many(discover([folder]))]


def test_translations_indexed_once_are_not_looked_up_again(tmp_path: Path) -> None:
    with open_index(tmp_path) as index:
        articles = read_seeds(index, tmp_path / "corpus")
        assert pending_translations(index, articles, "en") == articles
        for article in articles:
            index_translation(index, article, search_translation(article, "en"), "en")
        assert pending_translations(index, articles, "en") == []
        assert pending_translations(index, articles, "de") == articles, "another target language"
    with open_index(tmp_path) as index:  # a later session
        assert pending_translations(index, articles, "en") == []
        changed = replace(articles[2], content_hash="0" * 16)
        assert pending_translations(index, [changed, *articles[3:]], "en") == [changed]
        assert search_corpus(index, "railcar freight", [a.path for a in articles]).articles


def counting(translations: list[int]) -> Callable[[int, Article], ArticleTranslation | None]:
    def translation_for(i: int, article: Article) -> ArticleTranslation | None:
        translations.append(i)
        return search_translation(article, "en")

    return translation_for


def test_F_shows_the_first_page_before_looking_up_translations_then_searches_them(tmp_path: Path) -> None:
    with open_index(tmp_path) as index:
        articles = read_seeds(index, tmp_path / "corpus")
        paths = tuple(a.path for a in articles)
        looked_up: list[int] = []
        folder = FolderSearch(index, SearchScope.of(paths), articles, counting(looked_up), "en")
        pages = folder.pages("railcar")  # only in the English reference translations
        first = next(pages)
        assert first.fresh and not first.last and looked_up == []
        assert first.result.articles == (), "nothing translated is indexed yet"
        rest = list(pages)
        assert sorted(looked_up) == [0, 1, 2, 3, 4]
        assert rest[0].fresh and rest[-1].last
        found = [group for page in rest for group in page.result.articles]
        assert found and {hit.side for group in found for hit in group.hits} == {"translation"}
        assert paths[0] in {group.path for group in found}
        # A second F (or a later session): the first page is complete, nothing is looked up.
        looked_up.clear()
        again = list(FolderSearch(index, SearchScope.of(paths), articles, counting(looked_up), "en").pages("railcar"))
        assert looked_up == []
        assert [group.path for group in again[0].result.articles] == [group.path for group in found]
        assert again[-1].last and not any(page.fresh for page in again[1:])


def test_F_indexes_the_translations_on_screen_before_the_first_page(tmp_path: Path) -> None:
    from tui.translated import ParagraphTranslation, Provenance

    with open_index(tmp_path) as index:
        articles = read_seeds(index, tmp_path / "corpus")
        paths = tuple(a.path for a in articles)
        for article in articles:
            index_translation(index, article, search_translation(article, "en"), "en")
        mine = ArticleTranslation(
            articles[1].id,
            "en",
            Provenance(engine="argos", model="fa-en", version="1"),
            {0: ParagraphTranslation(0, "A zeppelin over Tumangang", "x")},
            0,
        )
        shown = {1: mine}

        def translation_for(i: int, article: Article) -> ArticleTranslation | None:
            return shown[i] if i in shown else search_translation(article, "en")

        folder = FolderSearch(index, SearchScope.of(paths), articles, translation_for, "en", frozenset(shown))
        first = next(folder.pages("zeppelin"))
        assert [group.position for group in first.result.articles] == [1]
        assert first.result.articles[0].hits[0].text == "A zeppelin over Tumangang"


def test_pages_stop_at_max_hits_and_leave_out_unread_articles(tmp_path: Path) -> None:
    with open_index(tmp_path) as index:
        articles: list[Article | None] = list(read_seeds(index, tmp_path / "corpus"))
        paths = tuple(a.path for a in articles if a is not None)
        for article in articles:
            assert article is not None
            index_translation(index, article, search_translation(article, "en"), "en")
        articles[2] = None  # not read yet in this session (but in the index)
        folder = FolderSearch(index, SearchScope.of(paths), articles, counting([]), "en", page_articles=1)
        pages = list(folder.pages("Tumangang"))
        positions = [group.position for page in pages for group in page.result.articles]
        assert 2 not in positions and positions and len(positions) == len(set(positions))
        capped = FolderSearch(index, SearchScope.of(paths), articles, counting([]), "en", page_articles=1, max_hits=1)
        assert len([p for p in capped.pages("Tumangang") if p.result.articles]) == 1


def test_a_query_without_words_fails_before_any_work(tmp_path: Path) -> None:
    with open_index(tmp_path) as index:
        looked_up: list[int] = []
        folder = FolderSearch(index, SearchScope.of(()), [], counting(looked_up), "en")
        with pytest.raises(QueryError):
            next(folder.pages("  ... "))


def test_search_command_reads_in_batches_and_prints_from_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.corpus_search

    monkeypatch.setattr(tui.corpus_search, "TRANSLATION_BATCH", 2)
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00" * 10)
    db = str(tmp_path / "i.sqlite3")
    main(["search", "railcar", str(folder), "--json", "--index", db])
    record = json.loads(capsys.readouterr().out)
    assert record["articles"] and all(a["hits"][0]["side"] == "translation" for a in record["articles"])
    assert {a["language"] for a in record["articles"]} <= {"ar", "fa", "de", "uk", None}
    assert main(["search", "Tumangang", str(folder), "--index", db, "--limit", "2"]) in (0, 1)
    text = capsys.readouterr().out
    assert "Tumangang" in text or "تومانغانغ" in text


@pytest.mark.parametrize("band_scope, max_bands", [(0, 48), (2_000, 48), (2_000, 1), (2_000, 2)])
def test_scattered_scopes_find_the_same_articles_however_their_rows_are_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, band_scope: int, max_bands: int
) -> None:
    """Rows of the scope spread over the index between other folders' rows:
    searched everywhere (a large scope), or within bands (joined down to one)."""
    import tui.fulltext

    monkeypatch.setattr(tui.fulltext, "BAND_SCOPE", band_scope)
    monkeypatch.setattr(tui.fulltext, "MAX_BANDS", max_bands)
    monkeypatch.setattr(tui.fulltext, "BAND_GAP", 0)
    seeds = sorted(seeds_dir().glob("*.txt"))
    with open_index(tmp_path) as index:
        mine: list[Path] = []
        for round_ in range(3):  # the folder's files indexed at three times, others between
            for n, seed in enumerate(seeds):
                path = Path(shutil.copy(seed, tmp_path / f"{round_}-{n}.txt"))
                other = tmp_path / "other" / f"{round_}-{n}.txt"
                other.parent.mkdir(exist_ok=True)
                shutil.copy(seed, other)
                list(index.read_many([path, other]))
                if n % 2 == 0:
                    mine.append(path)
    with CorpusIndex.open(tmp_path / "alone.sqlite3") as alone:  # the oracle: these files alone, no scope
        list(alone.read_many(mine))
        with open_index(tmp_path) as index:
            for query in ("Tumangang", "Tumang", '"Beyond Parallel"', "Satelliten", "تومانغانغ"):
                expected = {group.article for group in search(alone.connection, query).articles}
                found = {str(hit.path) for hit in search_corpus(index, query, SearchScope(mine)).articles}
                assert found == expected and found, query


def test_a_query_ranks_its_own_script_first_when_ranked_here(tmp_path: Path) -> None:
    """Scoped searches rank the matches they collected (local bm25): a name
    spelled as queried outranks the same name found in another script."""
    with open_index(tmp_path) as index:
        articles = read_seeds(index, tmp_path / "corpus")
        list(index.read_many([copy_seed(tmp_path / "other", "copy.txt", "000")]))  # rows outside the scope
        paths = [a.path for a in articles]
        arabic = search_corpus(index, "تومانغانغ", paths)
        assert arabic.articles[0].path.name.startswith("000") and len(arabic.articles) == 3
        latin = search_corpus(index, "Tumangang", paths)
        assert not latin.articles[0].path.name.startswith("000")
        assert latin.articles[-1].path.name.startswith("000"), "found in Arabic script, ranked last"


def test_pages_grow_so_paging_does_not_cost_the_square(tmp_path: Path) -> None:
    with open_index(tmp_path) as index:
        articles = [item.article for item in index.read_many(write_copies(tmp_path / "many", 12))]
        paths = tuple(a.path for a in articles)
        folder = FolderSearch(index, SearchScope.of(paths), articles, counting([]), "en", page_articles=1)
        list(folder.pages("Tumangang"))  # translations indexed: one round from now on
        sizes = [len(page.result.articles) for page in folder.pages("Tumangang") if page.result.articles]
        assert sizes == [1, 4, 7], "1, then 4x the articles listed so far (20: the 7 left)"


def write_copies(folder: Path, count: int) -> list[Path]:
    return [copy_seed(folder, f"{n:02d}.txt") for n in range(count)]


def test_one_search_connection_per_index_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from tui.corpus_search import forget_search_index, prepare_search, search_index

    monkeypatch.setenv("TANDEM_CACHE_DIR", str(tmp_path / "one"))
    paths = (copy_seed(tmp_path / "corpus", "a.txt"),)
    prepare_search(paths)
    first = search_index()
    assert search_index() is first and SearchScope.of(paths) is SearchScope.of(paths)
    monkeypatch.setenv("TANDEM_CACHE_DIR", str(tmp_path / "two"))
    second = search_index()
    assert second is not first and second.path is not None and "two" in str(second.path)
    with pytest.raises(sqlite3.ProgrammingError):
        first.connection.execute("SELECT 1")  # the old place's connection was closed
    forget_search_index()
    assert search_index() is not second
    forget_search_index()


def test_building_a_scope_does_not_hold_up_opening_the_search_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The screen builds the scope of a long list ahead while the search worker
    # opens the index: the two caches have a lock each.
    import threading

    import tui.corpus_search
    from tui.corpus_search import forget_search_index, search_index

    monkeypatch.setenv("TANDEM_CACHE_DIR", str(tmp_path / "cache"))
    opened: list[CorpusIndex] = []
    real_key = tui.corpus_search.article_key

    def key_while_the_worker_opens_the_index(path: Path, cwd: str | None = None) -> str:
        worker = threading.Thread(target=lambda: opened.append(search_index()))
        worker.start()
        worker.join(timeout=60)  # a bound, not a timing: with one lock it waits for this scope
        assert not worker.is_alive(), "the index waited for the scope"
        return real_key(path, cwd)

    monkeypatch.setattr(tui.corpus_search, "article_key", key_while_the_worker_opens_the_index)
    try:
        scope = SearchScope.of((tmp_path / "a.txt",))
        assert scope.positions == {real_key(tmp_path / "a.txt"): 0}
        assert opened == [search_index()]
    finally:
        forget_search_index()


def test_preparing_the_search_never_fails_on_an_index_that_cannot_open(tmp_path: Path, monkeypatch) -> None:
    """Both callers (the reader after loading, F on opening) run it in a worker:
    an exception there ended the reader; the search itself says what is wrong."""
    import sqlite3

    import tui.corpus_search
    from tui.corpus_search import prepare_search

    def cannot_open() -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(tui.corpus_search, "search_index", cannot_open)
    prepare_search((tmp_path / "a.txt",))
