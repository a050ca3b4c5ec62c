"""Snapshot tests of the main views at fixed terminal sizes.

Regenerate after an intended UI change with
``.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update`` and
review the SVGs in ``tests/__snapshots__``.
"""

from __future__ import annotations

from conftest import SEEDS, seed, settle

from tui.loading import discover
from tui.ui.app import TandemApp


def test_arabic_article_80x24(snap_compare):
    app = TandemApp(discover([SEEDS]))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_arabic_article_160x45(snap_compare):
    app = TandemApp(discover([SEEDS]))
    assert snap_compare(app, terminal_size=(160, 45), run_before=settle)


def test_persian_article_terminal_bidi_120x30(snap_compare):
    app = TandemApp(discover([seed("001")]), bidi="terminal")
    assert snap_compare(app, terminal_size=(120, 30), run_before=settle)


def test_german_search_120x30(snap_compare):
    async def search(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"Beyond Parallel", "enter")
        await pilot.pause()

    app = TandemApp(discover([seed("002")]))
    assert snap_compare(app, terminal_size=(120, 30), run_before=search)


def test_help_screen_100x40(snap_compare):
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    app = TandemApp(discover([SEEDS]))
    assert snap_compare(app, terminal_size=(100, 40), run_before=open_help)
