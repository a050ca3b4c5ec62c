"""The reader's versions: the grouping worker, the strip, ``]``/``[`` targets, the stack's entries.

Once every article is read, a thread worker groups the collection into stories
(:mod:`tui.versions`): first with the paragraph embeddings already cached
(seconds), then, unless ``TANDEM_EMBEDDINGS`` says otherwise, computing the
missing ones (tens of paragraphs a second) and regrouping. The reader stays
usable throughout. :class:`Versions` owns the index the worker built and the
reader's jump history; the worker posts :class:`Versions.Built` and
:class:`Versions.Progress` (coalesced).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.article import Article, ArticleMeta
from tui.claims.model import Claim
from tui.collection import ArticleCollection
from tui.translated import ArticleTranslation

if TYPE_CHECKING:  # the grouping code loads with its worker, after the first paint
    from tui.versions.corpus import Counterpart, VersionsIndex
    from tui.versions.corroboration import Corroboration


def embeddings_mode() -> Literal["compute", "cached", "none"]:
    """``compute`` (default), ``cached`` or ``none``, from ``$TANDEM_EMBEDDINGS``."""
    mode = os.environ.get("TANDEM_EMBEDDINGS", "compute")
    if mode == "cached":
        return "cached"
    return "none" if mode == "none" else "compute"


def source_label(meta: ArticleMeta | None) -> str:
    """Outlet and publication day, compact, for the strip and the stack ("" when unknown)."""
    if meta is None:
        return ""
    from tui.ui.display import one_line

    site = one_line(meta.site, SITE_CELLS) if meta.site else ""
    return " ".join(part for part in (site, (meta.date or "")[:10]) if part)


SITE_CELLS = 14
"""Cells an outlet's name may take in a strip entry."""


def confidence_mark(score: float) -> str:
    """● sure, ◐ confident, ○ weak: the bars of :mod:`tui.versions.align` (imported
    here, not at start-up: the aligner's modules are not needed for the first paint)."""
    from tui.versions.align import CONFIDENT_LINK, SURE_LINK

    if score >= SURE_LINK:
        return "●"
    if score >= CONFIDENT_LINK:
        return "◐"
    if score > 0:
        return "○"
    return "·"


@dataclass(frozen=True, slots=True)
class Place:
    """A paragraph of an article of the collection."""

    article: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class StackEntry:
    """One block of the stack view: an article's paragraphs and how they are linked."""

    article: int
    paragraphs: tuple[int, ...]
    part: Counterpart | None
    """``None`` for the paragraph the reader is on."""


