"""Terminals as analysts have them: resized from 250x60 to 40x12 and back,
NO_COLOR set, or only 16 colours.

What is checked is what reaches the terminal: the compositor's strips after
Textual's line filters (Monochrome under NO_COLOR), and for 16 colours the
colours as Textual's driver downgrades them (``Color.downgrade``) when it
writes to a ``standard`` terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, seed, settle
from corpus import write_long_article
from rich.color import ColorSystem
from textual import constants

from tui.loading import discover
from tui.ui.app import TandemApp
from tui.ui.parallel import ParallelView

SIZES = [(250, 60), (160, 45), (80, 24), (59, 20), (40, 12), (120, 30), (250, 60)]
"""Wide to narrow (side by side, then stacked below 60 columns) and back."""


def view_region_lines(app) -> list[list]:
    """The strips (segments) of the rows the ParallelView covers on screen."""
    view = app.screen.query_one(ParallelView)
    region = view.region
    strips = app.screen._compositor.render_strips()
    rows = []
    for y in range(region.y, region.y + region.height):
        rows.append(strips[y].crop(region.x, region.x + region.width))
    return rows


def assert_current_in_view(app) -> None:
    view = app.screen.query_one(ParallelView)
    top = view.row_top(view.current)
    window = view.scroll_offset.y
    height = view.scrollable_content_region.height
    assert window <= top < window + height, (view.current, top, window, height, app.size)
    # Black-box too: the current-row bar is painted in the view.
    assert any(strip.text.startswith("▌") for strip in view_region_lines(app)), app.size


@pytest.mark.parametrize("moves", [["j"] * 12, ["G", "k", "k"]], ids=["middle", "near-end"])
async def test_resize_keeps_current_paragraph_in_view(moves: list[str], tmp_path: Path) -> None:
    app = TandemApp(discover([seed("003")]), notes_db=tmp_path / "notes.db")
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(pilot)
        await pilot.press(*moves)
        view = app.screen.query_one(ParallelView)
        current = view.current
        assert current > 0
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.size == (width, height)
            assert view.current == current
            assert_current_in_view(app)
        # Still navigable after the round trip, and at the smallest size.
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.press("j", "pagedown", "k")
        await pilot.pause()
        assert_current_in_view(app)


async def test_resize_long_article_keeps_current_in_view(tmp_path: Path) -> None:
    """5,000 paragraphs: heights above the current row are only estimates."""
    path = write_long_article(tmp_path, 5000)
    app = TandemApp([path], notes_db=tmp_path / "notes.db")
    async with app.run_test(size=(250, 60)) as pilot:
        await pilot.pause()
        await pilot.press("G", *["k"] * 5, "pageup", "pageup")
        view = app.screen.query_one(ParallelView)
        current = view.current
        assert 4000 < current < 4995
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert view.current == current
            assert_current_in_view(app)
        await settle(pilot)


def _is_grey(color) -> bool:
    if color is None or color.is_default:
        return True
    r, g, b = color.get_truecolor()
    return r == g == b


async def test_no_color_has_no_hue_yet_claims_and_current_row_stand_out(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "notes.db")
    assert app.no_color
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        for strip in strips:
            for segment in strip:
                style = segment.style
                if style is not None:
                    assert _is_grey(style.color) and _is_grey(style.bgcolor), (segment.text, style)
        lines = view_region_lines(app)
        # The current row is marked by its bar, in text, not only by a background.
        marked = [strip.text for strip in lines if strip.text.startswith("▌")]
        assert marked and all(not strip.text.startswith("▌") for strip in lines if strip.text not in marked)
        # Claims are drawn with a text style that body text does not have.
        view = app.screen.query_one(ParallelView)
        styled = set()
        plain_seen = False
        for strip in lines:
            for segment in strip:
                style = segment.style
                if not segment.text.strip() or style is None:
                    continue
                looks = (bool(style.bold), bool(style.italic), bool(style.underline), bool(style.reverse))
                if any(looks[:3]):
                    styled.add(looks)
                elif not style.dim:
                    plain_seen = True
        assert plain_seen, "body text drawn plain"
        assert len(styled) >= 2, f"claim kinds by text style: {styled}"
        quantity = view.get_component_rich_style("claim--quantity", partial=True)
        assert quantity.bold


def _standard(color) -> int | None:
    """The colour number a 16-colour terminal gets; ``None`` = terminal default."""
    if color is None or color.is_default:
        return None
    return color.downgrade(ColorSystem.STANDARD).number


def _clashes(app, *, widgets=None) -> list[tuple[int, str, int]]:
    """Text segments whose colour equals their background once downgraded to 16 colours.

    Decoration (box drawing and block characters: gutters, scrollbars) is
    left out; ``widgets`` limits the check to those widgets' regions.
    """
    regions = [w.region for w in widgets] if widgets else None
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            start, x = x, x + segment.cell_length
            style = segment.style
            text = segment.text
            if style is None or not any(ch.strip() and not 0x2500 <= ord(ch) <= 0x259F for ch in text):
                continue
            if regions is not None and not any(r.contains(start, y) for r in regions):
                continue
            fg, bg = _standard(style.color), _standard(style.bgcolor)
            if fg is not None and fg == bg:
                found.append((y, text, fg))
    return found


async def test_sixteen_colour_terminal_stays_legible(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(constants, "COLOR_SYSTEM", "standard")
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "notes.db")
    assert app.console.color_system == "standard"
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        screen = app.screen
        content = [
            screen.query_one(ParallelView),
            screen.query_one("#articles"),
            screen.query_one("#status"),
            screen.query_one("#original-header"),
            screen.query_one("#translation-header"),
        ]
        clashes = _clashes(app, widgets=content)
        assert not clashes, f"text in its own background colour on 16 colours: {clashes[:5]}"
        claim_colours = set()
        # Claim kinds keep distinct colours after the downgrade.
        view = app.screen.query_one(ParallelView)
        for kind in ("quantity", "date", "attribution", "quote", "hedge", "denial"):
            claim_colours.add(_standard(view.get_component_rich_style(f"claim--{kind}", partial=True).color))
        assert len(claim_colours) >= 4, claim_colours
        # The current row differs from the others after the downgrade, or by its bar.
        lines = view_region_lines(app)
        current = [s for s in lines if s.text.startswith("▌")]
        assert current


async def test_sixteen_colours_whole_screen_has_no_invisible_text(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(constants, "COLOR_SYSTEM", "standard")
    app = TandemApp(discover([SEEDS]), notes_db=tmp_path / "notes.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert not _clashes(app)


async def test_a_long_article_makes_only_the_rows_it_shows(tmp_path):
    """A 20,000-paragraph article: opening it, reading languages and going to
    its end make only the rows drawn or laid out (issue 11: every row was made
    on the event loop each time the article opened or its translation
    changed, and the reader was deaf to keys for seconds)."""
    path = write_long_article(tmp_path / "long", 20_000)
    app = TandemApp(discover([path]), notes_db=tmp_path / "notes.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        assert view.row_count == 20_000
        await pilot.press("G", "k", "k")
        await pilot.pause()
        assert view.current == 19_997
        assert view.rows_built < 300, view.rows_built


def test_search_reads_lazy_rows_without_building_them(tmp_path):
    """``/`` looks in every row's text; on a long article it must not build
    every row (inert text, placeholder) and keep them all, as it did."""
    from tui.loading import load_article
    from tui.ui.parallel import LazyRows, RowText, row_texts

    article = load_article(write_long_article(tmp_path / "long", 2_000))
    translations = {i: f"translation \x1b[31m{i}" for i in range(0, 2_000, 3)}
    rows = LazyRows(article, translations, "— no translation yet —")
    lazily = list(row_texts(rows))
    assert rows.built == 0
    built: list[RowText] = [rows[i] for i in range(len(rows))]
    assert lazily == list(row_texts(built)), "the same texts as the rows themselves"
    assert all("\x1b" not in text for _, _, text in lazily)
