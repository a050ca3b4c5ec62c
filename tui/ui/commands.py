"""Command palette provider: the reader's actions and its articles, by name.

Article titles are untrusted: Textual's ``Matcher.highlight`` parses its
candidate as markup, so hits are built from plain ``Content`` here instead; the
help line is markup to Textual, so it is escaped.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from tui.keymap import display_keys


class ReaderCommands(Provider):
    """Offers every palette action of the keymap, plus 'Open: <article>'."""

    def _entries(self) -> list[tuple[str, str, object]]:
        from tui.ui.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return []
        from tui.ui.display import one_line

        entries: list[tuple[str, str, object]] = []
        for action in screen.actions:
            if action.palette:
                target = screen.view if action.scope == "view" else screen
                keys = f"keys: {display_keys(action.keys)}"
                entries.append((action.description, keys, partial(target.run_action, action.action)))
        for index, path in enumerate(screen.collection.paths):
            article = screen.collection[index]
            title = article.title if article is not None and article.ok else path.name
            entries.append(
                (
                    f"Open: {screen.collection.short_name(index)} · {one_line(title, 60, screen.bidi)}",
                    "article",
                    partial(screen.open_article, index),
                )
            )
        return entries

    async def discover(self) -> Hits:
        for text, help_text, callback in self._entries():
            yield DiscoveryHit(Content(text), callback, text=text, help=escape(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, callback in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, self._highlight(matcher, text), callback, text=text, help=escape(help_text))  # type: ignore[arg-type]

    @staticmethod
    def _highlight(matcher, text: str) -> Content:
        content = Content(text)
        _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
        return content
