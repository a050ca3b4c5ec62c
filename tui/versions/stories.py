"""Stories: articles about one event grouped together, and what each pair is.

Every candidate pair of articles is aligned (:func:`tui.versions.align.align`) and given
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

Only candidate pairs are aligned (:mod:`tui.versions.candidates`: near
neighbours of language-centred article vectors and articles sharing rare
specific facts), so grouping grows with the number of articles, not with the
pairs: 5,000 articles group in about a minute on 2 cores
(``bench/stories_scale.py``).

A **story** is one report and its versions, formed by **average linkage**,
not by chaining, in two passes. Pairs are tried strongest first, and two
groups merge only when the mean strength over *every* pair across them
reaches :data:`MERGE_MEAN` (pairs not aligned yet are aligned then); one
stray link between two stories of five versions weighs 1/25 of the evidence
and merges nothing.

1. *Reports*: the strength of a pair is 1 for a translation, else 0, so the
   translations of one text come together first.
2. *Lone reports*: same-event reports count too (:func:`strength`: the score),
   so another outlet's report that has no translation of its own joins the
   story it matches as a whole (003 beside 000 and 002 on the seeds) — but
   two groups that each hold a translated report never merge. Those are two
   reports of one event with their own versions, two events in the
   development set (NTREX: Euronews' and Reuters' reports of the Sulawesi
   earthquake, each in seven languages), and they are listed as related
   stories instead.

A story's members are the versions the reader's ``]``/``[`` step through.

**Related stories** are listed, never merged, and only on specific shared
evidence, the :data:`MAX_RELATED` strongest, each with the facts it shares
(:attr:`Story.shared_facts`):

* shared facts: full dates, telling figures, and long names that a story's
  versions write in two scripts (Tumangang / تومانغانغ, so not a German noun
  or an Arabic word). Each fact counts less the more stories state it; at
  least :data:`RELATED_FACTS` of them with :data:`RELATED_STRENGTH` summed
  weight;
* other reports of the same event: at least :data:`EVENT_PAIRS` same-event
  pairs across the two stories whose linked paragraphs state the same facts
  ("384", "Sulawesi" for the earthquake reports).

On NTREX (20 events × 5 languages) the median story has no related story;
the three earthquake reports relate to each other, US-politics stories
through "Kavanaugh", "Democrats", "Washington".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from tui.versions.align import Alignment, align
from tui.versions.candidates import SPECIFIC_FACT, SPECIFIC_NAME, CandidateIndex, candidate_pairs
from tui.versions.signals import ArticleSignals
from tui.versions.similarity import same_topic

Relation = Literal["translation", "same_event", "related", "unrelated"]
SAME_EVENT_EVIDENCE = 1.5
VERSION_RELATIONS = frozenset({"translation", "same_event"})
MERGE_MEAN = 0.5
"""Average :func:`strength` over all pairs across two groups needed to merge them."""
MAX_LINKAGE_PAIRS = 2500
RELATED_FACTS = 2
RELATED_STRENGTH = 1.2
"""Summed weight (after rarity) of the facts two stories share, to relate them."""
EVENT_PAIRS = 2
"""Same-event pairs across two stories (and pairs stating a shared fact) needed to relate them as reports of one event."""
MAX_RELATED = 3
MAX_FACTS_SHOWN = 5


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
    """Ids of the stories that share specific facts with this one, strongest first."""
    shared_facts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``(story id, the shared names, figures and dates)`` for each related story."""

    def record(self) -> dict[str, object]:
        return {
            "id": self.id,
            "members": list(self.members),
            "relations": [r.record() for r in self.relations],
            "related": list(self.related),
            "shared_facts": {sid: list(facts) for sid, facts in self.shared_facts},
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


def strength(rel: PairRelation) -> float:
    """How much a pair says that both articles are versions of one story (0..1)."""
    if rel.relation == "translation":
        return 1.0
    if rel.relation == "same_event":
        return rel.score
    return 0.0


def fact_label(key: tuple[str, object]) -> str:
    """A shared fact as a reader would say it: "73", "12%", "2023-10-05"."""
    kind, value = key
    return f"{value}%" if kind == "%" else str(value)


def _story_facts(
    signals: Sequence[ArticleSignals], group: Sequence[int], labels: dict[tuple[str, object], str]
) -> dict[tuple[str, object], float]:
    """The specific facts of a story with their weight: full dates and telling
    figures (:mod:`tui.versions.facts`), and long names that the story's
    versions write in at least two scripts (Tumangang / تومانغانغ — a name that
    survives translation, not a German noun or an Arabic word)."""
    from tui.versions.names import calendar_skeletons, is_name, matching_pairs, specificity

    months = calendar_skeletons()

    weights: dict[tuple[str, object], float] = {}
    scripts: dict[str, set[str]] = {}
    for i in group:
        sig = signals[i]
        for facts in sig.facts:
            for k, w in facts.items():
                if w >= SPECIFIC_FACT:
                    weights[k] = max(w, weights.get(k, 0.0))
        for names in sig.names:
            for script, key in names:
                if len(key) >= SPECIFIC_NAME and key not in months and is_name(script):
                    scripts.setdefault(key, set()).add(script)
                    word = sig.name_words.get(key)
                    if word and (("name", key) not in labels or (word.isascii() and not labels["name", key].isascii())):
                        labels["name", key] = word  # a Latin-script form when there is one
    keys = [(script, key) for key, seen in scripts.items() for script in seen]
    matched = matching_pairs(keys, keys)
    confirmed = {x[1] for x, y in matched if x[0] != y[0]}  # Selenskyj / Зеленський
    for x, y in matched:  # ديمقراطيين shown as the story's Latin-script Democrat
        shown, other = labels.get(("name", x[1])), labels.get(("name", y[1]))
        if shown and other and not shown.isascii() and other.isascii():
            labels["name", x[1]] = other
    for key in scripts:
        weights[("name", key)] = specificity(key) if key in confirmed else -specificity(key)
    return weights


def _same_fact(x: tuple[str, object], y: tuple[str, object]) -> bool:
    """Two keys for one fact: equal, or names whose skeletons match."""
    from tui.versions.names import skeletons_match

    if x[0] == y[0] == "name":
        return skeletons_match(str(x[1]), str(y[1]))
    return x == y


def _rarity(stories_with_key: int, stories: int) -> float:
    """1 for a fact two stories share, less the more stories state it (IDF-like)."""
    if stories_with_key <= 2 or stories <= 2:
        return 1.0
    return max(0.0, min(1.0, math.log(stories / stories_with_key) / math.log(stories / 2)))


def group_stories(
    signals: Sequence[ArticleSignals],
    *,
    on_progress: Callable[[str, int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[list[Story], list[PairRelation]]:
    """Stories of a collection (in the order their first member was given) and
    the relation of every pair that was compared (:mod:`tui.versions.candidates`)."""
    stop = should_stop or (lambda: False)
    pairs = candidate_pairs(signals)
    relations: dict[tuple[int, int], PairRelation] = {}
    for done, (i, j) in enumerate(pairs):
        if stop():
            break
        relations[i, j] = relate(signals[i], signals[j])
        if on_progress is not None and (done % 25 == 24 or done + 1 == len(pairs)):
            on_progress("grouping", done + 1, len(pairs))
    return stories_from(signals, relations, stop)


class StoryGrouper:
    """A collection grouped as its articles arrive (incremental).

    :meth:`add` compares a new article with the candidate index only (its
    near neighbours and the articles sharing its rare facts) and aligns those
    pairs; :meth:`stories` forms the stories from every pair aligned so far
    (the linkage itself aligns a few more pairs when it needs them). The
    language means that centre article vectors are running means here, so
    the first few articles of a language find fewer neighbours than the bulk
    :func:`group_stories`, which knows the whole collection first.
    """

    def __init__(self) -> None:
        self.signals: list[ArticleSignals] = []
        self.index = CandidateIndex()
        self.relations: dict[tuple[int, int], PairRelation] = {}

    def add(self, signals: ArticleSignals) -> list[PairRelation]:
        """Add an article; the relations found with earlier ones."""
        new = len(self.signals)
        self.signals.append(signals)
        found = []
        for i in sorted(self.index.add(signals)):
            self.relations[i, new] = relate(self.signals[i], signals)
            found.append(self.relations[i, new])
        return found

    def stories(self, should_stop: Callable[[], bool] | None = None) -> tuple[list[Story], list[PairRelation]]:
        return stories_from(self.signals, self.relations, should_stop or (lambda: False))


def stories_from(
    signals: Sequence[ArticleSignals], relations: dict[tuple[int, int], PairRelation], stop: Callable[[], bool]
) -> tuple[list[Story], list[PairRelation]]:
    """Stories from the pairs aligned so far (``relations`` gains the pairs the linkage aligns)."""
    ids = [s.article_id for s in signals]
    clusters = _average_linkage(signals, relations, stop)
    groups = sorted(clusters, key=lambda g: g[0])
    story_of = {i: n for n, group in enumerate(groups) for i in group}
    related = _related_stories(signals, relations, story_of, len(groups))
    within: dict[int, list[PairRelation]] = {}
    for (i, j), r in sorted(relations.items()):
        if story_of[i] == story_of[j] and r.relation in VERSION_RELATIONS:
            within.setdefault(story_of[i], []).append(r)
    stories = []
    for n, group in enumerate(groups):
        inside = tuple(within.get(n, ()))
        stories.append(
            Story(
                f"story-{n + 1}",
                tuple(ids[i] for i in group),
                inside,
                tuple(f"story-{other + 1}" for other, _ in related[n]),
                tuple((f"story-{other + 1}", facts) for other, facts in related[n]),
            )
        )
    return stories, [relations[p] for p in sorted(relations)]


def _average_linkage(
    signals: Sequence[ArticleSignals],
    relations: dict[tuple[int, int], PairRelation],
    stop: Callable[[], bool],
) -> list[list[int]]:
    """Clusters under average linkage, in two passes (see the module docstring).

    1. *Reports*: groups merge on translation evidence alone (a pair counts 1
       when it is a translation, else 0), so each group is one text and its
       versions.
    2. *Lone reports*: groups merge on :func:`strength` (same-event reports
       count too), but never two groups that both hold a translated report.

    In both, two groups merge when the mean over *every* pair across them
    reaches :data:`MERGE_MEAN` (a pair not compared yet is aligned now); edges
    are tried strongest first."""
    members: dict[int, list[int]] = {i: [i] for i in range(len(signals))}
    root = list(range(len(signals)))
    _merge_pass(signals, relations, stop, members, root, translation_strength, None)
    translated = {r for r, group in members.items() if len(group) > 1}
    _merge_pass(signals, relations, stop, members, root, strength, translated)
    return list(members.values())


def translation_strength(rel: PairRelation) -> float:
    """How much a pair says that both articles are versions of one text: 1 for a translation, else 0."""
    return 1.0 if rel.relation == "translation" else 0.0


def _merge_pass(
    signals: Sequence[ArticleSignals],
    relations: dict[tuple[int, int], PairRelation],
    stop: Callable[[], bool],
    members: dict[int, list[int]],
    root: list[int],
    weight: Callable[[PairRelation], float],
    translated: set[int] | None,
) -> None:
    """One average-linkage pass over the pairs with a positive ``weight``
    (``members`` and ``root`` are updated). With ``translated`` (the roots of
    groups holding a translated report), two such groups are never merged,
    and a group that takes one in is marked. Two groups are summed over once
    while neither changes, however many links join them."""
    edges = sorted(((weight(r), p) for p, r in relations.items() if weight(r) > 0), key=lambda e: (-e[0], e[1]))
    grown: dict[int, int] = {}  # root -> merges it has taken in during this pass
    failed: set[tuple[int, int, int, int]] = set()  # group pairs whose mean fell short, as they were then
    for _, (i, j) in edges:
        a, b = root[i], root[j]
        if a == b or (translated is not None and a in translated and b in translated):
            continue
        tried = (min(a, b), grown.get(min(a, b), 0), max(a, b), grown.get(max(a, b), 0))
        if tried in failed:
            continue  # another link between the same two groups: the mean over them is unchanged
        left, right = members[a], members[b]
        if len(left) * len(right) > MAX_LINKAGE_PAIRS:
            continue  # two large stories: never merged on a few links
        total = 0.0
        for x in left:
            for y in right:
                key = (min(x, y), max(x, y))
                rel = relations.get(key)
                if rel is None and not stop():
                    rel = relations[key] = relate(signals[key[0]], signals[key[1]])
                total += weight(rel) if rel is not None else 0.0
        if total / (len(left) * len(right)) >= MERGE_MEAN:
            merged = sorted(left + right)
            for x in right:
                root[x] = a
            members[a] = merged
            del members[b]
            grown[a] = grown.get(a, 0) + 1
            if translated is not None and b in translated:
                translated.discard(b)
                translated.add(a)
        else:
            failed.add(tried)


def _label_rank(word: str, language: str | None) -> int:
    """Which form of a name to show: an English article's first, then any Latin-script one."""
    return 0 if language == "en" else (1 if word.isascii() else 2)


FactWeights = dict[tuple[str, object], float]


def _linked_facts(
    rel: PairRelation, a: ArticleSignals, b: ArticleSignals, weights_a: FactWeights, weights_b: FactWeights
) -> list[tuple[tuple[str, object], str, int]]:
    """The facts the linked paragraphs of a same-event pair both state, each
    once: figures and dates (:data:`SPECIFIC_FACT` and above) and matching
    names — not a long one that neither story writes in two scripts (a German
    noun; ``weights_a``/``weights_b``: :func:`_story_facts` of the stories of
    ``a`` and ``b``). Each with a label and its :func:`_label_rank`."""
    from tui.versions.names import is_name, matching_pairs

    found: list[tuple[tuple[str, object], str, int]] = []
    for link in rel.alignment.links:
        for x in link.a:
            for y in link.b:
                for k in sorted(a.facts[x].keys() & b.facts[y].keys(), key=str):
                    if min(a.facts[x][k], b.facts[y][k]) >= SPECIFIC_FACT:
                        found.append((k, fact_label(k), 0))
                for (sa, ka), (sb, kb) in matching_pairs(a.names[x], b.names[y]):
                    if not (is_name(sa) and is_name(sb)):
                        continue  # a German noun, not a name (names.is_name)
                    if weights_a.get(("name", ka), 0.0) < 0 and weights_b.get(("name", kb), 0.0) < 0:
                        continue
                    forms = [(a.name_words.get(ka), a.language), (b.name_words.get(kb), b.language)]
                    shown = sorted((_label_rank(w, lang), w) for w, lang in forms if w) or [(2, ka)]
                    found.append((("name", ka), shown[0][1], shown[0][0]))
    once: list[tuple[tuple[str, object], str, int]] = []
    for key, label, rank in found:
        at = next((n for n, (other, _, _) in enumerate(once) if _same_fact(key, other)), None)
        if at is None:
            once.append((key, label, rank))
        elif rank < once[at][2]:
            once[at] = (once[at][0], label, rank)
    return once


def _event_facts(
    reports: Sequence[PairRelation], by_id: Mapping[str, ArticleSignals], weights: Mapping[str, FactWeights]
) -> list[tuple[tuple[str, object], str]]:
    """The facts (key, label) that the linked paragraphs of at least :data:`EVENT_PAIRS` of
    these same-event pairs state, most often stated first (``weights``: the
    :func:`_story_facts` of each article's story)."""
    told: list[tuple[tuple[str, object], int, str, int]] = []  # fact, pairs stating it, label, its rank
    for rel in reports:
        for key, label, rank in _linked_facts(rel, by_id[rel.a], by_id[rel.b], weights[rel.a], weights[rel.b]):
            at = next((k for k, (other, _, _, _) in enumerate(told) if _same_fact(key, other)), None)
            if at is None:
                told.append((key, 1, label, rank))
            else:
                old = told[at]
                told[at] = (old[0], old[1] + 1, *((label, rank) if rank < old[3] else (old[2], old[3])))
    return [(key, label) for key, n, label, _ in sorted(told, key=lambda t: (-t[1], t[2])) if n >= EVENT_PAIRS]


def _related_stories(
    signals: Sequence[ArticleSignals],
    relations: dict[tuple[int, int], PairRelation],
    story_of: dict[int, int],
    count: int,
) -> list[list[tuple[int, tuple[str, ...]]]]:
    """For each story, the other stories it relates to, at most
    :data:`MAX_RELATED`, strongest first, each with the facts it shares.

    Two stories are related when (1) they share specific facts: at least
    :data:`RELATED_FACTS` distinct names, figures or dates stated by a compared
    pair, with :data:`RELATED_STRENGTH` summed weight; or (2) they are other
    reports of one event: at least :data:`EVENT_PAIRS` pairs across them are
    ``same_event`` (one such pair is a stray link), their linked paragraphs
    stating the same facts (shown: those stated in at least two of the pairs).
    Strength: the facts' summed weight plus the same-event pairs' scores."""
    groups: dict[int, list[int]] = {}
    for i, n in story_of.items():
        groups.setdefault(n, []).append(i)
    labels: dict[tuple[str, object], str] = {}
    weights: dict[int, FactWeights] = {n: _story_facts(signals, group, labels) for n, group in groups.items()}
    spread: dict[tuple[str, object], int] = {}
    for story_weights in weights.values():
        for key in story_weights:
            spread[key] = spread.get(key, 0) + 1
    shared: dict[tuple[int, int], dict[tuple[str, object], tuple[float, str]]] = {}
    events: dict[tuple[int, int], list[PairRelation]] = {}
    for (i, j), rel in relations.items():
        si, sj = story_of[i], story_of[j]
        pair = (min(si, sj), max(si, sj))
        if si == sj or rel.relation == "unrelated":
            continue
        if rel.relation == "same_event":
            events.setdefault(pair, []).append(rel)
        if pair in shared:
            continue
        bucket = shared.setdefault(pair, {})
        wx, wy = weights[pair[0]], weights[pair[1]]
        for key in wx.keys() & wy.keys():
            if wx[key] < 0 and wy[key] < 0:
                continue  # a name neither story confirms in two scripts
            w = min(abs(wx[key]), abs(wy[key])) * _rarity(spread[key], count)
            if w > 0:
                bucket[key] = (w, labels.get(key) or fact_label(key))
    by_id = {s.article_id: s for s in signals}
    weights_of = {signals[i].article_id: weights[n] for i, n in story_of.items()}
    ranked: list[list[tuple[float, int, tuple[str, ...]]]] = [[] for _ in range(count)]
    for (x, y), facts in shared.items():
        kept: list[tuple[tuple[str, object], float, str]] = []
        for key, (w, label) in sorted(facts.items(), key=lambda f: (-f[1][0], f[1][1])):
            if not any(_same_fact(key, other) for other, _, _ in kept):  # Demokraten / Democrat: one fact
                kept.append((key, w, label))
        distinct = tuple(dict.fromkeys(label for _, _, label in kept))
        total = sum(w for _, w, _ in kept)
        by_facts = len(distinct) >= RELATED_FACTS and total >= RELATED_STRENGTH
        reports = events.get((x, y), [])
        confirmed = _event_facts(reports, by_id, weights_of) if len(reports) >= EVENT_PAIRS else []
        by_event = bool(confirmed)
        if not by_facts and not by_event:
            continue
        strength = (total if by_facts else 0.0) + (sum(r.score for r in reports) if by_event else 0.0)
        shown = list(confirmed)
        for key, _, label in kept if by_facts else ():
            if not any(_same_fact(key, other) for other, _ in shown):  # Singapore / Singapur: one fact
                shown.append((key, label))
        labels_shown = tuple(dict.fromkeys(label for _, label in shown))[:MAX_FACTS_SHOWN]
        ranked[x].append((strength, y, labels_shown))
        ranked[y].append((strength, x, labels_shown))
    return [
        [(other, facts) for _, other, facts in sorted(r, key=lambda t: (-t[0], t[1]))[:MAX_RELATED]] for r in ranked
    ]
