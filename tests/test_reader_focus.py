"""Where the keyboard goes: a hidden widget never keeps it, search screens take
typing at once, and empty results say so (issue 12, items 7 and 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import screen_text, seed, settle

from tui.loading import discover
from tui.ui.app import TandemApp
from tui.ui.article_list import ArticlePane
from tui.ui.parallel import ParallelView


def list_shown(app) -> bool:
    return app.screen.query_one(ArticlePane).display and app.screen.query_one(ArticlePane).region.width > 0


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_l_tab_l_hides_the_list_and_gives_the_keyboard_back(tmp_path: Path, size) -> None:
    app = TandemApp(discover([seed("000"), seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("l", "tab")
        await pilot.pause()
        assert app.screen.query_one("#articles").has_focus
        assert list_shown(app), "the list has the keyboard only while it is shown"
        await pilot.press("l")
        await pilot.pause()
        assert not list_shown(app)
        assert view.has_focus, "hiding the list gives the keyboard back to the reader"
        await pilot.press("j", "j")
        assert view.current == 2, "the reader is not frozen"


async def test_a_filter_that_matches_nothing_says_so_and_esc_clears_it(tmp_path: Path) -> None:
    app = TandemApp(discover([seed("000"), seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"zzqqxx")
        await pilot.pause()
        assert "no matches" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "no matches" not in screen_text(app)
        assert app.screen.query_one(ParallelView).has_focus
        assert "ar " in screen_text(app), "every article listed again"


async def test_n_past_the_last_match_says_the_search_wrapped(tmp_path: Path) -> None:
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"tumangang", "enter", "n", "n", "n")
        assert not [n for n in app._notifications if "wrapped" in n.message]
        await pilot.press("n")
        assert "/tumangang: 1/4" in str(app.screen.query_one("#status").render())
        assert [n for n in app._notifications if "wrapped" in n.message and "first" in n.message]
        await pilot.press("N")
        assert [n for n in app._notifications if "wrapped" in n.message and "last" in n.message]


async def test_a_opens_with_the_keyboard_in_its_filter(tmp_path: Path) -> None:
    from tui.ui.notes import NotesScreen

    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", "1", *"zz", "enter", "A", *"label:ver")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        assert "1 of 1 annotations" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert "0 of 1 annotations" in screen_text(app), "typing filtered at once"
        await pilot.press("backspace", "down")
        assert app.screen.query_one("#notes-list").has_focus, "↓ goes from the filter to the list"


async def test_enter_on_a_list_row_opens_it_and_the_overlay_gives_way_at_80_columns(tmp_path: Path) -> None:
    app = TandemApp(discover([seed("000"), seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert view.article_id.startswith("002")
        assert view.has_focus
        assert not list_shown(app), "the list overlay no longer covers the text"
        await pilot.press("j")
        assert view.current == 1
