"""tandem's line editor: editing against a plain string model, drawing against
the RTL oracle, and Arabic/Persian typed into every input of the reader."""

from __future__ import annotations

import re
from pathlib import Path

from bidi import get_display
from conftest import screen_text, seed, settle
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rtl_oracle import RESHAPER

from tui.loading import discover
from tui.ui.app import TandemApp
from tui.ui.line_editor import LineBuffer, LineEditor, clean_typed, draw_line, edit


def oracle(text: str) -> str:
    """How an RTL line must look on screen: shaped by arabic-reshaper, ordered by python-bidi."""
    return get_display(RESHAPER.reshape(text), base_dir="R")


# --- editing: LineBuffer and edit() against a plain string model ------------------

KEYS = st.sampled_from(["left", "right", "home", "end", "backspace", "delete", "ctrl+u", "ctrl+k", "ctrl+w"])
CHARS = st.sampled_from(list("ab سلامپژ۱2 ‌") + ["a"])
OPS = st.lists(st.one_of(KEYS, CHARS.map(lambda c: "char:" + c)), max_size=40)


def model(ops: list[str], rtl: bool) -> tuple[str, int]:
    """The same edits on a Python string and an int, written out longhand."""
    text, cur = "", 0
    for op in ops:
        if op.startswith("char:"):
            ch = op[5:]
            text, cur = text[:cur] + ch + text[cur:], cur + 1
        elif op in ("left", "right"):
            forward = (op == "right") != rtl
            cur = min(len(text), cur + 1) if forward else max(0, cur - 1)
        elif op == "home":
            cur = 0
        elif op == "end":
            cur = len(text)
        elif op == "backspace" and cur > 0:
            text, cur = text[: cur - 1] + text[cur:], cur - 1
        elif op == "delete":
            text = text[:cur] + text[cur + 1 :]
        elif op == "ctrl+u":
            text, cur = text[cur:], 0
        elif op == "ctrl+k":
            text = text[:cur]
        elif op == "ctrl+w":
            start = re.search(r"\S*\s*$", text[:cur]).start()
            text, cur = text[:start] + text[cur:], start
    return text, cur


@given(OPS, st.booleans())
def test_editing_matches_a_plain_string_model(ops: list[str], rtl: bool) -> None:
    buffer = LineBuffer()
    for op in ops:
        key, char = ("x", op[5:]) if op.startswith("char:") else (op, None)
        after = edit(buffer, key, char, rtl)
        assert after is not None, op
        buffer = after
        assert 0 <= buffer.cursor <= len(buffer.text)
    assert (buffer.text, buffer.cursor) == model(ops, rtl)


def test_keys_that_are_not_editing_keys_are_left_to_bindings() -> None:
    for key, char in (("escape", None), ("tab", "\t"), ("up", None), ("down", None), ("enter", "\r"), ("f1", None)):
        assert edit(LineBuffer("abc", 1), key, char, False) is None


def test_pasted_line_breaks_become_spaces_and_controls_are_dropped() -> None:
    assert clean_typed("a\nb\tc\x1b[31md\u202ee") == "a b c[31mde"
    assert LineBuffer("ab", 1).insert("x\ny") == LineBuffer("ax yb", 4)


# --- drawing -------------------------------------------------------------------------


def test_arabic_is_drawn_shaped_right_aligned_with_the_cursor_left_of_the_last_letter() -> None:
    line = draw_line(LineBuffer("سلام دنیا", 9), 30, "app")
    assert line.cell_len == 30
    body = oracle("سلام دنیا")
    assert line.plain.endswith(body), "shaped, visual order, right-aligned"
    cursor = [s for s in line.spans if "reverse" in str(s.style)]
    assert len(cursor) == 1
    assert cursor[0].end == len(line.plain) - len(body), "the cursor sits left of the last letter typed"


def test_latin_is_drawn_left_aligned_with_the_cursor_after_it() -> None:
    line = draw_line(LineBuffer("Tumangang", 9), 20, "app")
    assert line.plain.startswith("Tumangang ")
    (cursor,) = [s for s in line.spans if "reverse" in str(s.style)]
    assert (cursor.start, cursor.end) == (9, 10)


def test_cursor_inside_right_to_left_text_marks_the_character_it_stands_before() -> None:
    text = "سلام"
    line = draw_line(LineBuffer(text, 1), 10, "app")
    (cursor,) = [s for s in line.spans if "reverse" in str(s.style)]
    # Visual cells of سلام: ﻡ ﻼ ﺳ (lam-alef is one cell); offset 1 (lam) is the ligature.
    assert line.plain[cursor.start : cursor.end] == "ﻼ"


def test_terminal_mode_draws_the_raw_logical_text() -> None:
    line = draw_line(LineBuffer("سلام", 4), 10, "terminal")
    assert "سلام" in line.plain


def test_empty_line_shows_the_placeholder_and_a_cursor_only_when_active() -> None:
    assert draw_line(LineBuffer(), 20, placeholder="search").plain == " search" + " " * 13
    assert draw_line(LineBuffer(), 20, placeholder="search", active=False).plain == "search" + " " * 14


