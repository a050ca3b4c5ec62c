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

    def show(
        self,
        collection: ArticleCollection,
        index: int,
        translation: str,
        width: int,
        sides: tuple[str, ...] = ("original", "translation"),
        split: int = 50,
    ) -> None:
        """Each header over its column: in the columns' order and share of the
        width (``split``: the left one's percent), hidden with its column."""
        article = collection[index]
        if article is None:  # opened before it was read: the reading area reads it now
            reading = Text(one_line(f"reading {collection.paths[index].name}…", max(10, width - 2), "terminal"))
            self.query_one("#original-header", Static).update(reading, layout=False)
            self.query_one("#translation-header", Static).update("", layout=False)
            return
        from tui.language import language_name

        original = self.query_one("#original-header", Static)
        other = self.query_one("#translation-header", Static)
        share = {side: 100 // len(sides) for side in sides}
        if len(sides) == 2:
            share = {sides[0]: split, sides[1]: 100 - split}
            first = original if sides[0] == "original" else other
            if self.children[0] is not first:
                self.move_child(first, before=0)
        original.display, other.display = "original" in sides, "translation" in sides
        for header, side in ((original, "original"), (other, "translation")):
            if side in share:
                header.styles.width = f"{share[side]}fr"
        cells = {side: max(10, width * part // 100 - 2) for side, part in share.items()}
        if not article.ok:
            left = f"⚠ {article.path.name}"
        else:
            lang = article.language
            pending = "detecting language…" if collection.language_pending(index) else "language unknown"
            left = f"{language_name(lang) if lang else pending} · {len(article.paragraphs)} ¶ · {article.id}"
        original.update(Text(one_line(left, cells.get("original", 10), "terminal"), style="bold"), layout=False)
        other.update(Text(one_line(translation, cells.get("translation", 10), "terminal"), style="bold"), layout=False)
