"""A collection's versions as the reader navigates them: stories, links, corroboration.

Built from each article's :class:`~tui.versions.signals.ArticleSignals` in a
background worker (pure computation: no I/O here); :mod:`tui.versions.pipeline`
is the one way the reader and the CLI build it.

**One order of versions.** :meth:`VersionsIndex.story_versions` gives the
versions of an article's story in one stable order — by publication date
when every member has one (``dates`` given to :func:`build_index`; the loader
reads none yet), else by language code, then id — and
:meth:`VersionsIndex.counterparts` lists the other versions in that same
order, so the strip shows them in it and ``]``/``[`` cycle through every
version: ``]`` from the k-th version goes to the (k+1)-th, wrapping round,
``[`` back; going all the way round returns to the start.

Collections of any size are grouped: candidates come from
:mod:`tui.versions.candidates` (near neighbours and shared facts), so the cost
grows with the number of articles, not with the pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tui.article import Article
from tui.claims.model import Claim
from tui.versions.align import Alignment
from tui.versions.corroboration import Corroboration, corroborate, valued_claims
from tui.versions.signals import ArticleSignals
from tui.versions.stories import PairRelation, Story, group_stories


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
    languages: dict[str, str | None] = field(default_factory=dict)
    """Language of each grouped article."""
    order: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Story id -> its members in the stable order (see the module docstring)."""
    _story_of: dict[str, Story] = field(init=False, repr=False, compare=False, default_factory=dict)
    _by_id: dict[str, Story] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        # Looked up on every move of the reader (the versions strip): by key, not by scanning stories.
        for story in self.stories:
            self._by_id[story.id] = story
            for member in story.members:
                self._story_of.setdefault(member, story)

    def story_of(self, article: str) -> Story | None:
        return self._story_of.get(article)

    def story_versions(self, article: str) -> list[str]:
        """Every version of ``article``'s story (itself included) in the one
        stable order; ``[article]`` when it has no other version."""
        story = self.story_of(article)
        if story is None:
            return [article]
        return list(self.order.get(story.id, story.members))

    def next_version(self, article: str, step: int = 1) -> str:
        """The version ``step`` places after ``article`` in :meth:`story_versions`, wrapping round."""
        versions = self.story_versions(article)
        return versions[(versions.index(article) + step) % len(versions)]

    def related_articles(self, article: str) -> list[str]:
        """Articles of the stories related to ``article``'s (they share specific
        facts; strongest story first), never its own versions."""
        return [m for story, _ in self.related_stories(article) for m in self.order.get(story.id, story.members)]

    def related_stories(self, article: str) -> list[tuple[Story, tuple[str, ...]]]:
        """The stories related to ``article``'s, strongest first, each with the
        names, figures and dates both state (what the reader can show as why)."""
        story = self.story_of(article)
        if story is None:
            return []
        return [(self._by_id[sid], facts) for sid, facts in story.shared_facts if sid in self._by_id]

    def counterparts(self, article: str, paragraph: int) -> list[Counterpart]:
        """Every other version of ``article``'s story, from the next one in
        :meth:`story_versions` order round to the previous one, with the
        paragraphs that say what ``paragraph`` says (empty when none): ``]``
        takes the first, ``[`` the last."""
        versions = self.story_versions(article)
        k = versions.index(article)
        out: list[Counterpart] = []
        for other in versions[k + 1 :] + versions[:k]:  # the next version first
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
    *,
    on_progress: Callable[[str, int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    dates: Mapping[str, str] | None = None,
) -> VersionsIndex:
    """Group ``articles`` into stories and corroborate their valued claims.
    ``dates``: ISO publication date by article id, where known (orders versions)."""
    stories, pairs = group_stories(signals, on_progress=on_progress, should_stop=should_stop)
    relations = {frozenset((p.a, p.b)): p for p in pairs}
    alignments = [p.alignment for p in pairs if p.relation != "unrelated"]
    sets = [valued_claims(a, claims.get(a.id, ()), english.get(a.id, {})) for a in articles]
    index: dict[tuple[str, int, int, int], Corroboration] = {}
    for item in corroborate(sets, alignments):
        c = item.claim.claim
        index[(item.claim.article, c.paragraph, c.start, c.end)] = item
    with_vectors = all(s.embeddings is not None for s in signals) if signals else False
    languages = {s.article_id: s.language for s in signals}
    order = {story.id: version_order(story.members, languages, dates or {}) for story in stories}
    return VersionsIndex(stories, relations, index, with_vectors, languages, order)


def version_order(
    members: Sequence[str], languages: Mapping[str, str | None], dates: Mapping[str, str]
) -> tuple[str, ...]:
    """By publication date when every member has one, else by language, then id."""
    if members and all(dates.get(m) for m in members):
        return tuple(sorted(members, key=lambda m: (dates[m], languages.get(m) or "", m)))
    return tuple(sorted(members, key=lambda m: (languages.get(m) or "~", m)))
