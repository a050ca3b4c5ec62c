"""The column headers: which article and language is on the left, where the translation comes from on the right.

Every translation says where it came from (model and version, or
"reference"): the right header is the translation column's own description
(:meth:`tui.ui.translating.Translations.header`); this widget only lays both
out on one line each, inert and cut to half the width.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from tui.collection import ArticleCollection
from tui.ui.display import one_line


class ColumnHeaders(Horizontal):
    """Two one-line headers above the reading pane."""

    def compose(self) -> ComposeResult:
        yield Static(id="original-header")
        yield Static(id="translation-header")

    def show(self, collection: ArticleCollection, index: int, translation: str, width: int) -> None:
        article = collection[index]
        if article is None:
            return
        from tui.language import language_name

        half = max(10, width // 2 - 2)
        if not article.ok:
            left = f"⚠ {article.path.name}"
        else:
            lang = article.language
            pending = "detecting language…" if collection.language_pending(index) else "language unknown"
            left = f"{language_name(lang) if lang else pending} · {len(article.paragraphs)} ¶ · {article.id}"
        self.query_one("#original-header", Static).update(Text(one_line(left, half, "terminal"), style="bold"))
        self.query_one("#translation-header", Static).update(
            Text(one_line(translation, half, "terminal"), style="bold")
        )
