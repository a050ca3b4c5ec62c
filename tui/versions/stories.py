"""Stories: articles about one event grouped together, and what each pair is.

Every pair of articles is aligned (:func:`tui.versions.align.align`) and given
a relation:

* ``translation`` — versions of one text (the monotonic alignment covers most
  of both);
* ``same_event`` — another outlet's report of the same event: related links
  between paragraphs that share specific facts, at least
  :data:`SAME_EVENT_EVIDENCE` in summed link scores (two or three confident
  links: "73 wagons at Tumangang on 5 October 2023" in 000 and 003);
* ``related`` — the same topic (close article centroids) or a stray shared
  fact, but not the same event: 001 (containers of shells, per Seoul) and 004
  (a train to Khasan in November) beside the Tumangang report;
* ``unrelated``.

A **story** is a connected group under ``translation`` and ``same_event``:
its members are the versions the reader's ``]``/``[`` step through. Stories
linked by ``related`` pairs list each other as related, never as versions.

Costs: one alignment per pair, so O(k²) alignments for k articles — each a
few milliseconds for news-sized articles (fine for a folder of dozens; a
large collection would want a centroid pre-filter first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tui.versions.align import Alignment, align
from tui.versions.signals import ArticleSignals
from tui.versions.similarity import same_topic

Relation = Literal["translation", "same_event", "related", "unrelated"]
SAME_EVENT_EVIDENCE = 1.5
VERSION_RELATIONS = frozenset({"translation", "same_event"})


@dataclass(frozen=True)
class PairRelation:
    """What article ``b`` is to article ``a`` (symmetric), with the alignment behind it."""

    a: str
    b: str
    relation: Relation
    score: float
    """0..1: how sure (translation: mean link score × coverage; same event and
    related: summed link evidence and topic closeness, capped)."""
    alignment: Alignment

    def record(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "relation": self.relation,
            "score": round(self.score, 3),
            "links": len(self.alignment.links),
        }


@dataclass(frozen=True)
class Story:
    """One event: its versions, and the other stories it relates to."""

    id: str
    members: tuple[str, ...]
    relations: tuple[PairRelation, ...]
    """Pairs inside the story (their relation is translation or same_event)."""
    related: tuple[str, ...]
    """Ids of other stories with a ``related`` pair to this one."""

    def record(self) -> dict[str, object]:
        return {
            "id": self.id,
            "members": list(self.members),
            "relations": [r.record() for r in self.relations],
            "related": list(self.related),
        }


def relate(a: ArticleSignals, b: ArticleSignals) -> PairRelation:
    """Align two articles and name their relation."""
    alignment = align(a, b)
    if alignment.kind == "translation":
        mean = sum(link.score for link in alignment.links) / len(alignment.links)
        return PairRelation(a.article_id, b.article_id, "translation", mean * min(alignment.coverage), alignment)
    evidence = sum(link.score for link in alignment.links)
    if alignment.kind == "related" and evidence >= SAME_EVENT_EVIDENCE:
        score = min(1.0, evidence / (2 * SAME_EVENT_EVIDENCE))
        return PairRelation(a.article_id, b.article_id, "same_event", score, alignment)
    if alignment.kind == "related":
        topical, margin = same_topic(a, b)
        score = min(1.0, max(0.0, margin) * 10 + evidence / (2 * SAME_EVENT_EVIDENCE))
        return PairRelation(a.article_id, b.article_id, "related", max(score, 0.05), alignment)
    return PairRelation(a.article_id, b.article_id, "unrelated", 0.0, alignment)


def group_stories(signals: Sequence[ArticleSignals]) -> tuple[list[Story], list[PairRelation]]:
    """Stories of a collection (in the order their first member was given) and every pair's relation."""
    ids = [s.article_id for s in signals]
    parent = list(range(len(signals)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs: list[tuple[int, int, PairRelation]] = []
    for i in range(len(signals)):
        for j in range(i + 1, len(signals)):
            rel = relate(signals[i], signals[j])
            pairs.append((i, j, rel))
            if rel.relation in VERSION_RELATIONS:
                parent[find(j)] = find(i)
    roots: dict[int, list[int]] = {}
    for i in range(len(signals)):
        roots.setdefault(find(i), []).append(i)
    groups = sorted(roots.values(), key=lambda g: g[0])
    story_of = {i: f"story-{n + 1}" for n, group in enumerate(groups) for i in group}
    stories = []
    for n, group in enumerate(groups):
        sid = f"story-{n + 1}"
        inside = tuple(r for i, j, r in pairs if i in group and j in group and r.relation in VERSION_RELATIONS)
        related = sorted(
            {
                story_of[j if i in group else i]
                for i, j, r in pairs
                if r.relation == "related" and (i in group) != (j in group)
            },
            key=lambda s: int(s.split("-")[1]),
        )
        stories.append(Story(sid, tuple(ids[i] for i in group), inside, tuple(related)))
    return stories, [r for _, _, r in pairs]
