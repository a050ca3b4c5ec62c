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
    """Keyboard-first list of the loaded articles."""

    def set_articles(self, prompts: list[Text]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(Option(prompt, id=str(i)) for i, prompt in enumerate(prompts))
        if prompts:
            self.highlighted = min(highlighted or 0, len(prompts) - 1)
