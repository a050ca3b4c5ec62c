"""The article list: language, title and paragraph count, one line each."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.article import Article
from tui.ui.display import one_line

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
