"""The status line: where the reader is, and what is going on, in one line.

:func:`status_parts` builds the line from what each component reports (no
component's state is read here), so the status line says the same thing
whatever caused the update. Every part is made inert: names, notes and queries
come from files and the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tui.article import Article
from tui.claims.model import Claim
from tui.collection import ArticleCollection
from tui.inert import inert
from tui.ui.display import one_line

if TYPE_CHECKING:  # annotations load with the store, after the first paint
    from tui.notes.placing import Placed


@dataclass(frozen=True, slots=True)
class Where:
    """The reader's position and what is selected there."""

    article: int
    paragraph: int
    claim: Claim | None
    note: Placed | None
    search: tuple[str, int, int] | None
    """``(query, current match number, matches)`` while a search is active."""
    bidi: str


def status_parts(collection: ArticleCollection, where: Where) -> list[str]:
    total = len(collection)
    parts = [f"article {where.article + 1}/{total}"]
    if collection.loaded < total:
        parts.append(f"reading {collection.loaded}/{total} files")
    elif collection.languages_known < total:
        parts.append(f"languages {collection.languages_known}/{total}")
    article: Article | None = collection[where.article]
    if article is not None and article.ok and article.paragraphs:
        paragraph = article.paragraphs[min(where.paragraph, len(article.paragraphs) - 1)]
        parts.append(f"¶ {where.paragraph + 1}/{len(article.paragraphs)}")
        parts.append(paragraph.direction)
        if paragraph.boilerplate:
            parts.append(f"boilerplate: {paragraph.boilerplate}")
    if where.claim is not None:
        from tui.ui.claims_panel import describe

        parts.append(one_line("claim: " + describe(where.claim), 70, where.bidi))
    if where.note is not None:
        text = f"note: {where.note.annotation.label}"
        if where.note.annotation.note:
            text += f" “{one_line(where.note.annotation.note, 40, where.bidi)}”"
        if where.note.annotation.author:
            text += f" by {one_line(where.note.annotation.author, 20, where.bidi)}"
        parts.append(text)
    parts.append(f"bidi: {where.bidi}")
    if where.search is not None:
        query, number, matches = where.search
        shown = one_line(query, 30, where.bidi)  # an Arabic query reads right to left
        parts.append(f"/{shown}: {number}/{matches}" if matches else f"/{shown}: no match")
    if article is not None and article.notes:
        parts.append("; ".join(article.notes))
    return parts


class StatusLine(Static):
    """One line, cut with an ellipsis, never markup."""

    def say(self, message: str) -> None:
        # One line of a fixed size (tandem.tcss): the screen is not laid out
        # again for each message (the loader's progress is said per batch).
        self.update(Text(inert(message), no_wrap=True, overflow="ellipsis"), layout=False)
