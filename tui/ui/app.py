"""The Textual application: one reader screen, config applied, palette wired."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass
class NotesOpened(Message):
    """The notes-opening worker is done: the store (``None`` if refused) and
    what is wrong with it now (refused, read-only, server not answering)."""

    store: NotesBackend | None
    problem: str | None


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
        """Why annotations are off for this session (the store was refused)."""
        self._notes_waiting: list[Callable[[NotesBackend | None], None]] | None = None
        """Who waits for the store while it opens (``None``: opening not started)."""
        self.notes_stop = threading.Event()
        """Set when the reader closes: threads following the store stop."""
        self._typed: deque[events.Key] = deque()
        """Keys typed and not yet passed on (see :meth:`on_event`)."""
        self._key_pending: KeyHandled | None = None
        self._key_timer: Timer | None = None
        self._key_screen: Screen[object] | None = None

    # -- the annotation store: opened in a thread after the first paint -----------------

    def notes_store(self) -> NotesBackend | None:
        """The annotation store if it is open; ``None`` while it is opening
        (:attr:`notes_opening`) or when it cannot be used (:attr:`notes_problem`)."""
        return self._notes_store

    @property
    def notes_opening(self) -> bool:
        """Whether the store is being opened now (asked for, not yet open or refused)."""
        return self._notes_waiting is not None and self._notes_store is None and self.notes_problem is None

    def when_notes_open(self, then: Callable[[NotesBackend | None], None]) -> None:
        """Call ``then`` with the store once it is open (``None`` if it cannot be).

        The first call starts opening it in a thread worker: a PostgreSQL
        server that does not answer makes the connection wait for its timeout,
        which must never hold up the reader (nor its first paint: this is
        called after it). A corrupt or foreign database is reported and never
        touched again in this session (so never overwritten).
        """
        if self._notes_store is not None or self.notes_problem is not None:
            then(self._notes_store)
            return
        if self._notes_waiting is None:
            self._notes_waiting = []
            self.run_worker(self._open_notes, thread=True, name="notes store", group="notes", exit_on_error=False)
        self._notes_waiting.append(then)

    def _open_notes(self) -> None:
        """In a thread: open the store, see whether it can be written, hand it over."""
        from tui.notes.opening import open_notes_store
        from tui.notes.store import NotesDatabaseError

        try:
            store = open_notes_store(self.notes_db, configured=self._notes_configured, author=self._author)
        except NotesDatabaseError as exc:
            self.post_message(NotesOpened(None, str(exc)))
            return
        except Exception as exc:  # anything else (psycopg missing, …): notes typed meanwhile must still be kept
            self.post_message(NotesOpened(None, f"cannot open the notes store: {type(exc).__name__}: {exc}"))
            return
        read_only: str | None = getattr(store, "read_only_reason", None)
        try:
            problem = f"read-only: {read_only}" if read_only else store.problem()
        except Exception as exc:
            problem = f"{type(exc).__name__}: {exc}"
        if not self.post_message(NotesOpened(store, problem)):
            store.close()  # the reader closed meanwhile

    @on(NotesOpened)
    def _notes_opened(self, message: NotesOpened) -> None:
        if message.store is None:
            self.notes_problem = message.problem or "annotations unavailable"
            self.notify(self.notes_problem, title="annotations disabled", severity="error", timeout=15)
        else:
            self._notes_store = message.store
            if message.problem:
                self.notify(f"annotations: {message.problem}", title="annotations", severity="warning", timeout=15)
        waiting, self._notes_waiting = self._notes_waiting or [], []
        for then in waiting:
            then(self._notes_store)

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
        after :data:`KEY_RELEASE` seconds or so (:meth:`_release_clock`), so
        the keyboard can never stay stuck.
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
            self._release_clock().reset()

    def _release_clock(self) -> Timer:
        """The one timer behind every key's safety release (a timer per key
        was a task per keypress). Reset as each marker goes out, paused when it
        comes back; Textual restarts a reset timer when its current interval
        ends, so a lost marker lets the next key go after between
        :data:`KEY_RELEASE` and twice that: never sooner."""
        if self._key_timer is None:
            self._key_timer = self.set_interval(KEY_RELEASE, self._key_overdue, name="key release", pause=True)
        return self._key_timer

    async def _key_overdue(self) -> None:
        if self._key_pending is None:
            self._release_clock().pause()
        else:
            await self._release(self._key_pending)

    async def _release(self, marker: KeyHandled) -> None:
        if self._key_pending is marker:
            self._key_pending = None
            self._release_clock().pause()
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
        self.notes_stop.set()
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