class Versions(Widget):
    """Invisible: the versions index of the collection and the jump history."""

    DEFAULT_CSS = "Versions { display: none; }"

    @dataclass
    class Built(Message):
        """From the worker: a (new) index of the collection's versions."""

        index: VersionsIndex

    @dataclass
    class Progress(Message):
        """From the worker: ``stage`` (reading, embedding, grouping) ``done`` of ``total`` (coalesced)."""

        stage: str
        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Versions.Progress)

    @dataclass
    class Go(Message):
        """Show ``to`` (a version jump, or back); highlight ``rows`` there as the counterpart."""

        to: Place
        rows: frozenset[int]

    class Settled(Message):
        """The first grouping is done, or there is none to do."""

    def __init__(self, collection: ArticleCollection) -> None:
        super().__init__()
        self._collection = collection
        self._index: VersionsIndex | None = None
        self._note = ""
        self._jumps: list[Place] = []
        self._cycle: tuple[Place, Place] | None = None
        """Where the current round of ``]``/``[`` started, and where it is now."""

    # -- building ------------------------------------------------------------

    def start(self) -> None:
        from tui.versions.pipeline import compared

        articles = [article for article in self._collection.readable() if compared(article)]
        if len(articles) < 2:
            # One article has no other versions (and embedding a long one would
            # only compete with reading it).
            self._note = "versions: one article, nothing to compare"
            self.post_message(self.Settled())
            return
        self._group(articles, embeddings_mode())

    @work(thread=True, exclusive=True, group="versions", description="group articles into stories")
    def _group(self, articles: list[Article], mode: Literal["compute", "cached", "none"]) -> None:
        """The same pipeline as ``tandem stories`` (:func:`tui.versions.pipeline.versions_indexes`):
        first with cached embeddings, then (``compute``) with the missing ones computed."""
        from tui.versions.pipeline import versions_indexes

        worker = get_current_worker()

        def progress(stage: str, done: int, total: int) -> None:
            self.post_message(self.Progress(stage, done, total))

        first = True
        # Publication dates from the articles' metadata order each story's versions.
        dates = {a.id: a.meta.date for a in articles if a.meta is not None and a.meta.date}
        for index in versions_indexes(
            articles, embeddings=mode, on_progress=progress, should_stop=lambda: worker.is_cancelled, dates=dates
        ):
            self.post_message(self.Built(index))
            if first:
                self.post_message(self.Settled())
                first = False
        if first:  # stopped before the first index
            self.post_message(self.Settled())

    @on(Built)
    def _built(self, event: Built) -> None:
        self._index = event.index
        self._note = ""

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self._note = f"versions: {event.stage} {event.done}/{event.total}" if event.done < event.total else ""

    # -- asking -------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._index is not None

    def human_translations(self, index: int, target: str) -> list[ArticleTranslation]:
        """Versions of article ``index`` written in ``target`` and aligned with it
        as translations, as translations of it (:func:`tui.versions.human.human_translations`)."""
        article = self._collection[index]
        if self._index is None or article is None or not article.ok:
            return []
        from tui.versions.human import human_translations

        versions = {}
        for other in self._index.story_versions(article.id):
            found = self._collection.index_of(other)
            version = self._collection[found] if found is not None else None
            if version is not None:
                versions[other] = version
        return human_translations(self._index, article, versions, target)

    def corroboration(self, claim: Claim) -> Corroboration | None:
        return self._index.claim_corroboration(claim) if self._index is not None else None

    def strip(self, here: Place | None) -> Text:
        """The versions strip for the paragraph the reader is on."""
        text = Text(no_wrap=True, overflow="ellipsis")
        article = self._collection[here.article] if here is not None else None
        if self._index is None or here is None or article is None or not article.ok:
            text.append(self._note or "versions: …", style="dim")
            return text
        from tui.versions.pipeline import MAX_PARAGRAPHS_COMPARED, compared

        if not compared(article):
            text.append(
                f"versions: not compared with other articles ({len(article.paragraphs):,} paragraphs;"
                f" stories compare articles of up to {MAX_PARAGRAPHS_COMPARED:,})",
                style="dim",
            )
            return text
        language_of = self._collection.language_of
        others = self._index.counterparts(article.id, here.paragraph)
        related = self._index.related_articles(article.id)
        if not others:
            text.append("no other version of this story", style="dim")
        else:
            text.append("versions ", style="bold")
            dated = self._dated(self._index.story_versions(article.id))
            if dated:
                # Who reported it first: every version in publication order,
                # this one in its place ("[" goes left of it, "]" right).
                text.append("by date", style="dim")
                position = {version: n for n, version in enumerate(dated)}
                others = sorted(others, key=lambda part: position.get(part.article, len(dated)))
            here_shown = not dated
            for part in others:
                if not here_shown and position.get(part.article, 0) > position[article.id]:
                    text.append(" │ ", style="dim")
                    text.append(f"▸ this {source_label(article.meta)}", style="reverse")
                    here_shown = True
                text.append(" │ ", style="dim")
                label = f"{language_of(part.article)} {self._collection.name_of(part.article)}"
                source = source_label(self._meta(part.article))
                if source:
                    label += f" {source}"
                if part.paragraphs and part.exact:
                    text.append(f"{confidence_mark(part.score)} {label} ¶{part.paragraphs[0] + 1}", style="bold")
                elif part.paragraphs:
                    text.append(f"~ {label} near ¶{part.paragraphs[0] + 1}", style="italic")
                else:
                    text.append(f"· {label} —", style="dim")
                text.append(f" {'translation' if part.relation == 'translation' else 'same event'}", style="dim")
            if not here_shown:
                text.append(" │ ", style="dim")
                text.append(f"▸ this {source_label(article.meta)}", style="reverse")
        if related:
            text.append(" │ related: ", style="dim")
            text.append(", ".join(f"{language_of(r)} {self._collection.name_of(r)}" for r in related), style="dim")
        if self._note:
            text.append(f" │ {self._note}", style="dim italic")
        return text

    def _meta(self, article_id: str) -> ArticleMeta | None:
        index = self._collection.index_of(article_id)
        return self._collection.meta(index) if index is not None else None

    def _dated(self, versions: list[str]) -> list[str]:
        """``versions`` when every one has a publication date (then the index
        orders them by it: :func:`tui.versions.corpus.version_order`), else []."""
        metas = [self._meta(v) for v in versions]
        return versions if all(m is not None and m.date for m in metas) else []

    def jump(self, here: Place, step: int) -> None:
        """``]`` (``step`` 1) or ``[`` (-1): the same paragraph in the next or
        previous version of the story, in the strip's one stable order
        (:meth:`VersionsIndex.story_versions`). Posts :class:`Go`, or says why not.

        Going on from where the last ``]``/``[`` landed keeps the paragraph it
        started from as the one to find, so ``[`` after ``]``, or all the way
        round, comes back to that very paragraph (links between two other
        versions are not followed: each step looks up the starting one's)."""
        if self._index is None:
            self.notify("Versions are still being worked out…", timeout=2)
            return
        origin = self._cycle[0] if self._cycle is not None and self._cycle[1] == here else here
        source = self._collection[origin.article]
        if source is None or not source.ok:
            return
        links = {c.article: c for c in self._index.counterparts(source.id, origin.paragraph) if c.paragraphs}
        if not links:
            self.notify("No other version says this paragraph", timeout=3)
            return
        versions = self._index.story_versions(source.id)
        current = self._collection[here.article]
        at = versions.index(current.id) if current is not None and current.id in versions else 0
        for k in range(1, len(versions) + 1):
            version = versions[(at + step * k) % len(versions)]
            if version == source.id:
                to, rows = origin, frozenset[int]()
                break
            link = links.get(version)
            index = self._collection.index_of(version)
            if link is not None and index is not None:
                to = Place(index, link.paragraphs[0])
                rows = frozenset(link.paragraphs) if link.exact else frozenset()
                if not link.exact:
                    self.notify("No exact counterpart: nearest linked paragraph shown", timeout=3)
                break
        else:
            return
        self._jumps.append(here)
        self._cycle = (origin, to)
        self.post_message(self.Go(to, rows))

    def back(self) -> None:
        """Backspace: back to where the last jump came from (posts :class:`Go`)."""
        if not self._jumps:
            self.notify("Nothing to go back to", timeout=2)
            return
        self.post_message(self.Go(self._jumps.pop(), frozenset()))

    def show_stack(self, here: Place, translation: Callable[[int], ArticleTranslation | None], bidi: str) -> None:
        """The stack view: this paragraph in every version, each with the translation shown for it."""
        from tui.ui.stack import StackBlock, StackScreen

        blocks = []
        for entry in self.stack(here):
            article = self._collection[entry.article]
            if article is not None:
                blocks.append(StackBlock(entry, article, translation(entry.article)))
        self.app.push_screen(StackScreen(blocks, bidi))

    def stack(self, here: Place) -> list[StackEntry]:
        """The paragraph the reader is on, then its counterpart in every version."""
        entries = [StackEntry(here.article, (here.paragraph,), None)]
        article = self._collection[here.article]
        if self._index is not None and article is not None and article.ok:
            for part in self._index.counterparts(article.id, here.paragraph):
                index = self._collection.index_of(part.article)
                if index is not None:
                    entries.append(StackEntry(index, part.paragraphs, part))
        return entries
