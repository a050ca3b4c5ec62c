"""The help screen and the footer at 80 columns (issue 12, items 4 and 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bidi import get_display
from conftest import screen_text, seed, settle
from rtl_oracle import RESHAPER, unmirror

from tui.keymap import ACTIONS, display_keys
from tui.loading import discover
from tui.rtl import layout
from tui.ui.app import TandemApp
from tui.ui.help import BIDI_SAMPLE, bidi_check, help_table


def test_each_group_is_listed_once() -> None:
    from rich.console import Console

    console = Console(width=100, record=True)
    console.print(help_table(ACTIONS))
    lines = [line.strip() for line in console.export_text().splitlines()]
    groups = {action.group for action in ACTIONS}
    for group in groups:
        assert lines.count(group) == 1, group


@pytest.mark.parametrize("width", [20, 47, 66, 72, 100])
def test_the_rtl_check_is_laid_out_for_the_width_it_is_drawn_at(width: int) -> None:
    from rich.console import Console

    console = Console(width=width, record=True)
    console.print(bidi_check("app", {}))
    rows = [row for row in console.export_text().splitlines() if any("\ufe70" <= ch <= "\ufeff" for ch in row)]
    expected = [unmirror(get_display(RESHAPER.reshape(line), base_dir="R")) for line in logical_lines(width)]
    assert [unmirror(row.strip()) for row in rows] == expected
    assert all(len(row) == width for row in rows), "right-aligned: each line padded on the left to the width"


def logical_lines(width: int) -> list[str]:
    lines = layout(BIDI_SAMPLE, width, direction="rtl", mode="app")
    return [BIDI_SAMPLE[min(c.start for c in ln.clusters) : max(c.end for c in ln.clusters)] for ln in lines]


async def test_help_at_80x24_reads_right_to_left_ends_with_end_and_footer_fits(tmp_path: Path) -> None:
    app = TandemApp(discover([seed("000")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        for action in ACTIONS:
            if action.footer:
                assert f"{display_keys(action.keys.split(',')[0])} {action.description}" in footer, footer
        await pilot.press("question_mark", "end")
        await pilot.pause()
        text = screen_text(app)
        assert "Esc, q or ? closes this screen." in text, "End reaches the end of help"
        body = app.screen.query_one("#help-intro")
        region = body.content_region
        rows = [row[region.x : region.right] for row in text.splitlines()[region.y : region.bottom]]
        first, second = logical_lines(region.width)[:2]
        expected = unmirror(get_display(RESHAPER.reshape(first), base_dir="R"))
        assert len(rows[1]) == region.width and unmirror(rows[1]).endswith(expected), (
            "the sample's first words on the first line, right-aligned"
        )
        assert unmirror(rows[2].strip()) == unmirror(get_display(RESHAPER.reshape(second), base_dir="R"))
        assert first.startswith(BIDI_SAMPLE.split()[0])
