"""Per-paragraph signals an alignment needs, computed once per article.

Everything expensive about comparing two articles is per paragraph and cached
or cheap to recompute: the embedding (model, cached by text hash), fact keys
(claims extractor), name skeletons (transliteration), English terms (from a
translation). :class:`ArticleSignals` holds them as plain data, so aligning two
articles (:mod:`tui.versions.align`) is pure arithmetic on these.

:func:`build_signals` is pure: it is given the claims, the English texts and
the vectors. Gathering those (language detection, translation lookup, the
embedding cache) is :mod:`tui.versions.prepare`'s job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.article import Article
from tui.claims.model import Claim
from tui.textnorm import normalise
from tui.versions.facts import FactKey, claim_facts
from tui.versions.lexical import terms
from tui.versions.names import is_name, name_forms

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, eq=False)
class ArticleSignals:
    """Signals of every paragraph of one article (index i = paragraph i)."""

    article_id: str
    language: str | None
    lengths: tuple[int, ...]
    """Characters of each normalised paragraph (Gale–Church length prior)."""
    words: tuple[int, ...]
    boilerplate: tuple[bool, ...]
    facts: tuple[Mapping[FactKey, float], ...]
    names: tuple[tuple[tuple[str, str], ...], ...]
    english: tuple[Counter[str] | None, ...]
    """Content-word counts of the English translation; ``None`` where there is none."""
    embeddings: np.ndarray | None = None
    """``(n, 384)`` float32, unit rows; rows of zeros where a vector is missing."""
    has_embedding: np.ndarray | None = None
    """``(n,)`` bool: which rows of :attr:`embeddings` are real."""
    name_words: Mapping[str, str] = field(default_factory=dict)
    """A word each name skeleton was read from ("Tumangang" for ``tmngng``), to say which names two articles share."""

    def __len__(self) -> int:
        return len(self.lengths)

    @property
    def embedded(self) -> int:
        """How many paragraphs have a vector."""
        return 0 if self.has_embedding is None else int(self.has_embedding.sum())


def build_signals(
    article: Article,
    *,
    claims: Sequence[Claim] = (),
    english: Mapping[int, str] | None = None,
    vectors: Sequence[np.ndarray | None] | None = None,
) -> ArticleSignals:
    """Signals of ``article`` from its claims, English texts by paragraph index and vectors.

    An English article is its own English translation when ``english`` is not given.
    """
    paragraphs = article.paragraphs
    if english is None and (article.language or "").startswith("en"):
        english = {p.index: p.text for p in paragraphs}
    english = english or {}
    by_paragraph: dict[int, list[Claim]] = {}
    for claim in claims:
        by_paragraph.setdefault(claim.paragraph, []).append(claim)
    texts = [normalise(p.text) for p in paragraphs]
    forms = [name_forms(t, article.language) for t in texts]
    embeddings = has = None
    if vectors is not None and any(v is not None for v in vectors):
        import numpy as np

        embeddings = np.zeros((len(paragraphs), 384), dtype=np.float32)
        has = np.zeros(len(paragraphs), dtype=bool)
        for i, vec in enumerate(vectors):
            if vec is not None and i < len(paragraphs):
                embeddings[i] = vec
                has[i] = True
    return ArticleSignals(
        article_id=article.id,
        language=article.language,
        lengths=tuple(len(t) for t in texts),
        words=tuple(len(t.split()) for t in texts),
        boilerplate=tuple(p.is_boilerplate for p in paragraphs),
        facts=tuple(claim_facts(by_paragraph.get(p.index, ())) for p in paragraphs),
        names=tuple(tuple(f) for f in forms),
        english=tuple(terms(english[p.index]) if english.get(p.index) else None for p in paragraphs),
        embeddings=embeddings,
        has_embedding=has,
        name_words={key: word for f in reversed(forms) for (script, key), word in f.items() if is_name(script)},
    )
