"""Versions in the reader: ] and [ between language versions, the way back, the strip, the stack."""

from __future__ import annotations

from conftest import SEEDS, screen_text, seed, settle

from tui.loading import discover
from tui.ui.app import TandemApp
from tui.ui.claims_panel import ClaimsPanel
from tui.ui.parallel import ParallelView
from tui.ui.reader import ReaderScreen
from tui.ui.stack import StackScreen


def strip(app) -> str:
    return str(app.screen.query_one("#versions").render())


async def test_bracket_jumps_to_the_counterpart_and_back(tmp_path):
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("j", "j")  # 000 ¶3: the quoted Beyond Parallel finding
        assert "de 002" in strip(app) and "uk 003" in strip(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.article_id.startswith("002")
        assert view.current == 3, "the German version says it in its 4th paragraph"
        assert 3 in view.highlighted_rows
        assert "Kim-Putin-Gipfel" in app.screen.collection[2].paragraphs[view.current].text
        await pilot.press("backspace")
        await pilot.pause()
        assert view.article_id.startswith("000") and view.current == 2
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.article_id.startswith("003"), "[ goes the other way round the story"
        assert "5 жовтня 2023" in app.screen.collection[3].paragraphs[view.current].text


async def test_brackets_cycle_every_version_and_come_back(tmp_path):
    """From 000 ¶7 (73 rail cars), ] visits 002 then 003 then comes back to
    000 ¶7; [ after ] returns to the paragraph it started from (issue 12: ]
    ping-ponged between 000 and 002, and [ then ] landed on another paragraph)."""
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press(*"jjjjjj")
        assert view.current == 6
        seen = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append((view.article_id[:3], view.current))
        assert [a for a, _ in seen] == ["002", "003", "000"]
        assert seen[-1] == ("000", 6), "all the way round: back to the starting paragraph"
        await pilot.press("right_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert (view.article_id[:3], view.current) == ("000", 6), "[ after ] returns"
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert (view.article_id[:3], view.current) == ("000", 6)


async def test_paragraph_without_counterpart_stays_put(tmp_path):
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("greater_than_sign")  # 001 (fa): a story of its own
        assert "no other version" in strip(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.article_id.startswith("001")


async def test_stack_shows_every_version_of_the_paragraph(tmp_path):
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j", "j", "j")  # 000 ¶7: 73 rail cars
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StackScreen)
        text = screen_text(app)
        assert "you are here" in text
        assert "002_9b95b1462cb86349" in text and "003_02f774514bd804c1" in text
        assert "Ungefähr 73 Triebwagen" in text
        assert "Nearly 73 train cars" in text  # the reference translation under the Arabic
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_stack_says_plainly_when_a_version_has_no_counterpart(tmp_path):
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # 000 ¶1: the Ukrainian report opens differently
        await pilot.pause()
        lines = screen_text(app).splitlines()
        (head,) = [line for line in lines if "003_02f774514bd804c1" in line]
        assert "has no counterpart there" in head and "nearest" not in head
        assert "· — ·" in head
        (german,) = [line for line in lines if "002_9b95b1462cb86349" in line]
        assert "link 0." in german


async def test_claims_panel_lists_corroborating_versions(tmp_path):
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        panel = app.screen.query_one(ClaimsPanel)
        lines = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        seventy_three = [line for line in lines if "qty   73 " in line]
        assert seventy_three, lines
        assert "de 002" in seventy_three[0] and "uk 003" in seventy_three[0]


async def test_articles_are_named_apart_in_the_list_and_the_strip(tmp_path):
    """Issue 12 item 10: ids cut to three characters ("rep", "rep") could not
    be told apart; every place that names an article uses its short name."""
    import shutil

    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(seed("000"), folder / "report_ar.txt")
    shutil.copy(seed("002"), folder / "report_de.txt")
    app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "report_ar" in text and "report_de" in text
        strip = str(app.screen.query_one("#versions").render())
        assert "de report_de" in strip, strip
