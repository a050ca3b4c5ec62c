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
from tui.keymap import ACTIONS, Action
from tui.search import Match, search_article
from tui.translated import ArticleTranslation
from tui.ui.article_list import ArticleList, article_prompt
from tui.ui.claims_panel import ClaimsPanel
from tui.ui.display import one_line
from tui.ui.parallel import ParallelView, RowText, make_rows
from tui.ui.translating import TranslationColumn

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


class ReaderScreen(TranslationColumn, Screen[None]):
    """Original beside translation, one article at a time."""

    BINDINGS = bindings_for(ACTIONS)
    AUTO_FOCUS = "ParallelView"

    def __init__(self, paths: list[Path], *, bidi: str = "app") -> None:
        super().__init__()
        self.paths = paths
        self.articles: list[Article | None] = [None] * len(paths)
        self._languages_done: set[int] = set()
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
                yield ParallelView(bidi=self.bidi, id="parallel")
            yield ClaimsPanel(id="claims")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._view().set_span_provider(self._spans_for)
        self._refresh_list()
        self._first_paint_done = False
        if self.paths:
            from tui.loading import load_article

            self.articles[0] = load_article(self.paths[0], boilerplate=False)
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
        if getattr(self, "_first_unflagged", False):
            from tui.loading import with_boilerplate

            self._first_unflagged = False
            self.articles[0] = with_boilerplate(self.articles[0])
            if self.current_article == 0:
                self._view().update_rows(self._rows(0))
        if 0 <= self.current_article < len(self.paths):
            self._after_open(self.current_article)
        self._load_rest()

    def _after_open(self, index: int) -> None:
        if index != self.current_article:
            return
        self._reset_claims()
        self._load_notes()
        self._plan_translation(index)

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
        from tui.language import detect_languages

        order = list(range(len(self.paths)))
        if 0 <= self.current_article < len(order):
            order.remove(self.current_article)
            order.insert(0, self.current_article)
        for index in order:
            if worker.is_cancelled:
                return
            article = self.articles[index]
            if article is None or not article.ok:
                batch.append((index, None, True))
            else:
                batch.append((index, detect_languages(article), True))
            # The article being read gets its language at once.
            flush(force=index == self.current_article)
        flush(force=True)
        self.app.call_from_thread(self.settled.set)

    def _articles_loaded(self, batch: list[tuple[int, Article | None, bool]]) -> None:
        for index, article, languages in batch:
            if article is None:
                self._language_done(index)
            else:
                self._article_loaded(index, article, languages)
        self._update_status()

    def _article_loaded(self, index: int, article: Article, languages: bool) -> None:
        self.articles[index] = article
        if languages:
            self._languages_done.add(index)
        self._refresh_list_item(index)
        if index == self.current_article:
            # Languages arrived: claims are read with each paragraph's language,
            # and the machine-translation route depends on the language.
            self._reset_claims()
            if languages:
                self._plan_translation(index)
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

            self.articles[index] = load_article(self.paths[index])
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
            name = language_name(lang) if lang else ("language unknown" if self.current_article in self._languages_done else "detecting language…")
            left = f"{name} · {len(article.paragraphs)} ¶ · {article.id}"
        right = self._translation_header(article, self.current_article) if article.ok else ""
        self.query_one("#original-header", Static).update(Text(one_line(left, half, "terminal"), style="bold"))
        self.query_one("#translation-header", Static).update(Text(one_line(right, half, "terminal"), style="bold"))

    # ---------------------------------------------------------------- status

    def _set_status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(message, no_wrap=True, overflow="ellipsis"))

    def _update_status(self) -> None:
        if not 0 <= self.current_article < len(self.paths):
            return
        article = self.articles[self.current_article]
        view = self.query_one(ParallelView)
        parts = [f"article {self.current_article + 1}/{len(self.paths)}"]
        loaded = sum(1 for a in self.articles if a is not None)
        if loaded < len(self.paths):
            parts.append(f"reading {loaded}/{len(self.paths)} files")
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
            note = (self._note_for_claim(self._claim) if self._claim is not None else None) or self._note_for_paragraph(view.current)
        if note is not None:
            text = f"note: {note.annotation.label}"
            if note.annotation.note:
                text += f" “{one_line(note.annotation.note, 40, 'app')}”"
            parts.append(text)
        parts.append(f"bidi: {self.bidi}")
        if self._query:
            if self._matches:
                parts.append(f"/{self._query}: {self._match_index + 1}/{len(self._matches)}")
            else:
                parts.append(f"/{self._query}: no match")
        if article is not None and article.notes:
            parts.append("; ".join(article.notes))
        self._set_status(" · ".join(parts))

    @on(ParallelView.CurrentChanged)
    def _current_changed(self, event: ParallelView.CurrentChanged) -> None:
        self._update_status()


    # ---------------------------------------------------------------- claims

    def _reset_claims(self) -> None:
        """New claims for the current article (opened, or its languages arrived)."""
        self._claim = None
        article = self.articles[self.current_article] if 0 <= self.current_article < len(self.paths) else None
        if article is None or not article.ok:
            self._claims = None
        else:
            translation, _why = self._translation(self.current_article)

            def translated(index: int, translation=translation) -> str | None:
                found = translation.get(index) if translation else None
                return found.text if found else None

            self._claims = ArticleClaims(article, translated)
        panel = self.query_one(ClaimsPanel)
        if panel.display:
            panel.show_claims(self._claims, self.bidi)
        self._view().refresh_spans()

    def _spans_for(self, index: int, side: str) -> list[tuple[int, int, str]]:
        """Highlights for one row side: claims, then search hits on top."""
        spans: list[tuple[int, int, str]] = []
        claims = self._claims
        if claims is not None and index < len(claims.article.paragraphs):
            if side == "original":
                for claim in claims.original(index):
                    spans.append((claim.start, claim.end, f"claim--{claim.kind}"))
                    if claim == self._claim:
                        spans.append((claim.start, claim.end, "claim--current"))
            else:
                for original, translated in claims.pairs(index):
                    spans.append((translated.start, translated.end, f"claim--{translated.kind}"))
                    if original == self._claim:
                        spans.append((translated.start, translated.end, "claim--current"))
        if side == "original":
            spans.extend(self._note_spans(index))
        spans.extend(self._search_spans.get((index, side), ()))
        return spans

    def select_claim(self, claim) -> None:
        """Make ``claim`` the selected one and show its paragraph."""
        self._claim = claim
        if claim is not None:
            self._view().move_to(claim.paragraph)
        self._view().refresh_spans()
        self.query_one(ClaimsPanel).select(claim)
        self._update_status()

    def _walk_claims(self, step: int) -> None:
        if self._claims is None:
            return
        view = self._view()
        claim = self._claim if self._claim is not None and self._claim.paragraph == view.current else None
        found = self._claims.walk(view.current, claim, step)
        if found is None:
            self.notify("No more claims in this direction", timeout=2)
            return
        self.select_claim(found)

    def action_next_claim(self) -> None:
        self._walk_claims(1)

    def action_previous_claim(self) -> None:
        self._walk_claims(-1)

    def action_toggle_claims(self) -> None:
        panel = self.query_one(ClaimsPanel)
        if panel.display and not panel.has_focus:
            panel.focus()
            return
        if panel.display:
            panel.display = False
            self._view().focus()
            return
        panel.display = True
        panel.show_claims(self._claims, self.bidi)
        panel.select(self._claim)
        panel.focus()

    @on(ClaimsPanel.Chosen)
    def _claim_chosen(self, event: ClaimsPanel.Chosen) -> None:
        self.select_claim(event.claim)
        self._view().focus()

    def _claim_status(self) -> str | None:
        claim = self._claim
        if claim is None:
            return None
        from tui.ui.claims_panel import describe

        return one_line("claim: " + describe(claim), 70, self.bidi)

    # ----------------------------------------------------------------- notes

    def _current_article(self) -> Article | None:
        if 0 <= self.current_article < len(self.paths):
            return self.articles[self.current_article]
        return None

    def _load_notes(self) -> None:
        """Re-attach the current article's annotations and mark them."""
        article = self._current_article()
        store = self.app.notes_store() if article is not None and article.ok else None
        if store is None or article is None:
            self._placed = []
        else:
            from tui.notes.placing import place_all

            self._placed = place_all(store.for_article(article), articles=[article])
        marks: dict[int, str] = {}
        for placed in self._placed:
            paragraph = placed.attachment.paragraph
            if paragraph is not None:
                marks[paragraph] = placed.annotation.label[:1].upper() or "✎"
        view = self._view()
        view.set_marks(marks)
        orphans = sum(1 for p in self._placed if p.status == "orphaned")
        if orphans:
            self.notify(
                f"{orphans} annotation(s) of this article no longer attach (text changed); see A",
                severity="warning",
                timeout=6,
            )
        self.query_one(ClaimsPanel).set_notes(self._note_for_claim)
        self._update_status()

    def _note_spans(self, index: int) -> list[tuple[int, int, str]]:
        spans = []
        for placed in self._placed:
            attachment = placed.attachment
            if attachment.paragraph == index and attachment.start is not None and attachment.end is not None:
                spans.append((attachment.start, attachment.end, "note--span"))
        return spans

    def _note_for_claim(self, claim) -> object | None:
        for placed in self._placed:
            a = placed.attachment
            if a.paragraph == claim.paragraph and (a.start, a.end) == (claim.start, claim.end):
                return placed
        return None

    def _note_for_paragraph(self, index: int) -> object | None:
        for placed in self._placed:
            a = placed.attachment
            if a.paragraph == index and a.start is None:
                return placed
        return None

    def action_annotate(self) -> None:
        article = self._current_article()
        if article is None or not article.ok or not article.paragraphs:
            return
        if self.app.notes_store() is None:
            self.notify(self.app.notes_problem or "annotations unavailable", severity="error")
            return
        from tui.ui.notes import NoteEditor

        view = self._view()
        claim = self._claim if self._claim is not None and self._claim.paragraph == view.current else None
        if claim is not None:
            existing = self._note_for_claim(claim)
            target = f"claim ¶{claim.paragraph + 1}: {claim.kind} · {one_line(claim.text, 60, self.bidi)}"
        else:
            existing = self._note_for_paragraph(view.current)
            paragraph = article.paragraphs[view.current]
            target = f"paragraph ¶{view.current + 1}: {one_line(paragraph.text, 60, self.bidi)}"
        label = existing.annotation.label if existing is not None else None
        note = existing.annotation.note if existing is not None else ""
        editor = NoteEditor(target, self.app.labels, label, note)

        def saved(edit) -> None:
            if edit is not None:
                self._save_note(article, view.current, claim, existing, edit)

        self.app.push_screen(editor, saved)

    def _save_note(self, article: Article, index: int, claim, existing, edit) -> None:
        from tui.notes.anchor import select
        from tui.notes.model import new_annotation
        from tui.notes.store import NotesDatabaseError

        store = self.app.notes_store()
        if store is None:
            return
        try:
            if existing is not None:
                store.update(existing.annotation.id, label=edit.label, note=edit.note)
            elif claim is not None:
                value = None if claim.value is None else str(claim.value)
                selector = select(article, index, claim.start, claim.end)
                store.save(new_annotation(article, selector, edit.label, edit.note, claim_kind=claim.kind, claim_value=value))
            else:
                store.save(new_annotation(article, select(article, index), edit.label, edit.note))
        except (NotesDatabaseError, ValueError) as exc:
            self.notify(f"not saved: {exc}", severity="error", timeout=10)
            return
        self.notify(f"saved: {edit.label}", timeout=2)
        self._load_notes()

    def action_undo_note(self) -> None:
        store = self.app.notes_store()
        if store is None:
            return
        from tui.notes.store import UndoConflict

        try:
            restored = store.undo_last()
        except UndoConflict as exc:
            self.notify(str(exc), severity="warning", timeout=6)
            return
        if restored is None:
            self.notify("Nothing to undo", timeout=2)
            return
        what = "removed" if restored.deleted else f"back to {restored.label}"
        self.notify(f"undone: annotation {what}", timeout=3)
        self._load_notes()

    def action_notes(self) -> None:
        store = self.app.notes_store()
        from tui.ui.notes import NotesScreen

        if store is None:
            placed, problem = [], self.app.notes_problem
        else:
            from tui.notes.placing import place_all

            loaded = [a for a in self.articles if a is not None and a.ok]
            placed, problem = place_all(store.list(), articles=loaded), None
        self.app.push_screen(NotesScreen(placed, self.bidi, problem), self._jump_to_note)

    def _jump_to_note(self, placed) -> None:
        if placed is None or placed.article is None:
            return
        target = placed.article
        for index, path in enumerate(self.paths):
            article = self.articles[index]
            if article is not None and (article.content_hash == target.content_hash or path == target.path):
                if index != self.current_article:
                    self.open_article(index)
                break
        else:
            self.notify(f"{target.path} is not open in this session", severity="warning")
            return
        paragraph = placed.attachment.paragraph
        if paragraph is None:
            self.notify("This annotation is orphaned: its text is gone", severity="warning")
            return
        self._view().move_to(paragraph)
        if placed.attachment.start is not None and self._claims is not None:
            for claim in self._claims.original(paragraph):
                if (claim.start, claim.end) == (placed.attachment.start, placed.attachment.end):
                    self.select_claim(claim)
                    break

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
            "bidi: tandem reorders right-to-left text" if self.bidi == "app"
            else "bidi: the terminal reorders right-to-left text",
            timeout=3,
        )

    def action_help(self) -> None:
        from tui.ui.help import HelpScreen

        self.app.push_screen(HelpScreen(self.actions))

    # ---------------------------------------------------------------- search

    def _search_input(self) -> Input:
        """The search box, mounted on first use (it is not needed to paint)."""
        found = self.query("#search")
        if found:
            return found.first(Input)
        search = Input(placeholder="search this article (Enter to find, Esc to close)", id="search")
        self.query_one("#reader").mount(search)
        return search

    def action_search(self) -> None:
        search = self._search_input()
        search.add_class("visible")
        search.value = self._query
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._close_search_input()
        self._run_search(event.value)

    def key_escape(self) -> None:
        list_filter = self.query_one("#list-filter", Input)
        if list_filter.has_focus:
            list_filter.value = ""
            self._view().focus()
            return
        found = self.query("#search")
        if found and found.first().has_class("visible"):
            self._close_search_input()
        elif self._query:
            self._clear_search()
            self._update_status()

    def _close_search_input(self) -> None:
        self._search_input().remove_class("visible")
        self._view().focus()

    def _clear_search(self) -> None:
        self._query = ""
        self._matches = []
        self._match_index = -1
        self._search_spans: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        self._view().refresh_spans()

    def _run_search(self, query: str) -> None:
        self._query = query.strip()
        if not self._query or not 0 <= self.current_article < len(self.paths):
            self._clear_search()
            self._update_status()
            return
        view = self._view()
        rows = view._rows
        texts: list[tuple[int, str, str]] = []
        for index, row in enumerate(rows):
            texts.append((index, "original", row.original))
            if row.translation is not None:
                texts.append((index, "translation", row.translation))
        self._matches = search_article(texts, self._query)
        self._match_index = -1
        if self._matches:
            self._step_match(1, from_current=True)
        else:
            self._paint_matches()
            self._update_status()

    def _step_match(self, step: int, from_current: bool = False) -> None:
        if not self._matches:
            if self._query:
                self.notify(f"No match for {self._query!r}", timeout=2)
            return
        current = self._view().current
        if from_current:
            candidates = [i for i, m in enumerate(self._matches) if m.paragraph >= current]
            self._match_index = candidates[0] if candidates else 0
        else:
            self._match_index = (self._match_index + step) % len(self._matches)
        match = self._matches[self._match_index]
        self._paint_matches()
        self._view().move_to(match.paragraph)
        self._update_status()

    def _paint_matches(self) -> None:
        spans: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        for i, match in enumerate(self._matches):
            name = "parallel--search-current" if i == self._match_index else "parallel--search"
            spans.setdefault((match.paragraph, match.side), []).append((match.start, match.end, name))
        self._search_spans = spans
        self._view().refresh_spans()

    def action_search_next(self) -> None:
        self._step_match(1)

    def action_search_previous(self) -> None:
        self._step_match(-1)
