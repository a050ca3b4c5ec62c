"""The reader driven by key presses, asserting what the screen shows."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEEDS, screen_text, seed, settle

from tui.keymap import ACTIONS, display_keys
from tui.loading import discover
from tui.ui.app import TandemApp
from tui.ui.parallel import ParallelView
from tui.ui.reader import ReaderScreen


def make_app(paths=None, **kwargs) -> TandemApp:
    return TandemApp(discover(paths or [SEEDS]), **kwargs)


def reader(app) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


async def test_opens_seeds_with_list_headers_and_reference():
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        # Article list: language codes and paragraph counts for all five seeds.
        for code in ("ar", "fa", "de", "uk"):
            assert f"{code} " in text
        assert "article 1/5" in status(app)
        assert "Arabic" in text  # original column header names the language
        assert "reference translation" in text  # translation header names provenance
        # Reference text for the first paragraph of 000 sits opposite it.
        assert "Korea" in text


async def test_paragraph_keys_move_and_highlight():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        assert view.current == 0
        await pilot.press("j", "j", "down")
        assert view.current == 3
        assert "¶ 4/" in status(app)
        await pilot.press("k", "up")
        assert view.current == 1
        await pilot.press("G")
        assert view.current == view.row_count - 1
        await pilot.press("g")
        assert view.current == 0
        await pilot.press("pagedown")
        assert view.current > 0
        after_page = view.current
        await pilot.press("pageup")
        assert view.current < after_page


async def test_next_previous_article_and_position_memory():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("j", "j")
        await pilot.press("greater_than_sign")
        assert "article 2/5" in status(app)
        assert view.article_id.startswith("001")
        await pilot.press("less_than_sign")
        assert view.article_id.startswith("000")
        assert view.current == 2, "returning to an article restores its paragraph"
        await pilot.press("less_than_sign")
        assert view.article_id.startswith("004"), "previous wraps around"


async def test_tab_switches_focus_between_list_and_reader():
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        articles = app.screen.query_one("#articles")
        assert view.has_focus
        await pilot.press("tab")
        assert articles.has_focus
        await pilot.press("down", "down")
        assert view.article_id.startswith("002"), "moving in the list opens the article"
        await pilot.press("tab")
        assert view.has_focus


async def test_search_finds_highlights_and_repeats():
    app = make_app([seed("002")])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("slash")
        await pilot.press(*"tumangang")
        await pilot.press("enter")
        first = view.current
        assert "/tumangang: 1/" in status(app)
        assert first == 3  # "… im nordkoreanischen Eisenbahnwerk Tumangang …"
        await pilot.press("n")
        assert "/tumangang: 2/" in status(app)
        assert view.current >= first
        await pilot.press("N")
        assert "/tumangang: 1/" in status(app)
        assert view.current == first
        await pilot.press("slash")
        await pilot.press(*"zzzz-nothing")
        await pilot.press("enter")
        assert "no match" in status(app)


async def test_help_lists_every_binding():
    app = make_app()
    async with app.run_test(size=(140, 80)) as pilot:  # tall enough for the whole table
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Id (for [keymap])" in text, "the config section name, not eaten as markup"
        for action in ACTIONS:
            assert action.description in text, action.id
            assert action.id in text
            assert display_keys(action.keys) in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_remapped_key_works_and_shows_in_help():
    app = make_app(keymap={"next_paragraph": "ctrl+n"})
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("ctrl+n")
        assert view.current == 1
        await pilot.press("j")
        assert view.current == 1, "the old key no longer moves"
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Ctrl+N" in screen_text(app)


async def test_bidi_toggle_changes_rendering():
    app = make_app([seed("000")])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        before = view.render_line(0).text
        await pilot.press("b")
        assert "bidi: terminal" in status(app)
        after = view.render_line(0).text
        assert before != after
        # In terminal mode the text is in logical order: the first word of the
        # paragraph comes first on the line (after the right-alignment padding).
        first_word = reader(app).collection[0].paragraphs[0].text.split()[0]
        assert after.strip().lstrip("▌ ").startswith(first_word)


async def test_quit_key():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_command_palette_runs_an_action():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("ctrl+p")
        await pilot.press(*"last paragraph")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert view.current == view.row_count - 1


async def test_layout_adapts_to_80x24_and_250x60():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one("#articles")
        assert not articles.display or articles.region.width == 0 or app.screen.has_class("narrow")
        text = screen_text(app)
        assert "article 1/5" in text
        await pilot.press("tab")
        await pilot.pause()
        assert articles.has_focus and articles.region.width > 0, "Tab shows the list at 80 columns"
        await pilot.press("tab")
        await pilot.resize_terminal(250, 60)
        await pilot.pause()
        assert articles.region.width > 0, "wide terminals show the list"
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "article 1/5" in screen_text(app)


async def test_hostile_text_is_inert(tmp_path: Path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "[bold red]not bold[/] [link=https://evil.example]link[/link] [@click=app.quit]x[/]\n\n"
        "escape \x1b[31mred\x1b[0m and \x1b]8;;https://evil.example\x07osc\x1b]8;;\x07 bell\x07\n\n"
        "override \u202eevil\u202c and isolate \u2066x\u2069 c1 \x85 del \x7f\n",
        encoding="utf-8",
    )
    app = make_app([hostile])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]not bold[/]" in text
        assert "[link=https://evil.example]link[/link]" in text
        assert "[@click=app.quit]x[/]" in text
        assert "␛[31mred␛[0m" in text
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text and "\x85" not in text
        assert "\ufffdevil\ufffd" in text
        await pilot.press("j")  # clicking markup did nothing; still running
        assert app.is_running


async def test_bad_inputs_are_listed_with_reasons(tmp_path: Path):
    (tmp_path / "a_empty.txt").write_text("")
    (tmp_path / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "c_good.txt").write_text("Ein guter Absatz über Züge.\n", encoding="utf-8")
    app = make_app([tmp_path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "⚠" in text
        assert "empty" in text
        assert "binary" in text
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert app.screen.query_one(ParallelView).article_id == "c_good"
        assert "Ein guter Absatz" in screen_text(app)


async def test_hostile_files_each_get_a_specific_message(tmp_path: Path):
    """Bad input never crashes the reader and every caveat is visible in the list."""
    (tmp_path / "1_undecodable.txt").write_bytes("Ein Absatz über Züge und Grenzen.\n".encode() + b"\xff\xfe\xfa bad\n")
    (tmp_path / "2_huge.txt").write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MB
    (tmp_path / "3_oneline.txt").write_text("Sehr langer Satz ohne Ende. " * 37_000)  # ~1 MB, one line
    (tmp_path / "4_unknown.txt").write_text("북한과 러시아 사이의 철도 교통이 증가했다.\n", encoding="utf-8")
    app = make_app([tmp_path])
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "undecodable" in text
        assert "too large" in text
        assert "line(s) over" in text
        assert "Korean" in text or "unknown" in text
        for _ in range(4):
            await pilot.press("greater_than_sign")
            await pilot.press("j", "G")
        assert app.is_running


async def test_article_list_filters_by_language_and_title_as_you_type():
    from tui.ui.article_list import ArticleList

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.option_count == 5
        await pilot.press("f", "a", "r")
        await pilot.pause()
        assert articles.option_count == 2, "language code: the two Arabic articles"
        await pilot.press("backspace", "backspace", *"satelliten")
        await pilot.pause()
        assert articles.option_count == 1
        await pilot.press("enter")
        assert articles.has_focus
        await pilot.press("enter")
        view = app.screen.query_one(ParallelView)
        assert view.article_id.startswith("002")
        await pilot.press("f", "escape")
        await pilot.pause()
        assert articles.option_count == 5
        assert view.has_focus


async def test_typing_in_the_filter_measures_no_entry_again(monkeypatch):
    """Each keystroke in the filter re-measured every entry and folded every
    title (slow at 50,000): heights are kept per article, and the titles are
    folded once, in a thread, when every file is read."""
    from tui.ui.article_list import HEADER_LINES, ArticleList

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()  # the titles folded ahead
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        measured: list[int] = []
        real = articles._height_of
        articles._height_of = lambda index: (measured.append(index), real(index))[1]  # type: ignore[method-assign]
        import tui.article_filter

        folded: list[str] = []
        real_text = tui.article_filter.searched_text
        monkeypatch.setattr(
            tui.article_filter,
            "searched_text",
            lambda path, article: (folded.append(path.name), real_text(path, article))[1],
        )
        await pilot.press("f", "a")
        assert folded == [], "every title was folded ahead, none at the first letter"
        await pilot.press("r", "backspace", "backspace", "backspace", *"fa")
        await pilot.pause()
        assert articles.option_count == 1, "the Persian article"
        assert measured == [], "no entry measured again"
        assert folded == [], "nor at any later key"
        listed = [articles.article_at(n) for n in range(articles.option_count)]
        assert articles.virtual_size.height == HEADER_LINES + sum(real(i) for i in listed)
        assert articles.article_at(0) == 1, "seed 001"


async def test_narrow_terminal_stacks_original_above_translation():
    app = make_app([seed("002")])
    async with app.run_test(size=(50, 20)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        lines = [view.render_line(y).text for y in range(view.size.height)]
        assert all(len(line) == view.scrollable_content_region.width for line in lines)
        text = "\n".join(lines)
        assert "Satellitenbilder" in text and "Satellite images" in text
        assert text.index("Satellitenbilder") < text.index("Satellite images"), "original first"
        assert "│" not in text, "no side-by-side gutter below 60 columns"


async def test_help_shows_a_right_to_left_check_in_the_current_mode():
    from tui.ui.help import BIDI_SAMPLE, bidi_check

    app_mode = bidi_check("app", {}).plain
    terminal_mode = bidi_check("terminal", {"TMUX": "/tmp/x", "TERM": "xterm-kitty"}).plain
    assert BIDI_SAMPLE.split()[0] in terminal_mode, "terminal mode: logical order, unshaped"
    assert BIDI_SAMPLE.split()[0] not in app_mode, "app mode: shaped presentation forms"
    assert "Beyond Parallel" in app_mode and "2023" in app_mode
    assert "tmux" in terminal_mode and "kitty" in terminal_mode
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark", "end")
        await pilot.pause()
        assert "Right-to-left check (bidi: app)" in screen_text(app)


async def test_an_arabic_search_query_reads_right_to_left_in_the_status_line():
    from tui.rtl import layout

    app = make_app([seed("000")])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"روسيا")
        await pilot.press("enter")
        visual = "".join(c.text for c in layout("روسيا", 10, mode="app")[0].clusters)
        assert visual != "روسيا"
        assert f"/{visual}: 1/" in status(app)
        await pilot.press("b")  # the terminal reorders: logical order on screen
        assert "/روسيا: 1/" in status(app)


async def test_notifications_show_brackets_literally():
    """A query, a file name or an error quoted in a notification is text, not markup."""
    app = make_app([seed("002")])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"[b]zz[/b] [/]", "enter", "n")
        await pilot.pause()
        # What the toast will draw (Textual keeps it in the app's notifications).
        shown = [(n.message, n.markup) for n in app._notifications]
        assert ("No match for '[b]zz[/b] [/]'", False) in shown


async def test_y_copies_the_paragraph_its_translation_and_source():
    app = make_app([seed("000")])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "y")
        await app.workers.wait_for_complete()  # the copy is done in a thread (tmux may be asked)
        await pilot.pause()
        copied = app.clipboard
        original, translation = copied.split("\n\n", 1)
        assert original.startswith("“في أعقاب قمة كيم-بوتين")
        assert "satellite imagery as of 5 October 2023" in translation
        assert "[en: reference translation (bundled, not machine output)]" in translation
        assert copied.endswith("— 000_9466c648f5ef6891.txt, ar, ¶3\n")


async def test_capital_y_appends_the_citation_to_a_file(tmp_path, monkeypatch):
    """Issue 12 item 23: when the terminal refuses OSC 52, there is a file."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TMUX", raising=False)
    app = make_app([seed("000")])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "Y", "j", "Y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = (tmp_path / "tandem-clippings.txt").read_text(encoding="utf-8")
    first, second, rest = text.split("─" * 40)
    assert "— 000_9466c648f5ef6891.txt, ar, ¶3" in first and "¶4" in second and rest.strip() == ""
    assert app.clipboard == "", "Y writes the file only"


