"""Moving like a daily reader (issue 12 items 17, 18, 19): places kept across
restarts, go to paragraph N, marks, and control over the columns."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS, screen_text, seed, settle

from tui.loading import discover, load_article
from tui.ui.app import TandemApp
from tui.ui.parallel import ParallelView
from tui.ui.reader import ReaderScreen


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


def reader(tmp_path: Path) -> TandemApp:
    return TandemApp(discover([SEEDS]), notes_db=tmp_path / "notes.sqlite3")


def where(app) -> tuple[int, int]:
    return app.screen.current_article, app.screen.query_one(ParallelView).current


async def test_the_last_article_and_each_position_come_back_after_a_restart(tmp_path: Path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press(*"jjj", "greater_than_sign", "greater_than_sign", *"jjjjj")
        await pilot.pause()
        assert where(app) == (2, 5)
    app = reader(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert where(app) == (2, 5), "the article last open, where the reader left it"
        assert "article 3/5 · ¶ 6/" in status(app)
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert where(app) == (0, 3), "every article keeps its own place"


async def test_places_are_written_in_a_thread_after_a_move_and_at_exit(tmp_path: Path, monkeypatch):
    """The fsync a second after moving between articles held the event loop:
    it happens in a thread; the last state is still written at exit."""
    import asyncio
    import os
    import sys
    import threading

    import tui.ui.reading
    from tui.reading_places import ReadingPlaces

    monkeypatch.setattr(tui.ui.reading, "SAVE_AFTER", 0.01)
    synced: list[bool] = []  # per fsync of the state file: on the event loop's thread?
    written = threading.Event()
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        if sys._getframe(1).f_code.co_filename.endswith("reading_places.py"):
            synced.append(threading.current_thread() is threading.main_thread())
            written.set()

    monkeypatch.setattr(os, "fsync", fsync)
    app = reader(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        synced.clear()
        written.clear()
        await pilot.press("greater_than_sign", *"jj")
        await asyncio.wait_for(asyncio.to_thread(written.wait), 60)  # a cap, not a pause
        await app.workers.wait_for_complete()
        assert synced == [False], "written once, off the event loop"
        assert where(app) == (1, 2)
        await pilot.press("j")
    assert synced[-1] is True, "at exit, on the spot"
    assert ReadingPlaces().paragraph(load_article(seed("001"))) == 3, "the last move is on disk"


async def test_go_to_paragraph_by_colon_or_by_number_then_g(tmp_path: Path):
    app = reader(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("colon", "1", "2", "enter")  # one burst, no pauses
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and where(app) == (0, 11)
        await pilot.press("7", "g")
        await pilot.pause()
        assert where(app) == (0, 6)
        await pilot.press("4")
        await pilot.pause()
        assert "Go to paragraph: 4" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and where(app) == (0, 6), "Esc cancels"
        await pilot.press("9", "9", "9", "G")
        await pilot.pause()
        count = app.screen.query_one(ParallelView).row_count
        assert where(app) == (0, count - 1), "a number past the end goes to the last paragraph"


async def test_marks_go_back_across_articles_and_restarts(tmp_path: Path):
    app = reader(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press(*"jjjj", "m", "q", "greater_than_sign", "j")
        await pilot.pause()
        assert where(app) == (1, 1)
        await pilot.press("apostrophe", "q")
        await pilot.pause()
        assert where(app) == (0, 4)
        await pilot.press("apostrophe", "z")
        await pilot.pause()
        assert where(app) == (0, 4)  # no mark z: said, nothing moves
    app = reader(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("greater_than_sign", "greater_than_sign", "apostrophe", "q")
        await pilot.pause()
        assert where(app) == (0, 4), "marks are kept across restarts"


def first_row(app) -> str:
    view = app.screen.query_one(ParallelView)
    return view.render_line(0).text


async def test_columns_one_side_swapped_and_split_moved_then_remembered(tmp_path: Path):
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.sqlite3")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        both = first_row(app)
        assert " │ " in both and both.index(" │ ") < 70
        original_start = both[3:20]
        await pilot.press("v")  # original only
        await pilot.pause()
        assert " │ " not in first_row(app) and first_row(app)[3:20] == original_start
        await pilot.press("v")  # translation only
        await pilot.pause()
        assert " │ " not in first_row(app) and first_row(app)[3:20] != original_start
        await pilot.press("v", "x")  # both, swapped: the translation on the left
        await pilot.pause()
        swapped = first_row(app)
        assert " │ " in swapped and swapped.split(" │ ")[1].strip().startswith(original_start.strip())
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await pilot.pause()
        assert first_row(app).index(" │ ") > swapped.index(" │ "), "the split moved right"
        assert view.columns.split == 60 and view.columns.swapped
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.sqlite3")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        columns = app.screen.query_one(ParallelView).columns
        assert (columns.shown, columns.swapped, columns.split) == ("both", True, 60), "remembered"


async def test_the_headers_follow_the_columns(tmp_path: Path):
    """After x (swap) the translation's header is on the left, over its column;
    with one side shown, the other header is hidden."""
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.sqlite3")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        original = app.screen.query_one("#original-header")
        translation = app.screen.query_one("#translation-header")
        assert original.region.x < translation.region.x
        await pilot.press("x")
        await pilot.pause()
        assert translation.region.x < original.region.x
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await pilot.pause()
        assert translation.region.width > original.region.width, "the left column (and header) grew"
        await pilot.press("v")  # the original only
        await pilot.pause()
        assert original.display and not translation.display
