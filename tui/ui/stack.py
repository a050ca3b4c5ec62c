"""The stack view: the current paragraph and its counterparts in every version.

One block per version, one under another: a header (language, article,
paragraph, relation and link confidence), the original laid out like the
reading pane (right-to-left aware), and its translation below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.article import Article
from tui.inert import inert
from tui.translated import ArticleTranslation
from tui.ui.versions_column import StackEntry, source_label


@dataclass(frozen=True, slots=True)
class StackBlock:
    """What one block shows: an entry of the stack, its article and the translation shown for it."""

    entry: StackEntry
    article: Article
    translation: ArticleTranslation | None


class StackScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,s,q", "dismiss", "Close"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    DEFAULT_CSS = """
    StackScreen { align: center middle; }
    #stack-body {
        width: 96%;
        height: 94%;
        background: $surface;
        border: round $accent;
        padding: 0 1;
    }
    .stack-head { text-style: bold; background: $panel; margin-top: 1; }
    .stack-translation { color: $text-muted; }
    """

    def __init__(self, blocks: list[StackBlock], bidi: str) -> None:
        super().__init__()
        self._blocks = blocks
        self._bidi = bidi

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stack-body"):
            yield Static(Text("Where each version says this  (Esc closes)", style="bold"))
            for block in self._blocks:
                article, paragraphs, part = block.article, block.entry.paragraphs, block.entry.part
                where = ", ".join(f"¶{p + 1}" for p in paragraphs) or "—"
                head = f"{article.language or '??'} · {inert(article.id)} · {where}"
                source = source_label(article.meta)
                if source:
                    head += f" · {inert(source)}"
                if part is None:
                    head += " · you are here"
                else:
                    kind = "translation" if part.relation == "translation" else "same event"
                    head += f" · {kind}"
                    if part.paragraphs:
                        head += f" · link {part.score:.2f}" if part.exact else " · nearest (no exact link)"
                    else:
                        head += " · this paragraph has no counterpart there"
                yield Static(Text(head), classes="stack-head")
                for p in paragraphs:
                    if p >= len(article.paragraphs):
                        continue
                    paragraph = article.paragraphs[p]
                    yield StackText(inert(paragraph.text), paragraph.direction, self._bidi)
                    found = block.translation.get(p) if block.translation is not None else None
                    if found is not None:
                        yield StackText(inert(found.text), "ltr", "app", classes="stack-translation")

    def action_scroll(self, step: int) -> None:
        self.query_one("#stack-body", VerticalScroll).scroll_relative(y=step, animate=False)


class StackText(Static):
    """A paragraph laid out for its width, right-to-left aware (re-laid out on resize)."""

    def __init__(self, text: str, direction: str, bidi: str, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._text, self._direction, self._bidi = text, direction, bidi

    def on_resize(self) -> None:
        from tui.rtl import layout

        width = max(1, self.size.width)
        lines = layout(self._text, width, direction=self._direction, mode=self._bidi)  # type: ignore[arg-type]
        self.update(Text("\n".join(line.text for line in lines), no_wrap=True))
        self.styles.height = len(lines)
