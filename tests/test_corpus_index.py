"""The persistent corpus index and full-text search (tui.corpus_index, tui.fulltext, tui.corpus_search)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pages import BODIES, rss_feed, saved_page

from tui.cli import main
from tui.corpus_index import CorpusIndex
from tui.corpus_search import index_translation, search_corpus, search_translation
from tui.fulltext import SCHEMA, QueryError, fts_query, replace_texts, search
from tui.language import detect_languages
from tui.loading import discover, load_article
from tui.paths import seeds_dir


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir(), folder)
    return folder


def open_index(tmp_path: Path) -> CorpusIndex:
    return CorpusIndex.open(tmp_path / "cache" / "index.sqlite3")


# ---------------------------------------------------------------- reuse and invalidation


def test_second_open_reuses_everything(tmp_path: Path, corpus: Path) -> None:
    paths = discover([corpus])
    with open_index(tmp_path) as index:
        first = list(index.read_many(paths))
        assert [i.reused for i in first] == [False] * 5
        assert [i.article for i in first] == [load_article(p) for p in paths]
    with open_index(tmp_path) as index:
        second = list(index.read_many(paths))
        assert [i.reused for i in second] == [True] * 5
        assert [i.article for i in second] == [i.article for i in first]
        assert not any(i.languages for i in second)


def test_languages_are_kept(tmp_path: Path, corpus: Path) -> None:
    paths = discover([corpus])[:2]
    with open_index(tmp_path) as index:
        for item in index.read_many(paths):
            index.record_languages(detect_languages(item.article))
    with open_index(tmp_path) as index:
        items = list(index.read_many(paths))
        assert all(i.reused and i.languages for i in items)
        assert [i.article.language for i in items] == ["ar", "fa"]
        assert any(p.language == "ar" for p in items[0].article.paragraphs)
        summaries = index.summaries(paths + [corpus / "new.txt"])
    assert [s.language if s else None for s in summaries] == ["ar", "fa", None]
    assert summaries[0] is not None and summaries[0].title == items[0].article.title


def test_changed_file_is_read_again_and_touched_file_is_not(tmp_path: Path, corpus: Path) -> None:
    paths = discover([corpus])
    with open_index(tmp_path) as index:
        list(index.read_many(paths))
    changed, touched = paths[2], paths[3]
    changed.write_text("Ein ganz neuer Text über Züge.\n", encoding="utf-8")
    os.utime(touched, ns=(1, 1_000_000_000))
    with open_index(tmp_path) as index:
        items = {i.path: i for i in index.read_many(paths)}
        assert not items[changed].reused and [p.text for p in items[changed].article.paragraphs] == [
            "Ein ganz neuer Text über Züge."
        ]
        assert items[touched].reused
        # The old text of the changed file is no longer found.
        assert search_corpus(index, "Satellitenbilder", paths).articles == ()
        assert [h.path for h in search_corpus(index, "Züge", paths).articles] == [changed]
    with open_index(tmp_path) as index:
        assert all(i.reused for i in index.read_many(paths))


def test_feed_change_drops_old_entries(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    feed = folder / "wire.rss"
    feed.write_text(rss_feed(["de", "en"]), encoding="utf-8")
    with open_index(tmp_path) as index:
        paths = discover([folder])
        assert len(list(index.read_many(paths))) == 2
        assert search_corpus(index, "Denkfabrik", paths).articles
        feed.write_text(rss_feed(["uk"]), encoding="utf-8")
        paths = discover([folder])
        items = list(index.read_many(paths))
        assert [i.reused for i in items] == [False]
        assert (
            search_corpus(index, "Denkfabrik", [feed.with_name("wire.rss#1"), feed.with_name("wire.rss#2")]).articles
            == ()
        )


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 200],
)
def test_corrupt_index_is_rebuilt(tmp_path: Path, corpus: Path, content: bytes) -> None:
    path = tmp_path / "cache" / "index.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with CorpusIndex.open(path) as index:
        items = list(index.read_many(discover([corpus])))
        assert len(items) == 5 and not index.problems
    with CorpusIndex.open(path) as index:
        assert all(i.reused for i in index.read_many(discover([corpus])))


def test_foreign_database_is_set_aside(tmp_path: Path, corpus: Path) -> None:
    path = tmp_path / "index.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (whatever TEXT)")
        conn.execute("INSERT INTO articles VALUES ('keep me')")
    with CorpusIndex.open(path) as index:
        assert len(list(index.read_many(discover([corpus])))) == 5
    with sqlite3.connect(str(path) + ".broken") as conn:
        assert conn.execute("SELECT whatever FROM articles").fetchall() == [("keep me",)]


def test_garbled_record_is_read_from_the_file(tmp_path: Path, corpus: Path) -> None:
    path = tmp_path / "index.sqlite3"
    paths = discover([corpus])
    with CorpusIndex.open(path) as index:
        list(index.read_many(paths))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE records SET record = '{\"paragraphs\": 3}'")
    with CorpusIndex.open(path) as index:
        items = list(index.read_many(paths))
        assert [i.article for i in items] == [load_article(p) for p in paths]


def test_unwritable_cache_falls_back_to_memory(tmp_path: Path, corpus: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with CorpusIndex.open(blocker / "sub" / "index.sqlite3") as index:
        assert index.path is None and index.problems
        assert len(list(index.read_many(discover([corpus])))) == 5


def test_unreadable_and_binary_files(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (folder / "b.txt").write_text("Text.\n")
    with open_index(tmp_path) as index:
        items = list(index.read_many(discover([folder]) + [folder / "missing.txt"]))
    assert [i.article.error for i in items] == ["binary file (PNG image)", None, "file not found"]


def test_index_command(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "i.sqlite3"
    assert main(["index", str(corpus), "--index", str(db), "--quiet", "--no-languages"]) == 0
    assert "5 articles: 5 read, 0 unchanged" in capsys.readouterr().out
    assert main(["index", str(corpus), "--index", str(db), "--quiet", "--no-languages"]) == 0
    assert "0 read, 5 unchanged" in capsys.readouterr().out


# ---------------------------------------------------------------- full-text search


def memory_index(texts: dict[str, list[str]]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    for article, paragraphs in texts.items():
        replace_texts(conn, article, "original", enumerate(paragraphs))
    return conn


def found(conn: sqlite3.Connection, query: str) -> list[str]:
    return [group.article for group in search(conn, query).articles]


def test_cross_script_names() -> None:
    conn = memory_index(
        {
            "ar": ["في محطة تومانغانغ للسكك الحديدية"],
            "uk": ["на залізничному об’єкті Туманганг"],
            "de": ["im Eisenbahnwerk Tumangang"],
            "en": ["nothing about it"],
        }
    )
    for query in ("Tumangang", "تومانغانغ", "Туманганг", "tumang"):
        assert sorted(found(conn, query)) == ["ar", "de", "uk"], query


def test_diacritics_letter_variants_and_joiners_are_folded() -> None:
    conn = memory_index(
        {
            "harakat": ["وَصَلَت الذَّخِيرَةُ إلى الحدود"],
            "tatweel": ["الذخيـــرة كثيرة"],
            "persian": ["یکی از مقامات کره‌جنوبی"],
            "arabic-letters": ["يكي از مقامات كره جنوبي"],
            "german": ["ÜBER DIE GRENZE"],
        }
    )
    assert sorted(found(conn, "الذخيرة")) == ["harakat", "tatweel"]
    assert sorted(found(conn, "مقامات كره")) == ["arabic-letters", "persian"]
    assert found(conn, "کرهجنوبی") == ["persian"]
    assert found(conn, "uber grenze") == ["german"]
    result = search(conn, "الذخيرة")
    spans = {g.article: g.hits[0].spans for g in result.articles}
    text = "وَصَلَت الذَّخِيرَةُ إلى الحدود"
    start, end = spans["harakat"][0]
    assert text[start:end] == "الذَّخِيرَةُ"


def test_prefix_phrase_and_ranking() -> None:
    conn = memory_index(
        {
            "one": ["The railway station saw 73 wagons.", "Unrelated."],
            "two": ["A station near the railway, and railway again: railway railway."],
            "three": ["railway", "station"],
        }
    )
    assert sorted(found(conn, "railw")) == ["one", "three", "two"]
    assert found(conn, '"railway station"') == ["one"]
    # All words in one paragraph.
    assert sorted(found(conn, "railway station")) == ["one", "two"]
    result = search(conn, "railway")
    assert result.articles[0].article in ("two", "three")  # bm25: denser paragraphs first
    assert search(conn, "station").articles[-1].article in ("one", "two")
    assert search(conn, "railway", articles=1).more


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_query_is_safe(query: str) -> None:
    conn = memory_index({"a": ['Quotes " and * and (brackets) AND OR NOT NEAR']})
    try:
        fts_query(query)
    except QueryError:
        return
    search(conn, query)  # never an FTS syntax error


def test_search_covers_translations_and_scope(tmp_path: Path, corpus: Path) -> None:
    paths = discover([corpus])
    with open_index(tmp_path) as index:
        for item in index.read_many(paths):
            index_translation(index, item.article, search_translation(item.article))
        result = search_corpus(index, "railcar freight", paths)
        arabic = next(h for h in result.articles if h.path.name.startswith("000"))
        assert {h.side for h in arabic.hits} == {"translation"}
        assert result.articles[0].position == paths.index(result.articles[0].path)
        only = search_corpus(index, "Tumangang", paths[2:3])
        assert [h.path for h in only.articles] == [paths[2]]


def test_search_command_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pages"
    for language in ("ar", "uk", "de"):
        (folder / language).mkdir(parents=True)
        (folder / language / "page.html").write_text(saved_page(language), encoding="utf-8")
    db = str(tmp_path / "i.sqlite3")
    assert main(["search", "Tumangang", str(folder), "-r", "--json", "--index", db]) == 0
    record = json.loads(capsys.readouterr().out)
    assert sorted(a["path"].split("/")[-2] for a in record["articles"]) == ["ar", "de", "uk"]
    for article in record["articles"]:
        hit = article["hits"][0]
        ((start, end),) = hit["spans"]
        assert hit["text"][start:end] in ("تومانغانغ", "Туманган", "Tumangang")
        assert article["meta"]["site"] == "Example News"
    assert main(["search", "Tumangang", str(folder), "--index", db]) == 1  # not recursive: nothing there
    capsys.readouterr()
    assert main(["search", "   ", str(folder), "--index", db]) == 2
    assert BODIES  # the pages' bodies are the test material


def test_very_common_queries_rank_the_newest_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.fulltext

    conn = memory_index({f"a{i:02d}": ["railway " * (1 + i % 3)] for i in range(30)})
    assert not search(conn, "railway").window
    monkeypatch.setattr(tui.fulltext, "RANK_ROWS_PER_ARTICLE", 1)
    result = search(conn, "railway", articles=10)
    assert result.window and result.more
    assert sorted(g.article for g in result.articles) == [f"a{i:02d}" for i in range(20, 30)]
    assert search(conn, "railway", articles=40).window is False


def test_hit_spans_are_computed_from_the_original_text() -> None:
    conn = memory_index({"fa": ["یکی از مقامات ارشد کره‌جنوبی گفت"]})
    (group,) = search(conn, "كره").articles
    (hit,) = group.hits
    ((start, end),) = hit.spans
    assert hit.text[start:end] == "کره"


def test_worker_processes_read_the_same_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus import write_corpus

    import tui.corpus_index

    folder = tmp_path / "many"
    paths = write_corpus(folder, 12)
    monkeypatch.setattr(tui.corpus_index, "MIN_PARALLEL", 4)
    with open_index(tmp_path) as index:
        items = list(index.read_many(paths, workers=2))
        assert [i.article for i in items] == [load_article(p) for p in paths]
        assert [h.path for h in search_corpus(index, '"Beyond Parallel"', paths).articles]
    with open_index(tmp_path) as index:
        assert all(i.reused for i in index.read_many(paths, workers=2))


def test_reading_goes_on_when_worker_processes_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    from corpus import write_corpus

    import tui.corpus_index

    class Broken:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("bad value(s) in fds_to_keep")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Broken)
    monkeypatch.setattr(tui.corpus_index, "MIN_PARALLEL", 2)
    paths = write_corpus(tmp_path / "few", 5)
    with open_index(tmp_path) as index:
        assert [i.article for i in index.read_many(paths, workers=2)] == [load_article(p) for p in paths]


def test_local_bm25_prefers_more_and_denser_matches() -> None:
    from tui.fulltext import local_bm25

    texts = {
        1: "Tumangang once in a long paragraph with many other words around it here",
        2: "Tumangang, Tumangang",
        3: "Tumangang station and the railway",
        4: "Railway only, matched through another column",
    }
    order = [rowid for rowid, _ in local_bm25(texts, ["tumangang"])]
    assert order[0] == 2 and order.index(3) < order.index(1)
    # Every row of a window matched every term (in the text, or as a name).
    both = {1: texts[1] + " railway", 3: texts[3], 5: "Tumangang railway railway"}
    assert [rowid for rowid, _ in local_bm25(both, ["tumangang", "railway"])] == [5, 3, 1]


def test_an_index_locked_by_another_writer_is_kept_not_set_aside(tmp_path: Path, monkeypatch) -> None:
    """A writer holding the file past the timeout (the reader, its reading child,
    ``tandem index``) does not make the index look broken: nothing is moved aside."""
    import tui.corpus_index

    path = tmp_path / "index.sqlite3"
    CorpusIndex.open(path).close()
    monkeypatch.setattr(tui.corpus_index, "BUSY_SECONDS", 0.1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        index = CorpusIndex.open(path)
        assert index.path is None and "busy" in index.problems[0]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "broken" in p.name) == []
    with CorpusIndex.open(path) as again:
        assert again.path == path and again.problems == []


def test_the_first_article_comes_before_every_file_is_checked(tmp_path: Path, monkeypatch) -> None:
    """A new folder's files are checked a step at a time: checking 50,000 first
    kept the reader's first article back for over a second."""
    from corpus import write_corpus

    import tui.corpus_index

    monkeypatch.setattr(tui.corpus_index, "FRESHNESS_STEP", 4)
    paths = write_corpus(tmp_path / "news", 10)
    checked: list[str] = []
    real = CorpusIndex._freshness
    monkeypatch.setattr(CorpusIndex, "_freshness", lambda self, file: (checked.append(file), real(self, file))[1])
    with open_index(tmp_path) as index:
        items = index.read_many(paths)
        next(items)
        assert len(checked) == 4
        assert [i.path for i in items] == paths[1:]
    assert len(checked) == 10


@pytest.mark.parametrize("step", [1, 2, 5])
def test_steps_read_what_one_pass_reads_with_a_feed_across_them(tmp_path: Path, corpus: Path, monkeypatch, step: int):
    import tui.corpus_index

    feed = corpus / "wire.rss"
    feed.write_text(rss_feed(["de", "en", "uk"]), encoding="utf-8")
    paths = discover([corpus])

    def read(name: str) -> list[tuple[str, bool, str]]:
        with CorpusIndex.open(tmp_path / name / "index.sqlite3") as index:
            return [(i.path.name, i.reused, i.article.content_hash) for i in index.read_many(paths)]

    def twice(name: str) -> list[list[tuple[str, bool, str]]]:
        first = read(name)
        feed.write_text(rss_feed(["uk", "de"]), encoding="utf-8")  # changed: its entries read again, once
        second = read(name)
        feed.write_text(rss_feed(["de", "en", "uk"]), encoding="utf-8")
        return [first, second]

    whole = twice("whole")
    monkeypatch.setattr(tui.corpus_index, "FRESHNESS_STEP", step)
    assert twice(f"step-{step}") == whole
