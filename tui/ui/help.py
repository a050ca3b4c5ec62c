"""The help screen: every binding, generated from the same table as the keys,
and a right-to-left check laid out for the screen's real width."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keymap import Action, display_keys


def help_table(actions: tuple[Action, ...]) -> Table:
    """Every action under its group's heading; each group once, in the order
    the groups first appear in the table of actions."""
    table = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
    table.add_column("Keys", no_wrap=True)
    table.add_column("Action")
    # Headers given as str are Rich markup: "[keymap]" would vanish as a tag.
    table.add_column(Text("Id (for [keymap])"), style="dim", no_wrap=True)
    groups: dict[str, list[Action]] = {}
    for action in actions:
        groups.setdefault(action.group, []).append(action)
    for group, members in groups.items():
        table.add_row(Text(group, style="bold underline"), "", "")
        for action in members:
            table.add_row(Text(display_keys(action.keys), style="bold"), Text(action.description), Text(action.id))
    return table


BIDI_SAMPLE = "قال موقع Beyond Parallel إن 73 عربة شوهدت في 5 أكتوبر 2023 (صور الأقمار الصناعية)."


class BidiCheck:
    """A sample right-to-left paragraph drawn as the reader draws it, and what
    to do when it looks wrong: no program can see how a terminal draws.

    A Rich renderable laid out for the width it is rendered at: wrapped in
    logical order, then each line reordered (:func:`tui.rtl.layout`), so a
    narrow help screen never wraps an already reordered line again.
    """

    def __init__(self, mode: str, environ: dict[str, str]) -> None:
        self.mode = mode
        self.environ = environ

    def text(self, width: int = 72) -> Text:
        from tui.rtl import layout

        text = Text()
        text.append(f"Right-to-left check (bidi: {self.mode})\n", style="bold")
        for display in layout(BIDI_SAMPLE, max(1, width), direction="rtl", mode=self.mode):  # type: ignore[arg-type]
            text.append(display.text + "\n")
        text.append(
            "It should read from the right with joined letters, and 'Beyond Parallel', "
            "'73' and '5 … 2023' left to right. If the Arabic looks reversed, your terminal "
            'reorders text itself: press b (or set bidi = "terminal").\n',
            style="dim",
        )
        if self.environ.get("TMUX"):
            text.append(
                "tmux passes text through unchanged; what you see is your outer terminal's bidi.\n", style="dim"
            )
        if self.environ.get("TERM") == "xterm-kitty":
            text.append(
                "kitty draws each right-to-left word by itself: keep bidi: app and set force_ltr yes in kitty.conf.\n",
                style="dim",
            )
        return text

    @property
    def plain(self) -> str:
        return self.text().plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text(options.max_width)


def bidi_check(mode: str, environ: dict[str, str]) -> BidiCheck:
    """The help screen's right-to-left check for bidi ``mode``."""
    return BidiCheck(mode, environ)


class HelpScreen(ModalScreen[None]):
    """Lists every binding with its current keys and id."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
        Binding("G,end", "scroll_end", show=False),
        Binding("g,home", "scroll_home", show=False),
    ]

    def __init__(self, actions: tuple[Action, ...], intro: RenderableType | None = None) -> None:
        super().__init__()
        self._actions = actions
        self._intro = intro

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("tandem — keys", style="bold"), id="help-title")
            yield Static(help_table(self._actions), id="help-table")
            if self._intro is not None:
                yield Static(self._intro, id="help-intro")
            yield Static(Text("Esc, q or ? closes this screen.", style="dim"))

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_scroll_end(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_end(animate=False)

    def action_scroll_home(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_home(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
