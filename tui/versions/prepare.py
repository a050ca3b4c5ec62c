"""Gather an article's signals: languages, claims, English text, cached vectors.

The I/O edge of :mod:`tui.versions`: everything that reads caches, bundled
translations or runs a model is here, so the rest stays pure. The reader calls
:func:`prepare` from a background worker (``embeddings="compute"`` with a
``should_stop``) and gets signals without vectors (``"cached"``) at once.

English text comes from :func:`tui.translation.service.best_translation` (a
cached machine translation, else the bundled reference), or from
:func:`tui.reference.load_reference` when the service is absent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tui.article import Article
from tui.translation.plan import PIVOT
from tui.versions.embedding import EmbeddingStore, EmbeddingUnavailable, embed_paragraphs
from tui.versions.signals import ArticleSignals, build_signals

if TYPE_CHECKING:
    from tui.claims.model import Claim

EmbeddingMode = Literal["compute", "cached", "none"]


def english_texts(article: Article) -> dict[int, str]:
    """English translation of each paragraph that has one (machine or reference).

    English because it is the translation pivot (:data:`tui.translation.plan.PIVOT`):
    every language has a model into it, so every version can be compared in it."""
    translation = None
    try:
        from tui.translation.service import best_translation

        translation = best_translation(article, PIVOT)
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("tui.translation"):
            raise
    except Exception:  # noqa: BLE001 - a broken cache must not stop alignment
        translation = None
    if translation is None:
        from tui.reference import load_reference_or_reason

        translation, _ = load_reference_or_reason(article, PIVOT)
    if translation is None:
        return {}
    return {i: t.text for i, t in translation.paragraphs.items()}


def with_languages(article: Article) -> Article:
    """``article`` with detected languages, unless it already has them."""
    if not article.ok or article.language is not None:
        return article
    from tui.language import detect_languages

    return detect_languages(article)


def prepare(
    article: Article,
    *,
    embeddings: EmbeddingMode = "compute",
    store: EmbeddingStore | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
    english: dict[int, str] | None = None,
    claims: Sequence[Claim] | None = None,
) -> ArticleSignals:
    """Signals of ``article``. ``embeddings``: compute missing vectors, use only
    cached ones, or none. When the model cannot be loaded the signals simply
    have no vectors (alignment then rests on facts, names and English text).
    ``english`` and ``claims``, when the caller has them, are not computed again."""
    article = with_languages(article)
    if claims is None:
        from tui.claims.extract import extract_article_claims

        claims = extract_article_claims(article) if article.ok else []
    if english is None:
        english = english_texts(article) if article.ok else {}
    vectors = None
    if embeddings != "none" and article.paragraphs:
        try:
            vectors = embed_paragraphs(
                [p.text for p in article.paragraphs],
                store,
                should_stop=should_stop,
                progress=progress,
                compute=embeddings == "compute",
            )
        except EmbeddingUnavailable:
            vectors = None
    return build_signals(article, claims=claims, english=english, vectors=vectors)


def load_prepared(path: Path | str, **kwargs: object) -> tuple[Article, ArticleSignals]:
    """Load a file and prepare it (for the CLI, benches and tests)."""
    from tui.loading import load_article

    article = with_languages(load_article(Path(path)))
    return article, prepare(article, **kwargs)  # type: ignore[arg-type]
