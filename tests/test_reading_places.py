"""Reading places kept across restarts (issue 12 item 17): the domain side.

Per article the paragraph last read, found again by its text when the file
changed; the last article of a folder; marks; a state file that is not
tandem's (garbage, a directory, huge) is ignored, never a crash.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.loading import load_article
from tui.reading_places import MAX_ARTICLES, ReadingPlaces, folder_key


def write(path: Path, paragraphs: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


PARAGRAPHS = [f"Paragraph number {i} says something different about trains." for i in range(10)]


def test_a_place_survives_a_restart_and_follows_its_text(tmp_path: Path) -> None:
    state = tmp_path / "state" / "reading.json"
    path = write(tmp_path / "a.txt", PARAGRAPHS)
    places = ReadingPlaces(state)
    places.remember(load_article(path), 6)
    places.save()
    assert ReadingPlaces(state).paragraph(load_article(path)) == 6
    # Two paragraphs added above: the same text is now paragraph 8.
    write(path, ["New first paragraph.", "New second one.", *PARAGRAPHS])
    assert ReadingPlaces(state).paragraph(load_article(path)) == 8
    # The paragraph itself is gone: the same number, clamped to the article.
    write(path, PARAGRAPHS[:3])
    assert ReadingPlaces(state).paragraph(load_article(path)) == 2


def test_a_renamed_file_keeps_its_place_by_content(tmp_path: Path) -> None:
    state = tmp_path / "reading.json"
    path = write(tmp_path / "a.txt", PARAGRAPHS)
    places = ReadingPlaces(state)
    places.remember(load_article(path), 4)
    places.save()
    moved = path.rename(tmp_path / "b.txt")
    assert ReadingPlaces(state).paragraph(load_article(moved)) == 4
    assert ReadingPlaces(state).paragraph(load_article(write(tmp_path / "c.txt", ["Other text."]))) is None


def test_the_last_article_of_each_folder(tmp_path: Path) -> None:
    state = tmp_path / "reading.json"
    one = [write(tmp_path / "one" / f"{n}.txt", PARAGRAPHS) for n in "abc"]
    two = [write(tmp_path / "two" / f"{n}.txt", PARAGRAPHS) for n in "xy"]
    places = ReadingPlaces(state)
    places.remember_last(one, one[2])
    places.remember_last(two, two[1])
    places.save()
    again = ReadingPlaces(state)
    assert again.last(one) == 2 and again.last(two) == 1
    assert again.last([tmp_path / "elsewhere.txt"]) is None
    assert folder_key(one) != folder_key(two)


def test_marks_name_a_file_and_a_paragraph(tmp_path: Path) -> None:
    state = tmp_path / "reading.json"
    article = load_article(write(tmp_path / "a.txt", PARAGRAPHS))
    places = ReadingPlaces(state)
    places.set_mark("q", article, 3)
    with pytest.raises(ValueError):
        places.set_mark("Q", article, 3)
    with pytest.raises(ValueError):
        places.set_mark("a", article, 99)
    places.save()
    again = ReadingPlaces(state)
    assert again.marks() == ["q"]
    path, paragraph, anchor = again.mark("q")
    assert Path(path) == article.path.resolve() and paragraph == 3
    assert again.find(article, paragraph, anchor) == 3
    assert again.mark("z") is None


def test_old_places_are_dropped_beyond_the_limit(tmp_path: Path) -> None:
    state = tmp_path / "reading.json"
    article = load_article(write(tmp_path / "a.txt", PARAGRAPHS))
    places = ReadingPlaces(state)
    for n in range(MAX_ARTICLES + 5):
        places.remember(dataclasses.replace(article, path=tmp_path / f"{n}.txt"), 1)
    places.save()
    kept = json.loads(state.read_text(encoding="utf-8"))["articles"]
    assert len(kept) == MAX_ARTICLES
    assert str(tmp_path / "0.txt") not in kept and str(tmp_path / f"{MAX_ARTICLES + 4}.txt") in kept


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage", b"[]", b'{"version": 99}', b'{"version": 1, "articles": [1, 2]}', b"{" * 100_000],
)
def test_a_state_file_that_is_not_tandems_is_ignored(tmp_path: Path, content: bytes) -> None:
    state = tmp_path / "reading.json"
    state.write_bytes(content)
    article = load_article(write(tmp_path / "a.txt", PARAGRAPHS))
    places = ReadingPlaces(state)
    assert places.paragraph(article) is None and places.last([article.path]) is None
    places.remember(article, 2)
    places.save()  # replaced by one tandem can read
    assert ReadingPlaces(state).paragraph(article) == 2


def test_a_state_path_that_cannot_be_written_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    places = ReadingPlaces(blocker / "reading.json")  # its folder is a file
    with pytest.raises(OSError):
        places.save()


def test_a_snapshot_is_the_state_when_taken_and_an_older_one_never_overwrites_a_newer(tmp_path: Path) -> None:
    """The reader writes snapshots in a thread: one taken earlier but written
    later (a slow thread) must not put an older state on disk."""
    state = tmp_path / "reading.json"
    path = write(tmp_path / "a.txt", PARAGRAPHS)
    article = load_article(path)
    places = ReadingPlaces(state)
    places.remember(article, 3)
    older = places.snapshot()
    places.remember(article, 7)
    newer = places.snapshot()
    assert older.data["articles"][next(iter(older.data["articles"]))]["paragraph"] == 3, "taken, not shared"
    places.write(newer)
    places.write(older)
    assert ReadingPlaces(state).paragraph(article) == 7
    places.remember(article, 9)
    places.save()  # at exit: the last state, whatever was written before
    assert ReadingPlaces(state).paragraph(article) == 9


def test_writes_from_threads_never_interleave_and_the_last_snapshot_stays(tmp_path: Path) -> None:
    import threading

    state = tmp_path / "reading.json"
    article = load_article(write(tmp_path / "a.txt", PARAGRAPHS))
    places = ReadingPlaces(state)
    snapshots = []
    for paragraph in range(10):
        places.remember(article, paragraph)
        places.set_mark("abcdefghij"[paragraph], article, paragraph)
        snapshots.append(places.snapshot())
    start = threading.Barrier(len(snapshots))

    def writer(snapshot) -> None:
        start.wait()
        places.write(snapshot)

    threads = [threading.Thread(target=writer, args=(s,)) for s in reversed(snapshots)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert json.loads(state.read_text(encoding="utf-8")) == snapshots[-1].data
    assert ReadingPlaces(state).paragraph(article) == 9
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".reading-")] == [], "no temporary file left"


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(articles=values, last=values, marks=values)
def test_any_json_in_the_state_file_never_breaks_the_reader(tmp_path_factory, articles, last, marks) -> None:
    folder = tmp_path_factory.mktemp("p")
    state = folder / "reading.json"
    state.write_text(json.dumps({"version": 1, "articles": articles, "last": last, "marks": marks}), encoding="utf-8")
    article = load_article(write(folder / "a.txt", PARAGRAPHS))
    places = ReadingPlaces(state)
    found = places.paragraph(article)
    assert found is None or 0 <= found < len(article.paragraphs)
    assert places.last([article.path]) in (None, 0)
    for name in places.marks():
        mark = places.mark(name)
        if mark is not None:
            assert 0 <= places.find(article, mark[1], mark[2]) < len(article.paragraphs)
