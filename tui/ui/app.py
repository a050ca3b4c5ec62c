"""The Textual application: one reader screen, config applied, palette wired."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tui.ui.commands import ReaderCommands
from tui.ui.reader import ReaderScreen


class TandemApp(App[int]):
    """tandem's reader."""

    CSS_PATH = "tandem.tcss"
    TITLE = "tandem"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        paths: list[Path],
        *,
        bidi: str = "app",
        keymap: dict[str, str] | None = None,
        theme: str | None = None,
        problems: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.paths = paths
        self.bidi = bidi
        self.keymap_overrides = dict(keymap or {})
        self._theme_name = theme
        self._problems = list(problems)

    def on_mount(self) -> None:
        if self._theme_name:
            if self._theme_name in self.available_themes:
                self.theme = self._theme_name
            else:
                self._problems.append(f"theme {self._theme_name!r} not found; using {self.theme!r}")
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        self.push_screen(ReaderScreen(self.paths, bidi=self.bidi))
        for problem in self._problems:
            self.notify(problem, title="config", severity="warning", timeout=8)
