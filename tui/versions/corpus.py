"""A collection's versions as the reader navigates them: stories, links, corroboration.

Built from each article's :class:`~tui.versions.signals.ArticleSignals` in a
background worker (pure computation: no I/O here). Comparing every pair is
quadratic, so collections larger than :data:`MAX_ARTICLES` are not grouped
(the reader says so) — a pre-filter by shared facts would lift that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tui.article import Article
from tui.claims.model import Claim
from tui.versions.align import Alignment
from tui.versions.corroboration import Corroboration, corroborate, valued_claims
from tui.versions.signals import ArticleSignals
from tui.versions.stories import PairRelation, Story, group_stories

MAX_ARTICLES = 200


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Where a paragraph of one article is said in another version."""

    article: str
    relation: str
    """``translation`` or ``same_event`` (a version), or ``related``."""
    paragraphs: tuple[int, ...]
    """Linked paragraphs, best first; empty when this version has none."""
    exact: bool
    score: float
    """Confidence of the link (0 when there is none)."""


@dataclass
class VersionsIndex:
    """Stories, pairwise relations and corroborations of a collection."""

    stories: list[Story] = field(default_factory=list)
    relations: dict[frozenset[str], PairRelation] = field(default_factory=dict)
    corroboration: dict[tuple[str, int, int, int], Corroboration] = field(default_factory=dict)
    with_embeddings: bool = False

    def story_of(self, article: str) -> Story | None:
        for story in self.stories:
            if article in story.members:
                return story
        return None

    def related_articles(self, article: str) -> list[str]:
        """Articles related to ``article`` but in other stories."""
        out = []
        for pair, rel in self.relations.items():
            if article in pair and rel.relation == "related":
                out.extend(other for other in pair if other != article)
        return out

    def counterparts(self, article: str, paragraph: int) -> list[Counterpart]:
        """Every other version of ``article``'s story, in story order, with the
        paragraphs that say what ``paragraph`` says (empty when none)."""
        story = self.story_of(article)
        out: list[Counterpart] = []
        for other in story.members if story is not None else ():
            if other == article:
                continue
            rel = self.relations.get(frozenset((article, other)))
            if rel is None:
                continue
            out.append(_counterpart(rel, article, other, paragraph))
        return out

    def claim_corroboration(self, claim: Claim) -> Corroboration | None:
        return self.corroboration.get((claim.article, claim.paragraph, claim.start, claim.end))


def _counterpart(rel: PairRelation, article: str, other: str, paragraph: int) -> Counterpart:
    alignment: Alignment = rel.alignment
    side: Literal["a", "b"] = "a" if alignment.a == article else "b"
    found = alignment.counterparts(paragraph, side)
    if found:
        best = max(link.score for link in alignment.links_of(paragraph, side))
        return Counterpart(other, rel.relation, tuple(found), True, best)
    near, exact = alignment.counterpart(paragraph, side)
    if near is not None:
        return Counterpart(other, rel.relation, (near,), exact, 0.0)
    return Counterpart(other, rel.relation, (), False, 0.0)


def build_index(
    articles: Sequence[Article],
    signals: Sequence[ArticleSignals],
    claims: Mapping[str, Sequence[Claim]],
    english: Mapping[str, Mapping[int, str]],
) -> VersionsIndex:
    """Group ``articles`` into stories and corroborate their valued claims."""
    stories, pairs = group_stories(signals)
    relations = {frozenset((p.a, p.b)): p for p in pairs}
    alignments = [p.alignment for p in pairs if p.relation != "unrelated"]
    sets = [valued_claims(a, claims.get(a.id, ()), english.get(a.id, {})) for a in articles]
    index: dict[tuple[str, int, int, int], Corroboration] = {}
    for item in corroborate(sets, alignments):
        c = item.claim.claim
        index[(item.claim.article, c.paragraph, c.start, c.end)] = item
    with_vectors = all(s.embeddings is not None for s in signals) if signals else False
    return VersionsIndex(stories, relations, index, with_vectors)
