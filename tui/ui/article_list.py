"""The article list: language, title and paragraph count, one line each, with its filter.

:class:`ArticlePane` owns the filter query and lays out every line from the
session's :class:`~tui.collection.ArticleCollection`. It posts
:class:`ArticlePane.Highlighted` (the reader shows that article as the cursor
moves), :class:`ArticlePane.Chosen` (Enter) and :class:`ArticlePane.Done`
(Esc in the filter: give the keyboard back to the reader).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.article import Article
from tui.collection import ArticleCollection
from tui.ui.display import one_line
from tui.ui.line_editor import LineEditor

TITLE_CELLS = 23
"""Title cells that fit the list's 34 columns beside language and count."""


def article_prompt(name: str, article: Article | None, bidi: str, language_pending: bool) -> Text:
    """One list line. ``article`` is ``None`` while the file is still loading."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if article is None:
        text.append(" …  ", style="dim")
        text.append(one_line(name, TITLE_CELLS + 5, bidi), style="dim")
        return text
    if not article.ok:
        text.append(" ⚠  ", style="bold red")
        text.append(one_line(f"{name}: {article.error}", TITLE_CELLS + 5, bidi), style="red")
        return text
    if article.language:
        lang = article.language
    elif language_pending:
        lang = "…"
    else:
        lang = "??"
    text.append(f"{lang:>2} ", style="bold")
    text.append(f"{len(article.paragraphs):>3}¶ ", style="dim")
    text.append(one_line(article.title, TITLE_CELLS, bidi))
    for note in article.notes:
        # Caveats (bytes replaced, language unknown, long lines split) get a
        # line of their own so they are seen before the article is opened.
        text.append("\n")
        text.append(" ⓘ  ", style="yellow")
        text.append(one_line(note, TITLE_CELLS + 5, bidi), style="dim")
    return text


class ArticleList(OptionList):
    """Keyboard-first list of the articles (all, or those a filter keeps).

    Options are identified by article index, so a filtered list still maps
    back to the right article.
    """

    def set_articles(self, prompts: dict[int, Text], current: int | None = None) -> None:
        """Show ``prompts`` (article index -> line) in index order."""
        self.clear_options()
        self.add_options(Option(prompt, id=str(i)) for i, prompt in sorted(prompts.items()))
        if prompts:
            self.show_article(current if current in prompts else min(prompts))

    def article_at(self, option_index: int) -> int:
        return int(self.get_option_at_index(option_index).id or 0)

    def show_article(self, index: int) -> None:
        """Highlight article ``index`` if it is listed (without re-opening it)."""
        try:
            option_index = self.get_option_index(str(index))
        except Exception:  # OptionDoesNotExist: filtered out
            return
        if self.highlighted != option_index:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = option_index

    def update_article(self, index: int, prompt: Text) -> None:
        try:
            self.replace_option_prompt(str(index), prompt)
        except Exception:  # filtered out
            pass


class ListFilter(LineEditor):
    """The filter box: Esc clears it and gives the keyboard back.

    A :class:`~tui.ui.line_editor.LineEditor`: an Arabic or Persian title word
    is drawn shaped and right-to-left as it is typed.
    """

    BINDINGS = [Binding("escape", "done", "Clear filter", show=False)]

    class Done(Message):
        """Esc: the filter is cleared."""

    def submit(self) -> None:
        """Enter: the list takes the keyboard, now (the next key is for it)."""
        super().submit()
        self.screen.focus_next()

    def action_done(self) -> None:
        self.value = ""
        self.give_back_keyboard()
        self.post_message(self.Done())


class ArticlePane(Vertical):
    """The filter box above the list of articles."""

    @dataclass
    class Highlighted(Message):
        """The list's cursor is on article ``index``."""

        index: int

    @dataclass
    class Chosen(Message):
        """Enter on article ``index``."""

        index: int

    class Done(Message):
        """The pane gives the keyboard back to the reader."""

    def __init__(self, collection: ArticleCollection, bidi: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._collection = collection
        self._bidi = bidi
        self._query = ""
        self._current = -1

    def compose(self) -> ComposeResult:
        yield ListFilter(placeholder="filter: ar  title words", bidi=self._bidi, id="list-filter")
        yield Static(Text("no matches (Esc clears the filter)", style="dim italic"), id="list-empty")
        yield ArticleList(id="articles")

    @property
    def list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def prompt(self, index: int) -> Text:
        article = self._collection[index]
        name = self._collection.paths[index].name
        if article is None:
            return Text(f" …  {name}", style="dim", no_wrap=True, overflow="ellipsis")
        return article_prompt(name, article, self._bidi, self._collection.language_pending(index))

    def refresh_all(self) -> None:
        from tui.article_filter import matches

        query = self._query
        paths = self._collection.paths
        prompts = {
            i: self.prompt(i) for i in range(len(paths)) if not query or matches(query, paths[i], self._collection[i])
        }
        self.list.set_articles(prompts, self._current)
        self.query_one("#list-empty", Static).display = bool(query) and not prompts

    def refresh_item(self, index: int) -> None:
        self.list.update_article(index, self.prompt(index))

    def show_article(self, index: int) -> None:
        self._current = index
        self.list.show_article(index)

    def set_bidi(self, bidi: str) -> None:
        self._bidi = bidi
        self.query_one(ListFilter).set_bidi(bidi)
        self.refresh_all()

    def focus_filter(self) -> None:
        self.query_one(ListFilter).take_keyboard()

    @on(LineEditor.Changed, "#list-filter")
    def _filter_changed(self, event: LineEditor.Changed) -> None:
        event.stop()
        self._query = event.value.strip()
        self.refresh_all()

    @on(LineEditor.Submitted, "#list-filter")
    def _filter_submitted(self, event: LineEditor.Submitted) -> None:
        event.stop()
        self.list.focus()

    @on(ListFilter.Done)
    def _filter_done(self, event: ListFilter.Done) -> None:
        event.stop()
        self.post_message(self.Done())

    @on(OptionList.OptionHighlighted, "#articles")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        index = self.list.article_at(event.option_index)
        if index != self._current:
            self._current = index
            self.post_message(self.Highlighted(index))

    @on(OptionList.OptionSelected, "#articles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.list.article_at(event.option_index)))
