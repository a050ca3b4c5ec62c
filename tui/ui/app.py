"""The Textual application: one reader screen, config applied, palette wired."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from tui.target_language import DEFAULT_TARGET
from tui.ui.commands import ReaderCommands
from tui.ui.reader import ReaderScreen

if TYPE_CHECKING:  # SQLite loads after the first paint
    from tui.notes.backend import NotesBackend


KEY_RELEASE = 0.5
"""Seconds after which a key whose handling never reported back lets the next one go."""


class KeyHandled(Message):
    """Sent behind a key to the same widget; back at the app, the key has been handled."""


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
        target: str = DEFAULT_TARGET,
        keymap: dict[str, str] | None = None,
        theme: str | None = None,
        problems: tuple[str, ...] = (),
        notes_db: str | Path | None = None,
        notes_configured: str | None = None,
        author: str | None = None,
        labels: tuple[tuple[str, str], ...] | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.bidi = bidi
        self.target = target
        """The language translations are made into (``--target``, config ``target``)."""
        self.keymap_overrides = dict(keymap or {})
        self._theme_name = theme
        self._problems = list(problems)
        self.notes_db = notes_db
        self._notes_configured = notes_configured
        self._author = author
        from tui.notes.labels import DEFAULT, LabelSet

        self.labels = LabelSet(labels) if labels else DEFAULT
        self._notes_store: NotesBackend | None = None
        self.notes_problem: str | None = None
        self._typed: deque[events.Key] = deque()
        """Keys typed and not yet passed on (see :meth:`on_event`)."""
        self._key_pending: KeyHandled | None = None
        self._key_timer: Timer | None = None
        self._key_screen: Screen[object] | None = None

    def notes_store(self) -> NotesBackend | None:
        """The annotation store, opened on first use; ``None`` if unusable.

        A corrupt or foreign database is reported and never touched again in
        this session (so never overwritten).
        """
        if self._notes_store is None and self.notes_problem is None:
            from tui.notes.opening import open_notes_store
            from tui.notes.store import NotesDatabaseError

            try:
                self._notes_store = open_notes_store(
                    self.notes_db, configured=self._notes_configured, author=self._author
                )
            except NotesDatabaseError as exc:
                self.notes_problem = str(exc)
                self.notify(self.notes_problem, title="annotations disabled", severity="error", timeout=15)
            else:
                read_only: str | None = getattr(self._notes_store, "read_only_reason", None)
                problem = f"read-only: {read_only}" if read_only else self._notes_store.problem()
                if problem:
                    self.notify(f"annotations: {problem}", title="annotations", severity="warning", timeout=15)
        return self._notes_store

    async def on_event(self, event: events.Event) -> None:
        """Keys are handled one at a time, in the order they were typed.

        Textual hands a key to the focused widget's queue and matches bindings
        when it comes back up to the app; meanwhile the next keys are handed
        out too. So keys typed quickly after ``a`` (or on a loaded machine)
        went to the reader's widgets before the note editor opened and were
        lost, or ran the reader's bindings (``u`` undid a note). Here a key is
        passed on only when the one before it has been handled all the way up:
        behind each key goes a :class:`KeyHandled` marker to the same widget,
        and the next key waits until that marker has bubbled back. A marker
        that never returns (its widget was removed) releases the next key
        after :data:`KEY_RELEASE` seconds, so the keyboard can never stay stuck.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._typed.append(event)
            if self._key_pending is None:
                await self._next_key()
            return
        await super().on_event(event)

    async def _next_key(self) -> None:
        while self._typed and self._key_pending is None:
            key = self._typed.popleft()
            await super().on_event(key)  # priority bindings, then to the focused widget
            marker = KeyHandled()
            self._key_pending = marker
            target = self.focused or self.screen
            self._key_screen = target if isinstance(target, Screen) else target.screen
            target.post_message(marker)
            self._key_timer = self.set_timer(KEY_RELEASE, lambda marker=marker: self._release(marker))

    async def _release(self, marker: KeyHandled) -> None:
        if self._key_pending is marker:
            self._key_pending = None
            if self._key_timer is not None:
                self._key_timer.stop()
                self._key_timer = None
            await self._next_key()

    def _screen_changed(self, screen: Screen[object]) -> None:
        """A screen closed while its key was being handled (Enter or Esc in the
        note editor): the marker behind the key went with it, so the key is done."""
        marker = self._key_pending
        if marker is not None and self._key_screen is not None and self._key_screen not in self.screen_stack:
            self.call_later(self._release, marker)

    @on(KeyHandled)
    async def _key_handled(self, message: KeyHandled) -> None:
        await self._release(message)

    def on_unmount(self) -> None:
        if self._notes_store is not None:
            self._notes_store.close()

    def notify(
        self, message: str, *, title: str = "", severity="information", timeout=None, markup: bool = False
    ) -> None:
        """Notifications quote file names, queries and errors: never markup
        (widgets pass ``markup=True`` by default, so it is ignored here)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> ReaderScreen:
        # The reader is the first screen, so Ready follows its first frame.
        return ReaderScreen(self.paths, bidi=self.bidi, target=self.target)

    def on_ready(self) -> None:
        if isinstance(self.screen, ReaderScreen):
            self.screen.after_first_paint()

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._screen_changed)
        if self._theme_name:
            if self._theme_name in self.available_themes:
                self.theme = self._theme_name
            else:
                self._problems.append(f"theme {self._theme_name!r} not found; using {self.theme!r}")
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        for problem in self._problems:
            self.notify(problem, title="config", severity="warning", timeout=8)
