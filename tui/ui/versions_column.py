"""The reader's versions: ``]``/``[`` between language versions, the strip, the stack.

A mixin of :class:`tui.ui.reader.ReaderScreen`. Once every article is read,
a thread worker groups the collection into stories (:mod:`tui.versions`):
first with the paragraph embeddings already cached (seconds), then, unless
``TANDEM_EMBEDDINGS`` says otherwise, computing the missing ones (tens of
paragraphs a second) and regrouping. The reader stays usable throughout.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.widgets import Static

if TYPE_CHECKING:  # the grouping code loads with its worker, after the first paint
    from tui.versions.corpus import Counterpart, VersionsIndex


def embeddings_mode() -> str:
    """``compute`` (default), ``cached`` or ``none``, from ``$TANDEM_EMBEDDINGS``."""
    mode = os.environ.get("TANDEM_EMBEDDINGS", "compute")
    return mode if mode in ("compute", "cached", "none") else "compute"


def confidence_mark(score: float) -> str:
    if score >= 0.8:
        return "●"
    if score >= 0.5:
        return "◐"
    if score > 0:
        return "○"
    return "·"


class VersionsMixin:
    """Navigation between the language versions of a story."""

    _versions: VersionsIndex | None = None
    _jumps: list[tuple[int, int]]
    _counterpart_rows: set[int]

    # -- building ------------------------------------------------------------

    def _start_versions(self) -> None:
        from tui.versions.corpus import MAX_ARTICLES

        articles = [a for a in self.articles if a is not None and a.ok]
        if len(articles) < 2 or len(articles) > MAX_ARTICLES:
            # One article has no other versions (and embedding a long one would
            # only compete with reading it); too many would compare every pair.
            self._versions_note = (
                "versions: one article, nothing to compare"
                if len(articles) < 2
                else f"versions: not grouped (over {MAX_ARTICLES} articles)"
            )
            self._update_versions_strip()
            self.settled.set()
            return
        self._versions_worker(embeddings_mode())

    @work(thread=True, exclusive=True, group="versions")
    def _versions_worker(self, mode: str) -> None:
        from textual.worker import get_current_worker

        from tui.claims.extract import extract_article_claims
        from tui.versions.corpus import build_index
        from tui.versions.prepare import english_texts, prepare

        worker = get_current_worker()
        articles = [a for a in self.articles if a is not None and a.ok]
        english = {a.id: english_texts(a) for a in articles}
        claims = {a.id: extract_article_claims(a) for a in articles}
        first = "none" if mode == "none" else "cached"
        signals = [prepare(a, embeddings=first, english=english[a.id], claims=claims[a.id]) for a in articles]
        if worker.is_cancelled:
            return
        index = build_index(articles, signals, claims, english)
        self.app.call_from_thread(self._versions_built, index)
        self.app.call_from_thread(self.settled.set)
        if mode != "compute" or index.with_embeddings:
            return
        computed = []
        for done, article in enumerate(articles):
            if worker.is_cancelled:
                return
            computed.append(
                prepare(
                    article,
                    embeddings="compute",
                    english=english[article.id],
                    claims=claims[article.id],
                    should_stop=lambda: worker.is_cancelled,
                )
            )
            self.app.call_from_thread(self._versions_progress, done + 1, len(articles))
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._versions_built, build_index(articles, computed, claims, english))

    def _versions_progress(self, done: int, total: int) -> None:
        self._versions_note = f"embedding versions {done}/{total}" if done < total else ""
        self._update_versions_strip()

    def _versions_built(self, index: VersionsIndex) -> None:
        self._versions = index
        self._versions_note = ""
        self._update_versions_strip()
        self._refresh_claims_panel()

    # -- the strip --------------------------------------------------------------

    def _here(self) -> tuple[str, int] | None:
        article = self._current_article()
        if article is None or not article.ok:
            return None
        return article.id, self._view().current

    def _language_of(self, article_id: str) -> str:
        for article in self.articles:
            if article is not None and article.id == article_id:
                return article.language or "??"
        return "??"

    def _update_versions_strip(self) -> None:
        strip = self.query_one("#versions", Static)
        here = self._here()
        text = Text(no_wrap=True, overflow="ellipsis")
        note = getattr(self, "_versions_note", "")
        if self._versions is None or here is None:
            text.append(note or "versions: …", style="dim")
            strip.update(text)
            return
        article_id, paragraph = here
        others = self._versions.counterparts(article_id, paragraph)
        related = self._versions.related_articles(article_id)
        if not others:
            text.append("no other version of this story", style="dim")
        else:
            text.append("versions ", style="bold")
            for part in others:
                text.append(" │ ", style="dim")
                label = f"{self._language_of(part.article)} {part.article[:3]}"
                if part.paragraphs and part.exact:
                    text.append(f"{confidence_mark(part.score)} {label} ¶{part.paragraphs[0] + 1}", style="bold")
                elif part.paragraphs:
                    text.append(f"~ {label} near ¶{part.paragraphs[0] + 1}", style="italic")
                else:
                    text.append(f"· {label} —", style="dim")
                text.append(f" {'translation' if part.relation == 'translation' else 'same event'}", style="dim")
        if related:
            text.append(" │ related: ", style="dim")
            text.append(", ".join(f"{self._language_of(r)} {r[:3]}" for r in related), style="dim")
        if note:
            text.append(f" │ {note}", style="dim italic")
        strip.update(text)

    # -- jumping ------------------------------------------------------------------

    def _article_index(self, article_id: str) -> int | None:
        for index, article in enumerate(self.articles):
            if article is not None and article.id == article_id:
                return index
        return None

    def _jump_version(self, step: int) -> None:
        here = self._here()
        if self._versions is None or here is None:
            if self._versions is None:
                self.notify("Versions are still being worked out…", timeout=2)
            return
        article_id, paragraph = here
        candidates: list[Counterpart] = [c for c in self._versions.counterparts(article_id, paragraph) if c.paragraphs]
        if not candidates:
            self.notify("No other version says this paragraph", timeout=3)
            return
        target = candidates[0] if step > 0 else candidates[-1]
        index = self._article_index(target.article)
        if index is None:
            return
        self._jumps.append((self.current_article, paragraph))
        self.open_article(index)
        self._view().move_to(target.paragraphs[0])
        self._counterpart_rows = set(target.paragraphs) if target.exact else set()
        self._view().set_row_highlight(self._counterpart_rows)
        if not target.exact:
            self.notify("No exact counterpart: nearest linked paragraph shown", timeout=3)
        self._update_versions_strip()

    def action_next_version(self) -> None:
        self._jump_version(1)

    def action_previous_version(self) -> None:
        self._jump_version(-1)

    def action_jump_back(self) -> None:
        if not self._jumps:
            self.notify("Nothing to go back to", timeout=2)
            return
        index, paragraph = self._jumps.pop()
        self.open_article(index)
        self._view().move_to(paragraph)
        self._update_versions_strip()

    # -- the stack view -------------------------------------------------------------

    def action_stack(self) -> None:
        here = self._here()
        if here is None:
            return
        from tui.ui.stack import StackScreen

        article_id, paragraph = here
        entries = [(self.current_article, (paragraph,), None)]
        if self._versions is not None:
            for part in self._versions.counterparts(article_id, paragraph):
                index = self._article_index(part.article)
                if index is not None:
                    entries.append((index, part.paragraphs, part))
        self.app.push_screen(StackScreen(self, entries))
