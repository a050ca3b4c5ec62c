"""The reader's translation column: what to show, and machine translation in the background.

Per article the reader keeps a :class:`ColumnState`: the translations that can
be shown (installed Argos route, cached machine translations, the bundled
reference), the one chosen, what of it exists now, and the job filling it in.
A job runs in a thread worker, one at a time: opening another article cancels
the running one after its current model call (what is done stays cached, and
returning resumes). Only translations of the paragraphs' current text are ever
shown (the store is keyed by the source text's hash).

:class:`Translations` owns every column state. The worker posts dataclass-like
messages (a paragraph arrived, progress, finished); progress coalesces through
``can_replace``. The screen asks this component what to show (``translation``,
``placeholder``, ``header``) and never reads its states.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.widget import Widget

from tui.article import Article, Paragraph
from tui.collection import ArticleCollection
from tui.target_language import DEFAULT_TARGET
from tui.translated import HUMAN_ENGINE, ArticleTranslation, ParagraphTranslation, Provenance
from tui.ui.parallel import LazyRows, RowText

if TYPE_CHECKING:  # the translation service loads with its worker
    from tui.translation.service import TranslationChoices

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
    short: str = ""
    """:attr:`message` in a few words, for the one-line header (the column has the whole of it)."""
    cancel: threading.Event | None = None
    planning: bool = False
    """The options are being worked out (:meth:`Translations.plan`'s worker)."""


def packages_dir() -> str | None:
    """The Argos packages directory chosen for this process (``--packages-dir``)."""
    return os.environ.get("ARGOS_PACKAGES_DIR") or None


class Translations(Widget):
    """Invisible: the translation column of every article opened."""

    DEFAULT_CSS = "Translations { display: none; }"

    @dataclass
    class Changed(Message):
        """What article ``article`` shows as translation changed (rows, header, claims)."""

        article: int

    @dataclass
    class Arrived(Message):
        """From the worker: a machine translation of one paragraph."""

        article: int
        item: ParagraphTranslation

    @dataclass
    class Progress(Message):
        """From the worker: ``done`` of ``total`` paragraphs (coalesced per article)."""

        article: int
        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Translations.Progress) and message.article == self.article

    @dataclass
    class Chosen(Message):
        """From the options worker: what can be shown for ``article`` (the text ``read``)."""

        article: int
        read: Article
        choices: TranslationChoices
        visible: list[int]

    @dataclass
    class Finished(Message):
        """From the worker: the job ended (``result`` is ``None`` on error)."""

        article: int
        result: ArticleTranslation | None
        error: str

    def __init__(self, collection: ArticleCollection, target: str = DEFAULT_TARGET) -> None:
        super().__init__()
        self._collection = collection
        self.target = target
        self._columns: dict[int, ColumnState] = {}
        self._human: dict[int, list[ArticleTranslation]] = {}
        self._in_target: dict[int, tuple[Article, bool]] = {}
        """:meth:`in_target`'s answer per article, for the article object it was worked out for."""
        """Versions in the folder aligned as translations (:mod:`tui.versions.human`), per article."""

    # -- what is shown --------------------------------------------------------

    def _column(self, index: int) -> ColumnState:
        state = self._columns.get(index)
        if state is None:
            state = self._columns[index] = ColumnState()
            article = self._collection[index]
            if article is not None and article.ok and article.paragraphs:
                # Cheap and model-free: enough for the first paint. A reference
                # borrowed from a copy under another name needs every paragraph
                # hashed (0.6 s at 200,000 paragraphs): the options' worker finds it.
                from tui.reference import load_reference_or_reason

                reference, reason = load_reference_or_reason(article, self.target, borrow=False)
                state.shown = reference
                state.chosen = reference.provenance if reference is not None else None
                state.message = "" if reference is not None else (reason or "")
        return state

    def forget(self, index: int) -> None:
        """Article ``index`` was read again with other text: its column starts afresh."""
        state = self._columns.pop(index, None)
        if state is not None and state.cancel is not None:
            state.cancel.set()

    def translation(self, index: int) -> ArticleTranslation | None:
        """The translation article ``index`` shows now (possibly partial)."""
        return self._column(index).shown

    def running(self, index: int) -> bool:
        return self._column(index).running

    def shown(self) -> dict[int, ArticleTranslation | None]:
        """Every opened article's shown translation (for search across articles)."""
        return {index: state.shown for index, state in self._columns.items()}

    def placeholder(self, index: int, paragraph: int = 0) -> str:
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

    def rows(self, index: int) -> Sequence[RowText]:
        """The reading pane's rows for article ``index``: originals opposite what is translated."""
        article = self._collection[index]
        assert article is not None
        if not article.ok:
            return [RowText(f"Cannot open {article.path.name}: {article.error}", "ltr", None, "", False)]
        translation = self.translation(index)
        texts = _Texts(translation.paragraphs) if translation else None
        return LazyRows(article, texts, lambda p: self.why_empty(index, p))

    def why_empty(self, index: int, paragraph: Paragraph) -> str:
        state = self._column(index)
        machine = state.shown is not None and state.shown.provenance.engine != "reference"
        if machine and paragraph.language == self.target:
            from tui.language import language_name

            return f"(already in {language_name(self.target)})"
        return self.placeholder(index, paragraph.index)

    def _first_untranslated(self, index: int) -> int:
        state = self._column(index)
        article = self._collection[index]
        for p in article.paragraphs if article is not None else ():
            if state.shown is None or state.shown.get(p.index) is None:
                return p.index
        return -1

    def header(self, index: int) -> str:
        article = self._collection[index]
        if article is None or not article.ok:
            return ""
        state = self._column(index)
        parts: list[str] = []
        if state.chosen is None and self.in_target(index):
            from tui.language import language_name

            return f"original is in {language_name(self.target)}: nothing to translate"
        if state.chosen is not None:
            from tui.language import language_name

            parts.append(f"{language_name(self.target)} · {state.chosen.label}")
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
            first = self._first_untranslated(index)
            short = state.short or state.message.split(".")[0]
            parts.append(f"{short} · see ¶{first + 1}" if first >= 0 else short)  # ¶N says how to install
        if len(state.options) > 1:
            parts.append(f"t: {len(state.options)} versions")
        return " · ".join(parts) or "No translation"

    # -- choosing ---------------------------------------------------------------

    def plan(self, index: int, visible: list[int]) -> None:
        """Work out the options for article ``index`` and show the chosen one.

        The options come from a thread worker (:func:`tui.translation.service.translation_choices`:
        the packages directory, the cache — perhaps a shared server — and, the
        first time, a hash of every paragraph), so opening a long article or a
        slow cache never holds the keyboard. :meth:`_chosen` applies them, starts
        a background job (``visible`` paragraphs first) when the chosen machine
        translation is incomplete, and posts :class:`Changed`.
        """
        article = self._collection[index]
        if article is None or not article.ok or not article.paragraphs:
            self.post_message(self.Changed(index))  # nothing to translate; rows and claims still refresh
            return
        state = self._column(index)
        state.planning = True
        prefer = state.chosen if state.picked and state.chosen and state.chosen.engine != HUMAN_ENGINE else None
        self._choose(index, article, prefer, list(visible))

    @work(thread=True, group="choices", description="list an article's translations")
    def _choose(self, index: int, article: Article, prefer: Provenance | None, visible: list[int]) -> None:
        from tui.translation.service import TranslationChoices, translation_choices

        try:
            choices = translation_choices(article, self.target, prefer=prefer, packages_dir=packages_dir())
        except Exception as exc:  # the reader must survive any cache or package failure
            choices = TranslationChoices([], None, None, None, f"translations could not be listed: {exc}", 0)
        self.post_message(self.Chosen(index, article, choices, visible))

    @on(Chosen)
    def _chosen(self, event: Chosen) -> None:
        event.stop()
        index, article, choices = event.article, event.read, event.choices
        if self._collection[index] is not article:
            return  # read again meanwhile: the plan for the new text follows
        state = self._column(index)
        state.planning = False
        human = self._human.get(index, [])
        state.options = [h.provenance for h in human] + list(choices.options)  # people's work first
        if not state.picked or state.chosen not in state.options:
            state.chosen = state.options[0] if state.options else None
            state.picked = False
        state.message = choices.problem or ""
        state.short = _short(choices.error) if choices.error is not None else ""
        if state.chosen is None:
            state.shown = None
        elif state.chosen.engine == HUMAN_ENGINE:
            state.shown = next(h for h in human if h.provenance == state.chosen)
        elif not state.running:
            if choices.chosen == state.chosen:
                state.shown = choices.shown
            else:  # a human translation was first when the worker started
                from tui.translation.service import translation_for

                state.shown = translation_for(article, state.chosen, self.target)
        route = choices.route
        if (
            route is not None
            and state.chosen == route.provenance
            and not state.running
            and (state.shown is None or len(state.shown.paragraphs) < choices.translatable)
        ):
            self._start_job(index, article, event.visible)
        self.post_message(self.Changed(index))

    def cycle(self, index: int, visible: list[int]) -> str:
        """Show the next available translation; what to tell the reader."""
        state = self._column(index)
        if state.planning and not state.options:
            return "Translations are still being listed…"
        if len(state.options) < 2:
            return "Only one translation available" if state.options else "No translation available"
        at = state.options.index(state.chosen) if state.chosen in state.options else -1
        state.chosen = state.options[(at + 1) % len(state.options)]
        state.picked = True
        self.plan(index, visible)
        return f"showing: {state.chosen.label}"

    def yield_to(self, index: int) -> None:
        """Article ``index`` is opened: any other article's job stops after its current model call."""
        for other, state in self._columns.items():
            if other != index and state.cancel is not None:
                state.cancel.set()

    def offer_human(self, index: int, translations: list[ArticleTranslation], visible: list[int]) -> None:
        """Versions of article ``index`` in the target language, aligned as
        translations: offered by ``t`` and preferred (re-plans when they change)."""
        if [t.provenance for t in translations] != [t.provenance for t in self._human.get(index, [])]:
            self._human[index] = translations
            if index in self._columns:
                self.plan(index, visible)

    def in_target(self, index: int) -> bool:
        """Article ``index`` is already in the target language: every paragraph
        detected as such (or too short to tell), so there is nothing to translate."""
        article = self._collection[index]
        if article is None or not article.ok or article.language is None or self._collection.language_pending(index):
            return False
        known = self._in_target.get(index)
        if known is not None and known[0] is article:
            return known[1]  # asked by every header update: once per article text
        from tui.translation.plan import argos_codes

        targets = set(argos_codes(self.target))
        languages = {p.language for p in article.paragraphs if p.language is not None} | {article.language}
        answer = all(set(argos_codes(language)) & targets for language in languages)
        self._in_target[index] = (article, answer)
        return answer

    def _translatable(self, article: Article) -> int:
        from tui.translation.service import paragraphs_to_translate

        return len(paragraphs_to_translate(article, self.target))

    # -- the background job -------------------------------------------------------

    def _start_job(self, index: int, article: Article, visible: list[int]) -> None:
        state = self._column(index)
        self.yield_to(index)
        state.cancel = threading.Event()
        state.running = True
        state.progress = (len(state.shown.paragraphs) if state.shown else 0, self._translatable(article))
        if state.shown is None or state.shown.provenance != state.chosen:
            assert state.chosen is not None
            state.shown = ArticleTranslation(article.id, self.target, state.chosen, {}, 0)
        self._translate(index, article, state.cancel, visible)

    @work(thread=True, group="translate", description="translate an article")
    def _translate(self, index: int, article: Article, cancel: threading.Event, order: list[int]) -> None:
        from tui.translation.errors import TranslationError
        from tui.translation.service import translate_article

        def paragraph(item: ParagraphTranslation) -> None:
            self.post_message(self.Arrived(index, item))

        def progress(done: int, total: int) -> None:
            self.post_message(self.Progress(index, done, total))

        try:
            result = translate_article(
                article,
                self.target,
                packages_dir=packages_dir(),
                on_paragraph=paragraph,
                on_progress=progress,
                cancel=cancel,
                order=order,
            )
        except TranslationError as exc:
            self.post_message(self.Finished(index, None, str(exc)))
        except Exception as exc:  # the reader must survive any engine failure
            self.post_message(self.Finished(index, None, f"translation failed: {exc}"))
        else:
            self.post_message(self.Finished(index, result, ""))

    # The worker's messages update the state here first, then bubble to the screen.

    @on(Arrived)
    def _arrived(self, event: Arrived) -> None:
        state = self._column(event.article)
        if state.shown is None or not state.running:
            event.stop()  # a late paragraph of a job that was replaced
            return
        state.shown.paragraphs[event.item.index] = event.item

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self._column(event.article).progress = (event.done, event.total)

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        event.stop()
        state = self._column(event.article)
        state.running = False
        state.cancel = None
        if event.result is not None and state.chosen == event.result.provenance:
            state.shown = event.result
        if event.error:
            state.message = event.error
            self.notify(event.error, title="translation", severity="error", timeout=10)
        self.post_message(self.Changed(event.article))


class _Texts(Mapping[int, str]):
    """The texts of a translation's paragraphs, looked up when a row is built
    (a copy of every text per change was O(paragraphs) per arriving paragraph)."""

    def __init__(self, paragraphs: Mapping[int, ParagraphTranslation]) -> None:
        self._paragraphs = paragraphs

    def __getitem__(self, index: int) -> str:
        return self._paragraphs[index].text

    def __iter__(self) -> Iterator[int]:
        return iter(self._paragraphs)

    def __len__(self) -> int:
        return len(self._paragraphs)


def _short(error: Exception) -> str:
    """A translation error in a few words for the header."""
    from tui.translation.errors import MissingPackage

    if isinstance(error, MissingPackage):
        return error.short
    return str(error).split(".")[0][:60]
