"""The reader's translation column: what to show, and machine translation in the background.

Per article the reader keeps a :class:`ColumnState`: the translations that can
be shown (installed Argos route, cached machine translations, the bundled
reference), the one chosen, what of it exists now, and the job filling it in.
A job runs in a thread worker, one at a time: opening another article cancels
the running one after its current model call (what is done stays cached, and
returning resumes). Only translations of the paragraphs' current text are ever
shown (the store is keyed by the source text's hash).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from textual import work

from tui.article import Article
from tui.translated import ArticleTranslation, ParagraphTranslation, Provenance

TRANSLATING = "… translating"
NOT_TRANSLATED = "— no translation yet —"


@dataclass
class ColumnState:
    """What the translation column of one article shows."""

    options: list[Provenance] = field(default_factory=list)
    chosen: Provenance | None = None
    picked: bool = False
    """The user chose with ``t``: keep the choice when languages arrive."""
    shown: ArticleTranslation | None = None
    running: bool = False
    progress: tuple[int, int] | None = None
    message: str = ""
    """Why nothing (or not everything) is shown: missing package, errors."""
    cancel: threading.Event | None = None


def _packages_dir():
    import os

    return os.environ.get("ARGOS_PACKAGES_DIR") or None


class TranslationColumn:
    """Mixin for :class:`tui.ui.reader.ReaderScreen`: the translation column."""

    _columns: dict[int, ColumnState]

    # -- what is shown --------------------------------------------------------

    def _column(self, index: int) -> ColumnState:
        state = self._columns.get(index)
        if state is None:
            state = self._columns[index] = ColumnState()
            article = self.articles[index]
            if article is not None and article.ok and article.paragraphs:
                # Cheap and model-free: enough for the first paint.
                from tui.reference import load_reference_or_reason

                reference, reason = load_reference_or_reason(article, "en")
                state.shown = reference
                state.chosen = reference.provenance if reference is not None else None
                state.message = "" if reference is not None else (reason or "")
        return state

    def _translation(self, index: int) -> tuple[ArticleTranslation | None, str]:
        state = self._column(index)
        return state.shown, state.message

    def _placeholder(self, index: int, paragraph: int = 0) -> str:
        """What stands where a paragraph has no translation (never a fake one).

        The first such paragraph carries the whole reason (e.g. which Argos
        package is missing and the command that installs it): the header is
        one line, the column has room.
        """
        state = self._column(index)
        if state.running:
            return TRANSLATING
        if state.message and paragraph == self._first_untranslated(index):
            return f"{NOT_TRANSLATED} {state.message}"
        return NOT_TRANSLATED

    def _first_untranslated(self, index: int) -> int:
        state = self._column(index)
        article = self.articles[index]
        for p in article.paragraphs if article is not None else ():
            if state.shown is None or state.shown.get(p.index) is None:
                return p.index
        return -1

    def _translation_header(self, article: Article, index: int) -> str:
        state = self._column(index)
        parts: list[str] = []
        if state.chosen is not None:
            parts.append(f"English · {state.chosen.label}")
        if state.running and state.progress is not None:
            done, total = state.progress
            parts.append(f"translating {done}/{total}")
        elif state.shown is not None:
            missing = len(article.paragraphs) - len(state.shown.paragraphs)
            if missing:
                parts.append(f"{missing} ¶ not translated")
            if state.shown.stale:
                parts.append(f"{state.shown.stale} outdated dropped")
        if state.message:
            parts.append(state.message if len(state.message) < 60 else state.message.split(".")[0])
        if len(state.options) > 1:
            parts.append(f"t: {len(state.options)} versions")
        return " · ".join(parts) or "No translation"

    # -- choosing ---------------------------------------------------------------

    def _plan_translation(self, index: int) -> None:
        """Work out the options for article ``index`` and show the chosen one.

        Reads the packages directory and the cache; loads no model. Starts a
        background job when the chosen machine translation is incomplete.
        """
        article = self.articles[index]
        if article is None or not article.ok or not article.paragraphs:
            self._show_column(index)  # nothing to translate; rows and claims still refresh
            return
        from tui.translation.errors import TranslationError
        from tui.translation.service import (
            available_translations,
            route_for,
            translation_for,
        )

        state = self._column(index)
        packages_dir = _packages_dir()
        try:
            state.options = available_translations(article, "en", packages_dir=packages_dir)
        except TranslationError as exc:
            state.options, state.message = [], str(exc)
        if not state.picked or state.chosen not in state.options:
            state.chosen = state.options[0] if state.options else None
            state.picked = False
        route = None
        state.message = ""
        try:
            route = route_for(article, "en", packages_dir=packages_dir)
        except TranslationError as exc:
            if article.language is not None:
                state.message = str(exc)
        if state.chosen is None:
            state.shown = None
        elif not state.running:
            state.shown = translation_for(article, state.chosen, "en")
        if (
            route is not None
            and state.chosen == route.provenance
            and not state.running
            and (state.shown is None or len(state.shown.paragraphs) < _translatable(article))
        ):
            self._start_job(index, article)
        self._show_column(index)

    def _show_column(self, index: int) -> None:
        if index == self.current_article:
            self._view().update_rows(self._rows(index))
            self._reset_claims()
            self._update_headers()

    def action_cycle_translation(self) -> None:
        index = self.current_article
        if not 0 <= index < len(self.paths):
            return
        state = self._column(index)
        if not state.options:
            self._plan_translation(index)
        if len(state.options) < 2:
            self.notify(
                "Only one translation available" if state.options else "No translation available",
                timeout=3,
            )
            return
        at = state.options.index(state.chosen) if state.chosen in state.options else -1
        state.chosen = state.options[(at + 1) % len(state.options)]
        state.picked = True
        self._plan_translation(index)
        self.notify(f"showing: {state.chosen.label}", timeout=3)

    # -- the background job -------------------------------------------------------

    def _start_job(self, index: int, article: Article) -> None:
        state = self._column(index)
        for other, other_state in self._columns.items():
            if other != index and other_state.cancel is not None:
                other_state.cancel.set()
        state.cancel = threading.Event()
        state.running = True
        state.progress = (len(state.shown.paragraphs) if state.shown else 0, _translatable(article))
        if state.shown is None or state.shown.provenance != state.chosen:
            state.shown = ArticleTranslation(article.id, "en", state.chosen, {}, 0)
        view = self._view()
        visible = list(range(view.current, min(view.current + 12, len(article.paragraphs))))
        self._translate_worker(index, article, state.cancel, visible)

    @work(thread=True, group="translate")
    def _translate_worker(self, index: int, article: Article, cancel: threading.Event, order: list[int]) -> None:
        from tui.translation.errors import TranslationError
        from tui.translation.service import translate_article

        def paragraph(item: ParagraphTranslation) -> None:
            self.app.call_from_thread(self._job_paragraph, index, item)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._job_progress, index, done, total)

        try:
            result = translate_article(
                article,
                "en",
                packages_dir=_packages_dir(),
                on_paragraph=paragraph,
                on_progress=progress,
                cancel=cancel,
                order=order,
            )
        except TranslationError as exc:
            self.app.call_from_thread(self._job_done, index, None, str(exc))
        except Exception as exc:  # the reader must survive any engine failure
            self.app.call_from_thread(self._job_done, index, None, f"translation failed: {exc}")
        else:
            self.app.call_from_thread(self._job_done, index, result, "")

    def _job_paragraph(self, index: int, item: ParagraphTranslation) -> None:
        state = self._column(index)
        if state.shown is None or not state.running:
            return
        state.shown.paragraphs[item.index] = item
        if index == self.current_article:
            view = self._view()
            view.update_row(item.index, self._rows(index)[item.index])

    def _job_progress(self, index: int, done: int, total: int) -> None:
        state = self._column(index)
        state.progress = (done, total)
        if index == self.current_article:
            self._update_headers()

    def _job_done(self, index: int, result: ArticleTranslation | None, error: str) -> None:
        state = self._column(index)
        state.running = False
        state.cancel = None
        if result is not None and state.chosen == result.provenance:
            state.shown = result
        if error:
            state.message = error
            self.notify(error, title="translation", severity="error", timeout=10)
        self._show_column(index)


def _translatable(article: Article) -> int:
    from tui.translation.service import paragraphs_to_translate

    return len(paragraphs_to_translate(article, "en"))
