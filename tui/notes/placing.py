"""Annotations placed on the articles as they are now.

Lists and exports must show every annotation, including those whose text is
gone, so each one is re-attached (:func:`tui.notes.anchor.reattach`) to the
current version of its article: an article already loaded by the caller with
the same content hash or path, else the file at the stored path, loaded once
however many annotations it has. A missing or unreadable file makes its
annotations orphaned with the reason, never drops them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.article import Article
from tui.notes.anchor import ORPHANED, Attachment, reattach
from tui.notes.model import Annotation, article_location

Loader = Callable[[Path], Article]


@dataclass(frozen=True, slots=True)
class Placed:
    annotation: Annotation
    article: Article | None
    """The article as loaded now; ``None`` when it could not be loaded."""
    attachment: Attachment
    reason: str | None = None
    """Why the article could not be loaded (then ``attachment`` is orphaned)."""

    @property
    def status(self) -> str:
        return self.attachment.status

    @property
    def paragraph_text(self) -> str | None:
        """The current text of the paragraph the annotation attaches to."""
        if self.article is None or self.attachment.paragraph is None:
            return None
        return self.article.paragraphs[self.attachment.paragraph].text

    @property
    def current_quote(self) -> str | None:
        """The text the annotation covers now (``None`` when orphaned)."""
        text = self.paragraph_text
        if text is None:
            return None
        if self.attachment.start is None or self.attachment.end is None:
            return text
        return text[self.attachment.start : self.attachment.end]


def default_loader(path: Path) -> Article:
    from tui.loading import load_article

    return load_article(path)


def place_all(
    annotations: Sequence[Annotation],
    *,
    articles: Iterable[Article] = (),
    load: Loader | None = None,
) -> list[Placed]:
    """Each annotation with its current attachment, in the order given."""
    by_hash: dict[str, Article] = {}
    by_path: dict[str, Article] = {}
    for article in articles:
        if article.ok:
            by_hash.setdefault(article.content_hash, article)
            by_path.setdefault(article_location(article), article)
    loader = load or default_loader
    loaded: dict[str, Article] = {}
    placed: list[Placed] = []
    for annotation in annotations:
        found = by_hash.get(annotation.article_hash) or by_path.get(annotation.article_path)
        if found is not None:
            article = found
        else:
            if annotation.article_path not in loaded:
                loaded[annotation.article_path] = loader(Path(annotation.article_path))
            article = loaded[annotation.article_path]
        if not article.ok:
            placed.append(Placed(annotation, None, ORPHANED, article.error))
            continue
        placed.append(Placed(annotation, article, reattach(annotation, article)))
    return placed