async def test_y_asks_tmux_off_the_event_loop_and_copies_in_the_order_pressed(tmp_path, monkeypatch):
    """``y`` ran ``tmux show-options`` on the event loop at each press. Now a
    thread asks (afresh at each press); keys typed meanwhile are handled, and
    copies finish in the order pressed: ``y`` (refused by tmux: to the file)
    then ``Y`` leave ¶3 before ¶4 in the file."""
    import threading

    import tui.citation

    monkeypatch.chdir(tmp_path)
    asked: list[bool] = []  # per question to tmux: on the event loop's thread?
    answer = threading.Event()

    def refused(environ: dict[str, str]) -> str | None:
        asked.append(threading.current_thread() is threading.main_thread())
        answer.wait(30)  # tmux is slow to answer (a cap: on the event loop this held every key)
        return "tmux has set-clipboard off"

    monkeypatch.setattr(tui.citation, "osc52_refused", refused)
    app = make_app([seed("000")])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ParallelView)
        await pilot.press("j", "j", "y", "j", "Y")
        assert view.current == 3, "keys typed while tmux is asked are handled"
        assert not (tmp_path / "tandem-clippings.txt").exists(), "Y waits for the y before it"
        answer.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert asked == [False], "asked once, in a thread"
        shown = [n.message for n in app._notifications]
        assert shown[-2:] == [
            f"tmux has set-clipboard off: ¶3 appended to {tmp_path / 'tandem-clippings.txt'}",
            f"¶4 appended to {tmp_path / 'tandem-clippings.txt'}",
        ]
        answer.clear()
        await pilot.press("y")  # asked again at the next press (the setting may have changed)
        answer.set()
        await app.workers.wait_for_complete()
        assert asked == [False, False]
    first, second, third, rest = (tmp_path / "tandem-clippings.txt").read_text(encoding="utf-8").split("─" * 40)
    assert "¶3\n" in first and "¶4\n" in second and "¶4\n" in third and rest.strip() == ""
    assert app.clipboard == ""


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_tmux_with_set_clipboard_off_is_known_to_refuse_osc52(tmp_path):
    from tui.citation import osc52_refused

    socket = tmp_path / "tmux.sock"
    subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", "c", "sleep 60"], check=True, timeout=30)
    try:
        environ = {"TMUX": f"{socket},1,0"}
        subprocess.run(["tmux", "-S", str(socket), "set-option", "-g", "set-clipboard", "off"], check=True, timeout=30)
        assert osc52_refused(environ) == "tmux has set-clipboard off"
        subprocess.run(["tmux", "-S", str(socket), "set-option", "-g", "set-clipboard", "on"], check=True, timeout=30)
        assert osc52_refused(environ) is None
        assert osc52_refused({}) is None
    finally:
        subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True, timeout=30)


def test_a_citation_is_inert_and_says_when_there_is_no_translation(tmp_path):
    from tui.citation import paragraph_citation
    from tui.loading import load_article

    path = tmp_path / "esc.txt"
    path.write_text("\x1b]52;c;cm0gLXJmIH4=\x07 Text mit Steuerzeichen.\n", encoding="utf-8")
    article = load_article(path)
    citation = paragraph_citation(article, 0, None)
    assert "\x1b" not in citation and "\x07" not in citation
    assert "[no translation]" in citation and "esc.txt" in citation
