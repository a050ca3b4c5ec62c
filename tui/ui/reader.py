"""The reader screen: article list, column headers, the parallel pane, search.

Start-up order matters for speed: the file names are listed and the first
article is read (cheap) before the first paint; every other article, and the
language models, are loaded by a thread worker afterwards.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from tui.article import Article
from tui.article_claims import ArticleClaims
from tui.inert import inert
from tui.keymap import ACTIONS, Action
from tui.search import Match
from tui.ui.annotating import AnnotationsMixin
from tui.ui.article_list import ArticleList, article_prompt
from tui.ui.claims_column import ClaimsMixin
from tui.ui.claims_panel import ClaimsPanel
from tui.ui.display import one_line
from tui.ui.parallel import ParallelView, RowText, make_rows
from tui.ui.searching import SearchMixin
from tui.ui.translating import TranslationColumn
from tui.ui.versions_column import VersionsMixin

NARROW_BELOW = 110
"""Below this many columns the article list hides until asked for."""


def bindings_for(actions: tuple[Action, ...]) -> list[Binding]:
    from tui.keymap import display_keys

    return [
        Binding(
            action.keys,
            action.action,
            action.description,
            show=action.footer,
            id=action.id,
            key_display=display_keys(action.keys.split(",")[0]),
        )
        for action in actions
    ]


class ReaderScreen(TranslationColumn, ClaimsMixin, AnnotationsMixin, SearchMixin, VersionsMixin, Screen[None]):
    """Original beside translation, one article at a time."""

    BINDINGS = bindings_for(ACTIONS)
    AUTO_FOCUS = "ParallelView"

    def __init__(self, paths: list[Path], *, bidi: str = "app") -> None:
        super().__init__()
        self.paths = paths
        self.articles: list[Article | None] = [None] * len(paths)
        self._languages_done: set[int] = set()
        self._loaded = 0
        self._first_paint_done = False
        self._first_unflagged = False
        """The first article was read without boilerplate rules (see after_first_paint)."""
        """How many entries of ``articles`` are read (kept, not counted per keypress)."""
        self._columns = {}
        self.current_article = -1
        self.bidi = bidi
        self._matches: list[Match] = []
        self._match_index = -1
        self._query = ""
        self._positions: dict[int, int] = {}
        self._list_query = ""
        self._search_spans: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        self._claims: ArticleClaims | None = None
        self._claim = None
        """The selected claim (J/K, claims panel), or ``None``."""
        self._placed: list = []
        """The current article's annotations, re-attached (tui.notes.placing.Placed)."""
        self._jumps = []
        self._counterpart_rows = set()

        self.settled = asyncio.Event()
        """Set once every article is loaded and its language detected."""

    @property
    def actions(self) -> tuple[Action, ...]:
        keymap = getattr(self.app, "keymap_overrides", {})
        from tui.keymap import apply_keymap

        return apply_keymap(ACTIONS, keymap)

    # ----------------------------------------------------------------- compose

    def compose(self) -> ComposeResult:
        # Set before the first style pass: changing it in on_mount restyles all.
        self._apply_width(self.app.size.width)
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield Input(placeholder="filter: ar  title words", id="list-filter")
                yield ArticleList(id="articles")
            with Vertical(id="reader"):
                with Horizontal(id="headers"):
                    yield Static(id="original-header")
                    yield Static(id="translation-header")
                yield Static(id="versions")
                yield ParallelView(bidi=self.bidi, id="parallel")
            yield ClaimsPanel(id="claims")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._view().set_span_provider(self._spans_for)
        self._view().set_current_listener(self._current_changed)
        self._refresh_list()
        if self.paths:
            from tui.loading import load_article

            self._store_article(0, load_article(self.paths[0], boilerplate=False))
            self._first_unflagged = True
            self.open_article(0)
        else:
            self._set_status("No articles: give tandem files or folders of text.")
            self.settled.set()

    def after_first_paint(self) -> None:
        """Called by the app once the first frame is on the terminal (Ready).

        Everything not needed to show text waits until then: claim rules,
        SQLite, the packages directory, the other articles and the language
        models. Before the first paint they would only delay it.
        """
        self._first_paint_done = True
        if self._first_unflagged:
            from tui.loading import with_boilerplate

            self._first_unflagged = False
            self.articles[0] = with_boilerplate(self.articles[0])
            self._refresh_list_item(0)
        # _after_open re-lays out the rows (boilerplate now dimmed) through
        # _plan_translation.
        if 0 <= self.current_article < len(self.paths):
            self._after_open(self.current_article)
        self._load_rest()

    def _after_open(self, index: int) -> None:
        if index != self.current_article:
            return
        self._load_notes()
        self._plan_translation(index)  # shows the rows and resets the claims

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)
        self._update_headers()

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "narrow")

    # --------------------------------------------------------------- loading

    @work(thread=True, exclusive=True, group="load")
    def _load_rest(self) -> None:
        """Read every article, then detect languages (current article first).

        Results reach the screen in batches (every 100 articles or 0.1 s), so
        a folder of thousands of files does not cost a round trip per file.
        """
        import time

        from textual.worker import get_current_worker

        from tui.loading import load_article

        worker = get_current_worker()
        batch: list[tuple[int, Article | None, bool]] = []
        flushed = time.monotonic()

        def flush(force: bool = False) -> None:
            nonlocal batch, flushed
            if batch and (force or len(batch) >= 100 or time.monotonic() - flushed > 0.1):
                self.app.call_from_thread(self._articles_loaded, batch)
                batch, flushed = [], time.monotonic()

        for index, path in enumerate(self.paths):
            if worker.is_cancelled:
                return
            if self.articles[index] is None:
                batch.append((index, load_article(path), False))
                flush()
        flush(force=True)
        from tui.language_process import LanguageDetectorProcess

        order = list(range(len(self.paths)))
        if 0 <= self.current_article < len(order):
            order.remove(self.current_article)
            order.insert(0, self.current_article)
        with LanguageDetectorProcess() as detector:
            for index in order:
                if worker.is_cancelled:
                    return
                article = self.articles[index]
                if article is None or not article.ok:
                    batch.append((index, None, True))
                else:
                    batch.append((index, detector.detect(article), True))
                # The article being read gets its language at once.
                flush(force=index == self.current_article)
        flush(force=True)
        # Stories come last: they need every article and its language.
        self.app.call_from_thread(self._start_versions)

    def _store_article(self, index: int, article: Article) -> None:
        if self.articles[index] is None:
            self._loaded += 1
        self.articles[index] = article

    def _articles_loaded(self, batch: list[tuple[int, Article | None, bool]]) -> None:
        for index, article, languages in batch:
            if article is None:
                self._language_done(index)
            else:
                self._article_loaded(index, article, languages)
        self._update_status()

    def _article_loaded(self, index: int, article: Article, languages: bool) -> None:
        self._store_article(index, article)
        if languages:
            self._languages_done.add(index)
        self._refresh_list_item(index)
        if index == self.current_article:
            # Languages arrived: claims are read with each paragraph's language,
            # and the machine-translation route depends on the language
            # (_plan_translation resets the claims too).
            if languages:
                self._plan_translation(index)
            else:
                self._reset_claims()
            self._update_headers()
            self._update_status()

    def _language_done(self, index: int) -> None:
        self._languages_done.add(index)
        self._refresh_list_item(index)

    # ------------------------------------------------------------------ list

    def _prompt(self, index: int) -> Text:
        if self.articles[index] is None:
            return Text(f" …  {self.paths[index].name}", style="dim", no_wrap=True, overflow="ellipsis")
        return article_prompt(
            self.paths[index].name, self.articles[index], self.bidi, index not in self._languages_done
        )

    def _refresh_list(self) -> None:
        from tui.article_filter import matches

        query = self._list_query
        prompts = {
            i: self._prompt(i)
            for i in range(len(self.paths))
            if not query or matches(query, self.paths[i], self.articles[i])
        }
        self.query_one(ArticleList).set_articles(prompts, self.current_article)

    def _refresh_list_item(self, index: int) -> None:
        self.query_one(ArticleList).update_article(index, self._prompt(index))

    def action_filter_articles(self) -> None:
        self.add_class("show-list")
        self.remove_class("hide-list")
        self.query_one("#list-filter", Input).focus()

    @on(Input.Changed, "#list-filter")
    def _list_filter_changed(self, event: Input.Changed) -> None:
        self._list_query = event.value.strip()
        self._refresh_list()

    @on(Input.Submitted, "#list-filter")
    def _list_filter_submitted(self, event: Input.Submitted) -> None:
        self.query_one(ArticleList).focus()

    def article_labels(self) -> list[tuple[int, str]]:
        labels = []
        for index, path in enumerate(self.paths):
            article = self.articles[index]
            title = article.title if article is not None and article.ok else path.name
            labels.append((index, one_line(title, 60, self.bidi)))
        return labels

    @on(OptionList.OptionHighlighted, "#articles")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = self.query_one(ArticleList).article_at(event.option_index)
        if index != self.current_article:
            self.open_article(index)

    @on(OptionList.OptionSelected, "#articles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.open_article(self.query_one(ArticleList).article_at(event.option_index))
        self.query_one(ParallelView).focus()

    # --------------------------------------------------------------- article

    def open_article(self, index: int) -> None:
        """Show article ``index`` (loading it now if the worker has not yet)."""
        if not 0 <= index < len(self.paths):
            return
        view = self.query_one(ParallelView)
        if 0 <= self.current_article < len(self.paths):
            self._positions[self.current_article] = view.current
        if self.articles[index] is None:
            from tui.loading import load_article

            self._store_article(index, load_article(self.paths[index]))
            self._refresh_list_item(index)
        if index != self.current_article:
            # The old article's machine translation yields to this one's.
            for other, state in self._columns.items():
                if other != index and state.cancel is not None:
                    state.cancel.set()
        self.current_article = index
        article = self.articles[index]
        assert article is not None
        self.query_one(ArticleList).show_article(index)
        self._clear_search()
        view.show(article, self._rows(index), current=self._positions.get(index, 0))
        # Highlights, annotations and machine translation follow the text:
        # the text is painted first (and at start-up, after the first frame).
        self._claims = None
        self._claim = None
        self._placed = []
        view.set_marks({})
        if self._first_paint_done:
            self.call_after_refresh(self._after_open, index)
        self._update_headers()
        self._update_status()

    def _current_article(self) -> Article | None:
        if 0 <= self.current_article < len(self.paths):
            return self.articles[self.current_article]
        return None

    def _rows(self, index: int) -> list[RowText]:
        article = self.articles[index]
        assert article is not None
        if not article.ok:
            return [
                RowText(
                    original=f"Cannot open {article.path.name}: {article.error}",
                    original_direction="ltr",
                    translation=None,
                    placeholder="",
                    boilerplate=False,
                )
            ]
        translation, _why = self._translation(index)
        texts = {i: t.text for i, t in translation.paragraphs.items()} if translation else None
        machine = translation is not None and translation.provenance.engine != "reference"

        def why_empty(paragraph) -> str:
            if machine and paragraph.language == "en":
                return "(already in English)"
            return self._placeholder(index, paragraph.index)

        return make_rows(article, texts, why_empty)

    def _update_headers(self) -> None:
        if not 0 <= self.current_article < len(self.paths):
            return
        article = self.articles[self.current_article]
        if article is None:
            return
        from tui.language import language_name

        width = self.query_one(ParallelView).size.width or self.app.size.width
        half = max(10, width // 2 - 2)
        lang = article.language
        if not article.ok:
            left = f"⚠ {article.path.name}"
        else:
            name = (
                language_name(lang)
                if lang
                else ("language unknown" if self.current_article in self._languages_done else "detecting language…")
            )
            left = f"{name} · {len(article.paragraphs)} ¶ · {article.id}"
        right = self._translation_header(article, self.current_article) if article.ok else ""
        self.query_one("#original-header", Static).update(Text(one_line(left, half, "terminal"), style="bold"))
        self.query_one("#translation-header", Static).update(Text(one_line(right, half, "terminal"), style="bold"))

    # ---------------------------------------------------------------- status

    def _set_status(self, message: str) -> None:
        # Parts come from files and the user (names, notes, queries): inert.
        self.query_one("#status", Static).update(Text(inert(message), no_wrap=True, overflow="ellipsis"))

    def _update_status(self) -> None:
        if not 0 <= self.current_article < len(self.paths):
            return
        article = self.articles[self.current_article]
        view = self.query_one(ParallelView)
        parts = [f"article {self.current_article + 1}/{len(self.paths)}"]
        if self._loaded < len(self.paths):
            parts.append(f"reading {self._loaded}/{len(self.paths)} files")
        elif len(self._languages_done) < len(self.paths):
            parts.append(f"languages {len(self._languages_done)}/{len(self.paths)}")
        if article is not None and article.ok and article.paragraphs:
            paragraph = article.paragraphs[min(view.current, len(article.paragraphs) - 1)]
            parts.append(f"¶ {view.current + 1}/{len(article.paragraphs)}")
            parts.append(paragraph.direction)
            if paragraph.boilerplate:
                parts.append(f"boilerplate: {paragraph.boilerplate}")
        claim_status = self._claim_status()
        if claim_status:
            parts.append(claim_status)
        note = None
        if article is not None and article.ok and article.paragraphs:
            note = (self._note_for_claim(self._claim) if self._claim is not None else None) or self._note_for_paragraph(
                view.current
            )
        if note is not None:
            text = f"note: {note.annotation.label}"
            if note.annotation.note:
                text += f" “{one_line(note.annotation.note, 40, self.bidi)}”"
            parts.append(text)
        parts.append(f"bidi: {self.bidi}")
        if self._query:
            query = one_line(self._query, 30, self.bidi)  # an Arabic query reads right to left
            if self._matches:
                parts.append(f"/{query}: {self._match_index + 1}/{len(self._matches)}")
            else:
                parts.append(f"/{query}: no match")
        if article is not None and article.notes:
            parts.append("; ".join(article.notes))
        self._set_status(" · ".join(parts))

    def _current_changed(self, index: int) -> None:
        """The view's current paragraph changed (any cause): same-frame updates."""
        if self._counterpart_rows and index not in self._counterpart_rows:
            self._counterpart_rows = set()
            self._view().set_row_highlight(set())
        self._update_status()
        self._update_versions_strip()

    # --------------------------------------------------------------- actions

    def _view(self) -> ParallelView:
        return self.query_one(ParallelView)

    def action_next_paragraph(self) -> None:
        self._view().action_next_paragraph()

    def action_previous_paragraph(self) -> None:
        self._view().action_previous_paragraph()

    def action_page_down(self) -> None:
        self._view().action_page_down()

    def action_page_up(self) -> None:
        self._view().action_page_up()

    def action_first_paragraph(self) -> None:
        self._view().action_first_paragraph()

    def action_last_paragraph(self) -> None:
        self._view().action_last_paragraph()

    def action_next_article(self) -> None:
        if self.paths:
            self.open_article((self.current_article + 1) % len(self.paths))

    def action_previous_article(self) -> None:
        if self.paths:
            self.open_article((self.current_article - 1) % len(self.paths))

    def action_switch_focus(self) -> None:
        article_list = self.query_one(ArticleList)
        if article_list.has_focus:
            self.remove_class("show-list")
            self._view().focus()
        else:
            self.add_class("show-list")
            article_list.focus()

    def action_toggle_list(self) -> None:
        self.toggle_class("hide-list" if not self.has_class("narrow") else "show-list")

    def action_toggle_bidi(self) -> None:
        self.bidi = "terminal" if self.bidi == "app" else "app"
        self._view().set_bidi(self.bidi)
        self._refresh_list()
        self._update_status()
        self.notify(
            "bidi: tandem reorders right-to-left text"
            if self.bidi == "app"
            else "bidi: the terminal reorders right-to-left text",
            timeout=3,
        )

    def action_copy_paragraph(self) -> None:
        """The current paragraph, its translation and where both came from, to
        the clipboard (OSC 52: works over SSH in terminals that allow it)."""
        if not 0 <= self.current_article < len(self.paths):
            return
        article = self.articles[self.current_article]
        if article is None or not article.ok or not article.paragraphs:
            return
        from tui.citation import paragraph_citation

        index = min(self._view().current, len(article.paragraphs) - 1)
        translation, _ = self._translation(self.current_article)
        self.app.copy_to_clipboard(paragraph_citation(article, index, translation))
        self.notify(f"Copied ¶{index + 1} with its translation and source (terminal clipboard, OSC 52)", timeout=3)

    def action_help(self) -> None:
        import os

        from tui.ui.help import HelpScreen, bidi_check

        self.app.push_screen(HelpScreen(self.actions, bidi_check(self.bidi, dict(os.environ))))
