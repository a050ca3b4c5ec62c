"""Claims in the reader: highlighted on both sides, J/K, the claims panel."""

from __future__ import annotations

import pytest
from conftest import seed, settle
from rich.color import ColorSystem

from tui.claims.kinds import CLAIM_KINDS
from tui.loading import discover
from tui.ui.app import TandemApp
from tui.ui.claims_panel import ClaimsPanel
from tui.ui.parallel import ParallelView


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


async def test_claims_are_highlighted_in_original_and_translation():
    app = TandemApp(discover([seed("000")]))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        article = screen.collection[0]
        # Paragraph 6: "… ما يقرب من 73 عربة قطار … 20 عربة …"
        original = article.paragraphs[6].text
        spans = screen.reading.spans_for(6, "original")
        marked = {original[a:b] for a, b, name in spans if name == "claim--quantity"}
        assert any(text.startswith("73") for text in marked), marked
        translation = screen.reading.translations.translation(0).get(6).text
        tspans = screen.reading.spans_for(6, "translation")
        tmarked = {translation[a:b] for a, b, name in tspans if name == "claim--quantity"}
        assert any("73" in text for text in tmarked), tmarked
        # The highlight reaches the screen: the row's strip carries the claim style.
        view = screen.query_one(ParallelView)
        view.move_to(6)
        await pilot.pause()
        style = view.get_component_rich_style("claim--quantity", partial=True)
        rows = [view.render_line(y) for y in range(view.size.height)]
        assert any(seg.style and style.bold and seg.style.bold and "73" in seg.text for strip in rows for seg in strip)


async def test_J_and_K_walk_claims_and_status_names_them():
    app = TandemApp(discover([seed("002")]))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        seen = []
        for _ in range(40):
            await pilot.press("J")
            seen.append((view.current, status(app)))
            if "quantity 73" in status(app):
                break
        assert "quantity 73" in status(app), seen[-3:]
        assert view.current == 8
        paragraphs = [p for p, _ in seen]
        assert paragraphs == sorted(paragraphs), "J moves forward in reading order"
        await pilot.press("K")
        assert "quantity 73" not in status(app)
        assert view.current <= 8


async def test_claims_panel_lists_and_enter_jumps():
    app = TandemApp(discover([seed("002")]))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        panel = app.screen.query_one(ClaimsPanel)
        await pilot.press("c")
        assert panel.display and panel.has_focus
        assert panel.option_count > 10
        await pilot.press("end", "enter")
        last = panel.items[-1]
        assert view.current == last.paragraph
        assert view.has_focus
        await pilot.press("c")
        assert panel.display and panel.has_focus, "c returns to an open panel"
        await pilot.press("c")
        assert not panel.display and view.has_focus


async def test_claim_kinds_differ_without_colour():
    """NO_COLOR and 16-colour terminals: every kind differs by text style alone
    (issue 12 item 13: dates and times looked the same, a stylesheet rule
    repeated the table's and had drifted from it)."""
    app = TandemApp(discover([seed("002")]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        looks = {}
        for kind in CLAIM_KINDS:
            style = view.get_component_rich_style(f"claim--{kind.name}", partial=True)
            looks[kind.name] = (bool(style.bold), bool(style.italic), bool(style.underline), bool(style.overline))
            assert any(looks[kind.name]), kind
        assert len(set(looks.values())) == len(looks), looks
        assert view.get_component_rich_style("claim--current", partial=True).reverse


FAMILIES = {"quantity": "percent", "date": "time"}
"""Kinds that share a colour on purpose: a percent is a quantity, a time a date (their styles differ)."""


@pytest.mark.parametrize("system", [ColorSystem.STANDARD, ColorSystem.EIGHT_BIT])
async def test_claim_kinds_keep_their_own_colour_in_16_and_256_colours(system):
    """Issue 12 item 13: in 16 colours quotes and denials looked like
    attributions, in 256 attributions like denials. Each kind has its own hue
    after the terminal's downgrade, except the two documented families."""
    app = TandemApp(discover([seed("002")]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ParallelView)
        colours = {}
        for kind in CLAIM_KINDS:
            colour = view.get_component_rich_style(f"claim--{kind.name}", partial=True).color
            assert colour is not None and not colour.is_default, kind
            colours[kind.name] = colour.downgrade(system).get_truecolor()
        leaders = {name: colour for name, colour in colours.items() if name not in FAMILIES.values()}
        assert len(set(leaders.values())) == len(leaders), leaders
        for leader, member in FAMILIES.items():
            assert colours[member] == colours[leader]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (56, 20)])
async def test_claims_panel_lines_fit_the_panel_and_are_never_wrapped(size):
    """A wrapped right-to-left line comes out with its halves swapped, so each
    entry line is cut to the panel's real width (the panel is narrower at 80
    columns, where it overlays the reader)."""
    from rich.cells import cell_len

    app = TandemApp(discover([seed("000"), seed("001")]))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        panel = app.screen.query_one(ClaimsPanel)
        room = panel.scrollable_content_region.width  # a scrollbar shown is already left out
        lines = [
            line for i in range(panel.option_count) for line in panel.get_option_at_index(i).prompt.plain.split("\n")
        ]
        assert len(lines) > 20
        assert max(cell_len(line) for line in lines) <= room, max(lines, key=cell_len)
        # Long Arabic quotes are cut with an ellipsis, not spilled onto a new line.
        assert any("…" in line for line in lines)


async def test_claims_panel_opens_at_the_readers_paragraph():
    """Issue 12 item 16: the panel opened at the top, not where the reader is."""
    app = TandemApp(discover([seed("002")]))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press(*"jjjjjjjj")
        await pilot.pause()
        here = view.current
        await pilot.press("c")
        await pilot.pause()
        panel = app.screen.query_one(ClaimsPanel)
        first = panel.option_count - len(panel.items)
        highlighted = panel.items[panel.highlighted - first]
        assert highlighted.paragraph >= here
        assert all(claim.paragraph >= here for claim in panel.items[panel.highlighted - first :])
        assert any(claim.paragraph < here for claim in panel.items), "claims above exist: it is not the top"