@given(
    st.text(alphabet=st.sampled_from(list("abc سلام۱2(‌.") + ["\u064e", "界"]), max_size=60),
    st.integers(0, 80),
    st.integers(1, 50),
    st.sampled_from(["app", "terminal"]),
)
def test_a_drawn_line_is_exactly_its_width_and_shows_one_cursor(text: str, at: int, width: int, bidi: str) -> None:
    buffer = LineBuffer(text, min(at, len(text)))
    line = draw_line(buffer, width, bidi)
    assert cell_len(line.plain) == width
    cursors = [s for s in line.spans if "reverse" in str(s.style)]
    assert len(cursors) <= 1
    if text.strip("\u200c\u064e") and width >= 2:
        assert len(cursors) == 1, "the cursor is always in view"


# --- typing into the reader's inputs ------------------------------------------------


def rows_with(app, text: str) -> list[str]:
    return [row for row in screen_text(app).splitlines() if text in row]


def shown_in(app, selector: str) -> str:
    """What the screen shows in the content area of the editor ``selector``."""
    region = app.screen.query_one(selector).content_region
    return screen_text(app).splitlines()[region.y][region.x : region.right]


async def test_slash_search_shows_arabic_shaped_and_submits_the_logical_text(tmp_path: Path) -> None:
    app = TandemApp(discover([seed("000")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"كوريا الشمالية")
        await pilot.pause()
        row = shown_in(app, "#search")
        assert row.endswith(oracle("كوريا الشمالية")), "shaped, visual order, right-aligned in the box"
        await pilot.press("enter")
        await pilot.pause()
        bar = app.screen.query_one("#search", LineEditor)
        assert bar.value == "كوريا الشمالية"
        assert "/" + oracle("كوريا الشمالية") + ": 1/" in str(app.screen.query_one("#status").render())
        await pilot.press("b", "slash")  # terminal bidi: the terminal shapes and reorders
        await pilot.pause()
        assert shown_in(app, "#search").endswith("كوريا الشمالية"), "raw in terminal mode"


async def test_search_all_and_the_filters_take_arabic_and_persian_typed_at_once(
    tmp_path: Path, cache_dir: Path
) -> None:
    # cache_dir: a corpus index of its own (F searches it; other tests' indexes must not leak in)
    app = TandemApp(discover([seed("000"), seed("001"), seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # F: the query has the keyboard at once.
        await pilot.press("F", *"تومانغانغ")
        await pilot.pause()
        assert shown_in(app, "#search-all-query").endswith(oracle("تومانغانغ"))
        await pilot.press("enter")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#search-all-query", LineEditor).value == "تومانغانغ"
        assert "matches in 2 of 3 articles" in screen_text(app), (
            "the Arabic original, and the German through its Latin spelling"
        )
        await pilot.press("escape")
        # The article filter (f): a Persian title word.
        await pilot.press("f", *"گزارش")
        await pilot.pause()
        assert shown_in(app, "#list-filter").endswith(oracle("گزارش"))
        assert app.screen.query_one("#list-filter", LineEditor).value == "گزارش"
        await pilot.press("escape")
        # The annotations screen (A): its filter has the keyboard at once.
        await pilot.press("A", *"سلام")
        await pilot.pause()
        assert app.screen.query_one("#notes-filter", LineEditor).value == "سلام"
        assert shown_in(app, "#notes-filter").endswith(oracle("سلام"))


async def test_keys_queued_all_at_once_reach_the_search_box_in_order(tmp_path: Path, cache_dir: Path) -> None:
    # cache_dir: a corpus index of its own (F searches it; other tests' indexes must not leak in)
    from textual import events

    app = TandemApp(discover([seed("000")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        typed = "كوريا الشمالية"
        for key in ["slash", *typed, "enter", "n"]:  # n right after Enter is the reader's: next match
            character = {"slash": "/", "enter": "\r"}.get(key, key)
            app.post_message(events.Key("space" if key == " " else key, character))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#search", LineEditor).value == typed
        assert f"/{oracle(typed)}: 2/" in str(app.screen.query_one("#status").render())
        for key in ["escape", "f", *typed]:  # the article filter, opened by f
            app.post_message(events.Key("space" if key == " " else key, None if key == "escape" else key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#list-filter", LineEditor).value == typed
        for key in ["escape", "F", *typed]:  # F: a new screen, keys before it has mounted
            app.post_message(events.Key("space" if key == " " else key, None if key == "escape" else key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#search-all-query", LineEditor).value == typed


async def test_f_on_an_empty_query_opens_nothing_and_says_so(tmp_path: Path, cache_dir: Path) -> None:
    # cache_dir: a corpus index of its own (F searches it; other tests' indexes must not leak in)
    from tui.ui.search_all import SearchAllScreen

    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Tumangang", "enter", "F")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchAllScreen)
        await pilot.press("ctrl+u", "enter")  # the old query cleared, Enter on nothing
        await pilot.pause()
        assert isinstance(app.screen, SearchAllScreen), "Enter on an empty query opens no hit"
        assert "Nothing to search for" in screen_text(app)
        await pilot.press(*"zzqqxx", "enter")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "No match for 'zzqqxx'" in screen_text(app)


async def test_an_arabic_note_is_drawn_like_the_text_boxes_with_the_cursor_left_of_it(tmp_path: Path) -> None:
    app = TandemApp(discover([seed("002")]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", "1", *"سلام عليكم")
        await pilot.pause()
        row = shown_in(app, "#note-text")
        assert row.endswith(oracle("سلام عليكم")), row
        field = app.screen.query_one("#note-text")
        cursor = [s for s in field.render().spans if getattr(s.style, "reverse", False)]
        assert len(cursor) == 1 and cursor[0].end == len(row) - len(oracle("سلام عليكم"))
